"""The inventory's one domain error type."""

from __future__ import annotations


class PlantError(ValueError):
    """A MAC or plant write that cannot be done; nothing was changed.

    ``field`` names the input at fault so that forms and the API can show the reason
    next to it.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def as_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
        return out
