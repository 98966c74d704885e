"""Delivery of notices (§ 41 VwVfG): by post on the fourth day; with the organisation's
consent by retrieval in the portal, delivered the day after the first download by a member;
not retrieved within 10 days: not delivered, staff post it or hand it over."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applicants.services_delivery import organisation_delivery_consent_set
from core.errors import NotAllowed
from core.models import AuditEntry
from core.roles import APPROVER, CASEWORKER, REVIEWER
from grants.models import Decision, DecisionOutcome, DeliveryChannel, NoticeKind
from grants.services.delivery import (
    notice_delivery_record,
    notice_notified,
    notice_retrieve,
    notices_end_provision,
)
from grants.services.finality import appeal_period_end
from grants.services.notice import notice_issue
from tests.clock import set_clock
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db

ISSUED = date(2026, 3, 2)  # a Monday


@pytest.fixture
def application(monkeypatch):
    set_clock(monkeypatch, ISSUED)
    application = ApplicationFactory(reference="ZI-2026-0042")
    Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal("8000.00"),
        decided_by=UserFactory(),
    )
    return application


@pytest.fixture
def member(application):
    return MembershipFactory(organisation=application.organisation, role="admin").user


def consent(application, member):
    organisation_delivery_consent_set(
        organisation=application.organisation, user=member, consent=True
    )
    application.organisation.refresh_from_db()


def issue(application):
    return notice_issue(application=application, kind=NoticeKind.APPROVAL, user=UserFactory())


def provided_notice(application, member):
    """Issued on 2 March 2026 for retrieval, the notification sent the same day."""
    consent(application, member)
    return notice_notified(notice=issue(application))


def test_without_consent_the_notice_is_posted_and_delivered_on_the_fourth_day(application):
    notice = issue(application)

    assert notice.channel == DeliveryChannel.POST
    assert notice.sent_on == ISSUED
    assert notice.delivered_on == date(2026, 3, 6)
    # 6 April 2026 is Ostermontag: the period ends on Tuesday 7 April
    assert appeal_period_end(application) == date(2026, 4, 7)


def test_with_consent_the_notice_waits_in_the_portal_and_is_not_yet_delivered(application, member):
    consent(application, member)
    notice = issue(application)

    assert notice.channel == DeliveryChannel.PORTAL
    assert notice.sent_on == ISSUED
    assert notice.delivered_on is None
    assert appeal_period_end(application) is None  # no delivery, no appeal period


def test_the_first_download_by_a_member_is_the_retrieval_delivered_the_next_day(
    application, member, client, monkeypatch
):
    notice = provided_notice(application, member)
    set_clock(monkeypatch, date(2026, 3, 5), hour=15)
    client.force_login(member)

    response = client.get(reverse("portal:notice_download", args=[notice.pk]))
    b"".join(response.streaming_content)  # read to the end: the file is closed

    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.retrieved_by == member
    assert notice.retrieved_at.date() == date(2026, 3, 5)
    assert notice.delivered_on == date(2026, 3, 6)
    assert appeal_period_end(application) == date(2026, 4, 7)  # 6 April is Ostermontag
    entry = AuditEntry.objects.get(action="grants.notice.retrieved")
    assert entry.actor == member and entry.after["delivered_on"] == "2026-03-06"


def test_a_later_download_changes_nothing(application, member, monkeypatch):
    notice = provided_notice(application, member)
    set_clock(monkeypatch, date(2026, 3, 5))
    notice_retrieve(notice=notice, user=member)
    colleague = MembershipFactory(organisation=application.organisation).user
    set_clock(monkeypatch, date(2026, 3, 9))

    notice = notice_retrieve(notice=notice, user=colleague)

    notice.refresh_from_db()
    assert (notice.retrieved_by, notice.delivered_on) == (member, date(2026, 3, 6))
    assert AuditEntry.objects.filter(action="grants.notice.retrieved").count() == 1


def test_a_staff_download_is_no_retrieval(application, member, client, monkeypatch):
    notice = provided_notice(application, member)
    set_clock(monkeypatch, date(2026, 3, 5))
    client.force_login(staff_member(CASEWORKER))

    response = client.get(reverse("antraege:notice", args=[notice.pk]))
    b"".join(response.streaming_content)  # read to the end: the file is closed

    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.retrieved_at is None and notice.delivered_on is None


def test_the_provision_ends_after_ten_days_and_the_notice_is_not_delivered(
    application, member, monkeypatch
):
    notice = provided_notice(application, member)

    assert notices_end_provision(today=date(2026, 3, 12)) == []  # the tenth day: still open
    (ended,) = notices_end_provision(today=date(2026, 3, 13))

    assert ended.pk == notice.pk
    notice.refresh_from_db()
    assert notice.provision_ended_on == date(2026, 3, 12)
    assert notice.delivered_on is None
    assert appeal_period_end(application) is None
    assert AuditEntry.objects.filter(action="grants.notice.provision_ended").count() == 1
    assert notices_end_provision(today=date(2026, 3, 14)) == []  # once only


def test_a_download_after_the_provision_delivers_nothing(application, member, monkeypatch):
    notice = provided_notice(application, member)
    set_clock(monkeypatch, date(2026, 3, 13))

    notice = notice_retrieve(notice=notice, user=member)

    notice.refresh_from_db()
    assert notice.retrieved_at is None and notice.delivered_on is None


def test_staff_record_the_posting_after_the_provision_ended(application, member, monkeypatch):
    notice = provided_notice(application, member)
    notices_end_provision(today=date(2026, 3, 13))
    set_clock(monkeypatch, date(2026, 3, 16))
    caseworker = staff_member(CASEWORKER)

    notice = notice_delivery_record(
        notice=notice, user=caseworker, how="post", on=date(2026, 3, 16)
    )

    assert notice.channel == DeliveryChannel.POST
    assert (notice.sent_on, notice.delivered_on) == (date(2026, 3, 16), date(2026, 3, 20))
    assert appeal_period_end(application) == date(2026, 4, 20)
    entry = AuditEntry.objects.get(action="grants.notice.posted")
    assert entry.actor == caseworker and entry.before["channel"] == "portal"


def test_a_notice_handed_over_is_delivered_that_day(application, member, monkeypatch):
    notice = provided_notice(application, member)
    notices_end_provision(today=date(2026, 3, 13))
    set_clock(monkeypatch, date(2026, 3, 17))

    notice = notice_delivery_record(
        notice=notice, user=staff_member(APPROVER), how="handover", on=date(2026, 3, 17)
    )

    assert notice.channel == DeliveryChannel.HANDOVER
    assert notice.delivered_on == date(2026, 3, 17)
    assert appeal_period_end(application) == date(2026, 4, 17)


def test_staff_cannot_record_another_delivery_while_the_notice_waits_or_once_delivered(
    application, member, monkeypatch
):
    notice = provided_notice(application, member)
    caseworker = staff_member(CASEWORKER)
    with pytest.raises(NotAllowed, match="noch zum Abruf im Portal bereit"):
        notice_delivery_record(notice=notice, user=caseworker, how="post", on=ISSUED)
    set_clock(monkeypatch, date(2026, 3, 5))
    notice_retrieve(notice=notice, user=member)
    with pytest.raises(NotAllowed, match=r"bereits am 06\.03\.2026 bekanntgegeben"):
        notice_delivery_record(notice=notice, user=caseworker, how="post", on=ISSUED)
    notice.refresh_from_db()
    assert notice.channel == DeliveryChannel.PORTAL


def test_the_delivery_date_must_lie_between_the_issue_and_today(application, member, monkeypatch):
    notice = provided_notice(application, member)
    notices_end_provision(today=date(2026, 3, 13))
    set_clock(monkeypatch, date(2026, 3, 16))
    caseworker = staff_member(CASEWORKER)

    with pytest.raises(ValidationError, match="vor dem Erlass des Bescheids"):
        notice_delivery_record(notice=notice, user=caseworker, how="post", on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="in der Zukunft"):
        notice_delivery_record(notice=notice, user=caseworker, how="post", on=date(2026, 3, 17))
    notice.refresh_from_db()
    assert notice.delivered_on is None


def test_only_caseworkers_and_approvers_outside_the_organisation_record_a_delivery(
    application, member, monkeypatch
):
    notice = provided_notice(application, member)
    notices_end_provision(today=date(2026, 3, 13))
    set_clock(monkeypatch, date(2026, 3, 16))
    insider = staff_member(CASEWORKER)
    MembershipFactory(organisation=application.organisation, user=insider)

    for user, message in [
        (staff_member(REVIEWER), "Sachbearbeitung oder Bewilligung"),
        (insider, "gehören zur antragstellenden Organisation"),
        (member, "Sachbearbeitung"),
    ]:
        with pytest.raises(NotAllowed, match=message):
            notice_delivery_record(notice=notice, user=user, how="post", on=date(2026, 3, 16))
    notice.refresh_from_db()
    assert notice.delivered_on is None


def test_only_an_administrator_of_the_organisation_gives_or_withdraws_the_consent(
    application, member
):
    organisation = application.organisation
    plain_member = MembershipFactory(organisation=organisation, role="member").user
    with pytest.raises(NotAllowed, match="Nur die Verwaltung der Organisation"):
        organisation_delivery_consent_set(
            organisation=organisation, user=plain_member, consent=True
        )

    organisation = organisation_delivery_consent_set(
        organisation=organisation, user=member, consent=True
    )
    assert organisation.portal_delivery_consent_at is not None
    organisation = organisation_delivery_consent_set(
        organisation=organisation, user=member, consent=False
    )
    assert organisation.portal_delivery_consent_at is None
    actions = list(
        AuditEntry.objects.filter(action__startswith="applicants.organisation.delivery")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "applicants.organisation.delivery_consent_given",
        "applicants.organisation.delivery_consent_withdrawn",
    ]
