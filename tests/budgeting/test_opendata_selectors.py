"""Which grants are published, and the figures read with them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from budgeting.opendata.selectors import published_grant_filter, published_grants, published_totals
from core.audit import audit_record
from grants.models import ApplicationStatus, ChangeRequest, ChangeRequestStatus, DecisionOutcome
from tests.budgeting.opendata_factories import grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def references(queryset) -> set[str]:
    return {application.reference for application in queryset}


def test_grants_without_publication_consent_are_not_published():
    published = grant(consent=True)
    grant(consent=False)
    assert references(published_grants()) == {published.reference}


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVISION_REQUESTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.AWAITING_DECISION,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.REVOKED,
    ],
)
def test_drafts_undecided_rejected_withdrawn_and_revoked_are_never_published(status):
    outcome = DecisionOutcome.REJECTED if status == ApplicationStatus.REJECTED else "approved"
    grant(status=status, consent=True, outcome=outcome)
    assert not published_grants().exists()


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.APPROVED,
        ApplicationStatus.FINAL,
        ApplicationStatus.SETTLED,
        ApplicationStatus.CLOSED,
    ],
)
def test_approved_grants_are_published_in_every_later_status(status):
    assert published_grants().count() == 0
    grant(status=status)
    assert published_grants().count() == 1


def test_a_revoked_grant_stays_unpublished_after_its_refund_closed_the_case():
    revoked = grant(status=ApplicationStatus.CLOSED)
    audit_record(actor=None, action="grants.application.revoked", obj=revoked)
    kept = grant(status=ApplicationStatus.CLOSED)
    assert references(published_grants()) == {kept.reference}


def test_awarded_is_the_decision_or_the_latest_approved_change_of_amount():
    partial = grant(outcome=DecisionOutcome.PARTIAL, approved="6500.00")
    changed = grant(approved="8000.00")
    user = UserFactory()
    for amount, status, day in (
        ("9000.00", ChangeRequestStatus.APPROVED, 1),
        ("7500.00", ChangeRequestStatus.APPROVED, 5),
        ("9999.00", ChangeRequestStatus.REJECTED, 9),
    ):
        ChangeRequest.objects.create(
            application=changed,
            requested_by=user,
            reason="Mehr Teilnehmende",
            new_amount=Decimal(amount),
            status=status,
            decided_at=timezone.make_aware(datetime.datetime(2026, 6, day)),
        )
    awarded = {a.reference: a.awarded for a in published_grants()}
    assert awarded == {partial.reference: Decimal("6500.00"), changed.reference: Decimal("7500.00")}


def test_paid_and_refunded_come_from_the_ledger_to_the_cent():
    grant(paid=["1234.86", "4000.00"], refunded=["1234.56"])
    (published,) = published_grants()
    assert (published.paid, published.refunded) == (Decimal("5234.86"), Decimal("1234.56"))
    assert published.paid - published.refunded == Decimal("4000.30")


def test_the_filter_narrows_by_year_programme_and_district_and_totals_follow():
    old = grant(decided_on=datetime.date(2025, 11, 3), approved="1000.10", districts=(1,))
    new = grant(decided_on=datetime.date(2026, 2, 1), approved="2000.20", districts=(1, 5))
    other = grant(decided_on=datetime.date(2026, 4, 1), approved="3000.30", districts=(5,))
    cases = [
        ({}, {old, new, other}, "6000.60"),
        ({"year": "2026"}, {new, other}, "5000.50"),
        ({"programme": str(old.call.programme_id)}, {old}, "1000.10"),
        ({"district": str(new.districts.get(number=5).pk)}, {new, other}, "5000.50"),
        ({"year": "2026", "district": str(old.districts.get().pk)}, {new}, "2000.20"),
    ]
    for params, expected, total in cases:
        grants = published_grant_filter(params).qs
        assert references(grants) == {a.reference for a in expected}, params
        assert published_totals(grants) == {
            "count": len(expected),
            "awarded_total": Decimal(total),
        }, params


def test_the_filter_offers_only_years_and_programmes_with_published_grants():
    shown = grant(decided_on=datetime.date(2025, 5, 5))
    grant(decided_on=datetime.date(2024, 5, 5), consent=False)
    form = published_grant_filter({}).form
    assert [value for value, _label in form.fields["year"].choices] == ["", "2025"]
    assert list(form.fields["programme"].queryset) == [shown.call.programme]
