"""Forms of the technician UI: list filters, the MAC form and the planner's element form.

Forms only parse and check input; the MAC itself is a service call, whose refusals
(PlantError with ``field``) are put back next to the field they concern.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy

from inventory.choices import (
    ADAPTER_TYPE_CHOICES,
    BRAND_CHOICES,
    CABLE_POLARITY_CHOICES,
    CASSETTE_POLARITY_CHOICES,
    CONNECTOR_CHOICES,
    FIBER_TYPE_CHOICES,
    GENDER_CHOICES,
    POLISH_CHOICES,
    PROBLEM_CODE_CHOICES,
    CableKind,
    CableStatus,
    ChannelStatus,
    MacAction,
)
from inventory.errors import PlantError
from inventory.models import Cable, ConnectorEnd, MpoAdapter

__all__ = [
    "CableFilterForm",
    "CassetteFilterForm",
    "ChannelFilterForm",
    "ElementForm",
    "ListFilterForm",
    "MacForm",
    "PanelFilterForm",
    "RackFilterForm",
    "SiteFilterForm",
]

ANY = [("", "Any")]


def _search(attrs: str = "Label contains…") -> forms.CharField:
    return forms.CharField(
        required=False,
        label="Search",
        widget=forms.TextInput(attrs={"placeholder": attrs, "type": "search"}),
    )


class ListFilterForm(forms.Form):
    """A list's filters; ``apply`` narrows a queryset by the cleaned values."""

    q = _search()
    search_fields: tuple[str, ...] = ()

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        q = (self.cleaned_data.get("q") or "").strip()
        if q and self.search_fields:
            cond = Q()
            for name in self.search_fields:
                cond |= Q(**{f"{name}__icontains": q})
            qs = qs.filter(cond)
        return self.narrow(qs)

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        """Apply the filters other than the search text."""
        return qs


class SiteFilterForm(ListFilterForm):
    search_fields = ("name", "code")


class RackFilterForm(ListFilterForm):
    search_fields = ("name", "room__name")
    site = forms.CharField(required=False, label="Site code")

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.cleaned_data.get("site"):
            qs = qs.filter(room__site__code=self.cleaned_data["site"])
        return qs


class PanelFilterForm(ListFilterForm):
    search_fields = ("name", "rack__name")
    rack = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.cleaned_data.get("rack"):
            qs = qs.filter(rack_id=self.cleaned_data["rack"])
        return qs


class CableFilterForm(ListFilterForm):
    search_fields = ("label",)
    kind = forms.ChoiceField(required=False, choices=ANY + list(CableKind.choices))
    polarity = forms.ChoiceField(required=False, choices=ANY + CABLE_POLARITY_CHOICES)
    fiber_type = forms.ChoiceField(required=False, choices=ANY + FIBER_TYPE_CHOICES, label="Fibre")
    status = forms.ChoiceField(required=False, choices=ANY + list(CableStatus.choices))

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        for name in ("kind", "polarity", "fiber_type", "status"):
            if self.cleaned_data.get(name):
                qs = qs.filter(**{name: self.cleaned_data[name]})
        return qs


class CassetteFilterForm(ListFilterForm):
    search_fields = ("label",)
    polarity = forms.ChoiceField(required=False, choices=ANY + CASSETTE_POLARITY_CHOICES)
    panel = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.cleaned_data.get("polarity"):
            qs = qs.filter(polarity=self.cleaned_data["polarity"])
        if self.cleaned_data.get("panel"):
            qs = qs.filter(panel_id=self.cleaned_data["panel"])
        return qs


class ChannelFilterForm(ListFilterForm):
    search_fields = ("name",)
    status = forms.ChoiceField(required=False, choices=ANY + list(ChannelStatus.choices))
    code = forms.ChoiceField(required=False, choices=ANY + PROBLEM_CODE_CHOICES, label="Problem")

    def narrow(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.cleaned_data.get("status"):
            qs = qs.filter(status=self.cleaned_data["status"])
        if self.cleaned_data.get("code"):
            # JSON text contains '"code"': works on PostgreSQL and SQLite alike.
            qs = qs.filter(problem_codes__icontains=f'"{self.cleaned_data["code"]}"')
        return qs


# --- the MAC form ------------------------------------------------------------------------

#: Which form fields each action uses (the template shows only those).
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    MacAction.CONNECT: ("end", "other_end", "adapter"),
    MacAction.DISCONNECT: ("end",),
    MacAction.MOVE: ("end", "other_end", "adapter"),
    MacAction.CHANGE_GENDER: ("end", "gender"),
    MacAction.CHANGE_POLARITY: ("cable", "polarity"),
    MacAction.CLEAN_INSPECT: ("end", "passed", "cleaned"),
    MacAction.REPLACE: ("cable", "new_label", "polarity"),
}

