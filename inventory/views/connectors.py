"""Connector end and cable pages: what the part is, how worn it is, what was done to it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from inventory.models import Cable, ConnectorEnd, MacEvent
from inventory.views.common import LoginRequiredMixin
from inventory.wear import forecast_for_end

__all__ = ["CableDetailView", "ConnectorDetailView", "wear_gauge"]

HISTORY_LIMIT = 50


def wear_gauge(cycles: int, rated: int, warn_share: float = 0.8) -> dict[str, Any]:
    """Mating cycles against the rating, as the gauge draws it (share capped at 100 %)."""
    share = cycles / rated if rated else 0.0
    level = "bad" if share >= 1 else "warn" if share >= warn_share else "ok"
    return {
        "cycles": cycles,
        "rated": rated,
        "pct": round(min(share, 1.0) * 100, 1),
        "share_pct": round(share * 100),
        "left": max(rated - cycles, 0),
        "level": level,
    }


class ConnectorDetailView(LoginRequiredMixin, View):
    """Model, gender, polish, wear gauge, what it is mated to, channels and MAC history."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from django.conf import settings

        end = get_object_or_404(
            ConnectorEnd.objects.select_related(
                "connector_model",
                "cable",
                "cassette__panel__rack",
                "port__device",
                "port__application",
                "mate",
                "adapter__panel__rack",
            ),
            pk=pk,
        )
        history = (
            MacEvent.objects.filter(Q(end_a=end) | Q(end_b=end))
            .select_related("user", "end_a", "end_b", "adapter", "cable")
            .order_by("-created_at", "-id")[:HISTORY_LIMIT]
        )
        share = float(getattr(settings, "FIBERTRACE_WEAR_WARNING_SHARE", 0.8))
        return render(
            request,
            "inventory/connector_detail.html",
            {
                "end": end,
                "model": end.connector_model,
                "gauge": wear_gauge(end.mating_cycles, end.connector_model.rated_cycles, share),
                "channels": end.channels.select_related("a_port__device").order_by("name")[:20],
                "history": history,
                "forecast": forecast_for_end(end),
            },
        )


class CableDetailView(LoginRequiredMixin, View):
    """A cable's two ends with their mates, and its MAC history."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        cable = get_object_or_404(Cable, pk=pk)
        ends = list(
            ConnectorEnd.objects.filter(cable=cable)
            .select_related("connector_model", "mate", "adapter")
            .order_by("cable_end")
        )
        history = (
            MacEvent.objects.filter(Q(cable=cable) | Q(end_a__in=ends) | Q(end_b__in=ends))
            .select_related("user", "end_a", "end_b", "adapter", "cable")
            .order_by("-created_at", "-id")[:HISTORY_LIMIT]
        )
        return render(
            request,
            "inventory/cable_detail.html",
            {"cable": cable, "ends": ends, "history": history},
        )
