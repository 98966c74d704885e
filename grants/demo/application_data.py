"""The demo applications: drafts and submitted ones, spread over organisations and programmes.

Organisations are given by their index in ORGANISATIONS, districts by their number. Every
submitted application balances: costs = own funds + third-party funds + requested grant.
"""

from grants.demo.applications import ApplicationSpec
from grants.demo.programmes import EDUCATION, NEIGHBOURHOOD, SMALL
from grants.models import CostCategory as C
from grants.models import FinancingKind as F

FREUDENBERG = "Freudenberg Stiftung"


APPLICATIONS = (
    ApplicationSpec(
        0,
        SMALL,
        "Sprachcafé am Ölberg",
        "Wöchentliches Sprachcafé, in dem Neuzugewanderte mit ehrenamtlichen Sprachpatinnen "
        "und Sprachpaten Deutsch im Alltag üben.",
        "30 Teilnehmende üben regelmäßig Deutsch, knüpfen Kontakte in der Nachbarschaft und "
        "lernen Beratungsangebote im Stadtteil kennen.",
        "Erwachsene Neuzugewanderte in Elberfeld, besonders Frauen mit kleinen Kindern.",
        districts=(0,),
        months=5,
        requested="2000.00",
        submit=True,
        by_applicant=True,
        costs=(
            (C.FEES, "Honorar Sprachbegleitung, 20 Termine zu je 60 €", "1200.00"),
            (C.MATERIAL, "Lernmaterial, Getränke und Imbiss", "350.00"),
            (C.ROOMS, "Raummiete Stadtteiltreff", "600.00"),
            (C.PUBLICITY, "Flyer in fünf Sprachen", "150.00"),
        ),
        financing=((F.OWN, "", "Mitgliedsbeiträge", "300.00"),),
    ),
    ApplicationSpec(
        3,
        SMALL,
        "Fest der Kulturen Vohwinkel",
        "Ein Nachmittag mit Musik, Essen und Mitmachangeboten auf dem Lienhardplatz, gestaltet "
        "von afrikanischen und deutschen Vereinen gemeinsam.",
        "Begegnung zwischen Alteingesessenen und Zugewanderten, mindestens 300 Gäste, neue "
        "Kontakte zwischen den Vereinen im Stadtteil.",
        "Familien und Nachbarschaft in Vohwinkel.",
        districts=(3,),
        start_in_months=2,
        months=4,
        requested="2500.00",
        submit=True,
        publication_consent=False,  # shows that only consenting grants are published
        costs=(
            (C.FEES, "Musik und Moderation", "1500.00"),
            (C.MATERIAL, "Bühne, Zelte und Technik", "700.00"),
            (C.PUBLICITY, "Plakate und Anzeigen", "300.00"),
            (C.OTHER, "GEMA und Veranstaltungsversicherung", "200.00"),
        ),
        financing=((F.OWN, "", "Eigenanteil des Vereins", "200.00"),),
    ),
    ApplicationSpec(
        4,
        SMALL,
        "Handwerkscafé: Generationen und Kulturen",
        "Ältere Handwerkerinnen und Handwerker reparieren gemeinsam mit jungen Zugewanderten "
        "Fahrräder und Haushaltsgeräte.",
    ),
    ApplicationSpec(
        2,
        SMALL,
        "Mehrsprachiges Elterncafé Uellendahl",
        "Monatliches Elterncafé in der Grundschule, in dem Eltern sich in ihren Sprachen über "
        "Schule, Kita und Freizeitangebote austauschen.",
        "Eltern kennen das Schulsystem besser und sprechen Lehrkräfte häufiger an; 15 Familien "
        "nehmen regelmäßig teil.",
        "Eltern mit Migrationsgeschichte von Kindern im Grundschulalter.",
        districts=(2,),
        months=6,
        requested="1400.00",
        submit=True,
        costs=(
            (C.FEES, "Sprachmittlung Türkisch, Arabisch und Russisch", "900.00"),
            (C.MATERIAL, "Kinderbetreuung: Spielmaterial und Verpflegung", "380.00"),
            (C.ROOMS, "Nutzungsentgelt Schulaula", "200.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenanteil der Initiative", "30.00"),
            (F.INCOME, "", "Spenden aus dem Elternkreis", "50.00"),
        ),
    ),
    ApplicationSpec(
        6,
        NEIGHBOURHOOD,
        "Interkultureller Nachbarschaftsgarten Wichlinghausen",
        "Auf einer Brachfläche legen Anwohnerinnen und Anwohner einen Gemeinschaftsgarten mit "
        "Hochbeeten, Kräuterschnecke und Treffpunkt an.",
        "40 Haushalte gärtnern gemeinsam, monatliche Gartenfeste; ein Gartenrat aus der "
        "Nachbarschaft übernimmt nach einem Jahr die Verantwortung.",
        "Nachbarschaft rund um den Wichlinghauser Markt, besonders geflüchtete Familien und "
        "ältere Menschen.",
        districts=(6,),
        months=12,
        requested="9600.00",
        submit=True,
        costs=(
            (C.STAFF, "Projektkoordination (Minijob, 12 Monate)", "6000.00"),
            (C.MATERIAL, "Hochbeete, Erde, Saatgut und Werkzeug", "3500.00"),
            (C.FEES, "Workshops Gartenpädagogik", "1500.00"),
            (C.PUBLICITY, "Einladungen und Schilder", "500.00"),
            (C.ADMIN, "Verwaltungskostenpauschale", "500.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel des Vereins", "1400.00"),
            (F.INCOME, "", "Spenden aus der Nachbarschaft", "1000.00"),
        ),
    ),
    ApplicationSpec(
        1,
        NEIGHBOURHOOD,
        "Arrenberger Tafelrunde – Nachbarn kochen gemeinsam",
        "Einmal im Monat kochen Nachbarinnen und Nachbarn aus verschiedenen Herkunftsländern "
        "gemeinsam und essen an einer langen Tafel auf dem Arrenberg.",
        "Zehn Kochabende mit je 40 Gästen, ein mehrsprachiges Rezeptheft und feste Kochteams "
        "aus der Nachbarschaft.",
        "Bewohnerinnen und Bewohner von Arrenberg und Elberfeld-Mitte jeden Alters.",
        districts=(1, 0),
        start_in_months=2,
        months=10,
        requested="7000.00",
        submit=True,
        by_applicant=True,
        costs=(
            (C.FEES, "Honorare Kochleitung, 10 Abende", "4200.00"),
            (C.MATERIAL, "Lebensmittel und Geschirr", "2800.00"),
            (C.ROOMS, "Küchenmiete im Nachbarschaftsheim", "1800.00"),
            (C.PUBLICITY, "Druck des Rezepthefts", "450.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel der Gemeinde", "1450.00"),
            (F.INCOME, "", "Teilnahmebeiträge (2 € je Gast und Abend)", "800.00"),
        ),
    ),
    ApplicationSpec(
        7,
        NEIGHBOURHOOD,
        "Stadtteilspaziergänge und Nähwerkstatt für Frauen",
        "Frauen aus Heckinghausen erkunden ihren Stadtteil und seine Angebote; in einer offenen "
        "Nähwerkstatt entstehen Kontakte und gemeinsame Produkte.",
        "60 Frauen nehmen teil und kennen Beratungsstellen, Bibliothek und Vereine im "
        "Stadtteil; zehn Frauen leiten später selbst Gruppen an.",
        "Frauen mit und ohne Migrationsgeschichte in Heckinghausen.",
        districts=(7,),
        months=12,
        requested="15000.00",
        submit=True,
        costs=(
            (C.STAFF, "Sozialpädagogin, 8 Stunden pro Woche", "9600.00"),
            (C.FEES, "Honorare Nählehrerin", "3600.00"),
            (C.MATERIAL, "Nähmaschinen und Stoffe", "2400.00"),
            (C.ROOMS, "Miete Werkstattraum", "2400.00"),
            (C.PUBLICITY, "Flyer und Abschlussausstellung", "750.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel", "1500.00"),
            (F.PUBLIC, "Bezirksvertretung Heckinghausen", "bezirkliche Mittel", "2250.00"),
        ),
    ),
    ApplicationSpec(
        5,
        NEIGHBOURHOOD,
        "Barmer Nachbarschaftsdialog",
        "Moderierte Gesprächsabende zu Fragen des Zusammenlebens im Quartier rund um den Werth.",
        "Acht Dialogabende mit je 25 Teilnehmenden; Vorschläge an die Bezirksvertretung.",
        "Anwohnerinnen, Anwohner und Gewerbetreibende in Barmen-Mitte.",
        districts=(5,),
        start_in_months=2,
        months=12,
        requested="8000.00",
        attachments=1,
        costs=(
            (C.STAFF, "Moderation und Organisation", "7000.00"),
            (C.MATERIAL, "Verpflegung und Material", "1500.00"),
            (C.ROOMS, "Raummiete", "1500.00"),
        ),
        financing=((F.OWN, "", "Eigenmittel der gGmbH", "2000.00"),),
    ),
    ApplicationSpec(
        3,
        NEIGHBOURHOOD,
        "Willkommensnetz Vohwinkel",
        "Ehrenamtliche begleiten neu zugezogene Familien in den ersten Wochen im Stadtteil.",
    ),
    ApplicationSpec(
        5,
        EDUCATION,
        "Lernbrücke Barmen – Lernpatenschaften und Hausaufgabenhilfe",
        "Studierende und Ehrenamtliche begleiten Schülerinnen und Schüler der Klassen 3 bis 7 "
        "als Lernpatinnen und Lernpaten; dazu kommt eine tägliche Hausaufgabenhilfe.",
        "80 Kinder werden ein Schuljahr lang begleitet; 70 % verbessern ihre Noten in Deutsch "
        "oder Mathematik; Eltern nehmen an drei Elternabenden teil.",
        "Kinder und Jugendliche aus eingewanderten Familien in Barmen und ihre Eltern.",
        districts=(5,),
        months=15,
        requested="28000.00",
        submit=True,
        costs=(
            (C.STAFF, "Projektleitung (halbe Stelle, anteilig)", "24000.00"),
            (C.FEES, "Aufwandsentschädigungen der Lernpaten", "8400.00"),
            (C.MATERIAL, "Lernmaterial und Bücher", "3600.00"),
            (C.ROOMS, "Raummiete Lernzentrum", "4800.00"),
            (C.ADMIN, "Verwaltungskosten", "1200.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel der gGmbH", "4000.00"),
            (F.FOUNDATION, FREUDENBERG, "Zuschuss Lernpatenschaften", "10000.00"),
        ),
    ),
    ApplicationSpec(
        0,
        EDUCATION,
        "Mehrsprachige Leseclubs an Elberfelder Grundschulen",
        "An drei Grundschulen entstehen Leseclubs, in denen Kinder Geschichten auf Deutsch und "
        "in ihren Familiensprachen lesen, hören und selbst schreiben.",
        "120 Kinder lesen regelmäßig; die Lesekompetenz steigt messbar (Lesetest zu Beginn und "
        "Ende); Eltern lesen zu Hause vor.",
        "Grundschulkinder der Klassen 2 bis 4 und ihre Eltern.",
        districts=(0,),
        months=12,
        requested="13000.00",
        submit=True,
        by_applicant=True,
        costs=(
            (C.STAFF, "Koordination (Minijob)", "6000.00"),
            (C.FEES, "Honorare der Leseclub-Leitungen", "9600.00"),
            (C.MATERIAL, "Mehrsprachige Kinderbücher", "2400.00"),
            (C.PUBLICITY, "Lesefest zum Abschluss", "600.00"),
            (C.TRAVEL, "Fahrtkosten zu den Schulen", "400.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel des Vereins", "1000.00"),
            (F.FOUNDATION, FREUDENBERG, "Zuschuss Leseförderung", "5000.00"),
        ),
    ),
    ApplicationSpec(
        8,
        EDUCATION,
        "Ausbildungslotsen Langerfeld",
        "Ausbildungslotsinnen begleiten Jugendliche aus eingewanderten Familien von der "
        "9. Klasse bis in den ersten Ausbildungsmonat.",
        "40 Jugendliche werden begleitet, 25 beginnen eine Ausbildung; Kontakte zu 15 "
        "Betrieben im Bezirk.",
        "Schülerinnen und Schüler der Abschlussklassen in Langerfeld-Beyenburg.",
        districts=(8,),
        start_in_months=2,
        months=12,
        requested="20000.00",
        submit=True,
        costs=(
            (C.STAFF, "Ausbildungslotsin (halbe Stelle)", "20000.00"),
            (C.FEES, "Bewerbungstrainings", "4000.00"),
            (C.MATERIAL, "Material und Bewerbungsfotos", "1500.00"),
            (C.TRAVEL, "Fahrten zu Betrieben", "500.00"),
        ),
        financing=(
            (F.OWN, "", "Eigenmittel der Stiftung", "2600.00"),
            (F.FOUNDATION, FREUDENBERG, "Zuschuss Übergang Schule–Beruf", "3400.00"),
        ),
    ),
    ApplicationSpec(
        9,
        EDUCATION,
        "MINT-Werkstatt Ronsdorf",
        "In einer offenen Werkstatt bauen Kinder Roboter, programmieren und experimentieren.",
        districts=(9,),
        start_in_months=2,
        months=12,
        costs=(
            (C.FEES, "Honorare Werkstattleitung", "7200.00"),
            (C.MATERIAL, "Bausätze und Werkzeug", "3000.00"),
        ),
    ),
    ApplicationSpec(
        6,
        EDUCATION,
        "Elternschule Wichlinghausen",
        "Elternkurse auf Arabisch und Deutsch zu Schule, Ausbildung und Lernen zu Hause.",
        "Eltern begleiten die Schullaufbahn ihrer Kinder sicherer.",
    ),
)

