"""``manage.py wear_scan``: run the wear scan now (what the daily beat task does)."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inventory.wear import wear_scan


class Command(BaseCommand):
    help = "Open and close wear alerts now (the daily Celery beat task runs the same scan)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = wear_scan()
        elapsed = time.perf_counter() - started
        if options["json"]:
            self.stdout.write(json.dumps({**result.as_dict(), "seconds": round(elapsed, 3)}))
            return
        self.stdout.write(
            f"Wear scan: {result.opened} opened, {result.closed} closed, "
            f"{result.open_total} open ({elapsed:.2f} s)"
        )
