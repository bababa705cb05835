"""The catalogue: connector models and transceiver applications (admin-editable data)."""

from __future__ import annotations

from django.db import models

from inventory.choices import BRAND_CHOICES, CONNECTOR_CHOICES, GENDER_CHOICES, POLISH_CHOICES

__all__ = ["Application", "ConnectorModel"]


class ConnectorModel(models.Model):
    """A connector product: brand family, fiber count, durability and loss figures."""

    maker = models.CharField(max_length=100)
    name = models.CharField(max_length=100)
    brand = models.CharField(max_length=10, choices=BRAND_CHOICES)
    family = models.CharField(max_length=10, choices=CONNECTOR_CHOICES)
    rated_cycles = models.PositiveIntegerField(default=500)
    typical_loss_db = models.DecimalField(max_digits=4, decimal_places=2, default=0.35)
    max_loss_db = models.DecimalField(max_digits=4, decimal_places=2, default=0.75)
    gender_field_changeable = models.BooleanField(default=False)
    polarity_field_changeable = models.BooleanField(default=False)

    class Meta:
        ordering = ["maker", "name"]
        constraints = [
            models.UniqueConstraint(fields=["maker", "name"], name="connector_model_unique"),
            models.CheckConstraint(
                condition=models.Q(rated_cycles__gte=1), name="connector_model_rated_cycles_pos"
            ),
            models.CheckConstraint(
                condition=models.Q(typical_loss_db__gte=0)
                & models.Q(typical_loss_db__lte=models.F("max_loss_db")),
                name="connector_model_loss_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maker} {self.name} ({self.family}, {self.brand})"

    @property
    def is_mpo(self) -> bool:
        return self.family.startswith("MPO")


class Application(models.Model):
    """A transceiver application (IEEE 802.3 PMD) with its lanes and per-fibre budgets."""

    name = models.CharField(max_length=40, unique=True)
    connector = models.CharField(max_length=10, choices=CONNECTOR_CHOICES)
    tx_positions = models.JSONField(help_text="Tx positions looking into the port, key up")
    rx_positions = models.JSONField(help_text="Rx positions, paired with tx_positions in order")
    media = models.JSONField(
        help_text='Per fibre type: [{"fiber_type": "OM4", "reach_m": 100, "budget_db": 1.9}]'
    )
    gender = models.CharField(max_length=6, choices=GENDER_CHOICES, default="male")
    polish = models.CharField(max_length=3, choices=POLISH_CHOICES, default="UPC")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
