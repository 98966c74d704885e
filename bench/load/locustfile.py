"""Load scenario of Fördertal (`make load`, bench/README.md "Load test").

About 70 % applicants and 30 % staff (user weights 7 : 3):

- Applicants (the demo organisations' logins) log in with their password, look at their
  list of applications, open applications, start drafts for open calls and save them (the
  real draft form with its CSRF token, amounts in German format, plan lines, indicators),
  and open their organisation. After a visit of a few minutes they log out and come back.
- Staff (the demo logins of Sachbearbeitung, Finanzen, Bewilligung and Fachgutachten) log in
  with password and TOTP code, then work: the application list with filters, case pages,
  inbox and queue of the processes, a task, the deadlines, the export of a filtered list
  (XLSX or CSV); Finanzen also the finance dashboard, payment requests, grants and the budget
  sheet. They stay logged in (one code per 30-second step and person: a second session of
  the same person logs in at the next step, see totp.py).

Every request checks its status code and a marker in the body (catch_response), without
following redirects: a redirect to the login page counts as a failure, not a success.

The logins come from the JSON file that `prepare.py accounts` writes (LOAD_ACCOUNTS,
default bench/out/load-accounts.json). Only a server on this machine is accepted as --host.
"""

# ruff: noqa: S311 - the random choices of a simulated person, not secrets
import datetime
import html
import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from htmlform import csrf_token, filter_choices, form_with, german_amount
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from totp import AuthenticatorApp

