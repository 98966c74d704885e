"""Demo project ideas for "Vielfältig engagiert!" in every state of the idea stage, through the
same services the portal and the staff pages use: waiting for advice, advised, invited with its
draft, referred to another programme, declined; and two invited ones whose completed
application goes on to the jury (workflow/demo.py takes them there).

In a spec, the organisation is its index in ORGANISATIONS.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from applicants.models import Organisation
from grants.demo.applications import ApplicationSpec, draft_fill
from grants.demo.programmes import ENGAGED, SMALL
from grants.models import AdviceChannel, Application, Call, Idea, Programme
from grants.models import CostCategory as C
from grants.models import FinancingKind as F
from grants.services.idea import (
    advice_record_add,
    idea_decline,
    idea_invite,
    idea_refer,
    idea_submit,
)

INVITED = "invited"
REFERRED = "referred"
DECLINED = "declined"

# What the workflow demo does with the submitted application of an invited idea.
PANEL_ONE_OF_THREE = "panel_one_of_three"  # one juror of three has scored
PANEL_COMPLETE = "panel_complete"  # all three have, far apart; budget checked


@dataclass(frozen=True)
class IdeaSpec:
    organisation: int
    title: str
    description: str
    target_group: str
    place: str
    timeframe: str
    rough_cost: str
    advised: bool = False
    outcome: str = ""  # "" (still open), INVITED, REFERRED or DECLINED
    message: str = ""
    application: ApplicationSpec | None = (
        None  # an invited idea's draft, as the applicant completes it
    )
    target: str = ""  # for a submitted application: PANEL_ONE_OF_THREE or PANEL_COMPLETE


INVITATION = (
    "Vielen Dank für das Beratungsgespräch. Wir laden Sie ein, den Antrag zu stellen; der "
    "Entwurf enthält schon Ihre Angaben aus der Projektidee. Bitte ergänzen Sie Kosten- und "
    "Finanzierungsplan und die Satzung."
)

IDEAS = (
    IdeaSpec(
        4,
        "Sport verbindet: offene Trainingsgruppen in Cronenberg",
        "Der Freundeskreis möchte mit dem örtlichen Sportverein offene Trainingsgruppen für "
        "Fußball und Gymnastik anbieten, die Ehrenamtliche aus beiden Vereinen gemeinsam leiten.",
        "Jugendliche und Frauen in Cronenberg, besonders neu zugewanderte.",
        "Sporthalle Cronenberg und Sportplatz Hahnerberg",
        "ab dem Frühjahr, etwa zehn Monate",
        "6500.00",
    ),
    IdeaSpec(
        5,
        "Ehrenamtliche Sprachmittlerinnen und Sprachmittler qualifizieren",
        "Eine Schulungsreihe für Ehrenamtliche, die bei Elterngesprächen, Arztbesuchen und "
        "Behördengängen übersetzen: Rolle, Schweigepflicht, Grenzen des Ehrenamts.",
        "Mehrsprachige Ehrenamtliche aus Barmer Gemeinden und Vereinen.",
        "Bildungszentrum Barmen",
        "zweites Halbjahr, sechs Schulungstage",
        "4800.00",
        advised=True,
    ),
    IdeaSpec(
        2,
        "Elternlotsinnen für die Kitas in Uellendahl",
        "Mütter und Väter, die schon länger hier leben, begleiten neu zugezogene Familien bei "
        "der Anmeldung und in den ersten Wochen in der Kita.",
        "Neu zugezogene Familien mit Kindern unter sechs Jahren.",
        "Kitas in Uellendahl-Katernberg",
        "ab August, ein Kita-Jahr",
        "7000.00",
        advised=True,
        outcome=INVITED,
        message=INVITATION,
        application=ApplicationSpec(
            2,
            ENGAGED,
            "Elternlotsinnen für die Kitas in Uellendahl",
            "Mütter und Väter, die schon länger hier leben, begleiten neu zugezogene Familien "
            "bei der Anmeldung und in den ersten Wochen in der Kita.",
            target_group="Neu zugezogene Familien mit Kindern unter sechs Jahren.",
            districts=(2,),
            months=11,
            requested="7000.00",
        ),
    ),
    IdeaSpec(
        3,
        "Afrikanischer Filmabend im Stadtteilkino",
        "Ein Filmabend mit anschließendem Gespräch mit der Regisseurin.",
        "Nachbarschaft in Vohwinkel",
        "Stadtteilkino Vohwinkel",
        "im Herbst, ein Abend",
        "1200.00",
        advised=True,
        outcome=REFERRED,
        message=(
            "Ein einzelner Filmabend passt besser zum Kleinprojektefonds Integration: dort "
            "entscheidet die Verwaltung bis 2.000 € schnell und ohne Jury. Bitte stellen Sie "
            "dort einen Antrag."
        ),
    ),
    IdeaSpec(
        9,
        "Genossenschaftliches Wohnen für Geflüchtete",
        "Die Genossenschaft möchte zwei Wohnungen für geflüchtete Familien umbauen.",
        "Geflüchtete Familien",
        "Ronsdorf",
        "nächstes Jahr",
        "25000.00",
        advised=True,
        outcome=DECLINED,
        message=(
            "Baumaßnahmen fördert „Vielfältig engagiert!“ nicht; das Programm unterstützt "
            "ehrenamtliches Engagement. Für den Umbau berät Sie gern das Wohnungsamt."
        ),
    ),
    IdeaSpec(
        6,
        "Patenschaften für neue Nachbarn in Wichlinghausen",
        "Ehrenamtliche Patinnen und Paten begleiten neu zugewanderte Familien ein Jahr lang: "
        "Behördengänge, Schule, Freizeit im Stadtteil.",
        "Neu zugewanderte Familien in Wichlinghausen.",
        "Nachbarschaftshaus Wichlinghausen",
        "ab Frühjahr, zwölf Monate",
        "7200.00",
        advised=True,
        outcome=INVITED,
        message=INVITATION,
        application=ApplicationSpec(
            6,
            ENGAGED,
            "Patenschaften für neue Nachbarn in Wichlinghausen",
            "Ehrenamtliche Patinnen und Paten begleiten neu zugewanderte Familien ein Jahr lang: "
            "Behördengänge, Schule, Freizeit im Stadtteil.",
            "25 Patenschaften halten ein Jahr; zehn Patinnen und Paten bleiben danach im "
            "Nachbarschaftshaus aktiv.",
            "Neu zugewanderte Familien in Wichlinghausen und Ehrenamtliche aus dem Stadtteil.",
            districts=(6,),
            months=12,
            requested="7200.00",
            submit=True,
            costs=(
                (C.FEES, "Schulung und Begleitung der Patinnen und Paten", "5000.00"),
                (C.MATERIAL, "Fahrkarten, Eintritte und Material", "2000.00"),
                (C.PUBLICITY, "Werbung um Ehrenamtliche", "1000.00"),
            ),
            financing=((F.OWN, "", "Eigenmittel des Vereins", "800.00"),),
        ),
        target=PANEL_ONE_OF_THREE,
    ),
    IdeaSpec(
        7,
        "Ehrenamtsschule für Frauen in Heckinghausen",
        "Frauen, die sich engagieren möchten, lernen in einer Ehrenamtsschule Vereinsarbeit, "
        "Projektplanung und Öffentlichkeitsarbeit und setzen ein erstes eigenes Projekt um.",
        "Frauen mit und ohne Einwanderungsgeschichte in Heckinghausen.",
        "Frauenwerkstatt Heckinghausen",
        "ab Februar, zehn Monate",
        "8100.00",
        advised=True,
        outcome=INVITED,
        message=INVITATION,
        application=ApplicationSpec(
            7,
            ENGAGED,
            "Ehrenamtsschule für Frauen in Heckinghausen",
            "Frauen, die sich engagieren möchten, lernen in einer Ehrenamtsschule Vereinsarbeit, "
            "Projektplanung und Öffentlichkeitsarbeit und setzen ein erstes eigenes Projekt um.",
            "20 Frauen schließen die Ehrenamtsschule ab; mindestens fünf eigene Projekte starten.",
            "Frauen mit und ohne Einwanderungsgeschichte in Heckinghausen.",
            districts=(7,),
            months=10,
            requested="8100.00",
            submit=True,
            costs=(
                (C.FEES, "Referentinnen, zehn Schulungsmodule", "6000.00"),
                (C.ROOMS, "Raummiete und Kinderbetreuung", "1800.00"),
                (C.MATERIAL, "Lernmaterial", "1200.00"),
            ),
            financing=((F.OWN, "", "Eigenmittel der Frauenwerkstatt", "900.00"),),
        ),
        target=PANEL_COMPLETE,
    ),
)


def idea_ensure(
    spec: IdeaSpec,
    *,
    organisation: Organisation,
    programmes: dict[str, Programme],
    call: Call,
    user,
    adviser,
    today: date,
    submit,
) -> tuple[Idea, Application | None, bool]:
    """Hand in the idea unless the organisation already has one with this title, record the
    advice and conclude it as the spec says; an invited idea's draft is completed and, if the
    spec says so, submitted with `submit`. Returns the idea, the submitted application (or
    None) and whether the idea was new."""
    existing = Idea.objects.filter(organisation=organisation, title=spec.title).first()
    if existing is not None:
        return existing, None, False
    idea = idea_submit(
        organisation=organisation,
        programme=programmes[ENGAGED],
        user=user,
        title=spec.title,
        description=spec.description,
        target_group=spec.target_group,
        place=spec.place,
        timeframe=spec.timeframe,
        rough_cost=Decimal(spec.rough_cost),
    )
    if spec.advised:
        advice_record_add(
            idea=idea,
            user=adviser,
            held_on=today - timedelta(days=7),
            channel=AdviceChannel.IN_PERSON,
            people_present=f"{user.get_full_name()}, {adviser.get_full_name()}",
            notes="Ziele, Zielgruppe und Zeitplan besprochen; die Kosten sind realistisch.",
            next_steps="Kostenplan mit Angeboten für die Honorare vorbereiten.",
            internal_note="Bisher ohne Förderung durch die Stadt; gut im Stadtteil vernetzt.",
        )
    submitted = None
    if spec.outcome == INVITED:
        draft = idea_invite(idea=idea, user=adviser, call=call, message=spec.message)
        draft = draft_fill(draft, spec.application, user=user, today=today)
        if spec.application.submit:
            submitted = submit(application=draft, user=user)
    elif spec.outcome == REFERRED:
        idea_refer(idea=idea, user=adviser, programme=programmes[SMALL], message=spec.message)
    elif spec.outcome == DECLINED:
        idea_decline(idea=idea, user=adviser, message=spec.message)
    return idea, submitted, True