# Light-track cases of the small-grants fund (up to 2.000 €), each with the state the workflow
# demo takes it to: the light decision still open; decided, its simplified report handed in;
# decided, its simplified report drawn for the full check with receipts.
LIGHT_DECISION_OPEN = "light_decision_open"
LIGHT_REPORT_SUBMITTED = "light_report_submitted"
LIGHT_REPORT_DRAWN = "light_report_drawn"
LIGHT_CASES = (
    (
        ApplicationSpec(
            9,
            SMALL,
            "Deutsch-Treff für Seniorinnen in Ronsdorf",
            "Ältere zugewanderte Frauen treffen sich zweimal im Monat zum Deutschsprechen, "
            "Kaffeetrinken und zu kleinen Ausflügen im Stadtteil.",
            "20 Seniorinnen sprechen sicherer Deutsch im Alltag und kennen die Angebote der "
            "Seniorenbegegnungsstätte.",
            "Zugewanderte Frauen über 60 Jahren in Ronsdorf.",
            districts=(9,),
            months=6,
            requested="1800.00",
            submit=True,
            like="Sprachcafé am Ölberg",
            costs=(
                (C.FEES, "Honorar Gesprächsleitung, 12 Termine", "1200.00"),
                (C.MATERIAL, "Getränke, Gebäck und Material", "400.00"),
                (C.OTHER, "Fahrkarten für drei Ausflüge", "400.00"),
            ),
            financing=((F.OWN, "", "Eigenmittel der Genossenschaft", "200.00"),),
        ),
        LIGHT_DECISION_OPEN,
    ),
    (
        ApplicationSpec(
            1,
            SMALL,
            "Griechischer Tanzabend für die Nachbarschaft",
            "Drei offene Tanzabende im Gemeindesaal, bei denen die Gemeinde ihre Nachbarn zum "
            "Mitmachen einlädt.",
            "Mindestens 150 Gäste aus der Nachbarschaft, davon die Hälfte ohne griechische "
            "Wurzeln; eine offene Tanzgruppe entsteht.",
            "Nachbarschaft am Arrenberg, Familien und junge Erwachsene.",
            districts=(1,),
            months=4,
            requested="1500.00",
            submit=True,
            like="Fest der Kulturen Vohwinkel",
            costs=(
                (C.FEES, "Musik und Tanzanleitung, drei Abende", "1200.00"),
                (C.PUBLICITY, "Plakate und Einladungen", "150.00"),
                (C.MATERIAL, "Getränke und Dekoration", "300.00"),
            ),
            financing=((F.OWN, "", "Eigenanteil der Gemeinde", "150.00"),),
        ),
        LIGHT_REPORT_SUBMITTED,
    ),
    (
        ApplicationSpec(
            8,
            SMALL,
            "Spielenachmittage der Generationen in Langerfeld",
            "Monatliche Spielenachmittage mit Brett- und Bewegungsspielen aus vielen Ländern "
            "für Kinder, Eltern und Großeltern.",
            "Zehn Nachmittage mit je 30 Gästen; Familien aus verschiedenen Herkunftsländern "
            "lernen sich kennen.",
            "Familien in Langerfeld, besonders neu zugezogene.",
            districts=(8,),
            months=5,
            requested="1200.00",
            submit=True,
            like="Mehrsprachiges Elterncafé Uellendahl",
            costs=(
                (C.MATERIAL, "Spiele und Spielmaterial", "700.00"),
                (C.FEES, "Spielepädagogin, zehn Nachmittage", "500.00"),
                (C.PUBLICITY, "Flyer in vier Sprachen", "100.00"),
            ),
            financing=((F.OWN, "", "Eigenmittel der Stiftung", "100.00"),),
        ),
        LIGHT_REPORT_DRAWN,
    ),
)
