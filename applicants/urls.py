"""Portal URLs of the applicants app (namespace "portal", mounted under /portal/)."""

from django.urls import path

from applicants.views.delivery_consent import DeliveryConsentView
from applicants.views.invitation import InvitationAcceptView
from applicants.views.my_data import MyDataView
from applicants.views.organisation import (
    BankChangeDecisionView,
    InviteView,
    OrganisationEditView,
    OrganisationView,
    SwitchOrganisationView,
)
from applicants.views.registration import RegisterView

urlpatterns = [
    path("registrieren/", RegisterView.as_view(), name="register"),
    path("organisation/", OrganisationView.as_view(), name="organisation"),
    path("organisation/bearbeiten/", OrganisationEditView.as_view(), name="organisation_edit"),
    path("organisation/einladen/", InviteView.as_view(), name="invite"),
    path(
        "organisation/bekanntgabe-im-portal/",
        DeliveryConsentView.as_view(),
        name="delivery_consent",
    ),
    path(
        "organisation/bankverbindung/<int:pk>/bestaetigen/",
        BankChangeDecisionView.as_view(confirm=True),
        name="bank_change_confirm",
    ),
    path(
        "organisation/bankverbindung/<int:pk>/ablehnen/",
        BankChangeDecisionView.as_view(confirm=False),
        name="bank_change_reject",
    ),
    path("organisation/wechseln/", SwitchOrganisationView.as_view(), name="switch_organisation"),
    path("einladung/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
    path("meine-daten/", MyDataView.as_view(), name="my_data"),
]
