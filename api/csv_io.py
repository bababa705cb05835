"""CSV import and export of cables and connector ends, in the columns a DCIM export gives.

Imports are all-or-nothing: every row runs through its service inside one transaction
(each row in its own savepoint so that every bad row is reported, not only the first);
if any row fails, everything is rolled back and the answer lists each row's errors.
Connector-end rows change mating state, so they run as MACs (one event per change).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from inventory import services
from inventory.choices import MacAction
from inventory.errors import PlantError
from inventory.models import Cable, ConnectorEnd, ConnectorModel, MpoAdapter

__all__ = [
    "CABLE_COLUMNS",
    "END_COLUMNS",
    "ImportReport",
    "export_cables",
    "export_ends",
    "import_cables",
    "import_ends",
]

CABLE_COLUMNS = (
    "label",
    "kind",
    "polarity",
    "connector_model",
    "fiber_type",
    "length_m",
    "gender_a",
    "gender_b",
    "polish",
    "status",
)
END_COLUMNS = (
    "label",
    "owner_kind",
    "owner",
    "connector_model",
    "gender",
    "polish",
    "key",
    "mating_cycles",
    "mate",
    "adapter",
)
MAX_ROWS = 10_000


@dataclass
class ImportReport:
    """What an import did, or, when ``errors`` is not empty, why nothing was done."""

    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


def _write(columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_cables() -> Iterator[str]:
    """Stream every cable as CSV (two queries, whatever the number of cables)."""
    ends = Prefetch(
        "ends",
        queryset=ConnectorEnd.objects.select_related("connector_model").order_by("cable_end"),
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        for cable in Cable.objects.prefetch_related(ends).order_by("label").iterator(2000):
            e = list(cable.ends.all())
            first = e[0] if e else None
            yield (
                cable.label,
                cable.kind,
                cable.polarity,
                first.connector_model.name if first else "",
                cable.fiber_type,
                cable.length_m,
                first.gender if first else "",
                e[1].gender if len(e) > 1 else "",
                first.polish if first else "",
                cable.status,
            )

    return _write(CABLE_COLUMNS, rows())


def export_ends() -> Iterator[str]:
    """Stream every connector end with its owner and its mate as CSV (one query)."""
    qs = ConnectorEnd.objects.select_related(
        "connector_model", "cable", "cassette", "port__device", "mate", "adapter"
    ).order_by("label")

    def rows() -> Iterator[tuple[Any, ...]]:
        for end in qs.iterator(2000):
            owner = end.cable or end.cassette or end.port
            yield (
                end.label,
                end.owner_kind,
                str(owner) if owner is not None else "",
                end.connector_model.name,
                end.gender,
                end.polish,
                end.key,
                end.mating_cycles,
                end.mate.label if end.mate else "",
                end.adapter.label if end.adapter else "",
            )

    return _write(END_COLUMNS, rows())


def _read(text: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    if "\x00" in text:
        raise PlantError("the CSV contains NUL characters", field="csv")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise PlantError(f"missing column(s): {', '.join(missing)}", field="csv")
    try:
        rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as exc:
        raise PlantError(f"not a CSV file: {exc}", field="csv") from exc
    if not rows:
        raise PlantError("the CSV has no rows", field="csv")
    if len(rows) > MAX_ROWS:
        raise PlantError(f"at most {MAX_ROWS} rows per import", field="csv")
    return rows


def _connector_model(value: str, models: dict[str, list[ConnectorModel]]) -> ConnectorModel:
    found = models.get(value.lower(), [])
    if value.isdigit():
        found = [m for ms in models.values() for m in ms if m.pk == int(value)]
    if len(found) != 1:
        why = "is ambiguous" if found else "is not a connector model"
        raise PlantError(f"{value!r} {why}", field="connector_model")
    return found[0]


def _run_rows(
    rows: list[dict[str, str]], apply: Any, report: ImportReport, *, dry_run: bool = False
) -> None:
    """Apply each row in a savepoint, collecting errors; roll all back if any row failed."""
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            try:
                with transaction.atomic():
                    apply(row, report)
            except PlantError as exc:
                report.errors.append({"row": number, **exc.as_dict()})
        if report.errors or dry_run:
            transaction.set_rollback(True)


def import_cables(text: str, *, dry_run: bool = False) -> ImportReport:
    """Create one cable (and its two ends) per row through ``cable_create``."""
    rows = _read(text, ("label", "kind", "polarity", "connector_model", "fiber_type"))
    models: dict[str, list[ConnectorModel]] = {}
    for model in ConnectorModel.objects.all():
        models.setdefault(model.name.lower(), []).append(model)
        models.setdefault(f"{model.maker} {model.name}".lower(), []).append(model)
    report = ImportReport(rows=len(rows))

    def apply(row: dict[str, str], report: ImportReport) -> None:
        length = row.get("length_m") or None
        try:
            length_m = float(length) if length is not None else None
        except ValueError as exc:
            raise PlantError(f"{length!r} is not a number", field="length_m") from exc
        genders = (row.get("gender_a") or "female", row.get("gender_b") or "female")
        if (row.get("polish") or "UPC") not in ("UPC", "APC"):
            raise PlantError(f"{row['polish']!r} is not a polish (UPC or APC)", field="polish")
        for gender in genders:
            if gender not in ("male", "female"):
                raise PlantError(f"{gender!r} is not a gender (male or female)", field="gender")
        services.cable_create(
            label=row["label"],
            kind=row["kind"],
            polarity=row["polarity"],
            connector_model=_connector_model(row["connector_model"], models),
            fiber_type=row["fiber_type"],
            length_m=length_m,
            genders=genders,
            polish=row.get("polish") or None,
            status=row.get("status") or "installed",
        )
        report.created += 1

    _run_rows(rows, apply, report, dry_run=dry_run)
    return report


def _end_by_label(label: str, field: str) -> ConnectorEnd:
    end = ConnectorEnd.objects.filter(label=label).first()
    if end is None:
        raise PlantError(f"no connector end {label!r}", field=field, code="not_found")
    return end


def import_ends(
    text: str, *, user: Any = None, work_order: str = "", dry_run: bool = False
) -> ImportReport:
    """Make each row's end mated as the CSV says, as MACs: connect, move or disconnect."""
    rows = _read(text, ("label", "mate"))
    report = ImportReport(rows=len(rows))
    mac = {"user": user, "work_order": work_order, "note": "CSV import"}

    def apply(row: dict[str, str], report: ImportReport) -> None:
        end = _end_by_label(row["label"], "label")
        mate = _end_by_label(row["mate"], "mate") if row["mate"] else None
        adapter = None
        if row.get("adapter"):
            adapter = MpoAdapter.objects.filter(label=row["adapter"]).first()
            if adapter is None:
                raise PlantError(
                    f"no adapter {row['adapter']!r}", field="adapter", code="not_found"
                )
        if mate is None:
            if end.mate_id is None:
                report.unchanged += 1
                return
            services.perform_mac(action=MacAction.DISCONNECT, end=end, **mac)
        elif end.mate_id == mate.pk and end.adapter_id == (adapter.pk if adapter else None):
            report.unchanged += 1
            return
        elif end.mate_id is None:
            services.perform_mac(
                action=MacAction.CONNECT, end_a=end, end_b=mate, adapter=adapter, **mac
            )
        else:
            services.perform_mac(
                action=MacAction.MOVE, end=end, to_end=mate, adapter=adapter, **mac
            )
        report.changed += 1

    _run_rows(rows, apply, report, dry_run=dry_run)
    return report
