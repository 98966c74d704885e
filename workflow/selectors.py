"""Reads for the staff pages of a case."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone
from viewflow.workflow import chart
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from budgeting.balances import grant_balances
from budgeting.models import (
    OPEN_PAYMENT_STATUSES,
    LedgerEntry,
    PaymentRequest,
    RefundClaim,
    RefundStatus,
)
from budgeting.selectors import allocations_of, commitments_of, payment_requests_of
from budgeting.services.refund import claim_standing
from core.models import AuditEntry
from core.roles import APPROVER, FINANCE, has_role
from grants.models import (
    Application,
    ApplicationStatus,
    Attachment,
    FormalCheck,
    Receipt,
    Report,
    ReportStatus,
    ReviewScore,
)
from grants.reports.selectors import report_indicator_prefetches
from grants.selectors_indicators import actuals_by_report, application_indicators
from grants.terms import terms_in_force
from workflow.forms import RefundWaiverForm, RepaymentForm, RevocationForm
from workflow.models import ApplicationProcess, PayoutProcess, ReportProcess


def process_of(application: Application) -> ApplicationProcess | None:
    """The process that drives the application, if it was submitted."""
    return ApplicationProcess.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(Application),
        artifact_object_id=application.pk,
    ).first()


def case_application(pk: int) -> Application:
    """A submitted application with everything the case page shows (drafts are the
    applicant's own: Application.DoesNotExist)."""
    return (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("call__programme", "organisation__district", "submitted_by", "procedure")
        .prefetch_related(
            "districts",
            "cost_lines",
            "financing_lines",
            "notices",
            Prefetch(
                "attachments", queryset=Attachment.objects.select_related("required_document")
            ),
            Prefetch("formal_checks", queryset=FormalCheck.objects.select_related("checked_by")),
        )
        .get(pk=pk)
    )


def case_context(application: Application) -> dict:
    """What every staff page of a case shows beside its own content."""
    review = getattr(application, "review", None)
    indicators = application_indicators(application)
    return {
        "application": application,
        "indicators": indicators,
        "indicator_reports": actuals_by_report(indicators),
        "review": review,
        "review_scores": (
            ReviewScore.objects.filter(review=review).select_related("criterion") if review else []
        ),
        "decision": getattr(application, "decision", None),
        "terms": terms_in_force(application),
        "allocations": allocations_of(application),
        "commitments": commitments_of(application),
    }


def case_history(application: Application):
    """The audit entries of the application and of its bookings, oldest first."""
    bookings = [
        str(pk)
        for pk in LedgerEntry.objects.filter(application=application).values_list("pk", flat=True)
    ]
    return (
        AuditEntry.objects.filter(
            Q(object_type=application._meta.label_lower, object_id=str(application.pk))
            | Q(object_type=LedgerEntry._meta.label_lower, object_id__in=bookings)
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )


def case_tasks(process):
    """The process's tasks, newest first, with their owners."""
    if process is None:
        return Task.objects.none()
    return process.task_set.select_related("owner").order_by("-created", "-pk")


def open_tasks(process):
    if process is None:
        return []
    return [
        task
        for task in case_tasks(process)
        if task.status in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
    ]


def case_chart_svg(process) -> str:
    """The flow chart with the current step marked."""
    flow_class = process.flow_class
    grid = chart.calc_layout_data(flow_class)
    chart.calc_cell_status(flow_class, grid, process.pk)
    return chart.grid_to_svg(grid)


def payout_process_of(request) -> PayoutProcess | None:
    """The process of a payment request."""
    return PayoutProcess.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(type(request)),
        artifact_object_id=request.pk,
    ).first()


def report_process_of(report) -> ReportProcess | None:
    """The process of a report."""
    return ReportProcess.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(type(report)),
        artifact_object_id=report.pk,
    ).first()


def report_for_staff(pk: int):
    """A report with its plan, actuals and receipts for the staff check."""
    return (
        Report.objects.select_related("application__call__programme", "application__organisation")
        .prefetch_related(
            "application__cost_lines",
            "application__financing_lines",
            "cost_actuals",
            "income_actuals",
            "checks",
            Prefetch("receipts", queryset=Receipt.objects.select_related("cost_line")),
            *report_indicator_prefetches(),
        )
        .get(pk=pk)
    )


def case_money(application: Application, user) -> dict:
    """Balances, payment requests, reports, settlement and refund claims of a grant."""
    if not application.reference:
        return {}
    claims = list(application.refund_claims.order_by("created_at"))
    today = timezone.localdate()
    return {
        "balances": grant_balances(application),
        "payment_requests": payment_requests_of(application).select_related(
            "factual_by", "arithmetic_by", "released_by"
        ),
        "reports": application.reports.order_by("due_on", "pk"),
        "change_requests": application.change_requests.order_by("-requested_at", "-pk"),
        "settlement": getattr(application, "settlement", None),
        "refund_claims": [
            {
                "claim": claim,
                "standing": claim_standing(claim, today),
                "repayment_form": RepaymentForm(prefix=f"claim{claim.pk}"),
                "waiver_form": RefundWaiverForm(prefix=f"waive{claim.pk}"),
            }
            for claim in claims
        ],
        "may_book_refunds": has_role(user, FINANCE),
        "revocation_form": RevocationForm(prefix="revoke")
        if has_role(user, APPROVER) and application.status in ("approved", "final", "settled")
        else None,
    }


DEADLINE_WINDOW_DAYS = 14


def deadlines(today) -> dict:
    """What is due soon or overdue: reports, open payment requests, refund claims."""
    soon = today + timezone.timedelta(days=DEADLINE_WINDOW_DAYS)
    return {
        "reports": Report.objects.filter(
            status__in=(ReportStatus.DRAFT, ReportStatus.REVISION_REQUESTED), due_on__lte=soon
        )
        .select_related("application__organisation")
        .order_by("due_on", "pk"),
        "payment_requests": PaymentRequest.objects.filter(status__in=OPEN_PAYMENT_STATUSES)
        .select_related("application__organisation")
        .order_by("requested_at", "pk"),
        "refunds": RefundClaim.objects.filter(status=RefundStatus.OPEN, due_on__lt=today)
        .select_related("application__organisation")
        .order_by("due_on", "pk"),
    }
