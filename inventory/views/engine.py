"""The UI's one door to the polarity engine: validate a spec document and draw its fibre map.

Both the channel page and the planner show the same three things for a spec — the
contract's result, the SVG map and any spec errors — so they get them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inventory.catalogue import application_catalogue
from inventory.views.plain import plain_problems, sorted_suggestions
from polarity.engine import validate
from polarity.errors import SpecError
from polarity.fibermap import render_svg
from polarity.spec import parse_channel

__all__ = ["Checked", "check_spec"]


@dataclass
class Checked:
    """A validated spec, ready for the templates (or the reasons it could not be read)."""

    result: dict[str, Any] | None = None
    svg: str = ""
    spec_errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def problems(self) -> list[dict[str, Any]]:
        return plain_problems((self.result or {}).get("problems", []))

    @property
    def suggestions(self) -> list[dict[str, Any]]:
        return sorted_suggestions((self.result or {}).get("suggestions", []))

    @property
    def loss(self) -> dict[str, Any]:
        """Loss figures plus the share of the budget used, for the bar (capped at 100 %)."""
        loss = dict((self.result or {}).get("loss") or {})
        total, budget = loss.get("total_db"), loss.get("budget_db")
        if total is not None and budget:
            loss["used_pct"] = round(min(100.0, 100.0 * total / budget), 1)
            loss["over"] = total > budget
        return loss


def check_spec(doc: Any, catalogue: Any = None) -> Checked:
    """Validate a channel-spec document with the engine and render its fibre map."""
    catalogue = catalogue if catalogue is not None else application_catalogue()
    try:
        channel = parse_channel(doc, catalogue)
        result = validate(channel, catalogue)
    except SpecError as exc:
        return Checked(spec_errors=[(e.path or "$", e.reason) for e in exc.errors])
    return Checked(result=result.to_dict(), svg=render_svg(channel, result))
