"""The MAC log: every move, add and change as an immutable event row (the audit trail)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from inventory.choices import MacAction
from inventory.models.plant import Cable, ConnectorEnd, MpoAdapter

__all__ = ["ImmutableEventError", "MacEvent"]


class ImmutableEventError(RuntimeError):
    """Raised when code tries to rewrite or delete history."""


class MacEvent(models.Model):
    """One move, add or change, written in the same transaction as the change itself."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=MacAction.choices)
    end_a = models.ForeignKey(
        ConnectorEnd, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_b = models.ForeignKey(
        ConnectorEnd, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adapter = models.ForeignKey(
        MpoAdapter, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cable = models.ForeignKey(
        Cable, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    work_order = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    # Filled once, after commit, by the re-validation task (the only later write).
    outcome = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableEventError("MAC events are immutable; record a new event instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableEventError("MAC events are part of the audit trail and cannot be deleted")
