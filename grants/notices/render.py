"""Rendering a notice (Zuwendungsbescheid, Ablehnungsbescheid) as a PDF/A-3b document."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.formatting import format_euro, format_percent
from core.languages import NOTICE_LANGUAGE
from core.money import ZERO, round_money, sum_money
from grants.models import Application, DecisionOutcome, FinancingType, GrantTerms, NoticeKind
from grants.services.terms import decision_terms, format_units
from grants.terms import terms_in_force

TEMPLATES = {
    NoticeKind.APPROVAL: "grants/notices/approval.html",
    NoticeKind.REJECTION: "grants/notices/rejection.html",
}
OUTCOMES = {
    NoticeKind.APPROVAL: (DecisionOutcome.APPROVED, DecisionOutcome.PARTIAL),
    NoticeKind.REJECTION: (DecisionOutcome.REJECTED,),
}
PDF_VARIANT = "pdf/a-3b"


def render_notice_pdf(
    *,
    application: Application,
    kind,
    version: int,
    issued_on: date,
    approved_amount: Decimal | None = None,
) -> bytes:
    """The notice of `kind` for the application's decision as PDF/A-3b bytes.

    Raises ValueError when the application lacks what the notice must state.
    """
    kind = NoticeKind(kind)
    html = render_notice_html(
        application=application,
        kind=kind,
        version=version,
        issued_on=issued_on,
        approved_amount=approved_amount,
    )
    return html_to_pdf(html)


def render_notice_html(
    *,
    application: Application,
    kind,
    version: int,
    issued_on: date,
    approved_amount: Decimal | None = None,
) -> str:
    """The notice as HTML, always in German (the binding language of the notice)."""
    kind = NoticeKind(kind)
    with translation.override(NOTICE_LANGUAGE):
        context = notice_context(
            application=application,
            kind=kind,
            version=version,
            issued_on=issued_on,
            approved_amount=approved_amount,
        )
        return render_to_string(TEMPLATES[kind], context)


def notice_context(
    *,
    application: Application,
    kind: NoticeKind,
    version: int,
    issued_on: date,
    approved_amount: Decimal | None = None,
):
    """`approved_amount`: the grant the notice states (default: the decision's amount)."""
    try:
        decision = application.decision
    except ObjectDoesNotExist:
        raise ValueError(_("Ohne Entscheidung kann kein Bescheid erstellt werden.")) from None
    if decision.outcome not in OUTCOMES[kind]:
        raise ValueError(
            _("Ein %(kind)s passt nicht zur Entscheidung „%(outcome)s“.")
            % {"kind": kind.label, "outcome": decision.get_outcome_display()}
        )
    if not application.reference:
        raise ValueError(_("Der Antrag hat noch kein Aktenzeichen."))
    if version < 1:
        raise ValueError(_("Die Version eines Bescheids beginnt bei 1."))
    needs_reasons = decision.outcome in (DecisionOutcome.PARTIAL, DecisionOutcome.REJECTED)
    if needs_reasons and not decision.reasons.strip():
        raise ValueError(
            _("Eine %(outcome)s muss begründet werden.")
            % {"outcome": decision.get_outcome_display()}
        )
    if kind == NoticeKind.APPROVAL and not (application.project_start and application.project_end):
        raise ValueError(_("Der Durchführungszeitraum des Projekts fehlt."))

    programme = application.call.programme
    terms = _terms(application, kind, decision)
    document_title = _("%(kind)s %(reference)s (Version %(version)s)") % {
        "kind": kind.label,
        "reference": application.reference,
        "version": version,
    }
    return {
        "application": application,
        "organisation": application.organisation,
        "programme": programme,
        "decision": decision,
        "kind": kind.value,
        "version": version,
        "previous_version": version - 1,
        "is_change": kind == NoticeKind.APPROVAL and version > 1,
        "is_partial": decision.outcome == DecisionOutcome.PARTIAL,
        "issued_on": issued_on,
        "submitted_on": _day(
            timezone.localdate(application.submitted_at) if application.submitted_at else None
        ),
        "project_start": _day(application.project_start),
        "project_end": _day(application.project_end),
        **_terms_context(terms),
        "approved_amount": format_euro(
            decision.approved_amount if approved_amount is None else approved_amount
        ),
        "requested_amount": format_euro(application.requested_amount),
        "cost_total": format_euro(application.cost_total),
        "authority": settings.AUTHORITY,
        "authority_name": settings.AUTHORITY["name"],
        "appeal_court": settings.APPEAL_COURT,
        "document_title": document_title,
    }


def _terms(application: Application, kind: NoticeKind, decision) -> GrantTerms | None:
    """The terms the notice prints: those in force (an Änderungsbescheid states them with its
    new amount, which becomes the next version once it is issued). A decision stored without
    its terms (recorded before they existed) shows what it fixes from the programme."""
    if kind != NoticeKind.APPROVAL:
        return None
    terms = terms_in_force(application)
    if terms is None:
        terms = decision_terms(application, approved_amount=decision.approved_amount)
    return terms


def _terms_context(terms: GrantTerms | None) -> dict:
    if terms is None:
        return {"financing_type": "", "funding_rate": "", "excluded_lines": []}
    is_share = terms.financing_type == FinancingType.SHARE and terms.funding_rate
    excluded = list(terms.excluded_lines.all()) if terms.pk else []
    context = {
        "terms": terms,
        "financing_type": terms.financing_type,
        "financing_type_display": terms.get_financing_type_display(),
        "funding_rate": (
            f"{format_percent(terms.funding_rate)}\N{NO-BREAK SPACE}%" if is_share else ""
        ),
        "eligible_costs": format_euro(terms.eligible_costs),
        "excluded_lines": [
            {
                "line": row.cost_line.description,
                "amount": format_euro(row.amount),
                "reason": row.reason,
            }
            for row in excluded
        ],
        "excluded_total": format_euro(sum_money(row.amount for row in excluded)),
        "is_per_unit": terms.is_per_unit,
    }
    if terms.is_per_unit:
        units = terms.units_planned or ZERO
        context |= {
            "unit_rate": format_euro(terms.unit_rate),
            "unit_name": terms.unit_name,
            "units_planned": format_units(units),
            "unit_cap": format_euro(round_money(terms.unit_rate * units)),
        }
    return context


def _day(value: date | None) -> str:
    return date_format(value, "d.m.Y") if value else ""


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF/A-3b; nothing is fetched (no network, no files beyond the system fonts)."""
    # Imported here: WeasyPrint takes about a second to import and needs Pango (make check-libs).
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    # Every fetch fails and stops the rendering: a notice never depends on a remote resource.
    fetcher = URLFetcher(allowed_protocols=(), fail_on_errors=True)
    try:
        # pdf_tags: headings, paragraphs and tables are tagged for screen readers (BITV 2.0).
        return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
            pdf_variant=PDF_VARIANT, pdf_tags=True
        )
    except FatalURLFetchingError as error:
        raise RuntimeError(
            _("Der Bescheid verweist auf eine externe Ressource: %(error)s") % {"error": error}
        ) from error
