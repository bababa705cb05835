"""Re-validation after a MAC (owned by the stored-plant validation work)."""

from __future__ import annotations

from celery import shared_task

__all__ = ["revalidate_after_mac"]


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, retry_jitter=True)
def revalidate_after_mac(event_id: int) -> None:
    """Re-validate the channels a MAC touched and record the outcome on the event."""
    return None
