"""Inputs of the MAC actions and the shape of their answers.

Each input serializer only parses ids into objects; the service decides whether the MAC
can be done (and says why not, as a PlantError → 400).
"""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.channels import MacEventSerializer
from inventory.choices import CABLE_POLARITY_CHOICES, GENDER_CHOICES
from inventory.models import Cable, ConnectorEnd, ConnectorModel, MpoAdapter

__all__ = [
    "ChangeGenderInput",
    "ChangePolarityInput",
    "ConnectInput",
    "DisconnectInput",
    "MacResultSerializer",
    "MoveInput",
    "PreflightSerializer",
    "RecordInspectionInput",
    "ReplaceInput",
]


def _end(help_text: str) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=ConnectorEnd.objects.all(), help_text=help_text
    )


def _adapter() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=MpoAdapter.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="MPO adapter between two MPO plugs",
    )


class _MacInput(serializers.Serializer):
    work_order = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ConnectInput(_MacInput):
    """Mate two free ends (through an adapter when both are MPO plugs)."""

    end_a = _end("First connector end")
    end_b = _end("Second connector end")
    adapter = _adapter()


class DisconnectInput(_MacInput):
    """Unmate an end from its mate."""

    end = _end("A mated connector end")


class MoveInput(_MacInput):
    """Unplug an end and plug it into another end as one MAC."""

    end = _end("The mated end to move")
    to_end = _end("The free end to plug it into")
    adapter = _adapter()


class ChangeGenderInput(_MacInput):
    """Insert or remove the pins of a field-changeable MPO end (MTP PRO)."""

    end = _end("A cable end with a field-changeable connector")
    gender = serializers.ChoiceField(choices=GENDER_CHOICES)


class ChangePolarityInput(_MacInput):
    """Change a cable's polarity on site (MTP PRO key swap, reversible LC cord)."""

    cable = serializers.PrimaryKeyRelatedField(queryset=Cable.objects.all())
    polarity = serializers.ChoiceField(choices=CABLE_POLARITY_CHOICES)


class RecordInspectionInput(_MacInput):
    """Log an end-face clean/inspect (IEC 61300-3-35)."""

    end = _end("The inspected end")
    passed = serializers.BooleanField(default=True)
    cleaned = serializers.BooleanField(default=True)


class ReplaceInput(_MacInput):
    """Retire a cable and re-mate a new one to the same partners."""

    cable = serializers.PrimaryKeyRelatedField(queryset=Cable.objects.all())
    new_label = serializers.CharField(max_length=100)
    connector_model = serializers.PrimaryKeyRelatedField(
        queryset=ConnectorModel.objects.all(), required=False, allow_null=True, default=None
    )
    polarity = serializers.ChoiceField(
        choices=CABLE_POLARITY_CHOICES, required=False, allow_null=True, default=None
    )
    genders = serializers.ListField(
        child=serializers.ChoiceField(choices=GENDER_CHOICES),
        min_length=2,
        max_length=2,
        required=False,
        allow_null=True,
        default=None,
    )

    def validate_genders(self, value: list[str] | None) -> tuple[str, ...] | None:
        return tuple(value) if value else None


class MacResultSerializer(serializers.Serializer):
    """The recorded MAC and the re-validation of the channels it touched."""

    event = MacEventSerializer()
    revalidation = serializers.JSONField(
        help_text="Outcome of re-validating the touched channels (inventory.validation)"
    )


class PreflightSerializer(serializers.Serializer):
    """What the MAC would do (``?dry_run=true``): nothing is written."""

    dry_run = serializers.BooleanField()
    preflight = serializers.JSONField(help_text="The pre-flight answer (inventory.preflight)")
