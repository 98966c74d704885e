"""The organisation's consent to receive notices for retrieval in the portal (§ 41 Abs. 2a
VwVfG): given or withdrawn by an administrator of the organisation, audited. Notices issued
while it stands are provided in the portal; without it they are posted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Organisation
from applicants.permissions import can_manage_organisation
from core.audit import audit_record
from core.errors import NotAllowed


@transaction.atomic
def organisation_delivery_consent_set(
    *, organisation: Organisation, user, consent: bool
) -> Organisation:
    """Give (`consent`) or withdraw the consent; a repeat of the current state changes nothing."""
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(
            _(
                "Nur die Verwaltung der Organisation darf über die Bekanntgabe im Portal "
                "entscheiden."
            )
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = organisation.portal_delivery_consent_at
    if consent == (before is not None):
        return organisation
    organisation.portal_delivery_consent_at = timezone.now() if consent else None
    organisation.save(update_fields=["portal_delivery_consent_at"])
    audit_record(
        actor=user,
        action=(
            "applicants.organisation.delivery_consent_given"
            if consent
            else "applicants.organisation.delivery_consent_withdrawn"
        ),
        obj=organisation,
        before={"portal_delivery_consent_at": before},
        after={"portal_delivery_consent_at": organisation.portal_delivery_consent_at},
    )
    return organisation
