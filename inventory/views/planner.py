"""The what-if planner: build a channel from catalogue parts, check it live, download the spec.

The spec JSON in the page's textarea is the single source of truth: adding or removing
a part rewrites it on the server, typing in it re-checks it, and download returns it.
Nothing is stored — this is for checking an order before it is placed.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views import View

from inventory.forms import ElementForm
from inventory.models import Application, Channel
from inventory.views.common import LoginRequiredMixin
from inventory.views.engine import Checked, check_spec

__all__ = [
    "PlannerAddView",
    "PlannerCheckView",
    "PlannerDownloadView",
    "PlannerRemoveView",
    "PlannerView",
]

MAX_SPEC_CHARS = 200_000

_SR4_END = {"brand": "generic"}
PRESETS: dict[str, dict[str, Any]] = {
    "sr4-b": {
        "spec_version": 1,
        "name": "100GBASE-SR4, TIA Method B",
        "elements": [
            {"kind": "transceiver", "application": "100GBASE-SR4"},
            {
                "kind": "mpo_cable",
                "connector": "MPO-12",
                "polarity": "B",
                "role": "patch",
                "ends": [{**_SR4_END, "gender": "female"}, {**_SR4_END, "gender": "female"}],
                "length_m": 3,
            },
            {"kind": "mpo_adapter", "type": "B"},
            {
                "kind": "mpo_cable",
                "connector": "MPO-12",
                "polarity": "B",
                "role": "trunk",
                "ends": [{**_SR4_END, "gender": "male"}, {**_SR4_END, "gender": "male"}],
                "length_m": 40,
            },
            {"kind": "mpo_adapter", "type": "B"},
            {
                "kind": "mpo_cable",
                "connector": "MPO-12",
                "polarity": "B",
                "role": "patch",
                "ends": [{**_SR4_END, "gender": "female"}, {**_SR4_END, "gender": "female"}],
                "length_m": 3,
            },
            {"kind": "transceiver", "application": "100GBASE-SR4"},
        ],
    },
    "sr-duplex": {
        "spec_version": 1,
        "name": "25GBASE-SR through two cassettes",
        "elements": [
            {"kind": "transceiver", "application": "25GBASE-SR"},
            {"kind": "lc_cord", "polarity": "A-B", "length_m": 2},
            {"kind": "cassette", "polarity": "B", "connector": "MPO-12", "lc_port": 1},
            {
                "kind": "mpo_cable",
                "connector": "MPO-12",
                "polarity": "B",
                "role": "trunk",
                "ends": [{"gender": "female"}, {"gender": "female"}],
                "length_m": 30,
            },
            {"kind": "cassette", "polarity": "B", "connector": "MPO-12", "lc_port": 1},
            {"kind": "lc_cord", "polarity": "A-B", "length_m": 2},
            {"kind": "transceiver", "application": "25GBASE-SR"},
        ],
    },
}


def empty_spec() -> dict[str, Any]:
    return {"spec_version": 1, "name": "Planned channel", "elements": []}


def read_spec(text: str) -> tuple[dict[str, Any] | None, str]:
    """Parse the textarea; return (document, "") or (None, why it is not JSON)."""
    if len(text) > MAX_SPEC_CHARS:
        return None, f"The spec is longer than {MAX_SPEC_CHARS:,} characters."
    try:
        doc = json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        return None, f"Not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}."
    if not isinstance(doc, dict):
        return None, "The spec must be one JSON object with an “elements” list."
    return doc, ""


def describe(el: Any) -> str:
    """A one-line description of a spec element, as a technician would say it."""
    if not isinstance(el, dict):
        return "?"
    kind = el.get("kind")
    if kind == "transceiver":
        return f"Transceiver {el.get('application', '?')}"
    if kind == "mpo_cable":
        genders = "/".join(
            "M" if (e or {}).get("gender") == "male" else "F" for e in el.get("ends") or []
        )
        length = f", {el['length_m']} m" if el.get("length_m") is not None else ""
        brand = (el.get("ends") or [{}])[0].get("brand", "generic")
        return (
            f"{el.get('connector', 'MPO')} {el.get('role', 'cable')} type {el.get('polarity')}"
            f" ({genders}, {brand}{length})"
        )
    if kind == "mpo_adapter":
        return f"MPO adapter type {el.get('type')}"
    if kind == "cassette":
        return (
            f"Cassette type {el.get('polarity')} {el.get('connector', '')} port {el.get('lc_port')}"
        )
    if kind == "lc_cord":
        return f"LC cord {el.get('polarity')}"
    if kind == "lc_adapter":
        return "LC adapter"
    return str(kind)


def _applications() -> list[str]:
    return list(Application.objects.order_by("name").values_list("name", flat=True))


TOO_SHORT = "Add at least two parts: a channel runs from one transceiver to another."


def work_context(doc: dict[str, Any] | None, error: str = "", raw: str = "") -> dict[str, Any]:
    """The element list, spec text and verdict for ``doc`` (or the raw text and why not)."""
    checked: Checked | None = None
    elements = doc.get("elements") if doc else None
    if doc is not None and not error:
        if not isinstance(elements, list) or len(elements) < 2:
            error = TOO_SHORT
        else:
            checked = check_spec(doc)
    return {
        "doc": doc,
        "spec_text": json.dumps(doc, indent=2) if doc is not None else raw,
        "elements": [describe(e) for e in elements] if isinstance(elements, list) else [],
        "error": error,
        "checked": checked,
    }


def workbench(
    request: HttpRequest,
    doc: dict[str, Any] | None,
    error: str = "",
    *,
    partial: str = "inventory/partials/planner_work.html",
) -> HttpResponse:
    """Render a planner fragment for ``doc`` (htmx swaps it in place)."""
    context = work_context(doc, error, request.POST.get("spec", ""))
    return render(request, partial, {**context, "form": ElementForm(applications=_applications())})


class PlannerView(LoginRequiredMixin, View):
    """The planner page, empty, from a preset, or from a stored channel's traced spec."""

    def get(self, request: HttpRequest) -> HttpResponse:
        doc = empty_spec()
        if request.GET.get("channel", "").isdigit():
            channel = get_object_or_404(Channel, pk=int(request.GET["channel"]))
            doc = dict(channel.spec) or empty_spec()
            doc.setdefault("name", channel.name)
        elif request.GET.get("preset") in PRESETS:
            doc = json.loads(json.dumps(PRESETS[request.GET["preset"]]))
        return render(
            request,
            "inventory/planner.html",
            {
                **work_context(doc),
                "form": ElementForm(applications=_applications()),
                "presets": [(k, v["name"]) for k, v in PRESETS.items()],
            },
        )


