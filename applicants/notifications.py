"""Mails to applicants about their organisation."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from applicants.models import BankAccountChange, Invitation, Membership
from core.languages import address_language, recipients_by_language

logger = logging.getLogger(__name__)


def send_invitation_mail(invitation: Invitation) -> None:
    """Tell the invited person how to join."""
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + reverse("portal:invitation_accept", args=[invitation.token]),
    }
    # The name is the applicant's input: a line break in it must not break the header.
    organisation = " ".join(invitation.organisation.name.split())
    # In the language of the person if they already have an account, else German.
    try:
        with translation.override(address_language(invitation.email)):
            subject = _("Einladung zu %(organisation)s in Fördertal") % {
                "organisation": organisation
            }
            message = render_to_string("applicants/mail/invitation.txt", context)
        send_mail(
            subject=subject, message=message, from_email=None, recipient_list=[invitation.email]
        )
    except (OSError, smtplib.SMTPException):
        # The invitation is saved and listed as open; the mail can be sent again.
        logger.exception("Einladungs-Mail an %s nicht versandt", invitation.email)


def send_bank_change_mail(change: BankAccountChange) -> None:
    """Tell the organisation's other administrators that a new account waits for them: if they
    did not expect it, the requester's login may be in the wrong hands."""
    emails = list(
        Membership.objects.filter(organisation=change.organisation_id, role=Membership.Role.ADMIN)
        .exclude(user=change.requested_by_id)
        .values_list("user__email", flat=True)
    )
    organisation = " ".join(change.organisation.name.split())
    context = {
        "change": change,
        "organisation": organisation,
        "link": settings.SITE_URL + reverse("portal:organisation"),
    }
    for language, recipients in recipients_by_language(emails).items():
        try:
            with translation.override(language):
                subject = _("Neue Bankverbindung für %(organisation)s bestätigen") % {
                    "organisation": organisation
                }
                message = render_to_string("applicants/mail/bank_change.txt", context)
            send_mail(subject=subject, message=message, from_email=None, recipient_list=recipients)
        except (OSError, smtplib.SMTPException):
            # The change waits on the organisation page whether or not the mail went out.
            logger.exception("Mail zur neuen Bankverbindung an %s nicht versandt", recipients)
