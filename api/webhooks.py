"""Turn integration signals into webhook deliveries, queued after the commit.

The receivers only write delivery rows and enqueue the task: no domain logic. A MAC event
is keyed by its id, so hearing the same event twice queues one delivery per webhook.
"""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from api.models import Webhook, WebhookDelivery, WebhookEvent

__all__ = ["enqueue", "on_channel_status_changed", "on_mac_recorded"]


def enqueue(*, event: str, event_key: str, payload: dict[str, Any]) -> list[int]:
    """Create one delivery per subscribed webhook and queue its task after commit."""
    from api.tasks import deliver_webhook

    created: list[int] = []
    for webhook in Webhook.objects.filter(enabled=True):
        if event not in webhook.events:
            continue
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    webhook=webhook, event=event, event_key=event_key, payload=payload
                )
        except IntegrityError:
            continue  # this event is already queued for this webhook
        created.append(delivery.pk)
    for pk in created:
        transaction.on_commit(partial(deliver_webhook.delay, pk))
    return created


def on_mac_recorded(sender: Any, event: Any, **kwargs: Any) -> None:
    payload = {
        "event": WebhookEvent.MAC_RECORDED.value,
        "mac_event": {
            "id": event.pk,
            "action": event.action,
            "created_at": event.created_at.isoformat() if event.created_at else None,
            "end_a": event.end_a_id,
            "end_b": event.end_b_id,
            "adapter": event.adapter_id,
            "cable": event.cable_id,
            "work_order": event.work_order,
            "details": event.details,
            "outcome": event.outcome,
        },
    }
    enqueue(event=WebhookEvent.MAC_RECORDED, event_key=f"mac:{event.pk}", payload=payload)


def on_channel_status_changed(
    sender: Any, channel: Any, before: str, after: str, **kwargs: Any
) -> None:
    payload = {
        "event": WebhookEvent.CHANNEL_STATUS_CHANGED.value,
        "channel": {
            "id": channel.pk,
            "name": channel.name,
            "before": before,
            "after": after,
            "problem_codes": list(channel.problem_codes or []),
            "loss_db": channel.loss_db,
        },
        "sent_at": timezone.now().isoformat(),
    }
    key = f"channel:{channel.pk}:{uuid.uuid4().hex}"
    enqueue(event=WebhookEvent.CHANNEL_STATUS_CHANGED, event_key=key, payload=payload)
