"""Administration's page "Aufbewahrungsfristen und Anonymisierung": who is due, why not,
and the action that anonymises (after a confirmation page)."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgeting.models import DataSubject
from budgeting.privacy.permissions import can_anonymise
from budgeting.privacy.selectors import person_retention, persons_retention
from budgeting.privacy.services import person_anonymise
from core.errors import NotAllowed
from core.privacy.anonymise import PLACEHOLDER_DOMAIN


def _retentions(request) -> dict:
    """Every person's retention, computed once per request."""
    if not hasattr(request, "_privacy_retentions"):
        request._privacy_retentions = {entry.person.pk: entry for entry in persons_retention()}
    return request._privacy_retentions


class DueFilter(admin.SimpleListFilter):
    title = gettext_lazy("Aufbewahrungsfristen")
    parameter_name = "faellig"

    def lookups(self, request, model_admin):
        return [("ja", _("alle abgelaufen")), ("nein", _("noch nicht abgelaufen"))]

    def queryset(self, request, queryset):
        if self.value() not in ("ja", "nein"):
            return queryset
        today = timezone.localdate()
        due = [pk for pk, entry in _retentions(request).items() if entry.is_due(today)]
        if self.value() == "ja":
            return queryset.filter(pk__in=due)
        return queryset.exclude(pk__in=due)


@admin.register(DataSubject)
class DataSubjectAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "last_login", "due"]
    list_filter = [DueFilter]
    search_fields = ["email", "first_name", "last_name"]
    fields = ["email", "first_name", "last_name", "last_login", "date_joined", "records"]
    readonly_fields = fields
    actions = ["anonymise"]

    def get_queryset(self, request):
        return DataSubject.objects.exclude(email__endswith=f"@{PLACEHOLDER_DOMAIN}")

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        for person in changelist.result_list:
            person.retention = _retentions(request).get(person.pk)
        return changelist

    def get_object(self, request, object_id, from_field=None):
        person = super().get_object(request, object_id, from_field)
        if person is not None:
            person.retention = person_retention(person)
        return person

    @admin.display(description=gettext_lazy("Anonymisierung möglich"), boolean=True)
    def due(self, person):
        retention = getattr(person, "retention", None)
        return bool(retention and retention.is_due(timezone.localdate()))

    @admin.display(description=gettext_lazy("Datensätze und Fristen"))
    def records(self, person):
        today = timezone.localdate()
        return format_html_join(
            "", "<p>{}</p>", ((record.reason(today),) for record in person.retention.records)
        )

    @admin.action(
        description=gettext_lazy("Ausgewählte Personen anonymisieren"), permissions=["anonymise"]
    )
    def anonymise(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            today = timezone.localdate()
            entries = [_retentions(request)[person.pk] for person in queryset]
            return TemplateResponse(
                request,
                "admin/privacy/anonymise_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Personen anonymisieren"),
                    "rows": [(e.person, e.is_due(today), e.reasons(today)) for e in entries],
                    "queryset": queryset,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        done = 0
        for person in queryset:
            try:
                person_anonymise(person=person, actor=request.user)
            except NotAllowed as refusal:
                messages.error(request, f"{person.email}: {refusal}")
            else:
                done += 1
        if done:
            messages.success(request, _("%(count)s Person(en) anonymisiert.") % {"count": done})
        return None

    def has_anonymise_permission(self, request):
        return can_anonymise(request.user)

    def has_module_permission(self, request):
        return can_anonymise(request.user)

    def has_view_permission(self, request, obj=None):
        return can_anonymise(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
