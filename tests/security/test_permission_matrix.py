"""The permission matrix: every URL pattern of the project, as every kind of person.

The URL patterns come from the resolver (portal, staff site with viewflow's generic pages, the
admin, ...), so a URL added later fails `test_every_url_pattern_has_a_row` until it gets a row
in tests/security/matrix_table.py, which holds the expected answers. Each (row, person) is one
test: it fills the URL's kwargs with an object of the home organisation's world and GETs it (and
POSTs an empty body where the row says so). No answer may be a 500.

The world (cases in every state, built with the factories and the real services) is made once
for the module inside a transaction that is rolled back at the end; every test runs in a
savepoint of its own, so a POST changes nothing for the next test.
"""

import datetime
import re
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult
from viewflow.workflow.models import Process, Task

from applicants.bank import bank_account_change_reject, bank_account_submit
from applicants.models import Invitation
from budgeting.models import BudgetLine, FundingSource
from budgeting.services.cofunding import pledge_record
from core.login.policy import second_factor_mandatory
from core.models import User
from core.roles import ADMINISTRATION, APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import (
    Application,
    Criterion,
    DecisionMode,
    PanelSeat,
    Programme,
    ReportKind,
    ReviewMode,
)
from grants.services.attachment import attachment_add
from tests.factories import PDF_BYTES, ApplicationFactory, CallFactory, MembershipFactory
from tests.grants.idea_helpers import idea_handed_in
from tests.grants.report_factories import ReportFactory, fill_report
from tests.security.matrix_table import ACTORS, TABLE
from tests.workflow.conftest import staff_member
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow
from workflow.change import services as change_tasks
from workflow.change.case import change_submit
from workflow.change.flow import ChangeFlow
from workflow.export_jobs import export_job_run
from workflow.grant import grant_make_final_by_waiver
from workflow.models import ExportJob
from workflow.payout import services as payout_tasks
from workflow.payout.case import payout_request
from workflow.payout.flow import PayoutFlow
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow
from workflow.report.services import task_report_check
from workflow.staff.revocation import grant_revoke
from workflow.task_services import task_complete_as

ING_IBAN, ING_IBAN_2 = "DE02500105170137075030", "DE12500105170648489890"

pytestmark = pytest.mark.django_db  # each test in a savepoint of the world's transaction
FLOWS = {"verfahren": ApplicationFlow, "mittelabrufe": PayoutFlow}
FLOWS.update(nachweise=ReportFlow, aenderungen=ChangeFlow)


