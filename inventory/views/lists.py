"""Browse the plant: filtered, paginated lists with their joins planned up front.

Each list is a few attributes: the queryset with its select_related/prefetch_related,
the filter form, and the template. The query count of a page does not grow with its rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.views.generic import ListView

from inventory import forms
from inventory.models import Cable, Cassette, Channel, ConnectorEnd, Panel, Rack, Site
from inventory.views.common import LoginRequiredMixin, page_query

__all__ = [
    "CableListView",
    "CassetteListView",
    "ChannelListView",
    "PanelListView",
    "RackListView",
    "SiteListView",
]

PAGE_SIZE = 50


class FilteredListView(LoginRequiredMixin, ListView):
    """A list whose GET parameters go through a filter form before touching the queryset."""

    paginate_by = PAGE_SIZE
    filter_form: type[forms.ListFilterForm] = forms.ListFilterForm
    title = ""

    def get_queryset(self) -> QuerySet[Any]:
        self.form = self.filter_form(self.request.GET or None)
        qs = self.base_queryset()
        if self.form.is_bound and self.form.is_valid():
            qs = self.form.apply(qs)
        return qs

    def base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "form": self.form,
            "title": self.title,
            "page_query": page_query(self.request),
        }


class SiteListView(FilteredListView):
    template_name = "inventory/lists/sites.html"
    filter_form = forms.SiteFilterForm
    title = "Sites"

    def base_queryset(self) -> QuerySet[Site]:
        return Site.objects.annotate(
            room_count=Count("rooms", distinct=True), rack_count=Count("rooms__racks")
        ).order_by("name")


class RackListView(FilteredListView):
    template_name = "inventory/lists/racks.html"
    filter_form = forms.RackFilterForm
    title = "Racks"

    def base_queryset(self) -> QuerySet[Rack]:
        return (
            Rack.objects.select_related("room__site")
            .annotate(panel_count=Count("panels", distinct=True))
            .order_by("room__site__name", "room__name", "name")
        )


class PanelListView(FilteredListView):
    template_name = "inventory/lists/panels.html"
    filter_form = forms.PanelFilterForm
    title = "Panels"

    def base_queryset(self) -> QuerySet[Panel]:
        return (
            Panel.objects.select_related("rack__room__site")
            .annotate(
                cassette_count=Count("cassettes", distinct=True),
                adapter_count=Count("adapters", distinct=True),
            )
            .order_by("rack__name", "name")
        )


class CableListView(FilteredListView):
    template_name = "inventory/lists/cables.html"
    filter_form = forms.CableFilterForm
    title = "Cables"

    def base_queryset(self) -> QuerySet[Cable]:
        ends = ConnectorEnd.objects.select_related("mate").order_by("cable_end")
        return Cable.objects.prefetch_related(Prefetch("ends", queryset=ends)).order_by("label")


class CassetteListView(FilteredListView):
    template_name = "inventory/lists/cassettes.html"
    filter_form = forms.CassetteFilterForm
    title = "Cassettes"

    def base_queryset(self) -> QuerySet[Cassette]:
        return (
            Cassette.objects.select_related("panel__rack")
            .annotate(mated=Count("ends", filter=Q(ends__mate__isnull=False)))
            .order_by("label")
        )


class ChannelListView(FilteredListView):
    template_name = "inventory/lists/channels.html"
    filter_form = forms.ChannelFilterForm
    title = "Channels"

    def base_queryset(self) -> QuerySet[Channel]:
        return (
            Channel.objects.select_related(
                "a_port__device", "b_port__device", "a_port__application"
            )
            .defer("spec", "result")
            .order_by("name")
        )
