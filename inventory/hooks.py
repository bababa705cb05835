"""What happens after a MAC commits: queue the re-validation of the channels it touched."""

from __future__ import annotations

from django.db import transaction

from inventory.models import MacEvent


def after_mac(event: MacEvent) -> None:
    """Enqueue re-validation once the MAC's transaction has committed (never before)."""
    from inventory import tasks

    transaction.on_commit(lambda: tasks.revalidate_after_mac.delay(event.pk))


def after_seed(out: object) -> None:
    """Trace and validate the freshly seeded plant (filled in by the stored-plant validation)."""
    return None
