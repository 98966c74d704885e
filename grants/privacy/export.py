"""The grants part of a person's data export: the applications of their organisations.

Left out on purpose: the internal review (Fachliche Prüfung with scores) and the budget
planning; they judge the project, not the person, and are open to file inspection (§ 29
VwVfG NRW) on request."""

from core.privacy.people import PeopleLabels
from core.privacy.sections import ExportFile, ExportSection, safe_filename
from core.privacy.serialise import records
from grants.models import (
    Application,
    ApplicationIndicator,
    Attachment,
    ChangeRequest,
    CostActual,
    CostLine,
    Decision,
    FinancingLine,
    FormalCheck,
    IncomeActual,
    IndicatorActual,
    Notice,
    Receipt,
    Report,
)

# (table name, model, filter to the applications) in the order of the JSON file.
APPLICATION_TABLES = [
    ("cost_lines", CostLine, "application__in"),
    ("financing_lines", FinancingLine, "application__in"),
    ("application_indicators", ApplicationIndicator, "application__in"),
    ("formal_checks", FormalCheck, "application__in"),
    ("decisions", Decision, "application__in"),
    ("change_requests", ChangeRequest, "application__in"),
    ("reports", Report, "application__in"),
    ("cost_actuals", CostActual, "report__application__in"),
    ("income_actuals", IncomeActual, "report__application__in"),
    ("receipts", Receipt, "report__application__in"),
    ("indicator_actuals", IndicatorActual, "report__application__in"),
]
# Objects whose audit entries the export includes.
AUDITED = (Report, ChangeRequest, Decision)


def applications_of(organisations):
    return Application.objects.filter(organisation__in=organisations).order_by("pk")


def grants_section(applications, people: PeopleLabels) -> ExportSection:
    section = ExportSection()
    applications = list(applications.prefetch_related("districts"))
    rows = records(applications, people)
    for row, application in zip(rows, applications, strict=True):
        row["districts"] = [district.name for district in application.districts.all()]
    section.add("applications", rows, model=Application, objects=applications)
    for name, model, lookup in APPLICATION_TABLES:
        objects = list(model.objects.filter(**{lookup: applications}).order_by("pk"))
        audited = objects if model in AUDITED else ()
        section.add(name, records(objects, people), model=model, objects=audited)
    _add_attachments(section, applications, people)
    _add_notices(section, applications, people)
    return section


def _add_attachments(section, applications, people) -> None:
    attachments = list(Attachment.objects.filter(application__in=applications).order_by("pk"))
    rows = records(attachments, people)
    for row, attachment in zip(rows, attachments, strict=True):
        name = safe_filename(attachment.original_name)
        row["file"] = f"dateien/unterlagen/{attachment.application_id}/{attachment.pk}-{name}"
        section.files.append(ExportFile(attachment.file.name, row["file"]))
    section.add("attachments", rows, model=Attachment, objects=attachments)


def _add_notices(section, applications, people) -> None:
    notices = list(
        Notice.objects.filter(application__in=applications)
        .select_related("application")
        .order_by("pk")
    )
    rows = records(notices, people)
    for row, notice in zip(rows, notices, strict=True):
        row["file"] = f"dateien/bescheide/{safe_filename(notice.filename)}"
        section.files.append(ExportFile(notice.file.name, row["file"]))
    section.add("notices", rows, model=Notice, objects=notices)
