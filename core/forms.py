"""Form rendering (Bootstrap classes, accessible error links) and the fields that read
numbers and dates the way the active language writes them."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _

from core.dates import EARLIEST_DAY, LATEST_DAY, validate_day
from core.numbers import number_example, parse_decimal

CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_css_class(widget: forms.Widget) -> str:
    """The Bootstrap class that belongs to a widget."""
    if isinstance(widget, CHECK_WIDGETS):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class AccessibleBoundField(BoundField):
    """Adds Bootstrap's classes and the invalid state to every widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, (forms.HiddenInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return attrs
        classes = [attrs.get("class", ""), widget_css_class(widget)]
        if self.form.is_bound and self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(c for c in classes if c)
        return attrs


class BootstrapFormRenderer(TemplatesSetting):
    """The project's form renderer (settings.FORM_RENDERER)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    formset_template_name = "forms/formset.html"
    bound_field_class = AccessibleBoundField


class LocalizedDecimalField(forms.DecimalField):
    """A number typed the way the active language writes it (core.numbers): "1.234,56" in
    German, "1,234.56" in English; shown the same way (localize)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not isinstance(value, str):
            return super().to_python(value)
        if value.strip() in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except ValueError:
            raise ValidationError(
                _("Bitte geben Sie eine Zahl ein, zum Beispiel %(example)s.")
                % {"example": number_example()},
                code="invalid",
            ) from None


class DateInput(forms.DateInput):
    """A native date picker that submits ISO dates; a date field also reads the active
    language's DATE_INPUT_FORMATS (core/formats fills Arabic's)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BoundedDateField(forms.DateField):
    """A date that reaches money: a native date picker limited to the days core.dates allows,
    and the same bound checked on the server (validate_day)."""

    default_validators = [validate_day]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(min=EARLIEST_DAY.isoformat(), max=LATEST_DAY.isoformat())
        return attrs
