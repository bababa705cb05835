"""API fixtures: token clients for each role and a small demo plant."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

ROLES = ("viewer", "technician", "admin")


@pytest.fixture(autouse=True)
def _clear_throttle_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def client_for(db) -> Callable[[str | None], APIClient]:  # type: ignore[no-untyped-def]
    """An API client authenticated by token as a user with ``role`` (None: anonymous)."""

    def make(role: str | None) -> APIClient:
        client = APIClient()
        if role is not None:
            token = Token.objects.create(user=factories.user(role))
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def admin(client_for) -> APIClient:  # type: ignore[no-untyped-def]
    return client_for("admin")


@pytest.fixture
def technician(client_for) -> APIClient:  # type: ignore[no-untyped-def]
    return client_for("technician")


@pytest.fixture
def viewer(client_for) -> APIClient:  # type: ignore[no-untyped-def]
    return client_for("viewer")


@pytest.fixture
def pod(db) -> None:  # type: ignore[no-untyped-def]
    """One demo pod unit (14 channels), traced and validated."""
    from inventory.validation import validate_channels

    factories.demo_pod(1)
    validate_channels()
