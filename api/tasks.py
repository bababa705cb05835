"""Deliver one webhook: POST the payload signed with HMAC-SHA256, retried with backoff.

Idempotent: a delivery already marked delivered is not sent again (a redelivered task
after a worker crash is a no-op), and each POST carries the delivery id in
``X-Fibertrace-Delivery`` so that receivers can drop a duplicate of their own.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import requests
from celery import shared_task
from django.db.models import F
from django.utils import timezone

from api.models import DeliveryStatus, WebhookDelivery

__all__ = ["SIGNATURE_HEADER", "WebhookRetry", "deliver_webhook", "sign"]

SIGNATURE_HEADER = "X-Fibertrace-Signature"
MAX_RETRIES = 8
TIMEOUT_S = 10


class WebhookRetry(Exception):
    """The receiver failed in a way worth retrying (network error, 5xx, 429)."""


def sign(secret: str, body: bytes) -> str:
    """Return the signature header value: ``sha256=<hex HMAC of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(WebhookRetry,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one delivery; raise WebhookRetry for failures that a later try may fix."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "skipped"
    body = json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Fibertrace-Webhook/1",
        "X-Fibertrace-Event": delivery.event,
        "X-Fibertrace-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
    }
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    final = self.request.retries >= MAX_RETRIES
    try:
        response = requests.post(
            delivery.webhook.url, data=body, headers=headers, timeout=TIMEOUT_S
        )
    except requests.RequestException as exc:
        return _failed(delivery, None, f"{type(exc).__name__}: {exc}", retry=not final)
    if 200 <= response.status_code < 300:
        WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.DELIVERED,
            response_code=response.status_code,
            delivered_at=timezone.now(),
            last_error="",
        )
        return "delivered"
    retry = (response.status_code >= 500 or response.status_code == 429) and not final
    return _failed(delivery, response.status_code, response.text[:500], retry=retry)


def _failed(delivery: WebhookDelivery, code: int | None, error: str, *, retry: bool) -> str:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        response_code=code,
        last_error=error,
        status=DeliveryStatus.PENDING if retry else DeliveryStatus.FAILED,
    )
    if retry:
        raise WebhookRetry(error)
    return "failed"
