"""Form rendering: Bootstrap classes and accessible error links for every form."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

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


class DateInput(forms.DateInput):
    """A native date picker that submits ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
