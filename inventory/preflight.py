"""Pre-flight: what a MAC would do to the channels, without doing it.

The MAC runs for real inside a savepoint (the same service, the same checks), the
touched channels are re-validated inside it, and then everything is rolled back. No
second model of the plant, so the answer cannot drift from what the MAC would really do;
``on_commit`` hooks registered inside never fire, because nothing commits.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from inventory.choices import ChannelStatus
from inventory.errors import PlantError

__all__ = ["mac_preflight"]


class _Rollback(Exception):
    """Raised to undo the trial MAC; carries what it found."""

    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__("pre-flight rollback")
        self.report = report


def mac_preflight(*, action: str, **kwargs: Any) -> dict[str, Any]:
    """Return what ``perform_mac(action=…, **kwargs)`` would do to the channels it touches.

    ``{"ok", "error", "channels": [{"id", "name", "before", "after", "result"}], "breaks"}``:
    ``ok`` is false when the MAC would be refused (``error`` says why) or would break a
    channel that is ok now (``breaks`` names them).
    """
    from inventory.services import perform_mac
    from inventory.validation import revalidate_event

    try:
        with transaction.atomic():
            try:
                event = perform_mac(action=action, **kwargs)
            except PlantError as exc:
                raise _Rollback(
                    {"ok": False, "error": exc.as_dict(), "channels": [], "breaks": []}
                ) from exc
            outcomes = revalidate_event(event)
            channels = [
                {
                    "id": o.id,
                    "name": o.name,
                    "before": o.before,
                    "after": o.status,
                    "result": o.result,
                }
                for o in outcomes
            ]
            breaks = [
                o.name for o in outcomes if o.before == ChannelStatus.OK and o.status != o.before
            ]
            raise _Rollback(
                {"ok": not breaks, "error": None, "channels": channels, "breaks": breaks}
            )
    except _Rollback as done:
        return done.report
    raise AssertionError("unreachable: the trial MAC always rolls back")  # pragma: no cover
