from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from applicants.bank import bank_account_change_confirm, bank_account_change_reject
from applicants.forms import BankAccountForm, InviteForm, OrganisationForm
from applicants.models import BankAccount, BankAccountChange, ConfirmationVia, Organisation
from applicants.permissions import (
    bank_change_co_admin_refusal,
    bank_change_reject_refusal,
    can_manage_organisation,
)
from applicants.portal import PortalMixin, activate_organisation
from applicants.selectors import (
    organisation_members,
    organisation_open_invitations,
    organisation_with_details,
    pending_bank_account_change,
)
from applicants.services import invitation_create, organisation_update
from core.errors import NotAllowed


class OrganisationView(PortalMixin, TemplateView):
    """My organisation: data, bank account, members."""

    template_name = "applicants/organisation.html"

    def get_context_data(self, **kwargs):
        organisation = organisation_with_details(self.organisation.pk)
        can_manage = can_manage_organisation(self.request.user, organisation)
        kwargs.setdefault("invite_form", InviteForm())
        change = pending_bank_account_change(organisation)
        user = self.request.user
        return super().get_context_data(
            organisation=organisation,
            bank_account=getattr(organisation, "bank_account", None),
            bank_change=change,
            bank_change_confirm_refusal=change and bank_change_co_admin_refusal(user, change),
            bank_change_can_reject=bool(change) and not bank_change_reject_refusal(user, change),
            members=organisation_members(organisation),
            invitations=organisation_open_invitations(organisation) if can_manage else [],
            can_manage=can_manage,
            **kwargs,
        )


class OrganisationEditView(PortalMixin, View):
    template_name = "applicants/organisation_edit.html"

    def forms(self, data=None):
        if not can_manage_organisation(self.request.user, self.organisation):
            raise NotAllowed(_("Nur die Verwaltung der Organisation darf ihre Daten ändern."))
        # A copy of its own: validating the form changes the instance, and the portal's
        # instance must keep the stored data (it names the organisation in the navigation).
        organisation = Organisation.objects.get(pk=self.organisation.pk)
        bank = BankAccount.objects.filter(organisation=organisation).first()
        return {
            "organisation_form": OrganisationForm(data, instance=organisation, prefix="org"),
            "bank_form": BankAccountForm(data, instance=bank, prefix="bank"),
            "bank_change": pending_bank_account_change(organisation),
        }

    def get(self, request):
        return render(request, self.template_name, self.forms())

    def post(self, request):
        forms = self.forms(request.POST)
        if not all([form.is_valid() for name, form in forms.items() if name.endswith("_form")]):
            return render(request, self.template_name, forms, status=400)
        bank = forms["bank_form"].cleaned_data
        saved = organisation_update(
            organisation=self.organisation,
            user=request.user,
            data=forms["organisation_form"].cleaned_data,
            bank_data={"holder": bank["holder"], "iban": bank["iban"]},
        )
        messages.success(request, _("Die Angaben der Organisation sind gespeichert."))
        if saved.bank_change:
            messages.warning(
                request,
                _(
                    "Die neue Bankverbindung gilt erst nach Bestätigung. Bis dahin zahlt die "
                    "Stadt auf das bisherige Konto."
                ),
            )
        return redirect("portal:organisation")


class InviteView(PortalMixin, View):
    """Invite a further person (POST only)."""

    def post(self, request):
        form = InviteForm(request.POST)
        if not form.is_valid():
            # The organisation page again, with the errors next to the address (a POST,
            # which OrganisationView itself does not accept).
            page = OrganisationView(request=request, args=(), kwargs={})
            context = page.get_context_data(invite_form=form)
            return render(request, page.template_name, context, status=400)
        try:
            invitation_create(
                organisation=self.organisation, user=request.user, email=form.cleaned_data["email"]
            )
        except NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Die Einladung an %(email)s ist verschickt.")
                % {"email": form.cleaned_data["email"]},
            )
        return redirect("portal:organisation")


class SwitchOrganisationView(PortalMixin, View):
    """Act for another of the user's organisations."""

    def post(self, request):
        try:
            pk = int(request.POST.get("organisation", ""))
        except ValueError:
            raise Http404 from None
        organisation = get_object_or_404(Organisation.objects.for_member(request.user), pk=pk)
        activate_organisation(request, organisation)
        messages.info(request, _("Sie handeln jetzt für „%(name)s“.") % {"name": organisation.name})
        return redirect("portal:home")


class BankChangeDecisionView(PortalMixin, View):
    """A second administrator confirms the organisation's new account, or one rejects it."""

    confirm = False

    def post(self, request, pk):
        change = get_object_or_404(
            BankAccountChange.objects.filter(organisation=self.organisation), pk=pk
        )
        try:
            if self.confirm:
                bank_account_change_confirm(
                    change=change, user=request.user, via=ConfirmationVia.CO_ADMIN
                )
                done = _("Die neue Bankverbindung gilt ab jetzt für neue Auszahlungen.")
            else:
                bank_account_change_reject(change=change, user=request.user)
                done = _(
                    "Die Änderung der Bankverbindung ist abgelehnt. Es bleibt beim bisherigen "
                    "Konto."
                )
        except NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
        return redirect("portal:organisation")
