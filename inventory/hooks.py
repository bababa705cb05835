"""What happens after plant writes: queue re-validation after a MAC, validate a fresh seed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from inventory.models import MacEvent


def after_mac(event: MacEvent) -> None:
    """Enqueue re-validation once the MAC's transaction has committed (never before)."""
    from inventory import tasks

    transaction.on_commit(lambda: tasks.revalidate_after_mac.delay(event.pk))


def after_seed(out: Any) -> None:
    """Discover, trace and validate the freshly seeded plant so the demo shows real statuses."""
    from inventory.validation import discover_all, validate_channels

    created = discover_all()
    summary = validate_channels()
    if out is not None:
        out.write(
            f"Validated {summary['channels']} channels ({created} discovered): "
            f"{summary['ok']} ok, {summary['failing']} failing, {summary['open']} open, "
            f"{summary['invalid']} invalid; problems {summary['by_code'] or 'none'}"
        )
