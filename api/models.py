"""Outgoing webhooks: an admin registers a URL and a secret; each event becomes a delivery row."""

from __future__ import annotations

from django.db import models

__all__ = ["DeliveryStatus", "Webhook", "WebhookDelivery", "WebhookEvent"]


class WebhookEvent(models.TextChoices):
    """What a DCIM system can subscribe to (the integration signals of ``inventory.signals``)."""

    MAC_RECORDED = "mac_recorded", "MAC recorded"
    CHANNEL_STATUS_CHANGED = "channel_status_changed", "Channel status changed"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


def _all_events() -> list[str]:
    return [event.value for event in WebhookEvent]


class Webhook(models.Model):
    """A receiver URL with the shared secret its HMAC-SHA256 signatures are made with."""

    name = models.CharField(max_length=100, unique=True)
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=200)
    events = models.JSONField(default=_all_events, help_text="Subscribed WebhookEvent values")
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event for one webhook; ``event_key`` makes queueing the same event twice a no-op."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookEvent.choices)
    event_key = models.CharField(max_length=120)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event_key"], name="webhook_delivery_once"),
        ]
        indexes = [models.Index(fields=["status"], name="webhook_delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.webhook_id}:{self.event_key}"
