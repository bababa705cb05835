"""Admin registration; the MAC log is read-only (it is the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from inventory import models as m


@admin.register(m.Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(m.Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "site")
    list_select_related = ("site",)


@admin.register(m.Rack)
class RackAdmin(admin.ModelAdmin):
    list_display = ("name", "room", "u_height")
    list_select_related = ("room",)
    search_fields = ("name",)


@admin.register(m.Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ("name", "rack", "slot_count")
    list_select_related = ("rack",)


@admin.register(m.ConnectorModel)
class ConnectorModelAdmin(admin.ModelAdmin):
    list_display = ("maker", "name", "brand", "family", "rated_cycles", "typical_loss_db")
    list_filter = ("brand", "family")


@admin.register(m.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "connector", "gender", "polish")


@admin.register(m.Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "rack")
    list_select_related = ("rack",)
    search_fields = ("name",)


@admin.register(m.Port)
class PortAdmin(admin.ModelAdmin):
    list_display = ("name", "device", "application")
    list_select_related = ("device", "application")
    search_fields = ("name", "device__name")


@admin.register(m.Cable)
class CableAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "polarity", "connector", "fiber_type", "length_m", "status")
    list_filter = ("kind", "polarity", "fiber_type", "status")
    search_fields = ("label",)


@admin.register(m.Cassette)
class CassetteAdmin(admin.ModelAdmin):
    list_display = ("label", "polarity", "connector", "panel", "slot")
    list_select_related = ("panel",)
    search_fields = ("label",)


@admin.register(m.MpoAdapter)
class MpoAdapterAdmin(admin.ModelAdmin):
    list_display = ("label", "type", "panel", "slot")
    list_select_related = ("panel",)
    search_fields = ("label",)


@admin.register(m.ConnectorEnd)
class ConnectorEndAdmin(admin.ModelAdmin):
    """Mating state changes only through MAC services, so it is read-only here."""

    list_display = ("label", "gender", "polish", "mating_cycles", "mate")
    list_select_related = ("mate",)
    search_fields = ("label",)
    readonly_fields = ("mate", "adapter", "adapter_side", "mating_cycles")


@admin.register(m.Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "loss_db", "validated_at")
    list_filter = ("status",)
    search_fields = ("name",)
    raw_id_fields = ("a_port", "b_port")


@admin.register(m.MacEvent)
class MacEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "user", "end_a", "end_b", "work_order")
    list_filter = ("action",)
    list_select_related = ("user", "end_a", "end_b")
    search_fields = ("work_order", "note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Wear alerts, reorder figures and the weekly digest (issue 7).
from inventory import admin_alerts  # noqa: E402, F401
