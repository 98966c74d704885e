"""The demo programmes' indicator catalogues (Wirkungstreppe steps 1–6)."""

from dataclasses import dataclass

from grants.demo.programmes import EDUCATION, ENGAGED, NEIGHBOURHOOD, SMALL
from grants.models import Indicator, Programme
from grants.models import IndicatorAggregation as A
from grants.models import IndicatorDirection as R
from grants.models import IndicatorMethod as M
from grants.models import IndicatorUnit as U
from grants.models.indicator import level_of_step


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    step: int
    unit: str
    aggregation: str
    method: str
    description: str = ""
    direction: str = R.INCREASE
    mandatory: bool = False
    about_people: bool = False
    monitoring_field: str = ""


TERMINE = IndicatorSpec(
    "TERMINE",
    "Durchgeführte Termine",
    1,
    U.COUNT,
    A.SUM,
    M.ATTENDANCE,
    "Treffen, Kurse oder Veranstaltungen, die stattgefunden haben (laut Teilnahmeliste).",
    mandatory=True,
)
TEILNEHMENDE = IndicatorSpec(
    "TN",
    "Erreichte Teilnehmende",
    2,
    U.COUNT,
    A.SUM,
    M.ATTENDANCE,
    "Verschiedene Personen, die mindestens einmal teilgenommen haben.",
    mandatory=True,
    about_people=True,
)
NEU_ZUGEWANDERT = IndicatorSpec(
    "TN-NEU",
    "Anteil neu Zugewanderter unter den Teilnehmenden",
    2,
    U.PERCENT,
    A.RATE,
    M.SELF_REPORT,
    "Anteil der Teilnehmenden, die seit höchstens drei Jahren in Deutschland leben. Nur als "
    "Summe erfragt, nie für einzelne Personen gespeichert.",
    about_people=True,
)
TEILNAHMEQUOTE = IndicatorSpec(
    "QUOTE",
    "Teilnahmequote",
    3,
    U.PERCENT,
    A.RATE,
    M.ATTENDANCE,
    "Anteil der angemeldeten Personen, die regelmäßig (an mindestens drei von vier Terminen) "
    "teilnehmen.",
    about_people=True,
)
DEUTSCHNOTE = IndicatorSpec(
    "DEUTSCH",
    "Anteil mit verbesserter Deutschnote",
    4,
    U.PERCENT,
    A.RATE,
    M.LANGUAGE_TEST,
    "Anteil der begleiteten Kinder, deren Deutschnote oder Sprachtest sich vom Beginn bis zum "
    "Ende verbessert (Vorher-Nachher-Vergleich).",
    mandatory=True,
    about_people=True,
    monitoring_field="Integrationsmonitoring NRW: Sprachstand bei Schuleingang",
)
SPRECHEN = IndicatorSpec(
    "SPRECHEN",
    "Anteil, der sich beim Deutschsprechen im Alltag sicherer fühlt",
    4,
    U.PERCENT,
    A.RATE,
    M.SURVEY,
    "Kurze Befragung zu Beginn und am Ende.",
    about_people=True,
)
KONTAKTE = IndicatorSpec(
    "KONTAKTE",
    "Anteil mit neuen Kontakten in der Nachbarschaft",
    4,
    U.PERCENT,
    A.RATE,
    M.SURVEY,
    "Teilnehmende, die am Ende mindestens eine neue Person im Stadtteil kennen, die sie "
    "ansprechen können.",
    about_people=True,
)
ENGAGEMENT = IndicatorSpec(
    "ENGAGEMENT",
    "Nachbarinnen und Nachbarn, die selbst Verantwortung übernehmen",
    5,
    U.COUNT,
    A.SUM,
    M.SELF_REPORT,
    "Zum Beispiel im Gartenrat, als Kochteam oder als Gruppenleitung.",
    about_people=True,
)
ELTERN = IndicatorSpec(
    "ELTERN",
    "Eltern, die an Schulgesprächen teilnehmen",
    5,
    U.COUNT,
    A.SUM,
    M.SELF_REPORT,
    "Elternsprechtage, Elternabende oder Gespräche mit Lehrkräften.",
    about_people=True,
)
AUSBILDUNG = IndicatorSpec(
    "AUSBILDUNG",
    "Jugendliche, die eine Ausbildung beginnen",
    6,
    U.COUNT,
    A.SUM,
    M.SELF_REPORT,
    about_people=True,
    monitoring_field="Integrationsmonitoring NRW: Übergang von der Schule in die Ausbildung",
)

CATALOGUES: dict[str, tuple[IndicatorSpec, ...]] = {
    SMALL: (TERMINE, TEILNEHMENDE, NEU_ZUGEWANDERT, TEILNAHMEQUOTE, SPRECHEN),
    NEIGHBOURHOOD: (TERMINE, TEILNEHMENDE, NEU_ZUGEWANDERT, TEILNAHMEQUOTE, KONTAKTE, ENGAGEMENT),
    EDUCATION: (
        TERMINE,
        TEILNEHMENDE,
        NEU_ZUGEWANDERT,
        TEILNAHMEQUOTE,
        DEUTSCHNOTE,
        ELTERN,
        AUSBILDUNG,
    ),
    ENGAGED: (TERMINE, TEILNEHMENDE, NEU_ZUGEWANDERT, TEILNAHMEQUOTE, ENGAGEMENT),
}


def catalogue_ensure(programme: Programme) -> int:
    """Create or update the programme's demo catalogue; returns how many entries were new."""
    created = 0
    for position, spec in enumerate(CATALOGUES.get(programme.name, ()), start=1):
        indicator, is_new = Indicator.objects.update_or_create(
            programme=programme,
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "level": level_of_step(spec.step),
                "step": spec.step,
                "unit": spec.unit,
                "aggregation": spec.aggregation,
                "direction": spec.direction,
                "method": spec.method,
                "mandatory": spec.mandatory,
                "about_people": spec.about_people,
                "monitoring_field": spec.monitoring_field,
                "position": position,
            },
        )
        indicator.full_clean()
        created += is_new
    return created
