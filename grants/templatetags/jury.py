"""The jury of a case for the staff pages (templates/workflow/_panel.html)."""

from django import template

from grants.selectors_panel import panel_overview

register = template.Library()


@register.simple_tag
def jury_of(application, user):
    """The case's jury as the user may see it, or None (grants.selectors_panel)."""
    return panel_overview(application, user)