class PlannerCheckView(LoginRequiredMixin, View):
    """Re-check the spec as it is typed or pasted (htmx: only the verdict is swapped)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        doc, error = read_spec(request.POST.get("spec", ""))
        return workbench(request, doc, error, partial="inventory/partials/planner_result.html")


class PlannerAddView(LoginRequiredMixin, View):
    """Append one catalogue part to the spec."""

    def post(self, request: HttpRequest) -> HttpResponse:
        doc, error = read_spec(request.POST.get("spec", ""))
        if doc is None:
            return workbench(request, None, error)
        form = ElementForm(request.POST, applications=_applications())
        if not form.is_valid():
            return workbench(request, doc, "Check the part: " + form.errors.as_text())
        try:
            element = form.element()
        except ValidationError as exc:
            return workbench(request, doc, "Check the part: " + " ".join(exc.messages))
        doc.setdefault("spec_version", 1)
        elements = doc.get("elements")
        doc["elements"] = [*(elements if isinstance(elements, list) else []), element]
        return workbench(request, doc)


class PlannerRemoveView(LoginRequiredMixin, View):
    """Remove the part at ``index`` from the spec."""

    def post(self, request: HttpRequest) -> HttpResponse:
        doc, error = read_spec(request.POST.get("spec", ""))
        if doc is None:
            return workbench(request, None, error)
        elements = doc.get("elements")
        index = request.POST.get("index", "")
        if isinstance(elements, list) and index.isdigit() and int(index) < len(elements):
            del elements[int(index)]
        return workbench(request, doc)


class PlannerDownloadView(LoginRequiredMixin, View):
    """Return the spec as a JSON file, pretty-printed, named after the channel."""

    def post(self, request: HttpRequest) -> HttpResponse:
        doc, error = read_spec(request.POST.get("spec", ""))
        if doc is None:
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
        name = slugify(str(doc.get("name") or "channel")) or "channel"
        response = HttpResponse(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.spec.json"'
        return response
