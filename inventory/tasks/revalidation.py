"""Re-validation after a MAC: a thin task around inventory.validation."""

from __future__ import annotations

from typing import Any

from celery import shared_task

__all__ = ["revalidate_after_mac"]


@shared_task(
    acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, retry_jitter=True
)
def revalidate_after_mac(event_id: int) -> dict[str, Any]:
    """Re-validate the channels a MAC touched and record the outcome on the event.

    Idempotent: the view that ran the MAC has usually done it already, and then this
    returns the recorded outcome without touching anything.
    """
    from inventory import validation

    return validation.revalidate_after_mac(event_id=event_id)
