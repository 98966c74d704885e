"""parse_receipts: the Belegliste from XLSX or CSV, every row checked, all rows or none."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from grants.reports.receipts_import import ReceiptRow, parse_receipts
from tests.factories import PDF_BYTES


def xlsx(rows, name="belege.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(text: str, *, bom=False, name="belege.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data)


def problems(uploaded) -> list[str]:
    with pytest.raises(ValidationError) as refusal:
        parse_receipts(uploaded)
    return refusal.value.messages


def test_a_good_xlsx_with_dates_numbers_and_a_title_row_is_read_in_order():
    uploaded = xlsx(
        [
            ["Belegliste Sprachcafé 2025"],
            [],
            ["Datum", "Zahlungsempfänger", "Zweck", "Betrag (Euro)", "Bemerkung"],
            [datetime.datetime(2025, 3, 1), "Musikschule Wuppertal", "Raummiete März", 250],
            ["02.03.2025", "Copyshop Elberfeld", "Flyer", 19.9],
            [],
            [46084, "Bäckerei Schmitz", "Kaffee und Kuchen", "1.234,56"],
            [None, None, "Summe", 1504.46],
        ]
    )
    assert parse_receipts(uploaded) == [
        ReceiptRow(
            number=1,
            date=datetime.date(2025, 3, 1),
            payee="Musikschule Wuppertal",
            purpose="Raummiete März",
            amount=Decimal("250.00"),
        ),
        ReceiptRow(
            number=2,
            date=datetime.date(2025, 3, 2),
            payee="Copyshop Elberfeld",
            purpose="Flyer",
            amount=Decimal("19.90"),
        ),
        ReceiptRow(
            number=3,
            date=datetime.date(2026, 3, 3),
            payee="Bäckerei Schmitz",
            purpose="Kaffee und Kuchen",
            amount=Decimal("1234.56"),
        ),
    ]


def test_float_cells_become_exact_cents_without_float_arithmetic():
    uploaded = xlsx(
        [["Datum", "Zahlungsempfänger", "Zweck", "Betrag"], ["2025-03-01", "A", "B", 0.1 + 0.2]]
    )
    [row] = parse_receipts(uploaded)
    assert row.amount == Decimal("0.30") and isinstance(row.amount, Decimal)


def test_a_good_csv_with_semicolons_german_numbers_and_a_bom_is_read():
    text = (
        "datum;ZAHLUNGSEMPFÄNGER;Zweck;Betrag;Kommentar\n"
        "01.03.2025;Musikschule Wuppertal;Raummiete;1.234,56;\n"
        "2025-03-02;Copyshop;Flyer, farbig;19,90 €;x\n"
        "03.03.2025;Bäckerei;Kuchen;45;\n"
    )
    rows = parse_receipts(csv_file(text, bom=True))
    assert [(r.number, r.date, r.payee, r.purpose, r.amount) for r in rows] == [
        (1, datetime.date(2025, 3, 1), "Musikschule Wuppertal", "Raummiete", Decimal("1234.56")),
        (2, datetime.date(2025, 3, 2), "Copyshop", "Flyer, farbig", Decimal("19.90")),
        (3, datetime.date(2025, 3, 3), "Bäckerei", "Kuchen", Decimal("45.00")),
    ]


def test_a_csv_with_commas_and_quoted_german_amounts_is_read():
    text = (
        "Datum,Zahlungsempfänger,Zweck,Betrag\r\n"
        '01.03.2025,"Müller, Anna",Honorar,"1.234,56"\r\n'
        "02.03.2025,Copyshop,Flyer,1234.5\r\n"
    )
    rows = parse_receipts(csv_file(text))
    assert [(r.payee, r.amount) for r in rows] == [
        ("Müller, Anna", Decimal("1234.56")),
        ("Copyshop", Decimal("1234.50")),
    ]


def test_every_bad_row_is_listed_with_its_row_number():
    text = (
        "Datum;Zahlungsempfänger;Zweck;Betrag\n"
        "01.03.2025;Musikschule;Miete;100,00\n"
        "32.13.2025;Copyshop;Flyer;abc\n"
        ";;Kaffee;12,345\n"
        "03.03.2025;Bäckerei;Kuchen;-5,00\n"
    )
    assert problems(csv_file(text)) == [
        "Zeile 3: Datum „32.13.2025“ ist kein gültiges Datum (TT.MM.JJJJ).",
        "Zeile 3: Betrag „abc“ ist keine Zahl.",
        "Zeile 4: Datum fehlt.",
        "Zeile 4: Zahlungsempfänger fehlt.",
        "Zeile 4: Betrag „12,345“ hat mehr als zwei Nachkommastellen.",
        "Zeile 5: Betrag „-5,00“ muss größer als 0 sein.",
    ]


def test_xlsx_row_errors_count_rows_as_excel_shows_them():
    uploaded = xlsx(
        [
            ["Datum", "Zahlungsempfänger", "Zweck", "Betrag"],
            ["01.03.2025", "A", "B", "1,00"],
            ["01.03.2025", "A" * 201, "B", "1,00"],
            ["01.03.2025", "A", "B", None],
        ]
    )
    assert problems(uploaded) == [
        "Zeile 3: Zahlungsempfänger ist zu lang (höchstens 200 Zeichen).",
        "Zeile 4: Betrag fehlt.",
    ]


def test_a_file_without_the_header_names_the_missing_columns():
    text = "Datum;Empfänger;Zweck;Summe\n01.03.2025;A;B;1,00\n"
    assert problems(csv_file(text)) == [
        "Die Kopfzeile mit den Spalten Datum, Zahlungsempfänger, Zweck und Betrag fehlt "
        "(nicht gefunden: „Zahlungsempfänger“, „Betrag“)."
    ]


def test_a_file_with_only_the_header_has_no_receipts():
    assert problems(csv_file("Datum;Zahlungsempfänger;Zweck;Betrag\n")) == [
        "Die Datei enthält keine Belege."
    ]


def test_a_pdf_renamed_to_csv_is_refused_by_its_content():
    uploaded = SimpleUploadedFile("belege.csv", PDF_BYTES, content_type="text/csv")
    assert problems(uploaded) == [
        "Bitte laden Sie die Belegliste als Excel-Datei (XLSX) oder als CSV-Datei hoch."
    ]


def test_a_word_document_renamed_to_xlsx_is_not_read_as_a_table():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    uploaded = SimpleUploadedFile("belege.xlsx", buffer.getvalue())
    assert problems(uploaded)[0].startswith("Die Datei ist keine lesbare Excel-Datei (XLSX).")


def test_a_csv_in_windows_encoding_is_refused_with_a_hint():
    data = "Datum;Zahlungsempfänger;Zweck;Betrag\n01.03.2025;Bäckerei;Kuchen;5,00\n"
    uploaded = SimpleUploadedFile("belege.csv", data.encode("cp1252"))
    assert "CSV UTF-8" in problems(uploaded)[0]


def test_empty_and_too_large_files_are_refused(settings):
    assert problems(SimpleUploadedFile("leer.csv", b"")) == ["Die Datei ist leer."]
    settings.ATTACHMENT_MAX_BYTES = 50
    big = csv_file("Datum;Zahlungsempfänger;Zweck;Betrag\n" + "01.03.2025;A;B;1,00\n" * 5)
    assert problems(big)[0].startswith("Die Datei ist zu groß.")


def test_more_than_1000_receipts_are_refused():
    text = "Datum;Zahlungsempfänger;Zweck;Betrag\n" + "01.03.2025;A;B;1,00\n" * 1001
    assert problems(csv_file(text)) == [
        "Die Datei enthält mehr als 1.000 Belege. Mehr sind in einem Nachweis nicht möglich."
    ]
    text = "Datum;Zahlungsempfänger;Zweck;Betrag\n" + "01.03.2025;A;B;1,00\n" * 1000
    assert len(parse_receipts(csv_file(text))) == 1000


def test_a_formula_is_never_evaluated_and_text_that_looks_like_one_is_kept_as_text():
    uploaded = xlsx(
        [
            ["Datum", "Zahlungsempfänger", "Zweck", "Betrag"],
            ["01.03.2025", '=HYPERLINK("http://example.org")', "Miete", "=1+1"],
        ]
    )
    # The file holds no value Excel computed for the formulas: the cells count as empty.
    assert problems(uploaded) == ["Zeile 2: Zahlungsempfänger fehlt.", "Zeile 2: Betrag fehlt."]
    text = "Datum;Zahlungsempfänger;Zweck;Betrag\n01.03.2025;=cmd|' /C calc'!A0;Miete;5,00\n"
    [row] = parse_receipts(csv_file(text))
    assert row.payee == "=cmd|' /C calc'!A0"