ACCOUNTS_FILE = Path(
    os.environ.get(
        "LOAD_ACCOUNTS", Path(__file__).resolve().parents[1] / "out" / "load-accounts.json"
    )
)
ACCOUNTS = json.loads(ACCOUNTS_FILE.read_text())
PASSWORD = ACCOUNTS["password"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# The bodies of the first failed responses, to see why (bench/out/load-failures/).
FAILURES_DIR = ACCOUNTS_FILE.parent / "load-failures"
FAILURES_KEPT = 20
failures_kept = itertools.count(1)

# Think time between two pages, and how long an applicant's visit lasts before logging out.
THINK = between(
    float(os.environ.get("LOAD_THINK_MIN", "1")), float(os.environ.get("LOAD_THINK_MAX", "3"))
)
VISIT_SECONDS = (120, 300)
MAX_DRAFTS = 3  # per simulated applicant

LOGIN = "/konto/anmelden/"
CODE = "/konto/anmelden/code/"
LOGOUT = "/konto/abmelden/"

# Applicants share the demo organisations' logins round robin; staff their logins.
applicant_logins = itertools.cycle(ACCOUNTS["applicants"])
staff_order = ("Sachbearbeitung", "Finanzen", "Bewilligung", "Fachgutachten")
staff_accounts = sorted(
    ACCOUNTS["staff"],
    key=lambda a: staff_order.index(a["role"]) if a["role"] in staff_order else 9,
)
staff_logins = itertools.cycle(staff_accounts)
apps = {
    a["email"]: AuthenticatorApp(key=a["key"], step=a["step"], t0=a["t0"], digits=a["digits"])
    for a in staff_accounts
}

# a row of "my applications": the link to the application, then its programme
PORTAL_ROW_RE = re.compile(r'<a href="/portal/antraege/(\d+)/">[^<]*</a></td>\s*<td>([^<]+)</td>')
CALL_RE = re.compile(r'href="/portal/antraege/neu/\?call=(\d+)"')
EDIT_LOCATION_RE = re.compile(r"^/portal/antraege/(\d+)/bearbeiten/$")
CASE_LINK_RE = re.compile(r'<a href="/staff/antraege/(\d+)/"[^>]*>([^<]+)</a>')
TASK_LINK_RE = re.compile(r'href="(/staff/[a-z]+/\d+/[a-z_]+/\d+/)"')

PROJECTS = (
    "Nachbarschaftscafé",
    "Sprachpaten für Familien",
    "Hausaufgabenhilfe",
    "Interkulturelles Stadtteilfest",
    "Elternabende in vier Sprachen",
    "Bewerbungstraining für junge Geflüchtete",
    "Frauenfrühstück mit Beratung",
    "Theaterwerkstatt Jugend",
)
COSTS = (
    ("honorare", "Honorare Kursleitung"),
    ("sachkosten", "Material und Verpflegung"),
    ("raum", "Raummiete"),
    ("fahrt", "Fahrtkosten Ehrenamtliche"),
    ("personal", "Projektkoordination (Minijob)"),
)


@events.init.add_listener
def only_this_machine(environment, **_kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"The load test only targets this machine (127.0.0.1), not {host!r}.")


class Visitor(HttpUser):
    """A browser: strict page checks, CSRF from the cookie, login with the password."""

    abstract = True
    wait_time = THINK

    def on_start(self):
        if urlsplit(self.host).hostname not in LOOPBACK:
            raise StopUser

    # -- requests ---------------------------------------------------------------------------

    def get(self, url, name, *markers, content_type="text/html", login_page=False):
        """GET without following redirects; the response when it is the page, else None."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            return self.check(r, 200, markers, content_type=content_type, login_page=login_page)

    def post(self, url, name, data, *, to):
        """POST a form; the response when it redirects to `to` (a regex), else None."""
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code == 302 and not re.match(to, r.headers.get("Location", "")):
                r.failure(f"redirected to {r.headers.get('Location')}, expected {to}")
                return None
            return self.check(r, 302, ())

    @staticmethod
    def check(r, status, markers, content_type="text/html", login_page=False):
        problem = why_not(r, status, markers, content_type, login_page)
        if problem is None:
            r.success()
            return r
        r.failure(problem)
        keep_failure(r, problem)
        return None

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def password_step(self, email: str, *, to: str):
        page = self.get(LOGIN, "login: page", 'name="password"', login_page=True)
        if page is None:
            return None
        data = {"csrfmiddlewaretoken": csrf_token(page.text), "username": email}
        return self.post(LOGIN, "login: password (POST)", {**data, "password": PASSWORD}, to=to)

    def logout(self):
        self.post(LOGOUT, "logout (POST)", {"csrfmiddlewaretoken": self.csrf()}, to=LOGIN)


def why_not(r, status, markers, content_type, login_page) -> str | None:
    """Why the response is not the expected one; None when it is."""
    if r.status_code != status:
        location = r.headers.get("Location", "")
        return f"HTTP {r.status_code}{f' → {location}' if location else ''} (expected {status})"
    if status != 200:
        return None
    if not r.headers.get("Content-Type", "").startswith(content_type):
        return f"Content-Type {r.headers.get('Content-Type')}, not {content_type}"
    if content_type == "text/html":
        if not login_page and 'name="password"' in r.text:
            return "the login page instead of the page"
        missing = [m for m in markers if m not in r.text]
        if missing:
            return f"marker missing: {missing[0]!r}"
    return None


def keep_failure(r, problem: str) -> None:
    number = next(failures_kept)
    if number > FAILURES_KEPT or r.content is None:
        return
    FAILURES_DIR.mkdir(parents=True, exist_ok=True)
    path = urlsplit(r.request.url if r.request else "").path
    head = f"<!-- {r.request.method if r.request else ''} {path}: {problem} -->\n"
    (FAILURES_DIR / f"{number:02d}.html").write_bytes(head.encode() + (r.content or b""))


class Applicant(Visitor):
    weight = 7

    def on_start(self):
        super().on_start()
        self.email = next(applicant_logins)
        self.applications: dict[str, str] = {}  # pk -> programme (HTML as on the page)
        self.calls: list[str] = []
        self.drafts: list[str] = []  # the drafts this visitor started
        self.login()

    def login(self):
        self.logged_in = self.password_step(self.email, to=r"^/portal/$") is not None
        self.visit_ends = time.time() + random.uniform(*VISIT_SECONDS)
        if self.logged_in:
            self.my_applications()

    def logged_in_or_retry(self) -> bool:
        if not self.logged_in:
            self.login()
        return self.logged_in

    @task(4)
    def my_applications(self):
        if not self.logged_in_or_retry():
            return
        if time.time() > self.visit_ends:
            # the visit is over: log out, come back later (the next login)
            self.logout()
            self.login()
            return
        page = self.get("/portal/", "portal: my applications", 'href="/portal/antraege/neu/')
        if page is not None:
            self.applications = dict(PORTAL_ROW_RE.findall(page.text))
            self.calls = CALL_RE.findall(page.text)

    @task(3)
    def open_application(self):
        if not self.logged_in_or_retry() or not self.applications:
            return
        # the title may change meanwhile (other sessions of the same login save drafts too)
        pk, programme = random.choice(list(self.applications.items()))
        self.get(f"/portal/antraege/{pk}/", "portal: application", "<h1>", programme)

    @task(3)
    def work_on_draft(self):
        if not self.logged_in_or_retry():
            return
        start = not self.drafts or (len(self.drafts) < MAX_DRAFTS and random.random() < 0.2)
        if start and not self.start_draft():
            return
        self.save_draft(random.choice(self.drafts))

    def start_draft(self) -> bool:
        if not self.calls:
            return False
        call = random.choice(self.calls)
        page = self.get(
            f"/portal/antraege/neu/?call={call}", "portal: new draft form", 'name="title"'
        )
        if page is None:
            return False
        title = f"{random.choice(PROJECTS)} {random.randint(1000, 9999)}"
        data = {"csrfmiddlewaretoken": csrf_token(page.text), "call": call, "title": title}
        created = self.post(
            "/portal/antraege/neu/",
            "portal: start draft (POST)",
            data,
            to=EDIT_LOCATION_RE.pattern,
        )
        if created is None:
            return False
        self.drafts.append(EDIT_LOCATION_RE.match(created.headers["Location"]).group(1))
        return True

    def save_draft(self, pk: str):
        url = f"/portal/antraege/{pk}/bearbeiten/"
        page = self.get(url, "portal: draft form", 'id="application-form"')
        if page is None:
            return
        form = form_with(page.text, id="application-form")
        title = f"{random.choice(PROJECTS)} {random.randint(1000, 9999)}"
        changes, requested = draft_changes(form, title)
        saved = self.post(url, "portal: save draft (POST)", form.values(**changes), to=f"^{url}$")
        if saved is not None:
            # the form again, with what was saved and the confirmation
            self.get(
                url,
                "portal: draft form after saving",
                'id="application-form"',
                f'value="{html.escape(title)}"',
                f'value="{requested}"',
                "alert-success",
            )

    @task(1)
    def organisation(self):
        if not self.logged_in_or_retry():
            return
        self.get("/portal/organisation/", "portal: organisation", 'id="h-members"')


def draft_changes(form, title: str) -> tuple[dict, str]:
    """What an applicant types into the draft: texts, districts, period, plan, indicators."""
    today = datetime.date.today()
    start = today + datetime.timedelta(days=random.randint(45, 120))
    end = start + datetime.timedelta(days=random.randint(180, 360))
    districts = sorted({str(random.randint(1, 10)) for _ in range(random.randint(1, 2))})
    rows = int(dict(form.fields).get("costs-TOTAL_FORMS", "0"))
    costs = random.sample(COSTS, k=min(random.randint(2, 3), rows))
    amounts = [round(random.uniform(300, 1200), 2) for _ in costs]
    own = round(sum(amounts) * random.uniform(0.1, 0.2), 2)
    requested = german_amount(round(sum(amounts) - own, 2))
    changes = {
        "title": title,
        "summary": "Offene Treffen im Stadtteil mit Kinderbetreuung; "
        f"Stand {datetime.datetime.now():%H:%M:%S}.",
        "goals": "Zwölf Termine mit je 15 bis 20 Teilnehmenden.",
        "target_group": "Familien mit Einwanderungsgeschichte im Quartier.",
        "districts": districts,
        "project_start": start.isoformat(),
        "project_end": end.isoformat(),
        "requested_amount": requested,
        "publication_consent": "on",
        "save": "",
    }
    # the plans in the rows the form shows; a filled row left over is deleted (its box ticked)
    shown = dict(form.fields)
    for i in range(rows):
        if i < len(costs):
            changes[f"costs-{i}-category"], changes[f"costs-{i}-description"] = costs[i]
            changes[f"costs-{i}-amount"] = german_amount(amounts[i])
            changes[f"costs-{i}-DELETE"] = None
        elif shown.get(f"costs-{i}-amount"):
            changes[f"costs-{i}-DELETE"] = "on"
    for i in range(int(shown.get("funds-TOTAL_FORMS", "0"))):
        if i == 0:
            changes.update(
                {
                    "funds-0-kind": "eigenmittel",
                    "funds-0-source_name": "",
                    "funds-0-description": "Eigenmittel des Vereins",
                    "funds-0-amount": german_amount(own),
                    "funds-0-DELETE": None,
                }
            )
        elif shown.get(f"funds-{i}-amount"):
            changes[f"funds-{i}-DELETE"] = "on"
    # targets for the indicators the programme requires (their check box is fixed)
    for name in list(form.disabled) + [n for n, _v in form.fields]:
        match = re.fullmatch(r"ind-(\d+)_chosen", name)
        if match:
            changes[f"ind-{match.group(1)}_baseline"] = "0"
            changes[f"ind-{match.group(1)}_target"] = str(random.randint(10, 60))
    return changes, requested


class Staff(Visitor):
    weight = 3

    def on_start(self):
        super().on_start()
        self.account = next(staff_logins)
        self.role = self.account["role"]
        self.cases: dict[str, str] = {}  # pk -> reference
        self.task_links: list[str] = []
        self.filters: dict[str, list[str]] = {}
        self.finance_filters: dict[str, list[str]] = {}
        self.login()
        self.work_plan = WORK[self.role if self.role in WORK else "Sachbearbeitung"]

    def login(self):
        self.logged_in = False
        if self.password_step(self.account["email"], to=f"^{re.escape(CODE)}") is None:
            return
        page = self.get(CODE, "login: code page", 'name="token"')
        if page is None:
            return
        app = apps[self.account["email"]]
        with app.lock:  # one code per step and person, in order
            step, code = app.fresh_code()
            data = {"csrfmiddlewaretoken": csrf_token(page.text), "token": code}
            if self.post(CODE, "login: code (POST)", data, to=r"^/staff/") is not None:
                app.used(step)
                self.logged_in = True
        if self.logged_in:
            self.application_list(filtered=False)

    @task
    def work(self):
        if not self.logged_in:
            self.login()
            return
        names, weights = zip(*self.work_plan, strict=True)
        getattr(self, random.choices(names, weights=weights)[0])()

    # -- pages ------------------------------------------------------------------------------

    def application_list(self, filtered=True):
        query = self.random_filter() if filtered else ""
        page = self.get(f"/staff/antraege/{query}", "staff: applications (filtered)", 'id="id_q"')
        if page is not None:
            self.filters = self.filters or filter_choices(page.text)
            found = dict(CASE_LINK_RE.findall(page.text))
            if found or not self.cases:
                self.cases.update(found)

    def random_filter(self) -> str:
        params = {}
        for name in random.sample(["status", "programme", "district", "theme"], k=2):
            if self.filters.get(name):
                params[name] = random.choice(self.filters[name])
        if random.random() < 0.3:
            params["q"] = random.choice(["ZI-", "Verein", "e. V.", "Sprach", "Nachbarschaft"])
        return f"?{urlencode(params)}" if params else ""

    def case(self):
        if not self.cases:
            return self.application_list(filtered=False)
        pk, reference = random.choice(list(self.cases.items()))
        self.get(f"/staff/antraege/{pk}/", "staff: case page", reference, "Verlauf")

    def inbox(self):
        flow = "mittelabrufe" if self.role == "Finanzen" and random.random() < 0.5 else "verfahren"
        self.get(f"/staff/{flow}/inbox/", "staff: inbox", f'href="/staff/{flow}/inbox/"')

    def queue(self):
        flow = "mittelabrufe" if self.role == "Finanzen" and random.random() < 0.5 else "verfahren"
        page = self.get(f"/staff/{flow}/queue/", "staff: queue", f'href="/staff/{flow}/queue/"')
        if page is not None:
            self.task_links = sorted(set(TASK_LINK_RE.findall(page.text)))

    def task_page(self):
        if not self.task_links:
            return self.queue()
        link = random.choice(self.task_links)  # /staff/<flow>/<process>/<task name>/<task>/
        process = re.match(r"/staff/[a-z]+/\d+/", link).group(0)
        self.get(f"{link}detail/", "staff: task", f'href="{process}"')

    def deadlines(self):
        self.get("/staff/antraege/fristen/", "staff: deadlines", "vf-card__title")

    def export(self):
        file_format = random.choice(["xlsx", "csv"])
        query = self.random_filter().lstrip("?")
        url = f"/staff/antraege/export/?{query}&format={file_format}".replace("?&", "?")
        kind = {"xlsx": "application/vnd.openxmlformats", "csv": "text/csv"}[file_format]
        with self.client.get(
            url, name=f"staff: export {file_format}", allow_redirects=False, catch_response=True
        ) as r:
            if self.check(r, 200, (), content_type=kind) is None:
                return
            looks_right = (
                r.content.startswith(b"PK") if file_format == "xlsx" else b";" in r.content
            )
            if not looks_right:
                r.failure(f"not a {file_format} file")

    def finance_dashboard(self):
        params = {}
        if self.finance_filters and random.random() < 0.6:
            name = random.choice(sorted(self.finance_filters))
            params[name] = random.choice(self.finance_filters[name])
        if random.random() < 0.3:
            params["year"] = str(datetime.date.today().year + random.choice([0, 1]))
        query = f"?{urlencode(params)}" if params else ""
        page = self.get(f"/staff/finanzen/{query}", "staff: finance dashboard", 'id="id_year"')
        if page is not None and not self.finance_filters:
            self.finance_filters = filter_choices(page.text)

    def payments(self):
        self.get("/staff/antraege/mittelabrufe/", "staff: payment requests", "vf-card__title")

    def grants(self):
        self.get("/staff/antraege/bewilligungen/", "staff: grants", "vf-card__title")

    def budget_sheet(self):
        self.get(
            "/staff/finanzen/haushalt.xlsx",
            "staff: budget sheet xlsx",
            content_type="application/vnd.openxmlformats",
        )


# What each role does, with weights (method of Staff, weight).
CASEWORK = (
    ("application_list", 4),
    ("case", 4),
    ("inbox", 2),
    ("queue", 2),
    ("task_page", 1),
    ("deadlines", 1),
    ("export", 1),
)
WORK = {
    "Sachbearbeitung": CASEWORK,
    "Bewilligung": CASEWORK,
    "Fachgutachten": CASEWORK,
    "Finanzen": (
        ("finance_dashboard", 4),
        ("application_list", 2),
        ("case", 2),
        ("payments", 1),
        ("grants", 1),
        ("inbox", 1),
        ("queue", 1),
        ("export", 1),
        ("budget_sheet", 1),
    ),
}