#: The service's name for an input -> the form field that shows its error.
SERVICE_FIELD_TO_FORM = {
    "end_a": "end",
    "end": "end",
    "end_b": "other_end",
    "to_end": "other_end",
    "adapter": "adapter",
    "cable": "cable",
    "gender": "gender",
    "polarity": "polarity",
    "new_label": "new_label",
    "connector_model": "cable",
    "label": "new_label",
    "action": "action",
}


def _label_input(placeholder: str, datalist: str) -> forms.TextInput:
    """A label field that offers matching labels (htmx fills its datalist as one types)."""
    source = datalist.removesuffix("-options") + "s"
    return forms.TextInput(
        attrs={
            "placeholder": placeholder,
            "list": datalist,
            "hx-get": reverse_lazy("options", args=[source]),
            "hx-trigger": "input changed delay:200ms",
            "hx-target": f"#{datalist}",
            "hx-swap": "innerHTML",
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        }
    )


class MacForm(forms.Form):
    """A move, add or change, with everything referred to by the label on the part."""

    action = forms.ChoiceField(choices=MacAction.choices, widget=forms.RadioSelect)
    end = forms.CharField(
        required=False,
        label="Connector end",
        widget=_label_input("e.g. PC-0004-1A/2", "end-options"),
    )
    other_end = forms.CharField(
        required=False,
        label="Mate with / move to",
        widget=_label_input("e.g. leaf0004:Eth1/2", "end-options"),
    )
    adapter = forms.CharField(
        required=False,
        label="Through MPO adapter",
        help_text="Only when two MPO plugs meet in a panel.",
        widget=_label_input("e.g. L0004-FP1-2", "adapter-options"),
    )
    cable = forms.CharField(
        required=False, label="Cable", widget=_label_input("e.g. T-0004-1", "cable-options")
    )
    gender = forms.ChoiceField(required=False, choices=[("", "—"), *GENDER_CHOICES])
    polarity = forms.ChoiceField(
        required=False, choices=[("", "—"), *CABLE_POLARITY_CHOICES], label="New polarity"
    )
    new_label = forms.CharField(required=False, max_length=100, label="New cable label")
    passed = forms.BooleanField(required=False, initial=True, label="End-face passed inspection")
    cleaned = forms.BooleanField(required=False, initial=True, label="Cleaned")
    work_order = forms.CharField(
        required=False,
        max_length=100,
        label="Work order",
        widget=forms.TextInput(attrs={"placeholder": "WO-…", "autocomplete": "off"}),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Note")

    REQUIRED = {
        "end": "Scan or type the label of the connector end.",
        "other_end": "Which end does it go to?",
        "cable": "Scan or type the cable label.",
        "gender": "Pick the new gender.",
        "polarity": "Pick the new polarity.",
        "new_label": "Give the new cable a label.",
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if not action:
            return data
        wanted = ACTION_FIELDS[action]
        for name in wanted:
            if name in self.REQUIRED and not data.get(name):
                if name == "polarity" and action == MacAction.REPLACE:
                    continue  # optional for a replacement: keeps the old cable's type
                self.add_error(name, self.REQUIRED[name])
        for name, model, field in (
            ("end", ConnectorEnd, "label"),
            ("other_end", ConnectorEnd, "label"),
            ("adapter", MpoAdapter, "label"),
            ("cable", Cable, "label"),
        ):
            text = (data.get(name) or "").strip()
            if name not in wanted or not text:
                data[f"{name}_obj"] = None
                continue
            obj = model.objects.filter(**{f"{field}__iexact": text}).first()
            if obj is None:
                self.add_error(name, f"No {model._meta.verbose_name} labelled “{text}”.")
            data[f"{name}_obj"] = obj
        return data

    def action_rows(self) -> list[tuple[forms.BoundField, str]]:
        """Each action-specific field with the CSS classes naming the actions that show it."""
        names = (
            "end",
            "other_end",
            "adapter",
            "cable",
            "gender",
            "polarity",
            "new_label",
            "passed",
            "cleaned",
        )
        return [
            (self[name], " ".join(f"for-{a}" for a, fs in ACTION_FIELDS.items() if name in fs))
            for name in names
        ]

    def service_kwargs(self) -> dict[str, Any]:
        """The MAC service's keyword arguments for the chosen action (without user/work order)."""
        d = self.cleaned_data
        action = d["action"]
        if action == MacAction.CONNECT:
            return {"end_a": d["end_obj"], "end_b": d["other_end_obj"], "adapter": d["adapter_obj"]}
        if action == MacAction.DISCONNECT:
            return {"end": d["end_obj"]}
        if action == MacAction.MOVE:
            return {"end": d["end_obj"], "to_end": d["other_end_obj"], "adapter": d["adapter_obj"]}
        if action == MacAction.CHANGE_GENDER:
            return {"end": d["end_obj"], "gender": d["gender"]}
        if action == MacAction.CHANGE_POLARITY:
            return {"cable": d["cable_obj"], "polarity": d["polarity"]}
        if action == MacAction.CLEAN_INSPECT:
            return {"end": d["end_obj"], "passed": d["passed"], "cleaned": d["cleaned"]}
        kwargs: dict[str, Any] = {"cable": d["cable_obj"], "new_label": d["new_label"].strip()}
        if d.get("polarity"):
            kwargs["polarity"] = d["polarity"]
        return kwargs

    def add_plant_error(self, exc: PlantError) -> None:
        """Show a service's refusal next to the field it names (or above the form)."""
        field = SERVICE_FIELD_TO_FORM.get(exc.field or "")
        wanted = ACTION_FIELDS.get(self.cleaned_data.get("action", ""), ())
        if field is not None and (field in wanted or field == "action"):
            self.add_error(field, exc.message)
        else:
            self.add_error(None, exc.message)


# --- the planner's element form ----------------------------------------------------------

ELEMENT_KINDS = [
    ("transceiver", "Transceiver (port)"),
    ("mpo_cable", "MPO cable"),
    ("mpo_adapter", "MPO adapter"),
    ("cassette", "Cassette"),
    ("lc_cord", "LC duplex cord"),
    ("lc_adapter", "LC adapter"),
]
MPO_CONNECTOR_CHOICES = [c for c in CONNECTOR_CHOICES if c[0].startswith("MPO")]


class ElementForm(forms.Form):
    """One catalogue part to append to the planned channel, turned into a spec element."""

    kind = forms.ChoiceField(choices=ELEMENT_KINDS, label="Part")
    application = forms.ChoiceField(required=False, choices=[], label="Application")
    connector = forms.ChoiceField(required=False, choices=MPO_CONNECTOR_CHOICES, initial="MPO-12")
    cable_polarity = forms.ChoiceField(
        required=False, choices=[("A", "A"), ("B", "B"), ("C", "C")], initial="B", label="Type"
    )
    role = forms.ChoiceField(
        required=False, choices=[("patch", "patch cord"), ("trunk", "trunk")], label="Role"
    )
    gender_1 = forms.ChoiceField(
        required=False, choices=GENDER_CHOICES, initial="female", label="End 1"
    )
    gender_2 = forms.ChoiceField(
        required=False, choices=GENDER_CHOICES, initial="female", label="End 2"
    )
    brand = forms.ChoiceField(required=False, choices=BRAND_CHOICES, label="Brand")
    polish = forms.ChoiceField(required=False, choices=[("", "default"), *POLISH_CHOICES])
    fiber_type = forms.ChoiceField(
        required=False, choices=[("", "default"), *FIBER_TYPE_CHOICES], label="Fibre"
    )
    length_m = forms.DecimalField(required=False, min_value=0, max_value=100000, label="Length m")
    adapter_type = forms.ChoiceField(
        required=False, choices=ADAPTER_TYPE_CHOICES, initial="B", label="Adapter type"
    )
    cassette_polarity = forms.ChoiceField(
        required=False, choices=CASSETTE_POLARITY_CHOICES, initial="B", label="Cassette type"
    )
    lc_port = forms.IntegerField(
        required=False, min_value=1, max_value=16, initial=1, label="Front port"
    )
    cord_polarity = forms.ChoiceField(
        required=False,
        choices=[("A-B", "A-B (crossover)"), ("A-A", "A-A (straight)")],
        label="Cord",
    )

    def __init__(self, *args: Any, applications: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(a, a) for a in applications or []]

    def element(self) -> dict[str, Any]:
        """The channel-spec element (contract field names) for the cleaned values."""
        d = self.cleaned_data
        kind = d["kind"]
        if kind == "transceiver":
            if not d.get("application"):
                raise forms.ValidationError({"application": "Pick the application."})
            return {"kind": kind, "application": d["application"]}
        if kind == "mpo_cable":
            end: dict[str, Any] = {"brand": d.get("brand") or "generic"}
            if d.get("polish"):
                end["polish"] = d["polish"]
            el: dict[str, Any] = {
                "kind": kind,
                "connector": d.get("connector") or "MPO-12",
                "polarity": d.get("cable_polarity") or "B",
                "role": d.get("role") or "patch",
                "ends": [
                    {**end, "gender": d.get("gender_1") or "female"},
                    {**end, "gender": d.get("gender_2") or "female"},
                ],
            }
            return self._media(el)
        if kind == "mpo_adapter":
            return {"kind": kind, "type": d.get("adapter_type") or "B"}
        if kind == "cassette":
            return {
                "kind": kind,
                "polarity": d.get("cassette_polarity") or "B",
                "connector": d.get("connector") or "MPO-12",
                "lc_port": d.get("lc_port") or 1,
            }
        if kind == "lc_cord":
            return self._media({"kind": kind, "polarity": d.get("cord_polarity") or "A-B"})
        return {"kind": kind}

    def _media(self, el: dict[str, Any]) -> dict[str, Any]:
        if self.cleaned_data.get("fiber_type"):
            el["fiber_type"] = self.cleaned_data["fiber_type"]
        if self.cleaned_data.get("length_m") is not None:
            el["length_m"] = float(self.cleaned_data["length_m"])
        return el