# -- the URL patterns ------------------------------------------------------------------------
def url_patterns(patterns=None, prefix="", namespaces=()):
    """(key, route) of every pattern: the namespaced name, or the route where it has none."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            yield ":".join((*namespaces, pattern.name)) if pattern.name else route, route


@cache
def routes() -> dict[str, str]:
    found: dict[str, str] = {}
    for key, route in url_patterns():
        found.setdefault(key, route)  # a shadowed duplicate answers as the first one
    return found


def url_of(route: str, kwargs: dict) -> str:
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route)
    return "/" + route.replace("^", "").replace("$", "")


def kwargs_of(obj) -> dict:
    if obj is None or isinstance(obj, dict):
        return obj or {}
    if isinstance(obj, Task):
        return {"process_pk": obj.process_id, "task_pk": obj.pk}
    if isinstance(obj, Process):
        return {"process_pk": obj.pk}
    return {"pk": obj.pk, "object_id": obj.pk}


def answer(response) -> str:
    """The status code; a redirect to a login page by its name (matrix_table.LOGIN ...)."""
    if response.status_code in (301, 302):
        where = urlsplit(response["Location"]).path
        names = {reverse("login"): "login", reverse("admin:login"): "admin-login"}
        return names.get(where, str(response.status_code))
    return str(response.status_code)


# -- the world -------------------------------------------------------------------------------
def process_of(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return Process.objects.get(artifact_content_type=content_type, artifact_object_id=obj.pk)


def take(obj, node, user):
    """`user` takes the open task of `node` from the queue (and does not work on it yet)."""
    task = process_of(obj).task_set.get(flow_task=node, status="NEW")
    with node.flow_class.lock(task.process_id), transaction.atomic():
        node.activation_class(task).assign(user)
    return task


def session_cookie(user) -> str:
    """A logged-in session; staff with both factors, as conftest's force_login gives them."""
    client = Client()
    client.force_login(user)
    if second_factor_mandatory(user):
        device = TOTPDevice.objects.create(user=user, name="Matrix", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_world():
    """The home organisation's cases in every state the URLs need, and the people."""
    today = timezone.localdate()
    own = MembershipFactory(role="admin").user
    home = own.memberships.get().organisation
    roles = {"sb": CASEWORKER, "fg": REVIEWER, "fin": FINANCE, "bew": APPROVER}
    # those who did the work so far; the actors of the matrix are not involved in any case
    work = {name: staff_member(role) for name, role in {**roles, "fin2": FINANCE}.items()}
    work["fg2"] = staff_member(REVIEWER)  # the jury of the jury cases: work's fg and fg2
    actors = {"anon": None, "own": own, "foreign": MembershipFactory(role="admin").user}
    actors |= {name: staff_member(role) for name, role in roles.items()}
    actors["adm"] = staff_member(ADMINISTRATION)

    # the projects started two months ago: paid this year and bound in this year's budget
    # (annuality), their reports' receipts are not dated in the future
    call = CallFactory(project_start_earliest=today - datetime.timedelta(days=90))
    criteria = [
        Criterion.objects.create(programme=call.programme, name=name, weight="1")
        for name in ("Bedarf im Quartier", "Wirkung")
    ]
    city = FundingSource.objects.create(name="Stadt Wuppertal – Haushalt", kind="city")
    foundation = FundingSource.objects.create(name="Freudenberg Stiftung", kind="foundation")
    lines = [
        BudgetLine.objects.create(
            year=today.year,
            programme=call.programme,
            source=source,
            produkt="1.05.02.01",
            kostenstelle=kostenstelle,
            sachkonto="531800",
            appropriation=Decimal("500000.00"),
        )
        for source, kostenstelle in ((city, "20500"), (foundation, "20501"))
    ]
    money = {"amount": Decimal("1000.00"), "pledged_on": today, "user": work["fin"]}
    pledge_record(source=foundation, budget_line=lines[1], **money)
    review = {"assessment": "Gut.", "recommendation": "approve", "recommended_amount": None}
    review |= {"scores": {c.pk: 4 for c in criteria}, "no_conflict_of_interest": True}
    decision = {"outcome": "approved", "approved_amount": None, "reasons": ""}
    budget = {"allocations": [(lines[0], Decimal("8000.00"))]}
    steps = {  # who completes which task, with which service and form data
        ApplicationFlow.formal_check: ("sb", tasks.task_formal_check, {"complete": True}),
        ApplicationFlow.review: ("fg", tasks.task_review, review),
        ApplicationFlow.budget_check: ("fin", tasks.task_budget_check, budget),
        ApplicationFlow.decision: ("bew", tasks.task_decide, decision),
        ApplicationFlow.panel_assign: (
            "sb",
            tasks.task_panel_assign,
            {"reviewers": [work["fg"], work["fg2"]]},
        ),
        ApplicationFlow.light_decision: ("sb", tasks.task_decide, decision),
        PayoutFlow.factual: ("sb", payout_tasks.task_factual, {"ok": True}),
        PayoutFlow.arithmetic: ("fin", payout_tasks.task_arithmetic, {"ok": True}),
        PayoutFlow.release: ("fin2", payout_tasks.task_release, {"ok": True}),
        ReportFlow.check: ("sb", task_report_check, {"accepted": True}),
        ChangeFlow.check: ("sb", change_tasks.task_change_check, {"recommend": True}),
        ChangeFlow.decide: ("bew", change_tasks.task_change_decide, {"approve": True}),
    }

    def step(obj, *nodes, **data):
        for node in nodes:  # each task taken from the queue and completed
            who, service, defaults = steps[node]
            task = {"node": node, "user": work[who], "service": service, "process": process_of(obj)}
            task_complete_as(**task, **defaults | data)
        obj.refresh_from_db()
        return obj

    def application(title, **kwargs):
        kwargs.setdefault("project_start", today - datetime.timedelta(days=60))
        return ApplicationFactory(
            organisation=home, call=call, created_by=own, title=title, **kwargs
        )

    def submitted(title, *nodes):
        app = application(title)
        case_submit(application=app, user=own)
        return step(app, *nodes)

    def upload(app, name):
        file = SimpleUploadedFile(name, PDF_BYTES)
        return attachment_add(application=app, user=own, uploaded_file=file, required_document=None)

    def pay(grant, *nodes, amount="500.00", **data):
        request = payout_request(
            application=grant,
            user=own,
            amount=Decimal(amount),
            needed_within_two_months=True,
            purpose="Honorare",
            confirm_duplicate=True,  # several open requests of 500,00 on purpose
        )
        return step(request, *nodes, **data)

    def change(grant, *nodes, **data):
        grant.refresh_from_db()
        new_end = grant.project_end - datetime.timedelta(days=5)
        change = change_submit(
            application=grant, user=own, reason="Später fertig.", new_project_end=new_end
        )
        return step(change, *nodes, **data)

    A, P, R, C = ApplicationFlow, PayoutFlow, ReportFlow, ChangeFlow
    checked = (A.formal_check, A.review, A.budget_check)  # then the decision is open
    draft = application("Entwurf")
    draft_file = upload(draft, "plan.pdf")
    # the main grant: a revision round, approved, final by waiver; payments, reports, changes
    grant = application("Sprachcafé", publication_consent=True)
    grant_file = upload(grant, "satzung.pdf")
    case_submit(application=grant, user=own)
    step(grant, A.formal_check, complete=False, message="Bitte die Satzung nachreichen.")
    case_submit(application=grant, user=own)
    step(grant, *checked, A.decision)
    grant_make_final_by_waiver(application=grant, user=own)
    payments = {"paid": pay(grant, P.factual, P.arithmetic, P.release)}
    payments["returned"] = pay(grant, P.factual, ok=False, reason="Zweck unklar.")
    signed = {"factual": (), "arithmetic": (P.factual,), "release": (P.factual, P.arithmetic)}
    reports = {}
    for number, name in enumerate(("check", "check:taken", "done"), start=1):
        start = grant.project_start + datetime.timedelta(days=10 * number)
        end = start + datetime.timedelta(days=9)
        period = {"period_start": start, "period_end": end, "due_on": grant.project_end}
        reports[name] = ReportFactory(application=grant, kind=ReportKind.INTERIM, **period)
        report_case_submit(report=fill_report(reports[name]), user=own)
    step(reports["done"], R.check, accepted=False, message="Belege fehlen.")
    report_case_submit(report=reports["done"], user=own)
    step(reports["done"], R.check)
    changes = {"not_recommended": change(grant, C.check, recommend=False, opinion="Nein.")}
    changes["decided"] = change(grant, C.check, C.decide)
    changes["check"] = change(grant)  # one open Änderungsantrag per grant
    changes["decide"] = change(submitted("Änderung", *checked, A.decision), C.check)
    # open cases: each human task once in the queue, once taken by its role's person
    cases = {"formal_check": submitted("Offen")}
    cases["review"] = cases["budget_check"] = submitted("Offen", A.formal_check)
    cases["decision"] = submitted("Offen", *checked)
    taken = {
        A.formal_check: submitted("Offen"),
        A.review: submitted("Offen", A.formal_check),
        A.decision: submitted("Offen", *checked),
        R.check: reports["check:taken"],
        C.check: change(submitted("Änderung", *checked, A.decision)),
        C.decide: change(submitted("Änderung", *checked, A.decision), C.check),
    }
    taken[A.budget_check] = taken[A.review]
    # jury and light-track cases: the programme's procedure when they were submitted
    jury = {"review_mode": ReviewMode.PANEL, "panel_size": 2, "spread_threshold": Decimal(1)}
    Programme.objects.filter(pk=call.programme_id).update(**jury)
    cases["panel_assign"] = submitted("Jury", A.formal_check)
    cases["panel_review"] = submitted("Jury", A.formal_check, A.panel_assign)
    taken[A.panel_assign] = submitted("Jury", A.formal_check)
    light = {"review_mode": ReviewMode.NONE, "spread_threshold": None, "light_limit": 10000}
    Programme.objects.filter(pk=call.programme_id).update(decision_mode=DecisionMode.LIGHT, **light)
    cases["light_decision"] = submitted("Klein", A.formal_check, A.budget_check)
    taken[A.light_decision] = submitted("Klein", A.formal_check, A.budget_check)
    standard = {"decision_mode": DecisionMode.STANDARD, "light_limit": None}
    Programme.objects.filter(pk=call.programme_id).update(review_mode=ReviewMode.SINGLE, **standard)
    for name, nodes in signed.items():
        payments[name] = pay(grant, *nodes)
        taken[getattr(P, name)] = pay(grant, *nodes)
    for node, obj in taken.items():  # fin2 stands in for the release, as any fin would
        take(obj, node, actors[steps[node][0].removesuffix("2")])
    # paid out in part, then revoked: a refund claim with its notice
    revoked = submitted("Widerrufen", *checked, A.decision)
    grant_make_final_by_waiver(application=revoked, user=own)
    pay(revoked, P.factual, P.arithmetic, P.release, amount="1000.00")
    grant_revoke(application=revoked, user=work["bew"], reasons="Zweck verfehlt.")

    job = ExportJob.objects.create(
        user=actors["sb"], kind="applications", params={"format": ["xlsx"]}, filename="a.xlsx"
    )
    export_job_run.call(job.pk)
    invitation = Invitation.objects.create(organisation=home, email="neu@x.org", invited_by=own)
    # a new account of the home organisation already rejected, and one waiting (asked by own)
    decided = bank_account_submit(organisation=home, user=own, holder="Alt", iban=ING_IBAN)
    bank_account_change_reject(change=decided, user=own)
    waiting = bank_account_submit(organisation=home, user=own, holder="Neu", iban=ING_IBAN_2)
    content_type = ContentType.objects.get_for_model(grant)
    objects = {
        "draft": draft,
        "draft_file": draft_file,
        "grant": grant,
        "grant_file": grant_file,
        "notice": grant.notices.order_by("version").first(),
        "report": grant.reports.get(kind=ReportKind.FINAL),
        "submitted": cases["formal_check"],
        "approved": submitted("Bewilligt", *checked, A.decision),
        "claim": revoked.refund_claims.get(),
        "job": job,
        "seat": PanelSeat.objects.create(
            application=cases["review"], reviewer=work["fg"], assigned_by=work["sb"]
        ),
        "cofunder": foundation,
        "call": call,
        "source": city,
        "line": lines[0],
        "invitation": {"token": invitation.token},
        "bank_change": waiting,
        "idea": idea_handed_in(organisation=home, user=own),
        "bank_change_decided": decided,
        "reset": {
            "uidb64": urlsafe_base64_encode(force_bytes(own.pk)),
            "token": default_token_generator.make_token(own),
        },
        "view_on_site": {"content_type_id": content_type.pk, "object_id": grant.pk},
        "app_label": {"app_label": "grants"},
        "catch_all": {"url": "gibt-es-nicht/"},
    }
    # per flow: a finished process (it passed every other node), the queued and taken tasks
    finished = {"verfahren": grant, "mittelabrufe": payments["paid"]}
    finished |= {"nachweise": reports["done"], "aenderungen": changes["decided"]}
    held = {"verfahren": cases, "mittelabrufe": payments, "nachweise": reports}
    held["aenderungen"] = changes
    for ns, flow in FLOWS.items():
        objects[ns] = process_of(finished[ns])
        for node in flow.instance.nodes():
            queued = held[ns].get(node.name, finished[ns])
            for key, obj in ((node.name, queued), (f"{node.name}:taken", taken.get(node))):
                if obj is not None:
                    found = process_of(obj).task_set.filter(flow_task=node).order_by("pk")
                    objects[f"{ns}:{key}"] = found.first()
                    assert objects[f"{ns}:{key}"], f"no task of {ns}:{key}"

    cookies = {name: user and session_cookie(user) for name, user in actors.items()}
    # something in every admin list: login records, a queued background task
    log = {"username": "x@example.org", "ip_address": "192.0.2.1", "user_agent": "Firefox"}
    AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="", **log)
    AccessLog.objects.create(**log)
    AccessFailureLog.objects.create(locked_out=False, **log)
    DBTaskResult.objects.create(
        args_kwargs={"args": [job.pk], "kwargs": {}},
        task_path="workflow.export_jobs.export_job_run",
        backend_name="default",
        run_after=timezone.now(),
    )
    chosen = {Group: Group.objects.get(name=CASEWORKER), User: own, Application: grant}
    chosen |= {TOTPDevice: TOTPDevice.objects.get(user=actors["sb"])}
    chosen[Process] = objects["verfahren"]
    for model in admin.site._registry:
        obj = chosen.get(model) or model._default_manager.order_by("pk").first()
        objects[f"admin:{model._meta.label_lower}"] = dict.fromkeys(
            ("object_id", "pk", "id"), obj.pk
        )
    return SimpleNamespace(cookies=cookies, objects=objects)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _media_root():
    """Overrides conftest's per-test MEDIA_ROOT: the world's files live in the module's."""


