"""Channels: named end-to-end paths between two transceiver ports, with their last verdict."""

from __future__ import annotations

from django.db import models

from inventory.choices import ChannelStatus
from inventory.models.plant import ConnectorEnd, Port

__all__ = ["Channel", "ChannelEnd"]


class Channel(models.Model):
    """An end-to-end channel; ``spec`` is its traced channel spec, ``result`` the engine's."""

    name = models.CharField(max_length=200, unique=True)
    a_port = models.ForeignKey(Port, on_delete=models.CASCADE, related_name="channels_from")
    b_port = models.ForeignKey(
        Port, on_delete=models.SET_NULL, related_name="channels_to", null=True, blank=True
    )
    lc_port = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Cassette front port for breakout channels"
    )
    spec = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ChannelStatus.choices, default=ChannelStatus.UNKNOWN
    )
    result = models.JSONField(default=dict, blank=True)
    problem_codes = models.JSONField(default=list, blank=True)
    loss_db = models.FloatField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.BigIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="Digest of everything the verdict depends on (rows on the path, rules)",
    )
    ends: models.ManyToManyField[ConnectorEnd, ChannelEnd] = models.ManyToManyField(
        ConnectorEnd, through="ChannelEnd", related_name="channels"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(a_port=models.F("b_port")), name="channel_distinct_ports"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="channel_status_idx")]

    def __str__(self) -> str:
        return self.name


class ChannelEnd(models.Model):
    """Which connector ends a channel passes through, so a MAC finds the channels it touches."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    end = models.ForeignKey(ConnectorEnd, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "end"], name="channel_end_unique"),
        ]
        indexes = [models.Index(fields=["end"], name="channel_end_by_end_idx")]

    def __str__(self) -> str:
        return f"{self.channel_id}:{self.end_id}"
