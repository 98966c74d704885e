"""URLs of the Änderungsantrag, for workflow/urls.py to include.

`change_portal_urls` belong in the portal's URL list (namespace "portal"); the staff site needs
the flow's viewset beside the other flows, as CHANGE_FLOW_VIEWSET says.
"""

from django.urls import path

from workflow.change.portal import ChangeRequestView

change_portal_urls = [
    path(
        "antraege/<int:pk>/aenderung/",
        ChangeRequestView.as_view(),
        name="change_request",
    ),
]

# In workflow/urls.py, staff_site's viewsets (with `from workflow.change.flow import ChangeFlow`):
CHANGE_FLOW_VIEWSET = 'FlowAppViewset(ChangeFlow, app_name="aenderungen", icon="edit_note")'
