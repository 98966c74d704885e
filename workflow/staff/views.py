"""Staff pages of the case work: the filtered application list and the case page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from budgeting.models import RefundClaim
from core.errors import NotAllowed
from core.paging import KeysFirstPaginator, with_links
from core.roles import APPROVER, FINANCE
from grants.models import Application, ApplicationStatus, Attachment, Notice
from grants.permissions import staff_refusal
from workflow.delivery.selectors import case_notices, notices_to_deliver
from workflow.forms import RefundWaiverForm, RepaymentForm, RevocationForm
from workflow.idea.views import case_idea
from workflow.selectors import (
    case_application,
    case_chart_svg,
    case_context,
    case_history,
    case_money,
    case_tasks,
    deadlines,
    process_of,
)
from workflow.staff.lists import FilteredListView
from workflow.staff.refund import refund_repayment, refund_waiver
from workflow.staff.revocation import grant_revoke


class StaffApplicationListView(FilteredListView):
    """All submitted applications, filtered with django-filter, 25 a page."""

    export_name = "applications"
    template_name = "workflow/staff/application_list.html"
    page_size = 25


class CaseView(View):
    """The case page: application, attachments, flow chart, tasks and history."""

    def get(self, request, pk):
        try:
            application = case_application(pk)
        except Application.DoesNotExist:
            raise Http404 from None
        process = process_of(application)
        tasks = [
            {"task": task, "action": task_action(request.user, task)}
            for task in case_tasks(process)
        ]
        context = {
            **case_context(application),
            **case_money(application, request.user),
            **case_notices(application, request.user),
            **case_idea(application, request.user),
            "process": process,
            "tasks": tasks,
            "chart": case_chart_svg(process) if process else "",
            "history": case_history(application),
        }
        return render(request, "workflow/staff/case.html", context)


def task_action(user, task) -> dict:
    """What the user can do with an open task: take it, work on it, or why not."""
    node = task.flow_task
    if task.status in ("DONE", "CANCELED") or not hasattr(node, "refusal"):
        return {}
    if task.owner_id == user.pk and node.can_execute(user, task):
        return {"execute": node.reverse("execute", args=[task.process_id, task.pk])}
    if node.can_assign(user, task):
        return {"assign": node.reverse("assign", args=[task.process_id, task.pk])}
    reason = node.refusal(user, task.process.artifact)
    return {"reason": reason} if reason else {}


class StaffAttachmentView(View):
    """Staff download an attachment of a submitted application (the middleware admits staff
    roles only; a draft's files are the applicant's own)."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.exclude(application__status=ApplicationStatus.DRAFT), pk=pk
        )
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class StaffNoticeView(View):
    def get(self, request, pk):
        notice = get_object_or_404(Notice.objects.select_related("application"), pk=pk)
        return FileResponse(
            notice.file.open("rb"), filename=notice.filename, content_type="application/pdf"
        )


def refuse_unless(user, application, role: str) -> None:
    """Refuse (403 with the reason) before a form is read: the role and rule 4 of DOMAIN.md,
    as the services check them again."""
    reason = staff_refusal(user, application, role)
    if reason:
        raise NotAllowed(reason)


class RefundRepaymentView(View):
    """Finanzen record money received on a refund claim (POST from the case page)."""

    def post(self, request, pk):
        claim = get_object_or_404(RefundClaim.objects.select_related("application"), pk=pk)
        refuse_unless(request.user, claim.application, FINANCE)
        form = RepaymentForm(request.POST, prefix=f"claim{claim.pk}")
        if form.is_valid():
            try:
                refund_repayment(claim=claim, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Der Zahlungseingang ist erfasst."))
        else:
            messages.error(request, _("Bitte Betrag und Eingangsdatum angeben."))
        return redirect("antraege:case", pk=claim.application_id)


class RefundWaiverView(View):
    def post(self, request, pk):
        claim = get_object_or_404(RefundClaim.objects.select_related("application"), pk=pk)
        refuse_unless(request.user, claim.application, FINANCE)
        form = RefundWaiverForm(request.POST, prefix=f"waive{claim.pk}")
        if form.is_valid():
            try:
                refund_waiver(
                    claim=claim,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    on=timezone.localdate(),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Die Rückforderung ist niedergeschlagen."))
        else:
            messages.error(request, _("Bitte begründen Sie die Niederschlagung."))
        return redirect("antraege:case", pk=claim.application_id)


class RefundNoticeView(View):
    def get(self, request, pk):
        claim = get_object_or_404(RefundClaim.objects.select_related("application"), pk=pk)
        return FileResponse(
            claim.notice_file.open("rb"),
            filename=f"Rueckforderungsbescheid-{claim.application.reference}.pdf",
            content_type="application/pdf",
        )


class RevocationView(View):
    """Bewilligung revokes a grant (POST from the case page)."""

    def post(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        refuse_unless(request.user, application, APPROVER)
        form = RevocationForm(request.POST, prefix="revoke")
        if not form.is_valid():
            messages.error(request, _("Bitte Gründe angeben und den Widerruf bestätigen."))
            return redirect("antraege:case", pk=pk)
        try:
            grant_revoke(
                application=application, user=request.user, reasons=form.cleaned_data["reasons"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Die Bewilligung ist widerrufen."))
        return redirect("antraege:case", pk=pk)


class DeadlinesView(View):
    """Fristen: reports due, notices to deliver by post, open payment requests, overdue
    refunds; each table pages on its own (`?reports_page=2`), 25 rows a page, so that
    thousands of open items stay one page."""

    page_size = 25

    def get(self, request):
        today = timezone.localdate()
        sections = {
            name: self.table_page(request, rows, f"{name}_page")
            for name, rows in {**deadlines(today), "notices": notices_to_deliver()}.items()
        }
        return render(request, "workflow/staff/deadlines.html", {"today": today, **sections})

    def table_page(self, request, rows, param: str):
        """One table's page, with links that keep the other tables' pages."""
        paginator = KeysFirstPaginator(rows, self.page_size, rows=rows)
        return with_links(request, paginator.get_page(request.GET.get(param)), param)
