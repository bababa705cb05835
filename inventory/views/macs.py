"""Log a move, add or change: the form, its live pre-flight panel, and the outcome after saving.

The view parses the form, calls ``perform_mac`` once, then asks the stored-plant
validation what the MAC did to the channels it touched, so the technician sees it
before leaving the rack.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from inventory.errors import PlantError
from inventory.forms import MacForm
from inventory.models import Cable, ConnectorEnd, MacEvent, MpoAdapter
from inventory.preflight import mac_preflight
from inventory.services import perform_mac
from inventory.validation import revalidate_after_mac
from inventory.views.common import LoginRequiredMixin, TechnicianRequiredMixin, page_query

__all__ = ["MacCreateView", "MacDetailView", "MacListView", "MacPreflightView", "OptionsView"]


def run_preflight(form: MacForm) -> dict[str, Any]:
    """What the MAC would do to the channels it touches, without writing anything.

    A refusal comes back as ``error`` (a PlantError's dict); it is also put next to its
    field, so the form says *where* the problem is before the technician presses save.
    """
    report = mac_preflight(action=form.cleaned_data["action"], **form.service_kwargs())
    error = report.get("error")
    if isinstance(error, dict):
        form.add_plant_error(PlantError(error.get("message", ""), field=error.get("field")))
        report = {**report, "error": error.get("message", "")}
    return report


class MacCreateView(TechnicianRequiredMixin, View):
    """The MAC form; saving runs one service and shows the outcome on the event's page."""

    template_name = "inventory/mac_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {
            k: request.GET[k] for k in ("action", "end", "other_end", "cable") if k in request.GET
        }
        initial.setdefault("action", "connect")
        return self.show(request, MacForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MacForm(request.POST)
        if not form.is_valid():
            return self.show(request, form, status=422)
        try:
            event = perform_mac(
                action=form.cleaned_data["action"],
                user=request.user,
                work_order=form.cleaned_data["work_order"],
                note=form.cleaned_data["note"],
                **form.service_kwargs(),
            )
        except PlantError as exc:
            form.add_plant_error(exc)
            return self.show(request, form, status=422)
        # Re-validate now (idempotent with the queued task) so the outcome page is complete.
        revalidate_after_mac(event_id=event.pk)
        return HttpResponseRedirect(reverse("mac_detail", args=[event.pk]) + "?saved=1")

    def show(self, request: HttpRequest, form: MacForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            self.template_name,
            {"form": form},
            status=status,
        )


class MacPreflightView(TechnicianRequiredMixin, View):
    """The pre-flight panel, re-rendered by htmx as the form changes."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MacForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            try:
                context["preflight"] = run_preflight(form)
            except PlantError as exc:
                form.add_plant_error(exc)
                context["preflight"] = {
                    "ok": False,
                    "error": exc.message,
                    "channels": [],
                    "breaks": [],
                }
        return render(request, "inventory/partials/preflight.html", context)


class MacDetailView(LoginRequiredMixin, View):
    """One MAC event and, right after saving, what it did to the channels it touched."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(
            MacEvent.objects.select_related("user", "end_a", "end_b", "adapter", "cable"), pk=pk
        )
        return render(
            request,
            "inventory/mac_detail.html",
            {"event": event, "outcome": event.outcome, "just_saved": "saved" in request.GET},
        )


class MacListView(LoginRequiredMixin, ListView):
    """The MAC log, newest first."""

    template_name = "inventory/lists/macs.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[MacEvent]:
        qs = MacEvent.objects.select_related("user", "end_a", "end_b", "adapter", "cable")
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(
                Q(work_order__icontains=q)
                | Q(end_a__label__icontains=q)
                | Q(end_b__label__icontains=q)
                | Q(cable__label__icontains=q)
            )
        return qs.order_by("-created_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "q": self.request.GET.get("q", ""),
            "page_query": page_query(self.request),
        }


OPTION_SOURCES = {
    "ends": (ConnectorEnd, "label"),
    "cables": (Cable, "label"),
    "adapters": (MpoAdapter, "label"),
}


class OptionsView(LoginRequiredMixin, View):
    """``<option>``s for a label field's datalist, as the technician types (htmx)."""

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        model, field = OPTION_SOURCES.get(kind, (None, ""))
        if model is None:
            return HttpResponse(status=404)
        text = next((v.strip() for v in request.GET.dict().values() if v.strip()), "")
        labels: list[str] = []
        if len(text) >= 2:
            labels = list(
                model.objects.filter(**{f"{field}__istartswith": text})  # type: ignore[attr-defined]
                .order_by(field)
                .values_list(field, flat=True)[:20]
            )
        return render(request, "inventory/partials/options.html", {"labels": labels})
