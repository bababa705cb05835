"""Wear alerts, pin services, reorder figures and the weekly digest's subscriptions/deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inventory.models.places import Site
from inventory.models.plant import ConnectorEnd

__all__ = [
    "AlertLevel",
    "DigestDelivery",
    "DigestSubscription",
    "PinService",
    "ReorderFigure",
    "ReorderPart",
    "WearAlert",
    "WearKind",
]


class AlertLevel(models.TextChoices):
    """How far an end is through its rated mating cycles."""

    WARNING = "warning", "Warning (near rating)"
    CRITICAL = "critical", "Critical (at or past rating)"


class WearKind(models.TextChoices):
    """What wears: the guide pins of a pinned (male) MPO end, or an end face elsewhere."""

    GUIDE_PINS = "guide_pins", "Guide pins"
    END_FACE = "end_face", "End face"


class WearAlert(models.Model):
    """One alert per end and level while it is open; closed when replaced or serviced."""

    end = models.ForeignKey(ConnectorEnd, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=AlertLevel.choices)
    kind = models.CharField(max_length=12, choices=WearKind.choices)
    cycles = models.PositiveIntegerField(help_text="Cycles counted when the alert opened")
    rated_cycles = models.PositiveIntegerField()
    opened_at = models.DateTimeField(db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["end", "level"],
                condition=models.Q(closed_at__isnull=True),
                name="wear_alert_one_open_per_end_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} on end {self.end_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PinService(models.Model):
    """Guide pins (or an MTP PRO pin clamp) serviced on an end: wear counts again from here."""

    end = models.OneToOneField(ConnectorEnd, on_delete=models.CASCADE, related_name="+")
    cycles_at_service = models.PositiveIntegerField()
    serviced_at = models.DateTimeField()

    class Meta:
        ordering = ["-serviced_at"]

    def __str__(self) -> str:
        return f"end {self.end_id} serviced at {self.cycles_at_service} cycles"


class ReorderPart(models.TextChoices):
    """Parts a fix may need to reorder (each with an admin-set cost and lead time)."""

    MPO_TRUNK = "mpo_trunk", "MPO trunk"
    MPO_PATCH = "mpo_patch", "MPO patch cord"
    LC_DUPLEX = "lc_duplex", "LC duplex cord"
    CASSETTE = "cassette", "Breakout cassette"
    TRANSCEIVER = "transceiver", "Transceiver"
    PIN_CLAMP = "pin_clamp", "MTP PRO pin clamp"


class ReorderFigure(models.Model):
    """What reordering a part costs and how long it takes: what a field fix saves."""

    part = models.CharField(max_length=12, choices=ReorderPart.choices, unique=True)
    cost = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    lead_time_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["part"]

    def __str__(self) -> str:
        return f"{self.get_part_display()}: {self.cost} {self.currency}, {self.lead_time_days} d"


class DigestSubscription(models.Model):
    """A user's weekly digest for one site (no site: every site)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscriptions"
    )
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    send_all_clear = models.BooleanField(
        default=True, help_text="On a quiet week send a short 'all clear' (else send nothing)"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["user_id", "site_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="digest_sub_unique_site"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(site__isnull=True),
                name="digest_sub_unique_all_sites",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.site or 'all sites'}"


class DigestDelivery(models.Model):
    """One row per recipient and week, inserted before sending: the exactly-once guard."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Nothing to send"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(help_text="Monday of the ISO week the digest belongs to")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=200, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week", "recipient_id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "week"], name="digest_once_per_week"),
        ]

    def __str__(self) -> str:
        return f"digest {self.week} → {self.recipient_id} ({self.status})"
