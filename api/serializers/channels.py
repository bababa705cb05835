"""Channels, MAC events and webhooks."""

from __future__ import annotations

from rest_framework import serializers

from api.models import Webhook, WebhookDelivery, WebhookEvent
from api.serializers.base import NestedRelatedField, ValidatedModelSerializer
from api.serializers.brief import BRIEF
from inventory.models import Cable, Channel, ConnectorEnd, MacEvent, MpoAdapter, Port

__all__ = [
    "ChannelSerializer",
    "MacEventSerializer",
    "WebhookDeliverySerializer",
    "WebhookSerializer",
]


class ChannelSerializer(ValidatedModelSerializer):
    """A named channel between two ports; its spec and verdict are written by validation."""

    url = serializers.HyperlinkedIdentityField(view_name="channel-detail")
    display = serializers.CharField(source="name", read_only=True)
    a_port = NestedRelatedField(BRIEF[Port], queryset=Port.objects.all())
    b_port = NestedRelatedField(
        BRIEF[Port], queryset=Port.objects.all(), allow_null=True, required=False
    )
    spec = serializers.JSONField(read_only=True)
    result = serializers.JSONField(read_only=True)
    problem_codes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Channel
        fields = (
            "id",
            "url",
            "display",
            "name",
            "a_port",
            "b_port",
            "lc_port",
            "status",
            "problem_codes",
            "loss_db",
            "validated_at",
            "spec",
            "result",
        )
        read_only_fields = ("status", "loss_db", "validated_at")


class MacEventSerializer(serializers.ModelSerializer):
    """One immutable MAC event (the audit trail)."""

    url = serializers.HyperlinkedIdentityField(view_name="dcim-macevent-detail")
    display = serializers.CharField(source="get_action_display", read_only=True)
    user = serializers.CharField(source="user.username", read_only=True, allow_null=True)
    end_a = BRIEF[ConnectorEnd](read_only=True, allow_null=True)
    end_b = BRIEF[ConnectorEnd](read_only=True, allow_null=True)
    adapter = BRIEF[MpoAdapter](read_only=True, allow_null=True)
    cable = BRIEF[Cable](read_only=True, allow_null=True)
    details = serializers.JSONField(read_only=True)
    outcome = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = MacEvent
        fields = (
            "id",
            "url",
            "display",
            "created_at",
            "user",
            "action",
            "end_a",
            "end_b",
            "adapter",
            "cable",
            "work_order",
            "note",
            "details",
            "outcome",
        )
        read_only_fields = fields


class WebhookSerializer(ValidatedModelSerializer):
    """A webhook receiver; the secret is write-only (it signs, it is never shown again)."""

    url = serializers.HyperlinkedIdentityField(view_name="extras-webhook-detail")
    display = serializers.CharField(source="name", read_only=True)
    payload_url = serializers.URLField(source="url", max_length=500)
    secret = serializers.CharField(write_only=True, min_length=16, max_length=200)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        allow_empty=False,
        max_length=len(WebhookEvent.choices),
        required=False,
    )

    class Meta:
        model = Webhook
        fields = (
            "id",
            "url",
            "display",
            "name",
            "payload_url",
            "secret",
            "events",
            "enabled",
            "created_at",
        )
        read_only_fields = ("created_at",)

    def validate_events(self, value: list[str]) -> list[str]:
        return sorted(set(value))


class WebhookDeliverySerializer(serializers.ModelSerializer):
    """One queued or sent event for one webhook (read-only)."""

    webhook = BRIEF[Webhook](read_only=True)
    payload = serializers.JSONField(read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = (
            "id",
            "webhook",
            "event",
            "event_key",
            "payload",
            "status",
            "attempts",
            "response_code",
            "last_error",
            "created_at",
            "delivered_at",
        )
        read_only_fields = fields
