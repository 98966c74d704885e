"""Rows that are written once and never changed: corrections are new rows (DOMAIN.md rule 5)."""

from django.db import models


class AppendOnlyError(TypeError):
    """Someone tried to change or delete a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} sind unveränderlich.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} sind unveränderlich.")


class AppendOnlyModel(models.Model):
    """Refuses to save an existing row or to delete one, alone or through its queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name_plural} sind unveränderlich.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name_plural} sind unveränderlich.")
