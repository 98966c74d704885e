"""Filter fields for the short reference lists of the filter forms (programmes, calls, districts,
themes, funding sources): one query per field and request.

django-filter's ModelChoiceFilter reads its queryset once to render the choices and once more to
check the chosen value; on a list page that already needs its count and its rows, those reads
are most of the page's queries. These fields read the list once and serve both from it."""

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


class ListedChoiceIterator(ModelChoiceIterator):
    """The choices from the field's list, not from a fresh query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        extra = (self.field.empty_label is not None) + (self.field.null_label is not None)
        return len(self.field.listed()) + extra

    def __bool__(self):
        return len(self) > 0


class ListedModelChoiceField(ModelChoiceField):
    iterator = ListedChoiceIterator

    def listed(self) -> list:
        """The queryset's objects, read once; again only when the queryset was replaced."""
        cached = getattr(self, "_listed", None)
        if cached is None or cached[0] is not self.queryset:
            cached = self._listed = (self.queryset, list(self.queryset))
        return cached[1]

    def to_python(self, value):
        if self.null_label is not None and value == self.null_value:
            return value
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        try:
            value = field.to_python(value)
        except ValidationError:
            value = None
        for obj in self.listed():
            if getattr(obj, key) == value:
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter over a short list (see the module's docstring)."""

    field_class = ListedModelChoiceField
