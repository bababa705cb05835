"""Weekly digest tasks: fan out one task per subscribed user, each sending at most once."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

__all__ = ["send_user_digest", "send_weekly_digests"]

#: Errors worth retrying: SMTP refusals (4xx), lost connections, a database blip.
TRANSIENT = (SMTPException, OperationalError, ConnectionError, TimeoutError)


@shared_task(
    name="inventory.send_weekly_digests",
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def send_weekly_digests() -> int:
    """Queue one digest task per subscribed user (re-queuing is harmless: each sends once)."""
    from django.utils import timezone

    from inventory.digest import recipients

    as_of = timezone.now().isoformat()
    user_ids = recipients()
    for user_id in user_ids:
        send_user_digest.delay(user_id, as_of)
    return len(user_ids)


@shared_task(
    name="inventory.send_user_digest",
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=8,
)
def send_user_digest(user_id: int, as_of: str | None = None) -> str:
    """Send one user the digest of the week ending ``as_of``, exactly once.

    ``as_of`` is fixed when the run is queued, so a retry late on a Sunday still sends
    that week's digest (the once-only key) and never the next week's early.
    """
    from datetime import datetime

    from inventory.digest import send_digest

    now = datetime.fromisoformat(as_of) if as_of else None
    return send_digest(user_id=user_id, now=now)
