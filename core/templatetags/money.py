from django import template

from core.formatting import format_euro

register = template.Library()


@register.filter
def euro(value) -> str:
    """Format an amount the way the active language writes euros (1.234,56 € in German)."""
    return format_euro(value)
