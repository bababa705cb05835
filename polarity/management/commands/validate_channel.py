"""`manage.py validate_channel FILE`: validate channel specs from a file or standard input.

Exit status: 0 when every channel passes, 1 when any fails, 2 when a document is invalid
or cannot be read (each issue printed with its JSON path). ``--json`` prints the
contract's result JSON (a list when the input is a list). The catalogue comes from
``settings.FIBERTRACE_CATALOGUE_PROVIDER`` (dotted path to a zero-argument callable)
when set, else the engine's default catalogue.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.module_loading import import_string

from polarity.catalogue import DEFAULT_CATALOGUE, Catalogue
from polarity.engine import validate
from polarity.errors import SpecError, SpecIssue
from polarity.results import Result
from polarity.spec import load_json, parse_document


def load_catalogue() -> Catalogue:
    """Return the configured catalogue (admin-editable data) or the default one.

    A database that is not set up yet (no tables) falls back to the default catalogue,
    with a warning: checking a spec file needs no inventory.
    """
    provider = getattr(settings, "FIBERTRACE_CATALOGUE_PROVIDER", None)
    if not provider:
        return DEFAULT_CATALOGUE
    try:
        catalogue = import_string(provider)()
    except DatabaseError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(
            f"warning: the catalogue in the database cannot be read ({first}); "
            "using the engine's default catalogue (run `manage.py migrate`)\n"
        )
        return DEFAULT_CATALOGUE
    if not isinstance(catalogue, Catalogue):
        raise CommandError(f"{provider} did not return a polarity Catalogue")
    return catalogue


class Command(BaseCommand):
    help = "Validate channel specs (one or a JSON list) from FILE, or '-' for standard input."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a channel-spec JSON file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print the contract's JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = self._read(options["file"])
            parsed = parse_document(document, catalogue := load_catalogue())
        except SpecError as exc:
            self._invalid(exc.errors, options["json"])
            sys.exit(2)
        channels = parsed if isinstance(parsed, list) else [parsed]
        results = [validate(c, catalogue) for c in channels]
        if options["json"]:
            payload: Any = [r.to_dict() for r in results]
            if not isinstance(parsed, list):
                payload = payload[0]
            self.stdout.write(json.dumps(payload, indent=2))
        else:
            self.stdout.write(self._table(results))
        if not all(r.ok for r in results):
            sys.exit(1)

    def _read(self, name: str) -> Any:
        """Return the decoded document; a file that cannot be read is invalid input too."""
        try:
            if name == "-":
                data: bytes = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as handle:
                    data = handle.read()
        except OSError as exc:
            raise SpecError([SpecIssue("$", f"cannot read {name}: {exc.strerror}")]) from exc
        return load_json(data)

    def _invalid(self, issues: list[SpecIssue], as_json: bool) -> None:
        if as_json:
            payload = SpecError(issues).to_dict()
            self.stdout.write(json.dumps(payload, indent=2))
        for issue in issues:
            self.stderr.write(f"invalid: {issue.path}: {issue.reason}")

    def _table(self, results: list[Result]) -> str:
        lines = []
        for number, result in enumerate(results, 1):
            loss = result.loss
            budget = f"{loss.budget_db:.2f}" if loss.budget_db is not None else "-"
            verdict = "PASS" if result.ok else "FAIL"
            title = result.name or f"channel {number}"
            lines.append(
                f"{verdict}  {title}  [{result.application}]  "
                f"loss {loss.total_db:.2f} / {budget} dB"
            )
            for problem in result.problems:
                ident = f" ({problem.id})" if problem.id else ""
                lines.append(
                    f"  - {problem.code.value:<11} element {problem.element}{ident}: "
                    f"{problem.message}"
                )
            for suggestion in result.suggestions:
                where = " [on site]" if suggestion.field_service else ""
                lines.append(f"    fix: {suggestion.message}{where}")
        passed = sum(r.ok for r in results)
        lines.append(f"{passed} of {len(results)} channel(s) pass")
        return "\n".join(lines)
