"""UI fixtures: a validated demo plant (one faulty pod unit in five) and signed-in clients."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client

from inventory import hooks
from inventory.models import Application, Channel
from tests import factories

PASSWORD = {"technician": "pw-technician", "viewer": "pw-viewer", "admin": "pw-admin"}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def plant(db: Any) -> dict[str, Any]:
    """Five pod units (70 channels; unit 4 carries the deliberate faults), traced and validated."""
    if not Application.objects.exists():  # a transactional test before us flushed the table
        import_module("inventory.migrations.0002_applications").load(django_apps, None)
    factories.demo_pod(units=5)
    hooks.after_seed(None)
    return {
        "sr4": Channel.objects.get(name="leaf0000:Eth1/1 ↔ spine0000"),
        "failing": Channel.objects.get(name="leaf0004:Eth1/2 ↔ spine0004"),
    }


@pytest.fixture
def tech(db: Any):  # type: ignore[no-untyped-def]
    return factories.user("technician")


@pytest.fixture
def viewer(db: Any):  # type: ignore[no-untyped-def]
    return factories.user("viewer")


@pytest.fixture
def tech_client(tech) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(tech)
    return client


@pytest.fixture
def viewer_client(viewer) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(viewer)
    return client


# --- Playwright: Debian's Chromium, headless ---------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
        "headless": True,
    }
