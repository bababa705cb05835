"""The dashboard: what is broken, what is wearing out, what changed this week."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, F
from django.utils import timezone
from django.views.generic import TemplateView

from inventory.choices import ChannelStatus
from inventory.models import Channel, ConnectorEnd, MacEvent
from inventory.views.common import LoginRequiredMixin
from inventory.views.plain import problem_title

__all__ = ["DashboardView"]

WORN_LIMIT = 12
MAC_DAYS = 7


def failing_by_code() -> list[dict[str, Any]]:
    """Failing channels counted per problem code, most frequent first (one query).

    Counted in Python over one column so it works on SQLite and PostgreSQL alike.
    """
    counts: Counter[str] = Counter()
    rows = Channel.objects.filter(status=ChannelStatus.FAILING).values_list(
        "problem_codes", flat=True
    )
    for codes in rows.iterator(chunk_size=2000):
        counts.update(set(codes or []))
    return [
        {"code": code, "title": problem_title(code), "count": n} for code, n in counts.most_common()
    ]


def worn_ends(limit: int = WORN_LIMIT) -> list[ConnectorEnd]:
    """Connector ends at or past the warning share of their rated cycles, worst first."""
    share = float(getattr(settings, "FIBERTRACE_WEAR_WARNING_SHARE", 0.8))
    return list(
        ConnectorEnd.objects.select_related("connector_model")
        .filter(mating_cycles__gte=F("connector_model__rated_cycles") * share)
        .annotate(rated=F("connector_model__rated_cycles"))
        .order_by(F("mating_cycles") * 1.0 / F("connector_model__rated_cycles"), "label")
        .reverse()[:limit]
    )


class DashboardView(LoginRequiredMixin, TemplateView):
    """Three lists a technician checks at the start of a shift, each linking onward."""

    template_name = "inventory/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        since = timezone.now() - timedelta(days=MAC_DAYS)
        status_counts: Counter[str] = Counter(
            dict(Channel.objects.order_by().values_list("status").annotate(n=Count("pk")))
        )
        recent = (
            MacEvent.objects.filter(created_at__gte=since)
            .select_related("user", "end_a", "end_b", "adapter", "cable")
            .order_by("-created_at", "-id")
        )
        return {
            **super().get_context_data(**kwargs),
            "failing": failing_by_code(),
            "status_counts": status_counts,
            "channel_total": sum(status_counts.values()),
            "worn": worn_ends(),
            "macs": recent[:15],
            "mac_count": recent.count(),
            "mac_days": MAC_DAYS,
        }
