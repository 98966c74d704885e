"""The permission matrix: the expected answer of every URL pattern for every kind of person.

Read a row as "GET as this person answers ...". The people (columns):

    anon     not logged in
    own      an applicant (organisation admin) of the home organisation, whose objects the
             URLs are called with
    foreign  an applicant of another organisation (for object URLs: looking at the home
             organisation's objects)
    sb fg fin bew adm
             staff in one role group each: Sachbearbeitung, Fachgutachten, Finanzen,
             Bewilligung, Administration (core.roles), none of them involved in the case

Groups: `applicant` = own + foreign, `staff` = the five roles, `all` = everybody; a later or
more specific key wins (`row(STAFF, staff=FORBIDDEN, fin=OK)`: only Finanzen gets the page).
`post=` adds a POST with an empty body (POST-only views, and actions such as submit or assign)
with its own answers on top of the GET's. `obj=` names the object of the world
(test_permission_matrix.world) whose keys fill in the URL's kwargs. `bug=` marks cells whose
answer is a known bug (xfail strict): the table states the CORRECT answer, the reason what the
view does today.

A key is the URL name with its namespaces (the route where a pattern has no name); a key
"name@variant" calls the same route with another object.
"""

from dataclasses import dataclass, field

OK, FOUND, BAD = "200", "302", "400"  # FOUND: a redirect to anything but a login page
FORBIDDEN, NOT_FOUND, METHOD = "403", "404", "405"
LOGIN = "login"  # 302 to our login page (/konto/anmelden/?next=...)
ADMIN_LOGIN = "admin-login"  # 302 to the admin's own refusal page (/admin/login/?next=...)

ROLES = ("sb", "fg", "fin", "bew", "adm")
ACTORS = ("anon", "own", "foreign", *ROLES)
GROUPS = {"all": ACTORS, "applicant": ("own", "foreign"), "staff": ROLES}


@dataclass(frozen=True)
class Row:
    get: dict[str, str]
    post: dict[str, str] | None = None
    obj: str | None = None
    bugs: dict[str, str] = field(default_factory=dict)


def expand(*layers: dict) -> dict[str, str]:
    """Actor -> value; within a layer groups first, then single actors; later layers win."""
    out: dict[str, str] = {}
    for layer in layers:
        for key in sorted(layer, key=lambda k: k not in GROUPS):
            out.update(dict.fromkeys(GROUPS.get(key, (key,)), layer[key]))
    return out


def row(base: dict, obj: str | None = None, *, post=None, bug=None, **codes) -> Row:
    get = expand(base, codes)
    return Row(get, None if post is None else expand(get, post), obj, expand(bug or {}))


