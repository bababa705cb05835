"""Plant objects: creating them goes through ``inventory.services``; mating is read-only here.

Cables, cassettes, adapters and ports are *created* by their services (which build the
connector ends too); updates touch only descriptive fields (label, length, loss), because
topology and polarity change only through MAC actions, which keep the audit trail.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from api.serializers.base import NestedRelatedField, ValidatedModelSerializer
from api.serializers.brief import BRIEF
from inventory import services
from inventory.choices import GENDER_CHOICES, POLISH_CHOICES, CableStatus
from inventory.models import (
    Application,
    Cable,
    Cassette,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MpoAdapter,
    Panel,
    Port,
)

__all__ = [
    "AdapterSerializer",
    "AdapterUpdateSerializer",
    "CableSerializer",
    "CableUpdateSerializer",
    "CassetteSerializer",
    "CassetteUpdateSerializer",
    "ConnectorEndSerializer",
    "PortSerializer",
    "PortUpdateSerializer",
]

BriefEnd = BRIEF[ConnectorEnd]


def nested(model: Any, **kwargs: Any) -> NestedRelatedField:
    return NestedRelatedField(BRIEF[model], queryset=model.objects.all(), **kwargs)


def model_input(help_text: str, **kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=ConnectorModel.objects.all(), write_only=True, help_text=help_text, **kwargs
    )


class CableSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-cable-detail")
    display = serializers.CharField(source="label", read_only=True)
    ends = BriefEnd(many=True, read_only=True)
    connector_model = model_input("Connector model of both ends (MPO for MPO cables, LC for cords)")
    genders = serializers.ListField(
        child=serializers.ChoiceField(choices=GENDER_CHOICES),
        min_length=2,
        max_length=2,
        write_only=True,
        required=False,
        help_text="Gender of end 1 and end 2 (default female/female)",
    )
    polish = serializers.ChoiceField(
        choices=POLISH_CHOICES, write_only=True, required=False, help_text="End-face polish"
    )

    class Meta:
        model = Cable
        fields = (
            "id",
            "url",
            "display",
            "label",
            "kind",
            "polarity",
            "connector",
            "fiber_type",
            "length_m",
            "status",
            "ends",
            "connector_model",
            "genders",
            "polish",
        )
        read_only_fields = ("connector", "status")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # cable_create checks everything and refuses with a PlantError

    def create(self, validated_data: dict[str, Any]) -> Cable:
        kwargs: dict[str, Any] = {**validated_data, "status": CableStatus.INSTALLED}
        genders = kwargs.pop("genders", None)
        if genders:
            kwargs["genders"] = tuple(genders)
        return services.cable_create(**kwargs)


class CableUpdateSerializer(ValidatedModelSerializer):
    """The descriptive fields of a cable; polarity changes through the change-polarity MAC."""

    class Meta:
        model = Cable
        fields = ("label", "length_m")

    def to_representation(self, instance: Cable) -> dict[str, Any]:
        return CableSerializer(instance, context=self.context).data


class CassetteSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-cassette-detail")
    display = serializers.CharField(source="label", read_only=True)
    panel = nested(Panel, allow_null=True, required=False)
    ends = BriefEnd(many=True, read_only=True)
    rear_model = model_input("MPO connector model of the rear port")
    front_model = model_input("LC connector model of the front ports")
    rear_gender = serializers.ChoiceField(choices=GENDER_CHOICES, write_only=True, required=False)
    polish = serializers.ChoiceField(choices=POLISH_CHOICES, write_only=True, required=False)

    class Meta:
        model = Cassette
        fields = (
            "id",
            "url",
            "display",
            "label",
            "panel",
            "slot",
            "polarity",
            "connector",
            "front_ports",
            "insertion_loss_db",
            "ends",
            "rear_model",
            "front_model",
            "rear_gender",
            "polish",
        )
        read_only_fields = ("connector",)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # cassette_create runs the model's checks

    def create(self, validated_data: dict[str, Any]) -> Cassette:
        return services.cassette_create(**validated_data)


class CassetteUpdateSerializer(ValidatedModelSerializer):
    class Meta:
        model = Cassette
        fields = ("label", "insertion_loss_db")

    def to_representation(self, instance: Cassette) -> dict[str, Any]:
        return CassetteSerializer(instance, context=self.context).data


class AdapterSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-adapter-detail")
    display = serializers.CharField(source="label", read_only=True)
    panel = nested(Panel, allow_null=True, required=False)
    ends = BriefEnd(many=True, read_only=True)

    class Meta:
        model = MpoAdapter
        fields = (
            "id",
            "url",
            "display",
            "label",
            "panel",
            "slot",
            "type",
            "insertion_loss_db",
            "ends",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # adapter_create runs the model's checks

    def create(self, validated_data: dict[str, Any]) -> MpoAdapter:
        return services.adapter_create(**validated_data)


class AdapterUpdateSerializer(ValidatedModelSerializer):
    class Meta:
        model = MpoAdapter
        fields = ("label", "insertion_loss_db")

    def to_representation(self, instance: MpoAdapter) -> dict[str, Any]:
        return AdapterSerializer(instance, context=self.context).data


class PortSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="dcim-port-detail")
    display = serializers.CharField(source="name", read_only=True)
    device = nested(Device)
    application = nested(Application)
    end = BriefEnd(read_only=True, allow_null=True)
    connector_model = model_input("Connector model of the port's face")
    gender = serializers.ChoiceField(choices=GENDER_CHOICES, write_only=True, required=False)
    polish = serializers.ChoiceField(choices=POLISH_CHOICES, write_only=True, required=False)

    class Meta:
        model = Port
        fields = (
            "id",
            "url",
            "display",
            "device",
            "name",
            "application",
            "end",
            "connector_model",
            "gender",
            "polish",
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # port_create runs the model's checks

    def create(self, validated_data: dict[str, Any]) -> Port:
        return services.port_create(**validated_data)


class PortUpdateSerializer(ValidatedModelSerializer):
    class Meta:
        model = Port
        fields = ("name",)

    def to_representation(self, instance: Port) -> dict[str, Any]:
        return PortSerializer(instance, context=self.context).data


class ConnectorEndSerializer(serializers.ModelSerializer):
    """A connector face with its mating state (changed only by MAC actions)."""

    url = serializers.HyperlinkedIdentityField(view_name="dcim-connectorend-detail")
    display = serializers.CharField(source="label", read_only=True)
    connector_model = BRIEF[ConnectorModel](read_only=True)
    owner_kind = serializers.CharField(read_only=True)
    cable = BRIEF[Cable](read_only=True, allow_null=True)
    cassette = BRIEF[Cassette](read_only=True, allow_null=True)
    port = BRIEF[Port](read_only=True, allow_null=True)
    mate = BriefEnd(read_only=True, allow_null=True)
    adapter = BRIEF[MpoAdapter](read_only=True, allow_null=True)

    class Meta:
        model = ConnectorEnd
        fields = (
            "id",
            "url",
            "display",
            "label",
            "connector_model",
            "gender",
            "polish",
            "key",
            "mating_cycles",
            "insertion_loss_db",
            "owner_kind",
            "cable",
            "cable_end",
            "cassette",
            "cassette_port",
            "port",
            "mate",
            "adapter",
            "adapter_side",
        )
        read_only_fields = fields
