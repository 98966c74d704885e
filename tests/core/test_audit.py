import pytest

from core.audit import audit_record
from core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_audit_entry_cannot_be_changed_or_deleted(draft, applicant):
    entry = audit_record(actor=applicant, action="grants.test.done", obj=draft, after={"a": 1})
    entry.action = "anders"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="anders")
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "grants.test.done"
