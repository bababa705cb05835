"""Daily wear scan task: a thin interface over :func:`inventory.wear.wear_scan`."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

__all__ = ["wear_scan"]

#: Errors worth retrying: the database or the network went away for a moment.
TRANSIENT = (OperationalError, ConnectionError, TimeoutError)


@shared_task(
    name="inventory.wear_scan",
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def wear_scan() -> dict[str, int]:
    """Open and close wear alerts; safe to run twice (open alerts are unique per level)."""
    from inventory import wear

    return wear.wear_scan().as_dict()
