"""The pages of `make bench`: each is requested in-process with Django's test client by a person
of the right role, and timed against its floor: the same page's rows fetched with one raw SQL
query (the SQL of the queryset the page shows, run on a bare cursor, no ORM objects)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from applicants.models import Membership
from bench.seeding.bulk import LARGE_ORGANISATION
from budgeting.models import BudgetLine, PaymentRequest
from budgeting.portfolio.money import programme_themes
from budgeting.portfolio.selectors import grants_queryset
from budgeting.portfolio.sums import sums_query
from core.models import District
from core.paging import KeysFirstPaginator
from core.roles import APPROVER, CASEWORKER, FINANCE
from grants.demo import DEMO_USERS
from grants.models import Application, ApplicationStatus, Programme
from grants.selectors import applications_for_staff, applications_of_organisation
from tests.core.login_helpers import second_factor_passed
from workflow.selectors import deadlines

STAFF_PAGE = 25
SEARCH = "Leseclub"  # a word of 7 % of the titles and 7 % of the organisations' names


@dataclass
class Page:
    """A page to time: its name, the client that asks, the URL and the floor's queryset."""

    name: str
    client: Client
    url: str
    floor: QuerySet | tuple[str, list]  # a queryset's SQL, or SQL with its parameters

    def request(self):
        response = self.client.get(self.url)
        if response.status_code != 200:
            raise RuntimeError(f"{self.name}: {self.url} answered {response.status_code}")
        return response

    def floor_fetch(self) -> Callable[[], list]:
        floor = self.floor
        sql, params = floor if isinstance(floor, tuple) else floor.query.sql_with_params()

        def fetch():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return fetch


def logged_in(user) -> Client:
    """A client with the person's session; staff also have passed the second factor."""
    client = Client()
    client.force_login(user)
    second_factor_passed(client, user)
    return client


def demo_person(role: str):
    email = next(person.email for person in DEMO_USERS if person.role == role)
    return get_user_model().objects.get(email=email)


def _first_page(rows: QuerySet) -> QuerySet:
    """A table's first page as the deadlines page reads it (core.paging)."""
    return KeysFirstPaginator(rows, STAFF_PAGE, rows=rows).get_page(1).object_list


def _staff_rows(params: str, page: int = 1) -> QuerySet:
    """The rows of a page of the staff application list as its table shows them, read the way
    the page reads them (core.paging.KeysFirstPaginator)."""
    filterset = applications_for_staff(QueryDict(params))
    paginator = KeysFirstPaginator(filterset.qs, STAFF_PAGE, rows=filterset.queryset)
    return paginator.get_page(page).object_list.values_list(
        "pk",
        "reference",
        "title",
        "organisation__name",
        "call__programme__name",
        "requested_amount",
        "submitted_at",
        "status",
    )


def pages() -> list[Page]:
    """Every page of the benchmark, on the seeded data."""
    caseworker = logged_in(demo_person(CASEWORKER))
    finance = logged_in(demo_person(FINANCE))
    approver = logged_in(demo_person(APPROVER))
    large = Membership.objects.filter(
        organisation__name=LARGE_ORGANISATION, role=Membership.Role.ADMIN
    ).first()
    member = logged_in(large.user)
    programme = Programme.objects.order_by("pk").first()
    district = District.objects.order_by("pk").first()
    filtered = f"status={ApplicationStatus.FINAL}&programme={programme.pk}&district={district.pk}"
    case = (
        Application.objects.filter(
            pk__in=PaymentRequest.objects.values("application"), status=ApplicationStatus.FINAL
        )
        .annotate(requests=Count("payment_requests"))
        .order_by("-requests", "-pk")
        .first()
    )
    staff_list = reverse("antraege:index")
    reference = case.reference
    return [
        Page("staff list, first page", caseworker, staff_list, _staff_rows("")),
        Page("staff list, filtered", caseworker, f"{staff_list}?{filtered}", _staff_rows(filtered)),
        Page("staff list, page 500", caseworker, f"{staff_list}?page=500", _staff_rows("", 500)),
        Page(
            "staff list, search by reference",
            caseworker,
            f"{staff_list}?q={reference}",
            _staff_rows(f"q={reference}"),
        ),
        Page(
            f"staff list, broad search ({SEARCH})",
            caseworker,
            f"{staff_list}?q={SEARCH}",
            _staff_rows(f"q={SEARCH}"),
        ),
        Page(
            "portal list, large organisation",
            member,
            reverse("portal:home"),
            applications_of_organisation(large.organisation).values_list(
                "pk", "reference", "title", "call__programme__name", "status", "requested_amount"
            )[:STAFF_PAGE],
        ),
        Page(
            "case page",
            caseworker,
            reverse("antraege:case", args=[case.pk]),
            Application.objects.filter(pk=case.pk).values_list(
                "pk", "reference", "title", "organisation__name", "call__programme__name"
            ),
        ),
        Page(
            "deadlines",
            caseworker,
            reverse("antraege:deadlines"),
            _first_page(deadlines(timezone.localdate())["payment_requests"]).values_list(
                "pk", "requested_at", "application__reference", "amount", "status"
            ),
        ),
        Page(
            "task queue (viewflow)",
            caseworker,
            reverse("verfahren:queue"),
            Task.objects.filter(status=STATUS.NEW, flow_task__endswith=".formal_check")
            .order_by("-created")
            .values_list("pk", "flow_task", "created", "process_id")[:STAFF_PAGE],
        ),
        Page(
            "finance dashboard",
            finance,
            reverse("finanzen:index"),
            BudgetLine.objects.with_sheet_figures().values_list(
                "pk", "committed", "paid", "pipeline", "refunds"
            ),
        ),
        Page(
            "portfolio view",
            approver,
            reverse("wirkung:index"),
            sums_query(
                grants_queryset(), {pk: len(items) for pk, items in programme_themes().items()}
            ),
        ),
    ]
