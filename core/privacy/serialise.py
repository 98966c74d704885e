"""One model row as plain JSON values, every stored field included (complete by default)."""

from django.contrib.auth import get_user_model
from django.db import models

from core.privacy.people import PeopleLabels


def record(obj: models.Model, people: PeopleLabels, *, exclude=()) -> dict:
    """The row's fields by name; people as labels, choices with their German label too."""
    user_model = get_user_model()
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation and field.related_model is user_model:
            value = people.label(value)
        elif isinstance(field, models.FileField):
            value = value.name or None
        elif field.choices and value not in (None, ""):
            data[f"{field.name}_label"] = str(dict(field.flatchoices).get(value, value))
        data[field.name] = value
    return data


def records(queryset, people: PeopleLabels, *, exclude=()) -> list[dict]:
    return [record(obj, people, exclude=exclude) for obj in queryset]


def field_labels(*model_classes) -> dict[str, dict[str, str]]:
    """The German name of every exported field, per model: the legend of the JSON file."""
    return {
        model._meta.label_lower: {
            field.name: str(field.verbose_name) for field in model._meta.concrete_fields
        }
        for model in model_classes
    }
