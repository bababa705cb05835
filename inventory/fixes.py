"""What to do about a wear alert or a failing channel, field fixes first, with what each saves.

Channel fixes are the engine's own suggestions (``Channel.result["suggestions"]``): this
module never re-derives polarity, it only prices them. Wear fixes follow the connector:
an MTP PRO pinned end gets a new pin clamp on site (minutes, no new cable) before any
reorder; a generic MPO cable is replaced. Every suggestion carries the reorder it needs
or saves, from the admin-editable :class:`ReorderFigure` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from inventory.choices import CableKind
from inventory.models import Channel, ReorderFigure, ReorderPart, WearAlert, WearKind

__all__ = [
    "DEFAULT_FIGURES",
    "Figure",
    "Fix",
    "alert_fixes",
    "channel_fixes",
    "reorder_figures",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """What reordering one part costs and how long it takes."""

    part: str
    label: str
    cost: Decimal
    currency: str
    lead_time_days: int

    def describe(self) -> str:
        return f"{self.label}: {self.cost} {self.currency}, {self.lead_time_days} days lead time"


#: Used when an admin has deleted a part's row: a fix is still priced, never unpriced.
DEFAULT_FIGURES = {
    ReorderPart.MPO_TRUNK: (Decimal("420.00"), 21),
    ReorderPart.MPO_PATCH: (Decimal("95.00"), 10),
    ReorderPart.LC_DUPLEX: (Decimal("18.00"), 3),
    ReorderPart.CASSETTE: (Decimal("160.00"), 14),
    ReorderPart.TRANSCEIVER: (Decimal("650.00"), 28),
    ReorderPart.PIN_CLAMP: (Decimal("12.00"), 5),
}


def reorder_figures() -> dict[str, Figure]:
    """Every part's figure in one query (defaults for parts with no row)."""
    out = {
        part.value: Figure(part.value, part.label, cost, "EUR", lead)
        for part, (cost, lead) in DEFAULT_FIGURES.items()
    }
    for row in ReorderFigure.objects.all():
        out[row.part] = Figure(
            row.part, ReorderPart(row.part).label, row.cost, row.currency, row.lead_time_days
        )
    return out


@dataclass(frozen=True, slots=True)
class Fix:
    """One suggestion: the action, whether it is done on site, and the reorder involved.

    ``saves`` is the reorder a field fix avoids; ``needs`` the one a replacement takes.
    """

    action: str
    message: str
    field_service: bool
    saves: Figure | None = None
    needs: Figure | None = None
    element: int | None = None
    end: int | None = None

    def value_line(self) -> str:
        if self.saves is not None:
            return (
                f"saves a reorder of {self.saves.cost} {self.saves.currency} "
                f"and {self.saves.lead_time_days} days' lead time"
            )
        if self.needs is not None:
            return (
                f"needs a reorder: {self.needs.cost} {self.needs.currency}, "
                f"{self.needs.lead_time_days} days' lead time"
            )
        return ""

    def as_dict(self) -> dict[str, Any]:
        def fig(f: Figure | None) -> dict[str, Any] | None:
            if f is None:
                return None
            return {
                "part": f.part,
                "cost": str(f.cost),
                "currency": f.currency,
                "lead_time_days": f.lead_time_days,
            }

        return {
            "action": self.action,
            "element": self.element,
            "end": self.end,
            "field_service": self.field_service,
            "message": self.message,
            "saves": fig(self.saves),
            "needs": fig(self.needs),
        }


def _end_part(alert: WearAlert) -> str:
    end = alert.end
    if end.port_id is not None:
        return ReorderPart.TRANSCEIVER
    if end.cassette_id is not None:
        return ReorderPart.CASSETTE
    kind = end.cable.kind if end.cable is not None else None
    return {
        CableKind.MPO_TRUNK: ReorderPart.MPO_TRUNK,
        CableKind.LC_DUPLEX: ReorderPart.LC_DUPLEX,
    }.get(kind, ReorderPart.MPO_PATCH)  # type: ignore[call-overload]


def alert_fixes(alert: WearAlert, figures: dict[str, Figure] | None = None) -> list[Fix]:
    """Suggestions for a wear alert, field fixes first (needs end, connector model, cable)."""
    figures = figures if figures is not None else reorder_figures()
    end = alert.end
    model = end.connector_model
    part = figures[_end_part(alert)]
    what = {
        ReorderPart.TRANSCEIVER: "the transceiver",
        ReorderPart.CASSETTE: "the cassette",
    }.get(ReorderPart(part.part), "the cable")
    fixes: list[Fix] = []
    if alert.kind == WearKind.GUIDE_PINS and model.gender_field_changeable:
        fixes.append(
            Fix(
                "service_pins",
                f"Swap the pin clamp of {end.label} on site (MTP PRO, minutes): worn guide pins "
                f"are replaced without replacing {what}",
                True,
                saves=part,
            )
        )
    why = (
        "debris from worn guide pins and holes scratches the end faces"
        if alert.kind == WearKind.GUIDE_PINS
        else "a worn, dirty end face adds loss"
    )
    fixes.append(
        Fix(
            "clean_inspect",
            f"Clean and inspect {end.label} and its mate (IEC 61300-3-35) before the next "
            f"mating: {why}",
            True,
        )
    )
    fixes.append(
        Fix(
            "replace",
            f"Replace {what} of {end.label} ({model.brand} {model.family}, rated "
            f"{model.rated_cycles} cycles)",
            False,
            needs=part,
        )
    )
    return fixes


_PART_OF_ELEMENT = {
    ("mpo_cable", "trunk"): ReorderPart.MPO_TRUNK,
    ("mpo_cable", "patch"): ReorderPart.MPO_PATCH,
    ("mpo_cable", None): ReorderPart.MPO_PATCH,
    ("lc_cord", None): ReorderPart.LC_DUPLEX,
    ("cassette", None): ReorderPart.CASSETTE,
    ("transceiver", None): ReorderPart.TRANSCEIVER,
}


def _element_part(channel: Channel, index: int | None) -> str | None:
    elements = (channel.spec or {}).get("elements") or []
    if index is None or not 0 <= index < len(elements):
        return None
    element = elements[index]
    kind = element.get("kind")
    role = element.get("role") if kind == "mpo_cable" else None
    return _PART_OF_ELEMENT.get((kind, role)) or _PART_OF_ELEMENT.get((kind, None))


def channel_fixes(channel: Channel, figures: dict[str, Figure] | None = None) -> list[Fix]:
    """The engine's suggestions for a channel, priced, field fixes first (order kept within)."""
    figures = figures if figures is not None else reorder_figures()
    fixes = []
    for suggestion in (channel.result or {}).get("suggestions") or []:
        part_name = _element_part(channel, suggestion.get("element"))
        part = figures.get(part_name) if part_name else None
        field = bool(suggestion.get("field_service"))
        fixes.append(
            Fix(
                str(suggestion.get("action", "")),
                str(suggestion.get("message", "")),
                field,
                saves=part if field else None,
                needs=None if field else part,
                element=suggestion.get("element"),
                end=suggestion.get("end"),
            )
        )
    return sorted(fixes, key=lambda f: not f.field_service)
