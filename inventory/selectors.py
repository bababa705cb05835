"""Reads about stored channels for the API, the UI and the alerts (no writes here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from inventory.choices import ChannelStatus
from inventory.models import Channel, ChannelEnd
from inventory.trace import Trace, trace_channel

__all__ = [
    "channel_with_trace",
    "channels_touching",
    "failing_channels_by_code",
    "status_counts",
]


def channels_touching(*, end_ids: Iterable[int]) -> QuerySet[Channel]:
    """Return the stored channels whose last trace passed through any of these ends."""
    ids = ChannelEnd.objects.filter(end_id__in=list(end_ids)).values("channel_id")
    return Channel.objects.filter(pk__in=ids).select_related("a_port__device", "b_port__device")


def channel_with_trace(*, channel_id: int) -> tuple[Channel, Trace]:
    """Return a channel and a fresh trace of its path as it is mated now."""
    channel = Channel.objects.select_related("a_port__device", "b_port__device").get(pk=channel_id)
    return channel, trace_channel(channel=channel)


def failing_channels_by_code() -> dict[str, list[Channel]]:
    """Return failing channels grouped by problem code (a channel may be under several)."""
    out: dict[str, list[Channel]] = {}
    for channel in Channel.objects.filter(status=ChannelStatus.FAILING).only(
        "id", "name", "problem_codes", "status", "loss_db", "a_port_id", "b_port_id"
    ):
        for code in channel.problem_codes or []:
            out.setdefault(code, []).append(channel)
    return dict(sorted(out.items()))


def status_counts() -> dict[str, Any]:
    """Return how many stored channels have each status."""
    rows = Channel.objects.values("status").annotate(n=Count("id")).order_by("status")
    return {r["status"]: r["n"] for r in rows}
