"""Build the engine's application catalogue from the admin-editable Application rows.

The engine never reads the database: the inventory turns its rows into the same
`ApplicationSpec`/`Catalogue` values the engine's defaults are made of, so an admin's
edit to a budget or a lane assignment reaches every validation, stored or ad hoc.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["application_catalogue", "catalogue_from_rows"]


def catalogue_from_rows(rows: Iterable[Any]) -> Any:
    """Return a Catalogue of the given Application rows (engine defaults for everything else).

    A row the engine refuses (say, a lane on a dark position) is left out rather than
    taking every validation down with it; the engine's default for that name stays.
    """
    from polarity.catalogue import DEFAULT_CATALOGUE, ApplicationSpec, Catalogue, FiberSpec

    specs = {a.name: a for a in DEFAULT_CATALOGUE.applications}
    for row in rows:
        try:
            specs[row.name] = ApplicationSpec(
                name=row.name,
                connector=row.connector,
                tx=tuple(row.tx_positions),
                rx=tuple(row.rx_positions),
                fibers=tuple(
                    FiberSpec(m["fiber_type"], float(m["reach_m"]), float(m["budget_db"]))
                    for m in row.media
                ),
                gender=row.gender,
                polish=row.polish,
            )
        except (KeyError, TypeError, ValueError):
            continue
    return Catalogue(applications=tuple(specs.values()))


def application_catalogue() -> Any:
    """Return the engine's Catalogue built from the Application table (one query)."""
    from inventory.models import Application

    return catalogue_from_rows(Application.objects.all())
