"""Admin for wear alerts, pin services, reorder figures and the weekly digest."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from inventory import models as m


@admin.register(m.WearAlert)
class WearAlertAdmin(admin.ModelAdmin):
    """Alerts are opened and closed by the scan and by services: read-only here."""

    list_display = (
        "end",
        "level",
        "kind",
        "cycles",
        "rated_cycles",
        "opened_at",
        "closed_at",
        "closed_reason",
    )
    list_filter = ("level", "kind", "closed_reason")
    list_select_related = ("end",)
    search_fields = ("end__label",)
    raw_id_fields = ("end",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.PinService)
class PinServiceAdmin(admin.ModelAdmin):
    list_display = ("end", "cycles_at_service", "serviced_at")
    list_select_related = ("end",)
    raw_id_fields = ("end",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # recorded by inventory.wear.end_service_pins, with its MAC event


@admin.register(m.ReorderFigure)
class ReorderFigureAdmin(admin.ModelAdmin):
    """The cost and lead-time figures each suggestion quotes (what a field fix saves)."""

    list_display = ("part", "cost", "currency", "lead_time_days")
    list_editable = ("cost", "currency", "lead_time_days")


@admin.register(m.DigestSubscription)
class DigestSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "site", "send_all_clear", "active")
    list_filter = ("active", "send_all_clear", "site")
    list_select_related = ("user", "site")
    search_fields = ("user__username", "user__email")


@admin.register(m.DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    """The exactly-once record of what was sent: read-only."""

    list_display = ("week", "recipient", "status", "subject", "attempts", "sent_at")
    list_filter = ("status", "week")
    list_select_related = ("recipient",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
