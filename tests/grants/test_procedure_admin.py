"""Administration sets a programme's procedure in the admin: combinations that do not fit
together are refused with their message and nothing is saved; a case's copy is read-only."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from core.roles import ADMINISTRATION, CASEWORKER
from core.services import roles_ensure
from grants.models import DecisionMode, IdeaStage, Programme, ProofOfUse, ReviewMode
from grants.services.procedure import case_procedure_fix
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would send for the admin's change form as it stands."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def change_form_data(client, programme) -> dict:
    page = client.get(reverse("admin:grants_programme_change", args=[programme.pk]))
    assert page.status_code == 200
    parser = FormFields()
    parser.feed(page.content.decode())
    data = {name: values for name, values in parser.data.items() if "__prefix__" not in name}
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.fixture
def administration(client):
    roles_ensure()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATION))
    client.force_login(user)
    return client


def post_procedure(client, programme, **options):
    data = change_form_data(client, programme)
    for name, value in options.items():
        data[name] = [value]
    return client.post(reverse("admin:grants_programme_change", args=[programme.pk]), data)


def test_the_change_form_groups_the_procedure_options(administration):
    programme = ProgrammeFactory()
    page = administration.get(reverse("admin:grants_programme_change", args=[programme.pk]))
    html = page.content.decode()
    assert "<h2" in html and "Verfahren" in html
    for label in ("Projektidee und Beratung", "fachliche Prüfung", "Entscheidung"):
        assert label in html
    assert "nur für spätere Anträge" in html


def test_a_valid_procedure_is_saved(administration):
    programme = ProgrammeFactory()
    response = post_procedure(
        administration,
        programme,
        idea_stage=IdeaStage.REQUIRED,
        review_mode=ReviewMode.PANEL,
        panel_size="3",
        spread_threshold="1.50",
        decision_mode=DecisionMode.LIGHT,
        light_limit="2500.00",
        proof_of_use=ProofOfUse.SIMPLIFIED,
        sample_share="10.00",
    )
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    programme.refresh_from_db()
    assert programme.idea_stage == IdeaStage.REQUIRED
    assert programme.is_panel and programme.spread_threshold == Decimal("1.50")
    assert programme.is_light and programme.light_limit == Decimal("2500.00")
    assert programme.is_simplified_proof


REFUSED = [
    (
        {"review_mode": ReviewMode.NONE},
        "Ohne fachliche Prüfung geht es nur im vereinfachten Verfahren",
    ),
    (
        {"decision_mode": DecisionMode.LIGHT, "light_limit": ""},
        "Das vereinfachte Verfahren braucht eine Betragsgrenze über 0 €.",
    ),
    (
        {"decision_mode": DecisionMode.LIGHT, "light_limit": "0.00"},
        "Das vereinfachte Verfahren braucht eine Betragsgrenze über 0 €.",
    ),
    (
        {"light_limit": "2000.00"},
        "Eine Betragsgrenze gibt es nur im vereinfachten Verfahren.",
    ),
    (
        {"decision_mode": DecisionMode.LIGHT, "light_limit": "20000.00"},
        "Die Betragsgrenze liegt über dem Höchstbetrag der Förderung.",
    ),
    (
        {"review_mode": ReviewMode.PANEL, "spread_threshold": ""},
        "ab welcher Streuung der Punktzahlen ein Antrag besprochen wird",
    ),
    (
        {"spread_threshold": "1.00"},
        "Eine Streuungsgrenze gibt es nur bei einer Jury.",
    ),
]


@pytest.mark.parametrize(("options", "message"), REFUSED)
def test_a_combination_that_does_not_fit_is_refused_with_its_message(
    administration, options, message
):
    programme = ProgrammeFactory()
    before = Programme.objects.filter(pk=programme.pk).values().get()
    response = post_procedure(administration, programme, **options)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert Programme.objects.filter(pk=programme.pk).values().get() == before


def test_a_cases_procedure_can_be_read_but_not_changed_by_administration(administration):
    procedure = case_procedure_fix(programme=ProgrammeFactory(name="Kleinprojektefonds"))
    listing = administration.get(reverse("admin:grants_caseprocedure_changelist"))
    assert listing.status_code == 200 and "Kleinprojektefonds" in listing.content.decode()
    change = reverse("admin:grants_caseprocedure_change", args=[procedure.pk])
    page = administration.get(change)
    assert (
        page.status_code == 200 and "eine Gutachterin oder ein Gutachter" in page.content.decode()
    )
    assert administration.post(change, {"review_mode": ReviewMode.PANEL}).status_code == 403
    assert administration.get(reverse("admin:grants_caseprocedure_add")).status_code == 403
    delete = reverse("admin:grants_caseprocedure_delete", args=[procedure.pk])
    assert administration.post(delete, {"post": "yes"}).status_code == 403
    procedure.refresh_from_db()
    assert procedure.review_mode == ReviewMode.SINGLE


def test_casework_cannot_change_a_programmes_procedure(client):
    roles_ensure()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKER))
    client.force_login(user)
    programme = ProgrammeFactory()
    change = reverse("admin:grants_programme_change", args=[programme.pk])
    assert client.get(change).status_code == 403
    assert client.post(change, {"review_mode": ReviewMode.PANEL}).status_code == 403
    programme.refresh_from_db()
    assert programme.review_mode == ReviewMode.SINGLE
