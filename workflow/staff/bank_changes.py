"""Finanzen confirm a new bank account of an organisation after a call back, or reject it.

Finanzen, not Sachbearbeitung: the payees' bank data are the cash side's master data, and the
caseworker is the person an applicant is in touch with and could talk into a quick change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from applicants.bank import bank_account_change_confirm, bank_account_change_reject
from applicants.forms import BankChangeDecisionForm
from applicants.models import BankAccountChange, ConfirmationVia
from applicants.selectors import pending_bank_account_changes
from core.errors import NotAllowed
from workflow.forms import add_form_errors
from workflow.staff.finance import FinanceOnlyMixin

TEMPLATE = "workflow/staff/bank_changes.html"


def _page(request, bound: BankChangeDecisionForm | None = None, bound_pk: int | None = None):
    changes = [
        (
            change,
            bound if change.pk == bound_pk else BankChangeDecisionForm(prefix=f"c{change.pk}"),
        )
        for change in pending_bank_account_changes()
    ]
    status = 400 if bound is not None else 200
    return render(request, TEMPLATE, {"changes": changes}, status=status)


class BankChangeListView(FinanceOnlyMixin, View):
    """New accounts waiting for confirmation, the oldest first."""

    def get(self, request):
        return _page(request)


class BankChangeDecisionView(FinanceOnlyMixin, View):
    confirm = False

    def post(self, request, pk):
        change = get_object_or_404(BankAccountChange, pk=pk)
        form = BankChangeDecisionForm(request.POST, prefix=f"c{change.pk}")
        if not form.is_valid():
            return _page(request, form, change.pk)
        note = form.cleaned_data["callback_note"]
        try:
            if self.confirm:
                bank_account_change_confirm(
                    change=change,
                    user=request.user,
                    via=ConfirmationVia.CALLBACK,
                    callback_note=note,
                )
                done = _(
                    "Die neue Bankverbindung von „%(name)s“ gilt ab jetzt für neue Auszahlungen."
                )
            else:
                bank_account_change_reject(change=change, user=request.user, note=note)
                done = _("Die neue Bankverbindung von „%(name)s“ ist abgelehnt.")
        except NotAllowed as refusal:
            messages.error(request, str(refusal))
        except ValidationError as error:
            add_form_errors(form, error)
            return _page(request, form, change.pk)
        else:
            messages.success(request, done % {"name": change.organisation.name})
        return redirect("finanzen:bank_changes")
