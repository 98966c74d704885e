from django.conf import settings
from django.db import transaction

from grants.models import ReferenceCounter


@transaction.atomic
def reference_next(*, year: int) -> str:
    """The next yearly reference number, e.g. ZI-2026-0042; never given out twice."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{settings.APPLICATION_REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"
