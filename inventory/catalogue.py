"""Build the engine's application catalogue from the admin-editable Application rows."""

from __future__ import annotations

from typing import Any


def application_catalogue() -> Any:
    """Return the engine's Catalogue (filled in by the stored-plant validation work)."""
    from polarity.catalogue import DEFAULT_CATALOGUE

    return DEFAULT_CATALOGUE
