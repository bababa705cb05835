"""The channel page: the traced path as a fibre map, its problems, loss and fixes."""

from __future__ import annotations

import json

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from inventory.models import Channel, MacEvent
from inventory.views.common import LoginRequiredMixin
from inventory.views.engine import check_spec

__all__ = ["ChannelDetailView"]


class ChannelDetailView(LoginRequiredMixin, View):
    """Re-validate the stored spec on view, so the page always matches the catalogue."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        channel = get_object_or_404(
            Channel.objects.select_related(
                "a_port__device",
                "a_port__end",
                "a_port__application",
                "b_port__device",
                "b_port__end",
            ),
            pk=pk,
        )
        checked = check_spec(channel.spec) if channel.spec else None
        ends = list(channel.ends.select_related("connector_model", "mate").order_by("label"))
        macs = (
            MacEvent.objects.filter(Q(end_a__in=ends) | Q(end_b__in=ends))
            .select_related("user", "end_a", "end_b", "cable")
            .order_by("-created_at", "-id")[:10]
            if ends
            else []
        )
        return render(
            request,
            "inventory/channel_detail.html",
            {
                "channel": channel,
                "checked": checked,
                "ends": ends,
                "macs": macs,
                "spec_json": json.dumps(channel.spec, indent=2) if channel.spec else "",
            },
        )
