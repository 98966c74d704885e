"""Staff record how a notice was delivered after its provision in the portal ended."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from core.errors import NotAllowed
from core.formatting import format_date
from grants.models import Notice
from grants.permissions import delivery_refusal
from grants.services.delivery import notice_delivery_record
from workflow.delivery.forms import NoticeDeliveryForm


class NoticeDeliveryView(View):
    """Sachbearbeitung or Bewilligung: posted on a date, or handed over (POST from the case
    page); refusals come back as messages, nothing is stored."""

    def post(self, request, pk):
        notice = get_object_or_404(Notice.objects.select_related("application"), pk=pk)
        reason = delivery_refusal(request.user, notice.application)
        if reason:
            raise NotAllowed(reason)
        form = NoticeDeliveryForm(request.POST, prefix=f"delivery{notice.pk}")
        back = redirect("antraege:case", pk=notice.application_id)
        if not form.is_valid():
            messages.error(
                request, _("Bitte wählen Sie, wie der Bescheid zugestellt wurde, und das Datum.")
            )
            return back
        try:
            notice = notice_delivery_record(notice=notice, user=request.user, **form.cleaned_data)
        except (ValidationError, NotAllowed) as refusal:
            for error in getattr(refusal, "messages", [str(refusal)]):
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("Erfasst: Der Bescheid gilt am %(day)s als bekanntgegeben.")
                % {"day": format_date(notice.delivered_on)},
            )
        return back
