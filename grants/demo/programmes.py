"""Demo programmes of three financing types and three procedures, with their calls.

The small-grants fund runs the light track (Sachbearbeitung decides alone up to 2.000 €) with the
simplified proof of use; "Nachbarschaft verbindet" and "Bildungschancen plus" the standard path;
"Vielfältig engagiert!" (modelled on Wuppertal's call) requires a project idea with advice first
and has every application scored by a jury of three.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from core.models import District
from grants.models import (
    Call,
    Criterion,
    DecisionMode,
    FinancingType,
    IdeaStage,
    Programme,
    ProofOfUse,
    RequiredDocument,
    ReviewMode,
    Theme,
)

SMALL = "Kleinprojektefonds Integration"
NEIGHBOURHOOD = "Nachbarschaft verbindet"
EDUCATION = "Bildungschancen plus"
ENGAGED = "Vielfältig engagiert!"

# The procedures (grants.models.procedure.ProcedureOptions); a programme not named here keeps
# the standard one: one reviewer, Bewilligung decides, full proof of use.
STANDARD = {
    "idea_stage": IdeaStage.NONE,
    "review_mode": ReviewMode.SINGLE,
    "panel_size": 3,
    "spread_threshold": None,
    "decision_mode": DecisionMode.STANDARD,
    "light_limit": None,
    "proof_of_use": ProofOfUse.FULL,
    "sample_share": Decimal("10.00"),
}
LIGHT_LIMIT = Decimal("2000.00")
LIGHT = {
    **STANDARD,
    "review_mode": ReviewMode.NONE,
    "decision_mode": DecisionMode.LIGHT,
    "light_limit": LIGHT_LIMIT,
    "proof_of_use": ProofOfUse.SIMPLIFIED,
}
IDEA_AND_PANEL = {
    **STANDARD,
    "idea_stage": IdeaStage.REQUIRED,
    "review_mode": ReviewMode.PANEL,
    "panel_size": 3,
    "spread_threshold": Decimal("1.00"),
}

SATZUNG = ("Satzung", "Aktuelle Satzung bzw. Gesellschaftsvertrag des Trägers.")
FREISTELLUNG = (
    "Freistellungsbescheid des Finanzamts",
    "Letzter Freistellungsbescheid oder Feststellungsbescheid nach § 60a AO.",
)


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    description: str
    financing_type: str
    max_amount: Decimal
    max_duration_months: int
    themes: tuple[str, ...]
    districts: tuple[int, ...] | None  # district numbers; None: the whole city
    documents: tuple[tuple[str, str], ...]
    criteria: tuple[tuple[str, str, str], ...]  # name, description, weight
    funding_rate: Decimal | None = None
    procedure: dict | None = None  # ProcedureOptions fields; None: STANDARD


PROGRAMMES = (
    ProgrammeSpec(
        name=SMALL,
        description=(
            "Schnelle und unbürokratische Förderung kleiner Projekte von "
            "Migrantenselbstorganisationen, Vereinen und Initiativen: Sprachcafés, Feste der "
            "Begegnung, Informationsabende oder Workshops. Gefördert wird ein fester Betrag von "
            "bis zu 2.500 € für Projekte mit einer Laufzeit von höchstens sechs Monaten. Bis "
            "2.000 € entscheidet die Sachbearbeitung im vereinfachten Verfahren ohne fachliche "
            "Prüfung; nachgewiesen wird mit dem einfachen Verwendungsnachweis."
        ),
        financing_type=FinancingType.FIXED,
        max_amount=Decimal("2500.00"),
        max_duration_months=6,
        themes=("sprache", "zusammenleben-quartier", "demokratie-toleranz"),
        districts=None,
        documents=(
            (
                "Satzung oder Selbstdarstellung der Initiative",
                "Bei Initiativen ohne Satzung "
                "genügt eine kurze Selbstdarstellung mit den verantwortlichen Personen.",
            ),
        ),
        criteria=(
            ("Beitrag zur Integration", "Stärkt das Projekt Teilhabe und Begegnung?", "40"),
            ("Beteiligung der Zielgruppe", "Wirken die Teilnehmenden bei der Planung mit?", "30"),
            ("Plausibilität von Kosten und Zeitplan", "", "30"),
        ),
        procedure=LIGHT,
    ),
    ProgrammeSpec(
        name=NEIGHBOURHOOD,
        description=(
            "Das Programm fördert Projekte, die das Zusammenleben in den Wuppertaler Quartieren "
            "stärken: Nachbarschaftstreffs, interkulturelle Gärten, Stadtteilspaziergänge und "
            "Begegnungsangebote für Alteingesessene und Neuzugewanderte. Die Stadt übernimmt bis "
            "zu 80 % der förderfähigen Kosten, höchstens 15.000 €, für bis zu zwölf Monate."
        ),
        financing_type=FinancingType.SHARE,
        funding_rate=Decimal("80.00"),
        max_amount=Decimal("15000.00"),
        max_duration_months=12,
        themes=("zusammenleben-quartier", "demokratie-toleranz", "sprache"),
        districts=(0, 1, 3, 5, 6, 7),
        documents=(SATZUNG, FREISTELLUNG),
        criteria=(
            ("Wirkung im Quartier", "Welche Veränderung im Stadtteil ist zu erwarten?", "35"),
            ("Vernetzung mit Akteuren im Stadtteil", "Quartiersbüro, Schulen, Gemeinden.", "25"),
            ("Beteiligung und Ehrenamt", "", "20"),
            ("Wirtschaftlichkeit", "Angemessenes Verhältnis von Kosten und Nutzen.", "20"),
        ),
    ),
    ProgrammeSpec(
        name=EDUCATION,
        description=(
            "Bildungschancen plus unterstützt Projekte, die Kindern und Jugendlichen aus "
            "eingewanderten Familien bessere Bildungswege eröffnen: Lernpatenschaften, "
            "mehrsprachige Leseförderung, Elternarbeit und Begleitung beim Übergang in die "
            "Ausbildung. Gefördert wird der Fehlbedarf bis zu 30.000 € für höchstens 24 Monate. "
            "Kofinanziert von der Freudenberg Stiftung."
        ),
        financing_type=FinancingType.GAP,
        max_amount=Decimal("30000.00"),
        max_duration_months=24,
        themes=("bildungschancen", "sprache", "arbeit-ausbildung"),
        districts=None,
        documents=(
            SATZUNG,
            FREISTELLUNG,
            (
                "Kooperationsvereinbarung Schule",
                "Unterschriebene Vereinbarung mit mindestens einer beteiligten Schule oder Kita.",
            ),
        ),
        criteria=(
            ("Bildungswirkung für Kinder und Jugendliche", "", "40"),
            ("Kooperation mit Schulen und Kitas", "", "25"),
            ("Einbindung der Eltern", "", "20"),
            ("Nachhaltigkeit und Wirkungsmessung", "Ziele und Indikatoren sind messbar.", "15"),
        ),
    ),
    ProgrammeSpec(
        name=ENGAGED,
        description=(
            "Vielfältig engagiert! fördert Projekte, in denen sich Menschen mit und ohne "
            "Einwanderungsgeschichte gemeinsam ehrenamtlich engagieren: Patenschaften, "
            "Nachbarschaftshilfe, Kultur- und Sportangebote, Qualifizierung von Ehrenamtlichen. "
            "Am Anfang steht eine kurze Projektidee; nach einer Projektberatung lädt die Stadt "
            "zum Antrag ein. Eine Jury aus drei Fachleuten bewertet jeden Antrag. Die Stadt "
            "übernimmt bis zu 90 % der förderfähigen Kosten, höchstens 10.000 €, für bis zu "
            "zwölf Monate."
        ),
        financing_type=FinancingType.SHARE,
        funding_rate=Decimal("90.00"),
        max_amount=Decimal("10000.00"),
        max_duration_months=12,
        themes=("demokratie-toleranz", "zusammenleben-quartier", "integrationskurse-beratung"),
        districts=None,
        documents=(SATZUNG,),
        criteria=(
            ("Gemeinsames Engagement", "Engagieren sich Alteingesessene und Zugewanderte?", "40"),
            ("Beteiligung der Zielgruppe", "Wirken die Teilnehmenden bei der Planung mit?", "30"),
            ("Umsetzbarkeit und Kosten", "Zeitplan, Ehrenamtliche und Kosten passen.", "30"),
        ),
        procedure=IDEA_AND_PANEL,
    ),
)


def programme_ensure(spec: ProgrammeSpec) -> tuple[Programme, bool]:
    """Create or update the programme with its themes, districts, documents and criteria."""
    programme, created = Programme.objects.update_or_create(
        name=spec.name,
        defaults={
            "description": spec.description,
            "financing_type": spec.financing_type,
            "funding_rate": spec.funding_rate,
            "max_amount": spec.max_amount,
            "max_duration_months": spec.max_duration_months,
            "is_active": True,
            **(spec.procedure or STANDARD),
        },
    )
    programme.full_clean()
    programme.themes.set(Theme.objects.filter(code__in=spec.themes))
    districts = District.objects.all()
    if spec.districts is not None:
        districts = districts.filter(number__in=spec.districts)
    programme.eligible_districts.set(districts)
    for name, description in spec.documents:
        RequiredDocument.objects.update_or_create(
            programme=programme, name=name, defaults={"description": description}
        )
    for name, description, weight in spec.criteria:
        Criterion.objects.update_or_create(
            programme=programme,
            name=name,
            defaults={"description": description, "weight": Decimal(weight)},
        )
    return programme, created


def open_call_ensure(programme: Programme, *, today: date) -> tuple[Call, bool]:
    """This year's call: opened a month ago, open for at least 90 more days."""
    return _call_ensure(
        programme,
        title=f"Förderaufruf {today.year}",
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=120),
        project_start_earliest=today,
        project_end_latest=today + relativedelta(months=18),
    )


def closed_call_ensure(programme: Programme, *, today: date) -> tuple[Call, bool]:
    """Last year's call, long closed."""
    year = today.year - 1
    return _call_ensure(
        programme,
        title=f"Förderaufruf {year}",
        opens_on=date(year, 2, 1),
        closes_on=date(year, 4, 30),
        project_start_earliest=date(year, 6, 1),
        project_end_latest=date(year, 12, 31),
    )


def _call_ensure(programme: Programme, *, title: str, **dates) -> tuple[Call, bool]:
    call, created = Call.objects.get_or_create(programme=programme, title=title, defaults=dates)
    if created:
        call.full_clean()
    return call, created