PUBLIC = {"all": OK}
PORTAL = {"anon": LOGIN, "applicant": OK, "staff": FORBIDDEN}  # staff act for no organisation
PORTAL_OBJ = {**PORTAL, "foreign": NOT_FOUND}  # an object of the home organisation
PORTAL_POST = {**PORTAL, "applicant": METHOD}  # GET of a POST-only portal view
STAFF = {"anon": LOGIN, "applicant": FORBIDDEN, "staff": OK}  # /staff/ (StaffAreaMiddleware)
STAFF_POST = {**STAFF, "staff": METHOD}
FINANCE_ONLY = {**STAFF, "staff": FORBIDDEN, "fin": OK}
ADMIN = {"anon": LOGIN, "applicant": ADMIN_LOGIN, "staff": FORBIDDEN}  # /admin/ without rights
TABLE: dict[str, Row] = {
    # -- public pages and the account ------------------------------------------------------
    "landing": row(PUBLIC, applicant=FOUND),  # applicants are sent on to the portal
    "accessibility": row(PUBLIC),
    "set_language": row(PUBLIC, all=METHOD, post={"all": FOUND}),
    "transparency:index": row(PUBLIC),
    "transparency:json": row(PUBLIC),
    "transparency:csv": row(PUBLIC),
    "login": row(PUBLIC),
    "logout": row(PUBLIC, all=METHOD, post={"all": LOGIN}),
    "otp_verify": row(PUBLIC, all=FOUND, anon=LOGIN),  # no login waiting for its code
    "otp_setup": row(PUBLIC, all=FOUND, anon=LOGIN),
    "account_security": row(PUBLIC, anon=LOGIN),
    "account_security_setup": row(PUBLIC, anon=LOGIN, staff=FOUND),  # staff have their app
    "account_security_disable": row(
        PUBLIC, all=METHOD, anon=LOGIN, post={"applicant": FOUND, "staff": FORBIDDEN}
    ),
    "password_reset": row(PUBLIC),
    "password_reset_done": row(PUBLIC),
    "password_reset_complete": row(PUBLIC),
    "password_reset_confirm": row(PUBLIC, "reset"),
    # -- the applicant portal ----------------------------------------------------------------
    "portal:register": row(PUBLIC, applicant=FOUND, staff=FOUND),  # logged in: to the portal
    "portal:invitation_accept": row(
        PUBLIC, "invitation", post={"anon": BAD, "applicant": FOUND, "staff": FOUND}
    ),  # with the link; a logged-in person of another address is refused with a message
    "portal:home": row(PORTAL),
    "portal:organisation": row(PORTAL),
    "portal:organisation_edit": row(PORTAL, post={"applicant": BAD}),
    "portal:invite": row(PORTAL_POST, post={"applicant": BAD}),
    "portal:delivery_consent": row(PORTAL_POST, post={"applicant": FOUND}),  # empty: withdraw
    "portal:switch_organisation": row(PORTAL_POST, post={"applicant": NOT_FOUND}),
    # own asked for the waiting change: refused with a message, back to the organisation page
    "portal:bank_change_confirm": row(
        PORTAL_POST, "bank_change", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:bank_change_reject": row(
        PORTAL_POST, "bank_change_decided", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:my_data": row(PORTAL),
    "portal:application_create": row(PORTAL),
    "portal:application_detail": row(PORTAL_OBJ, "grant"),
    "portal:application_edit": row(PORTAL_OBJ, "draft", post={"own": BAD}),
    "portal:application_submit": row(
        PORTAL, "draft", applicant=FOUND, post={"own": BAD, "foreign": NOT_FOUND}
    ),  # GET only leads to the form
    "portal:application_withdraw": row(
        PORTAL_POST, "submitted", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:application_waiver": row(
        PORTAL_POST, "approved", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:attachment_upload": row(
        PORTAL_POST, "draft", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:attachment_download": row(PORTAL_OBJ, "draft_file"),
    "portal:attachment_delete": row(
        PORTAL_POST, "draft_file", post={"own": FOUND, "foreign": NOT_FOUND}
    ),
    "portal:notice_download": row(PORTAL_OBJ, "notice"),
    "portal:payment_request": row(PORTAL_OBJ, "grant", post={"own": BAD}),
    "portal:change_request": row(PORTAL_OBJ, "grant", post={"own": BAD}),
    "portal:idea_new": row(PORTAL, post={"applicant": BAD}),
    "portal:idea_detail": row(PORTAL_OBJ, "idea"),
    "portal:report_detail": row(PORTAL_OBJ, "report"),
    "portal:report_edit": row(PORTAL_OBJ, "report", post={"own": BAD}),
    "portal:report_submit": row(
        PORTAL, "report", applicant=FOUND, post={"own": BAD, "foreign": NOT_FOUND}
    ),
    "portal:report_receipts_import": row(
        PORTAL_POST, "report", post={"own": BAD, "foreign": NOT_FOUND}
    ),
    "portal:refund_notice": row(PORTAL_OBJ, "claim"),
    # -- staff pages (the applications app of the staff site) --------------------------------
    "index": row(STAFF, staff=FOUND),
    "antraege:index": row(STAFF),
    "antraege:case": row(STAFF, "grant"),
    "antraege:case@draft": row(STAFF, "draft", staff=NOT_FOUND),  # drafts: the applicant's own
    "antraege:attachment": row(STAFF, "grant_file"),
    "antraege:attachment@draft": row(STAFF, "draft_file", staff=NOT_FOUND),
    "antraege:notice": row(STAFF, "notice"),
    "antraege:notice_delivery": row(
        STAFF_POST, "notice", post={"staff": FORBIDDEN, "sb": FOUND, "bew": FOUND}
    ),
    "antraege:deadlines": row(STAFF),
    "antraege:grants": row(STAFF),
    "antraege:payments": row(STAFF),
    "antraege:reports": row(STAFF),
    "antraege:export": row(STAFF),
    "antraege:export_job": row(STAFF, "job", staff=NOT_FOUND, sb=OK),  # sb asked for it
    "antraege:export_download": row(STAFF, "job", staff=NOT_FOUND, sb=OK),
    "antraege:payout_file": row(FINANCE_ONLY),
    # POST actions with an empty body: the form is refused before any service runs
    # an empty POST: refused for other roles before the form is read, back to the case page
    # with the form's error for the role that may do it
    "antraege:revoke": row(STAFF_POST, "grant", post={"staff": FORBIDDEN, "bew": FOUND}),
    "antraege:refund_repayment": row(STAFF_POST, "claim", post={"staff": FORBIDDEN, "fin": FOUND}),
    "antraege:refund_waiver": row(STAFF_POST, "claim", post={"staff": FORBIDDEN, "fin": FOUND}),
    "antraege:refund_notice": row(STAFF, "claim"),
    "wirkung:index": row(STAFF),
    # the juror's pages: Fachgutachten only; a seat is its juror's own (fg sits on no jury)
    "jury:index": row(STAFF, staff=FORBIDDEN, fg=OK),
    "jury:seat": row(STAFF, "seat", staff=FORBIDDEN, fg=NOT_FOUND, post={}),
    "rangliste:index": row(STAFF, fg=FORBIDDEN),  # jurors do not see the other cases' scores
    "rangliste:export": row(STAFF, "call", fg=FORBIDDEN),
    # project ideas: Sachbearbeitung only (grants.advise_idea); an empty POST fails the form
    "ideen:index": row(STAFF, staff=FORBIDDEN, sb=OK),
    "ideen:detail": row(STAFF, "idea", staff=FORBIDDEN, sb=OK),
    "ideen:advice": row(STAFF, "idea", staff=FORBIDDEN, sb=METHOD, post={"sb": BAD}),
    "ideen:invite": row(STAFF, "idea", staff=FORBIDDEN, sb=METHOD, post={"sb": BAD}),
    "ideen:refer": row(STAFF, "idea", staff=FORBIDDEN, sb=METHOD, post={"sb": BAD}),
    "ideen:decline": row(STAFF, "idea", staff=FORBIDDEN, sb=METHOD, post={"sb": BAD}),
    # -- Finanzen ----------------------------------------------------------------------------
    "finanzen:index": row(FINANCE_ONLY),
    "finanzen:budget_sheet": row(FINANCE_ONLY),
    "finanzen:cofunder": row(FINANCE_ONLY, "cofunder"),
    "finanzen:carry_over": row(FINANCE_ONLY),
    "finanzen:bank_changes": row(FINANCE_ONLY),
    # an empty POST: the confirmation lacks the call-back note, the rejection meets a change
    # already decided (a message, back to the list)
    "finanzen:bank_change_confirm": row(FINANCE_ONLY, "bank_change", fin=METHOD, post={"fin": BAD}),
    "finanzen:bank_change_reject": row(
        FINANCE_ONLY, "bank_change_decided", fin=METHOD, post={"fin": FOUND}
    ),
    "finanzen:fundingsource:index": row(FINANCE_ONLY),
    "finanzen:fundingsource:list": row(FINANCE_ONLY),
    "finanzen:fundingsource:add": row(FINANCE_ONLY),
    "finanzen:fundingsource:change": row(FINANCE_ONLY, "source"),
    "finanzen:budgetline:index": row(FINANCE_ONLY),
    "finanzen:budgetline:list": row(FINANCE_ONLY),
    "finanzen:budgetline:add": row(FINANCE_ONLY),
    "finanzen:budgetline:change": row(FINANCE_ONLY, "line"),
    # -- the Django admin: pages besides the model admins (ADMIN_MODELS) ----------------------
    "admin:index": row(ADMIN, staff=OK),
    "admin:login": row(ADMIN, applicant=OK, staff=FOUND),  # the admin's own refusal page
    "admin:logout": row(  # the admin sends non-staff to its index, staff log out by POST
        ADMIN, applicant=FOUND, staff=METHOD, post={"applicant": FOUND, "staff": LOGIN}
    ),
    "admin:password_change": row(ADMIN, staff=OK),
    "admin:password_change_done": row(ADMIN, staff=OK),
    "admin:jsi18n": row(ADMIN, staff=OK),
    "admin:autocomplete": row(ADMIN),
    "admin:view_on_site": row(ADMIN, "view_on_site", staff=NOT_FOUND),  # no public page
    "admin:app_list": row(ADMIN, "app_label", staff=NOT_FOUND, adm=OK),  # /admin/grants/
    "admin/(?P<url>.*)$": row(ADMIN, "catch_all", staff=NOT_FOUND),
    "admin:auth_user_password_change": row(ADMIN, "admin:core.user", adm=OK),
    "admin:otp_totp_totpdevice_config": row(ADMIN, "admin:otp_totp.totpdevice"),
    "admin:otp_totp_totpdevice_qrcode": row(ADMIN, "admin:otp_totp.totpdevice"),
}

# -- viewflow's staff UI: per flow the roles that see it (the flow's view permission), the
# human tasks with the role that works on them (anyone else gets 403 with the reason of
# workflow.nodes.CaseTask: "Diese Aufgabe gehört zur Rolle ..."), and the other nodes with the
# actions viewflow offers on them (undo, cancel, revive: the flow's manage permission, which no
# role has).
FLOWS = {
    "verfahren": (
        ROLES,
        {"formal_check": "sb", "review": "fg", "budget_check": "fin", "decision": "bew"}
        | {"panel_assign": "sb", "light_decision": "sb"},
        {
            "start": "undo",
            "is_complete": "cancel revive undo",
            "revision": "cancel revive undo",
            "panel_review": "cancel revive undo",
            "is_light": "cancel revive undo",
            "split": "revive undo",
            "join": "cancel revive undo",
            "ready": "cancel revive undo",
            "end": "revive undo",
        },
    ),
    "mittelabrufe": (
        ("sb", "fin"),
        {"factual": "sb", "arithmetic": "fin", "release": "fin"},
        {
            "start": "undo",
            "after_factual": "cancel revive undo",
            "after_arithmetic": "cancel revive undo",
            "after_release": "cancel revive undo",
            "paid": "revive undo",
            "returned": "revive undo",
        },
    ),
    "nachweise": (
        ("sb", "fin"),
        {"check": "sb"},
        {
            "start": "undo",
            "is_accepted": "cancel revive undo",
            "revision": "cancel revive undo",
            "end": "revive undo",
        },
    ),
    "aenderungen": (
        ("sb", "bew"),
        {"check": "sb", "decide": "bew"},
        {
            "start": "undo",
            "is_recommended": "cancel revive undo",
            "decided": "revive undo",
            "not_recommended": "revive undo",
        },
    ),
}


def flow_rows(ns: str, viewers: tuple, tasks: dict, nodes: dict) -> dict[str, Row]:
    """A flow's pages: the lists and the process as its viewers see them; a human task (the
    queued one for assign, index, detail; for execute and unassign the one its role's person
    took) only for its role; nobody may undo, cancel or revive."""
    see = {**STAFF, "staff": FORBIDDEN, **dict.fromkeys(viewers, OK)}
    redirect = {**see, **dict.fromkeys(viewers, FOUND)}
    lists = ("inbox", "queue", "archive", "index", "task_list", "chart")
    rows = {
        f"{ns}:{name}": row(see, ns)
        for name in (*lists, "process_list", "process_detail", "process_chart")
    }
    rows[f"{ns}:process_cancel"] = row(see, ns, staff=FORBIDDEN)
    for bulk in ("tasks_assign", "tasks_unassign"):  # GET goes back to the list
        rows[f"{ns}:{bulk}"] = row(redirect, post=dict.fromkeys(viewers, OK))
    for node, role in tasks.items():
        mine = {**STAFF, "staff": FORBIDDEN, role: OK}
        rows[f"{ns}:{node}:assign"] = row(mine, f"{ns}:{node}", post={role: FOUND})
        rows[f"{ns}:{node}:execute"] = row(mine, f"{ns}:{node}:taken", post={role: OK})
        rows[f"{ns}:{node}:unassign"] = row(mine, f"{ns}:{node}:taken", post={role: FOUND})
        nodes = {**nodes, node: ""}
    for node, actions in nodes.items():
        rows[f"{ns}:{node}:index"] = row(redirect, f"{ns}:{node}")
        rows[f"{ns}:{node}:detail"] = row(see, f"{ns}:{node}")
        for action in actions.split():
            rows[f"{ns}:{node}:{action}"] = row(see, f"{ns}:{node}", staff=FORBIDDEN)
    return rows


for _ns, _spec in FLOWS.items():
    TABLE.update(flow_rows(_ns, *_spec))

# -- Django admin model pages: who has which rights (view, add, change, delete) per model.
# Without a right the page is 403; the bare object URL redirects every member of staff on to
# the change page.
ADMIN_MODELS = {
    "auth.group": {"adm": "v"},
    "django_tasks_database.dbtaskresult": {},
    "otp_totp.totpdevice": {},
    "axes.accessattempt": {},
    "axes.accesslog": {},
    "axes.accessfailurelog": {},
    "viewflow.process": {},
    "viewflow.task": {},
    "core.user": {"adm": "vacd"},
    "core.district": {"adm": "vacd"},
    "core.auditentry": {"adm": "v"},
    "applicants.organisation": {"adm": "v"},
    "grants.programme": {"adm": "vacd"},
    "grants.caseprocedure": {"adm": "v"},  # read-only: a case keeps its procedure
    "grants.call": {"adm": "vacd"},
    "grants.theme": {"adm": "vacd"},
    "grants.application": {},
    "grants.report": {},
    "grants.changerequest": {},
    "budgeting.datasubject": {"adm": "v"},
    "budgeting.fundingsource": {"fin": "vacd"},
    "budgeting.budgetline": {"fin": "vacd"},
    "budgeting.ledgerentry": {"fin": "v"},
    "budgeting.budgetallocation": {"fin": "v"},
    "budgeting.baserate": {"fin": "vacd"},
    "budgeting.cofundingpledge": {"fin": "vad"},
}
ADMIN_PAGES = {"changelist": "vc", "add": "a", "change": "vc", "history": "vc", "delete": "d"}


def admin_rows(label: str, rights: dict) -> dict[str, Row]:
    app, model = label.split(".")
    rows = {f"admin/{app}/{model}/<path:object_id>/": row(ADMIN, f"admin:{label}", staff=FOUND)}
    for page, needs in ADMIN_PAGES.items():
        allowed = {role: OK for role, has in rights.items() if set(needs) & set(has)}
        rows[f"admin:{app}_{model}_{page}"] = row(ADMIN, f"admin:{label}", **allowed)
    return rows


for _label, _rights in ADMIN_MODELS.items():
    TABLE.update(admin_rows(_label, _rights))
