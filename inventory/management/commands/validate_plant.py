"""Re-validate every stored channel: a progress bar on stderr, a summary table on stdout."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inventory.validation import validate_channels


class Command(BaseCommand):
    help = (
        "Re-validate every stored channel (re-tracing those whose rows changed, or all with "
        "--force); print ok / failing by problem code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the summary as JSON"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--force",
            action="store_true",
            help="trace and validate every channel, even those whose rows are unchanged",
        )

    def handle(
        self,
        *args: Any,
        as_json: bool = False,
        no_progress: bool = False,
        force: bool = False,
        **options: Any,
    ) -> None:
        started = time.perf_counter()
        summary = validate_channels(progress=None if no_progress else self._bar, force=force)
        summary["seconds"] = round(time.perf_counter() - started, 2)
        if not no_progress:
            self.stderr.write("")
        if as_json:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        self.stdout.write(_table(summary))

    def _bar(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} channels"
        self.stderr.write(line, ending="")
        if hasattr(self.stderr, "flush"):
            self.stderr.flush()


def _table(summary: dict[str, Any]) -> str:
    rows = [("ok", summary["ok"]), ("failing", summary["failing"])]
    rows += [(f"  {code}", n) for code, n in summary["by_code"].items()]
    rows += [
        ("open", summary["open"]),
        ("invalid", summary["invalid"]),
        ("total", summary["channels"]),
    ]
    width = max(len(r[0]) for r in rows) + 2
    lines = [f"{'status':<{width}}channels", "-" * (width + 8)]
    lines += [f"{label:<{width}}{n:>8}" for label, n in rows]
    traced = f"traced {summary['traced']} of {summary['channels']} channels"
    if summary["traced"] < summary["channels"]:
        traced += " (the others are unchanged since their last validation)"
    lines.append(f"{traced}, {summary['written']} verdicts written, in {summary['seconds']} s")
    return "\n".join(lines)


__all__ = ["Command"]