# -- the tests -------------------------------------------------------------------------------
def test_every_url_pattern_has_a_row():
    keys = set(routes())
    rows = {key.split("@")[0] for key in TABLE}
    missing = sorted(f"{key} ({route})" for key, route in routes().items() if key not in rows)
    assert not missing, "URL patterns without a row in matrix_table.TABLE:\n" + "\n".join(missing)
    stale = sorted(rows - keys)
    assert not stale, f"rows of matrix_table.TABLE for no URL pattern: {stale}"
    for key, route in url_patterns():
        assert route == routes()[key], f"{key} names two routes: {route}, {routes()[key]}"
    for key, expected in TABLE.items():
        assert set(expected.get) == set(ACTORS), key
        assert "500" not in {*expected.get.values(), *(expected.post or {}).values()}, key


def cells():
    for key, expected in TABLE.items():
        for actor in ACTORS:
            reason = expected.bugs.get(actor)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(key, actor, marks=marks, id=f"{key}|{actor}")


@pytest.mark.parametrize(("key", "actor"), list(cells()))
def test_answer(world, key, actor):
    expected = TABLE[key]
    obj = world.objects[expected.obj] if expected.obj else None
    url = url_of(routes()[key.split("@")[0]], kwargs_of(obj))
    for method, codes in (("GET", expected.get), ("POST", expected.post)):
        if codes is None:
            continue
        client = Client()
        if world.cookies[actor]:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.cookies[actor]
        response = client.generic(method, url)
        if response.streaming:  # read to the end: the test client then closes the file
            b"".join(response.streaming_content)
        got = answer(response)
        assert got == codes[actor], f"{method} {url} as {actor}: {got}, not {codes[actor]}"
