"""Grants and people at a given time in the past, for the data protection tests."""

import itertools
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.utils import timezone

from budgeting.models import GrantSettlement, LedgerEntry, LedgerEntryKind, PaymentRequest
from core.audit import audit_record
from grants.models import ApplicationStatus, Attachment, Decision, Notice
from tests.budgeting.factories import BudgetLineFactory
from tests.factories import PDF_BYTES, ApplicationFactory, MembershipFactory, UserFactory

REFERENCES = itertools.count(1)


@contextmanager
def at(moment):
    """Everything stamped with the current time (auto_now_add) gets `moment` instead."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def years_ago(years: int):
    return timezone.now() - relativedelta(years=years)


def attach(application, user, name="Satzung.pdf"):
    return Attachment.objects.create(
        application=application,
        file=ContentFile(PDF_BYTES, name="upload.pdf"),
        original_name=name,
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=user,
    )


def closed_grant(*, applicant, organisation, clerk, title="Sprachcafé"):
    """A grant approved, paid, settled and closed now (wrap in `at` for another time)."""
    reference = f"ZI-{timezone.now().year}-{next(REFERENCES):04d}"
    application = ApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        submitted_by=applicant,
        title=title,
        reference=reference,
        status=ApplicationStatus.CLOSED,
        submitted_at=timezone.now(),
    )
    line = BudgetLineFactory(programme=application.call.programme, year=timezone.now().year)
    attach(application, applicant)
    Decision.objects.create(
        application=application, outcome="approved", approved_amount="8000.00", decided_by=clerk
    )
    Notice.objects.create(
        application=application,
        kind="approval",
        version=1,
        file=ContentFile(PDF_BYTES, name="notice.pdf"),
        issued_by=clerk,
    )
    request = PaymentRequest.objects.create(
        application=application,
        amount=Decimal("7000.00"),
        needed_within_two_months=True,
        requested_by=applicant,
        status="released",
    )
    for kind, amount in [
        (LedgerEntryKind.COMMITMENT, "8000.00"),
        (LedgerEntryKind.PAYOUT, "7000.00"),
        (LedgerEntryKind.RELEASE, "1000.00"),
    ]:
        LedgerEntry.objects.create(
            budget_line=line,
            application=application,
            kind=kind,
            amount=Decimal(amount),
            booked_by=clerk,
            payment_request=request if kind == LedgerEntryKind.PAYOUT else None,
        )
    GrantSettlement.objects.create(
        application=application,
        approved=Decimal("8000.00"),
        final_grant=Decimal("7000.00"),
        paid=Decimal("7000.00"),
        refund=Decimal("0.00"),
        remaining_payable=Decimal("0.00"),
        steps=[],
        settled_by=clerk,
    )
    audit_record(actor=applicant, action="grants.application.submitted", obj=application)
    audit_record(actor=clerk, action="grants.application.closed", obj=application)
    return application


def person_with_grant_settled(years: int, **names):
    """An applicant of an organisation whose only grant was settled `years` ago, and last
    logged in then; the clerk who worked on it."""
    with at(years_ago(years)):
        applicant = UserFactory(phone="0202 123456", **names)
        applicant.last_login = timezone.now()
        applicant.save()
        membership = MembershipFactory(user=applicant, role="admin")
        organisation = membership.organisation
        organisation.contact_name = applicant.get_full_name()
        organisation.contact_email = applicant.email
        organisation.save()
        clerk = UserFactory(is_staff=True, last_login=timezone.now())
        application = closed_grant(applicant=applicant, organisation=organisation, clerk=clerk)
    return applicant, organisation, application
