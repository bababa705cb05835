"""Sites, rooms, racks, panels, devices and the catalogue: plain CRUD objects."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.base import NestedRelatedField, ValidatedModelSerializer, reject_nul
from api.serializers.brief import BRIEF
from inventory.models import Application, ConnectorModel, Device, Panel, Rack, Room, Site

__all__ = [
    "ApplicationSerializer",
    "ConnectorModelSerializer",
    "DeviceSerializer",
    "PanelSerializer",
    "RackSerializer",
    "RoomSerializer",
    "SiteSerializer",
]


def nested(model: Any, **kwargs: Any) -> NestedRelatedField:
    return NestedRelatedField(BRIEF[model], queryset=model.objects.all(), **kwargs)


class SiteSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-site-detail")
    display = serializers.CharField(source="name", read_only=True)

    class Meta:
        model = Site
        fields = ("id", "url", "display", "name", "code")


class RoomSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-room-detail")
    display = serializers.CharField(source="name", read_only=True)
    site = nested(Site)

    class Meta:
        model = Room
        fields = ("id", "url", "display", "site", "name")


class RackSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-rack-detail")
    display = serializers.CharField(source="name", read_only=True)
    room = nested(Room)

    class Meta:
        model = Rack
        fields = ("id", "url", "display", "room", "name", "u_height")


class PanelSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-panel-detail")
    display = serializers.CharField(source="name", read_only=True)
    rack = nested(Rack)

    class Meta:
        model = Panel
        fields = ("id", "url", "display", "rack", "name", "u_position", "slot_count")


class ConnectorModelSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-connectormodel-detail")
    display = serializers.CharField(source="name", read_only=True)

    class Meta:
        model = ConnectorModel
        fields = (
            "id",
            "url",
            "display",
            "maker",
            "name",
            "brand",
            "family",
            "rated_cycles",
            "typical_loss_db",
            "max_loss_db",
            "gender_field_changeable",
            "polarity_field_changeable",
        )


class _MediaSerializer(serializers.Serializer):
    """Reach and budget of an application on one fibre type."""

    fiber_type = serializers.CharField(max_length=3)
    reach_m = serializers.IntegerField(min_value=0, max_value=100_000)
    budget_db = serializers.FloatField(min_value=0, max_value=100)


class ApplicationSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-application-detail")
    display = serializers.CharField(source="name", read_only=True)
    tx_positions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=32), max_length=32
    )
    rx_positions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=32), max_length=32
    )
    media = _MediaSerializer(many=True)

    class Meta:
        model = Application
        fields = (
            "id",
            "url",
            "display",
            "name",
            "connector",
            "tx_positions",
            "rx_positions",
            "media",
            "gender",
            "polish",
            "description",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        reject_nul(attrs.get("media"))
        tx = attrs.get("tx_positions", getattr(self.instance, "tx_positions", []))
        rx = attrs.get("rx_positions", getattr(self.instance, "rx_positions", []))
        if len(tx) != len(rx):
            raise serializers.ValidationError(
                {"rx_positions": ["Give one Rx position per Tx position."]}
            )
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> Application:
        return super().create({**validated_data, "media": list(map(dict, validated_data["media"]))})

    def update(self, instance: Application, validated_data: dict[str, Any]) -> Application:
        if "media" in validated_data:
            validated_data["media"] = list(map(dict, validated_data["media"]))
        return super().update(instance, validated_data)


class DeviceSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-device-detail")
    display = serializers.CharField(source="name", read_only=True)
    rack = nested(Rack, allow_null=True, required=False)

    class Meta:
        model = Device
        fields = ("id", "url", "display", "name", "rack", "role")
