"""The plant: devices and ports, cables, cassettes, MPO adapters and every connector end."""

from __future__ import annotations

from django.db import models

from inventory.choices import (
    ADAPTER_TYPE_CHOICES,
    CABLE_POLARITY_CHOICES,
    CASSETTE_POLARITY_CHOICES,
    CONNECTOR_CHOICES,
    FIBER_TYPE_CHOICES,
    GENDER_CHOICES,
    LC_POLARITIES,
    MPO_CONNECTORS,
    MPO_POLARITIES,
    POLISH_CHOICES,
    CableKind,
    CableStatus,
    Key,
)
from inventory.models.catalogue import Application, ConnectorModel
from inventory.models.places import Panel, Rack

__all__ = ["Cable", "Cassette", "ConnectorEnd", "Device", "MpoAdapter", "Port"]


class Device(models.Model):
    """A switch, server or other device holding transceiver ports."""

    name = models.CharField(max_length=100, unique=True)
    rack = models.ForeignKey(
        Rack, on_delete=models.PROTECT, related_name="devices", null=True, blank=True
    )
    role = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Port(models.Model):
    """A transceiver port on a device; its connector face is a ConnectorEnd."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="ports")
    name = models.CharField(max_length=50)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="ports")

    class Meta:
        ordering = ["device__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["device", "name"], name="port_unique_name_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.device.name}:{self.name}"


class Cable(models.Model):
    """An MPO trunk, MPO patch cord or LC duplex cord, with its polarity type."""

    label = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=CableKind.choices)
    polarity = models.CharField(max_length=3, choices=CABLE_POLARITY_CHOICES)
    connector = models.CharField(max_length=10, choices=CONNECTOR_CHOICES)
    fiber_type = models.CharField(max_length=3, choices=FIBER_TYPE_CHOICES)
    length_m = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=CableStatus.choices, default=CableStatus.INSTALLED
    )

    class Meta:
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind__in=[CableKind.MPO_TRUNK, CableKind.MPO_PATCH],
                        polarity__in=MPO_POLARITIES,
                        connector__in=MPO_CONNECTORS,
                    )
                    | models.Q(kind=CableKind.LC_DUPLEX, polarity__in=LC_POLARITIES, connector="LC")
                ),
                name="cable_kind_matches_polarity_and_connector",
            ),
            models.CheckConstraint(
                condition=models.Q(length_m__isnull=True) | models.Q(length_m__gte=0),
                name="cable_length_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Cassette(models.Model):
    """An MPO-to-LC breakout module in a panel slot: rear MPO, front duplex ports."""

    label = models.CharField(max_length=100, unique=True)
    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="cassettes", null=True, blank=True
    )
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    polarity = models.CharField(max_length=1, choices=CASSETTE_POLARITY_CHOICES)
    connector = models.CharField(max_length=10, choices=CONNECTOR_CHOICES, default="MPO-12")
    front_ports = models.PositiveSmallIntegerField(default=6)
    insertion_loss_db = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "slot"], name="cassette_unique_slot"),
            models.CheckConstraint(
                condition=models.Q(front_ports__gte=1, front_ports__lte=16),
                name="cassette_front_ports_range",
            ),
            models.CheckConstraint(
                condition=models.Q(connector__in=MPO_CONNECTORS), name="cassette_rear_is_mpo"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class MpoAdapter(models.Model):
    """An MPO bulkhead adapter: Type A (key-up to key-down) or Type B (key-up to key-up)."""

    label = models.CharField(max_length=100, unique=True)
    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="adapters", null=True, blank=True
    )
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    type = models.CharField(max_length=1, choices=ADAPTER_TYPE_CHOICES)
    insertion_loss_db = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "slot"], name="adapter_unique_slot"),
        ]

    def __str__(self) -> str:
        return self.label


class ConnectorEnd(models.Model):
    """One connector face: a cable end, a cassette's rear or front port, or a transceiver port.

    Two ends are mated face to face (``mate``, kept symmetric by the services), through an
    MPO adapter when both are plugs.
    """

    label = models.CharField(max_length=120, unique=True)
    connector_model = models.ForeignKey(ConnectorModel, on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=6, choices=GENDER_CHOICES)
    polish = models.CharField(max_length=3, choices=POLISH_CHOICES, default="UPC")
    key = models.CharField(max_length=4, choices=Key.choices, default=Key.UP)
    mating_cycles = models.PositiveIntegerField(default=0)
    insertion_loss_db = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    cable = models.ForeignKey(
        Cable, on_delete=models.CASCADE, related_name="ends", null=True, blank=True
    )
    cable_end = models.PositiveSmallIntegerField(null=True, blank=True)
    cassette = models.ForeignKey(
        Cassette, on_delete=models.CASCADE, related_name="ends", null=True, blank=True
    )
    cassette_port = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="0 is the rear MPO; 1… are the front duplex ports"
    )
    port = models.OneToOneField(
        Port, on_delete=models.CASCADE, related_name="end", null=True, blank=True
    )

    mate = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adapter = models.ForeignKey(
        MpoAdapter, on_delete=models.PROTECT, related_name="ends", null=True, blank=True
    )
    adapter_side = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(cable__isnull=False, cable_end__isnull=False, cable_end__in=[0, 1])
                    & models.Q(cassette__isnull=True)
                    & models.Q(cassette_port__isnull=True, port__isnull=True)
                )
                | (
                    models.Q(cassette__isnull=False, cassette_port__isnull=False)
                    & models.Q(cable__isnull=True, cable_end__isnull=True, port__isnull=True)
                )
                | (
                    models.Q(port__isnull=False, cable__isnull=True, cable_end__isnull=True)
                    & models.Q(cassette__isnull=True, cassette_port__isnull=True)
                ),
                name="end_has_exactly_one_owner",
            ),
            models.UniqueConstraint(fields=["cable", "cable_end"], name="end_unique_cable_end"),
            models.UniqueConstraint(
                fields=["cassette", "cassette_port"], name="end_unique_cassette_port"
            ),
            models.UniqueConstraint(
                fields=["adapter", "adapter_side"], name="end_unique_adapter_side"
            ),
            models.CheckConstraint(
                condition=models.Q(adapter__isnull=True, adapter_side__isnull=True)
                | models.Q(
                    adapter__isnull=False, adapter_side__isnull=False, adapter_side__in=[0, 1]
                ),
                name="end_adapter_side_with_adapter",
            ),
            models.CheckConstraint(
                condition=~models.Q(mate=models.F("id")), name="end_not_mated_to_itself"
            ),
        ]
        indexes = [models.Index(fields=["mating_cycles"], name="end_mating_cycles_idx")]

    def __str__(self) -> str:
        return self.label

    @property
    def owner_kind(self) -> str:
        if self.cable_id is not None:
            return "cable"
        if self.cassette_id is not None:
            return "cassette"
        return "port"
