"""One search box for everything with a label: cables, ends, panels, devices, channels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from inventory.models import Cable, Cassette, Channel, ConnectorEnd, MpoAdapter, Panel, Port
from inventory.views.common import LoginRequiredMixin

__all__ = ["SearchView", "search_everything"]

PER_KIND = 8
MIN_CHARS = 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what it is, its label, a hint where it is, and where to go."""

    kind: str
    label: str
    hint: str
    url: str


def _ends(q: str) -> list[Hit]:
    rows = ConnectorEnd.objects.select_related("connector_model", "mate").filter(
        label__icontains=q
    )[:PER_KIND]
    return [
        Hit(
            "Connector end",
            e.label,
            f"{e.connector_model.family} {e.gender} · "
            + (f"mated to {e.mate.label}" if e.mate else "free"),
            reverse("connector_detail", args=[e.pk]),
        )
        for e in rows
    ]


def _cables(q: str) -> list[Hit]:
    rows = Cable.objects.filter(label__icontains=q)[:PER_KIND]
    return [
        Hit(
            "Cable",
            c.label,
            f"{c.get_kind_display()} · type {c.polarity} · {c.fiber_type} · {c.status}",
            reverse("cable_detail", args=[c.pk]),
        )
        for c in rows
    ]


def _panels(q: str) -> list[Hit]:
    """Panels by "rack/panel", rack name or panel name; MPO adapters and cassettes by label."""
    rack, _, panel = q.partition("/")
    cond = Q(name__icontains=q) | Q(rack__name__icontains=q)
    if panel:
        cond |= Q(rack__name__icontains=rack, name__icontains=panel)
    rows = Panel.objects.select_related("rack__room__site").filter(cond)[:PER_KIND]
    hits = [
        Hit(
            "Panel",
            f"{p.rack.name}/{p.name}",
            f"{p.rack.room} · {p.slot_count} slots",
            reverse("cassette_list") + f"?panel={p.pk}",
        )
        for p in rows
    ]
    hits += [
        Hit(
            "Cassette",
            c.label,
            f"type {c.polarity} · {c.panel or 'no panel'} slot {c.slot or '–'}",
            reverse("cassette_list") + f"?q={c.label}",
        )
        for c in Cassette.objects.select_related("panel__rack").filter(label__icontains=q)[
            :PER_KIND
        ]
    ]
    hits += [
        Hit(
            "MPO adapter",
            a.label,
            f"type {a.type} · {a.panel or 'no panel'} slot {a.slot or '–'}",
            reverse("search") + f"?q={a.label}",
        )
        for a in MpoAdapter.objects.select_related("panel__rack").filter(label__icontains=q)[
            :PER_KIND
        ]
    ]
    return hits


def _ports(q: str) -> list[Hit]:
    device, sep, name = q.partition(":")
    cond = Q(device__name__icontains=q) | Q(name__icontains=q)
    if sep:
        cond |= Q(device__name__icontains=device, name__icontains=name)
    rows = Port.objects.select_related("device", "application", "end").filter(cond)[:PER_KIND]
    return [
        Hit(
            "Device port",
            f"{p.device.name}:{p.name}",
            p.application.name,
            reverse("connector_detail", args=[p.end.pk]) if hasattr(p, "end") else "#",
        )
        for p in rows
    ]


def _channels(q: str) -> list[Hit]:
    rows = Channel.objects.filter(name__icontains=q)[:PER_KIND]
    return [
        Hit("Channel", c.name, c.get_status_display(), reverse("channel_detail", args=[c.pk]))
        for c in rows
    ]


def search_everything(q: str) -> list[Hit]:
    """Every kind of labelled object matching ``q``, a few of each (a fixed number of queries)."""
    q = q.strip()
    if len(q) < MIN_CHARS:
        return []
    return _ends(q) + _cables(q) + _ports(q) + _panels(q) + _channels(q)


class SearchView(LoginRequiredMixin, View):
    """The full search page, or just the result list when htmx asks as the user types."""

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")
        context: dict[str, Any] = {"q": q, "hits": search_everything(q), "min_chars": MIN_CHARS}
        if getattr(request, "htmx", False):
            return render(request, "inventory/partials/search_results.html", context)
        return render(request, "inventory/search.html", context)
