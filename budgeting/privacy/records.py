"""Which records concern which person, and the retention of each (reads only).

A person is concerned by every application of an organisation they act for and by every
row of the grants and budgeting apps that names them (found from the foreign keys, so a
new model is never overlooked: one without a known period keeps the person from being due)."""

from collections import defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Membership
from budgeting.models import CoFundingPledge, LedgerEntry, RefundClaim
from budgeting.privacy.retention import Retention
from grants.models import Application, ApplicationStatus

# Records without an application, kept as the city's books: the date their period runs from.
BUDGET_RECORD_DATES = {LedgerEntry: "booked_at", CoFundingPledge: "created_at"}
LINKED_APPS = ("grants", "budgeting")


def _day(moment):
    return timezone.localdate(moment) if moment is not None else None


def application_retention(application) -> Retention:
    """The kind of record an application is, and from when its period runs."""
    name = _("Antrag %(ref)s") % {"ref": application.reference or f"#{application.pk}"}
    status = application.status
    if status == ApplicationStatus.DRAFT:
        return Retention("draft", name, _day(application.updated_at))
    if status == ApplicationStatus.WITHDRAWN:
        return Retention("withdrawn_application", name, _day(application.updated_at))
    if status == ApplicationStatus.REJECTED:
        return Retention(
            "rejected_application", name, _day(application.decided_at or application.updated_at)
        )
    closed = status == ApplicationStatus.CLOSED or (
        status == ApplicationStatus.REVOKED and not application.has_claims
    )
    if not closed:
        return Retention("grant_file", name, None)
    events = [application.settled_at, application.last_booking, application.last_claim_closed]
    if status == ApplicationStatus.REVOKED:
        events.append(application.updated_at)
    events = [moment for moment in events if moment is not None] or [application.updated_at]
    return Retention("grant_file", name, _day(max(events)))


def application_retentions(queryset=None) -> dict[int, Retention]:
    """Every application's retention, in one query."""
    queryset = Application.objects.all() if queryset is None else queryset
    bookings = LedgerEntry.objects.filter(application=OuterRef("pk")).order_by("-booked_at")
    claims = RefundClaim.objects.filter(application=OuterRef("pk"))
    annotated = queryset.annotate(
        settled_at=Max("settlement__settled_at"),
        decided_at=Max("decision__decided_at"),
        last_booking=Subquery(bookings.values("booked_at")[:1]),
        last_claim_closed=Subquery(
            claims.order_by(F("closed_at").desc(nulls_last=True)).values("closed_at")[:1]
        ),
        has_claims=Subquery(claims.values("pk")[:1]),
    ).only("pk", "reference", "status", "updated_at")
    return {application.pk: application_retention(application) for application in annotated}


def account_retention(user) -> Retention:
    name = _("Konto %(id)s") % {"id": user.pk}
    return Retention("inactive_account", name, _day(user.last_login or user.date_joined))


def application_links(user_ids=None) -> dict[int, set[int]]:
    """The applications that concern each person: their organisations' and those naming them."""
    links: dict[int, set[int]] = defaultdict(set)
    memberships = Membership.objects.all()
    if user_ids is not None:
        memberships = memberships.filter(user__in=user_ids)
    applications = Application.objects.all()
    if user_ids is not None:
        applications = applications.filter(organisation__memberships__user__in=user_ids)
    by_org = defaultdict(set)
    for org_id, app_id in applications.values_list("organisation_id", "pk").distinct():
        by_org[org_id].add(app_id)
    for user_id, org_id in memberships.values_list("user_id", "organisation_id"):
        links[user_id] |= by_org[org_id]
    for model, field, path in user_foreign_keys():
        if path is None:
            continue
        rows = model.objects.filter(**{f"{field}__isnull": False, f"{path}__isnull": False})
        if user_ids is not None:
            rows = rows.filter(**{f"{field}__in": user_ids})
        for user_id, app_id in rows.values_list(field, path):
            links[user_id].add(app_id)
    return links


def other_records(user_ids=None) -> dict[int, list[Retention]]:
    """Rows naming a person that belong to no application: the books, or unknown kinds."""
    result: dict[int, list[Retention]] = defaultdict(list)
    for model, field, path in user_foreign_keys():
        rows = model.objects.filter(**{f"{field}__isnull": False})
        if path is not None:
            rows = rows.filter(**{f"{path}__isnull": True})
        if user_ids is not None:
            rows = rows.filter(**{f"{field}__in": user_ids})
        name = str(model._meta.verbose_name_plural)
        date_field = BUDGET_RECORD_DATES.get(model)
        if date_field is None:
            for user_id in rows.values_list(field, flat=True).distinct():
                result[user_id].append(Retention("unknown", name, None))
            continue
        for row in rows.values(field).annotate(last=Max(date_field)).order_by():
            result[row[field]].append(Retention("budget_record", name, _day(row["last"])))
    return result


def user_foreign_keys():
    """(model, field name, path to the application or None) for every foreign key to a
    person in the grants and budgeting apps."""
    user_model = get_user_model()
    for label in LINKED_APPS:
        for model in apps.get_app_config(label).get_models():
            path = _application_path(model)
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is user_model:
                    yield model, field.name, path


def _application_path(model) -> str | None:
    if model is Application:
        return "pk"
    relations = [field for field in model._meta.concrete_fields if field.is_relation]
    for field in relations:
        if field.related_model is Application:
            return field.name
    for field in relations:
        for inner in field.related_model._meta.concrete_fields:
            if inner.is_relation and inner.related_model is Application:
                return f"{field.name}__{inner.name}"
    return None
