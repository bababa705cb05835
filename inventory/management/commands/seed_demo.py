"""Build the demo AI pod, or a large plant for the benchmarks (``--channels N``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inventory.demo import build_demo
from inventory.models import Channel


class Command(BaseCommand):
    help = "Build a demo spine-leaf pod with deliberate faults; --channels N sizes it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--channels", type=int, default=56, help="at least this many channels")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when channels already exist"
        )

    def handle(self, *args: Any, channels: int, if_empty: bool, **options: Any) -> None:
        if channels < 1:
            self.stderr.write("--channels must be at least 1")
            raise SystemExit(2)
        if if_empty and Channel.objects.exists():
            self.stdout.write("Demo data already present: nothing to do.")
            return
        started = time.perf_counter()
        units = build_demo(channels=channels)
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {units} pod unit(s): {Channel.objects.count()} channels in "
                f"{time.perf_counter() - started:.1f} s"
            )
        )
        from inventory import hooks

        hooks.after_seed(self.stdout)
