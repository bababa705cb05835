"""The engine's one exception: an invalid channel-spec document, with every reason."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SpecError", "SpecIssue"]


@dataclass(frozen=True, slots=True)
class SpecIssue:
    """One reason a document is invalid, at a JSON path such as `elements[3].ends[1].gender`."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """Return the issue as the API and the command print it."""
        return {"path": self.path, "reason": self.reason}


class SpecError(ValueError):
    """A channel-spec document that is not valid (HTTP 400, exit status 2).

    Carries all the issues found, not only the first, so that a user fixes the document
    in one go (like Django's password validators collect every failure).
    """

    def __init__(self, errors: list[SpecIssue]) -> None:
        self.errors = list(errors)
        text = "; ".join(f"{e.path}: {e.reason}" for e in self.errors[:5])
        more = len(self.errors) - 5
        super().__init__(text + (f" (+{more} more)" if more > 0 else ""))

    def to_dict(self) -> dict[str, object]:
        """Return the error as one JSON object: a message and the list of issues."""
        return {"error": "invalid_spec", "errors": [e.to_dict() for e in self.errors]}
