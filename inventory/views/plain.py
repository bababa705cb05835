"""Plain words for the engine's stable codes, for people holding a cable, not a standard."""

from __future__ import annotations

from typing import Any

__all__ = ["PROBLEM_WORDS", "plain_problems", "problem_title", "sorted_suggestions"]

#: code -> (short title, what it means at the panel)
PROBLEM_WORDS: dict[str, tuple[str, str]] = {
    "polarity": (
        "Polarity",
        "A transmitter's light does not reach the matching receiver at the far end: "
        "one flip too many or too few along the path.",
    ),
    "gender": (
        "Gender",
        "Two mated MPO connectors are both pinned or both unpinned; they will not seat "
        "(pins against pins) or will not align (no pins at all).",
    ),
    "keying": (
        "Keying / fibre count",
        "Connectors of different families or fibre counts are mated, so fibres do not line up.",
    ),
    "polish": (
        "Polish",
        "An angled (APC, green) end-face is mated to a flat (UPC) one: high loss and "
        "possible end-face damage.",
    ),
    "fiber_type": (
        "Fibre type",
        "The application does not support this fibre type, or single-mode and multimode are mixed.",
    ),
    "loss_budget": (
        "Loss budget",
        "The channel loses more light than the transceivers can tolerate.",
    ),
    "reach": ("Reach", "The channel is longer than the application allows on this fibre."),
    "wear": (
        "Wear",
        "A connector in the channel is at or past its rated mating cycles: clean, inspect "
        "and plan a replacement.",
    ),
}


def problem_title(code: str) -> str:
    """The short title for a problem code (the code itself when unknown)."""
    return PROBLEM_WORDS.get(code, (code.replace("_", " ").capitalize(), ""))[0]


def plain_problems(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems from the contract's result with a title and a plain explanation added."""
    out = []
    for p in problems:
        title, meaning = PROBLEM_WORDS.get(p.get("code", ""), (p.get("code", ""), ""))
        out.append({**p, "title": title, "meaning": meaning})
    return out


def sorted_suggestions(suggestions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Field fixes (MTP PRO key or pin change on site) before anything that needs a new part."""
    return sorted(suggestions, key=lambda s: not s.get("field_service", False))
