"""Fixtures for the wear/digest tests: a worn plant, a real Celery worker, a real SMTP server."""

from __future__ import annotations

import importlib
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import F

from inventory.models import ConnectorEnd, DigestSubscription, Site
from tests import factories

REDIS_URL = os.environ.get("FIBERTRACE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def set_cycles(end: ConnectorEnd, cycles: int) -> None:
    """Age an end directly (a test shortcut for hundreds of MACs)."""
    ConnectorEnd.objects.filter(pk=end.pk).update(mating_cycles=cycles)


def add_cycles(end: ConnectorEnd, cycles: int) -> None:
    ConnectorEnd.objects.filter(pk=end.pk).update(mating_cycles=F("mating_cycles") + cycles)


@pytest.fixture
def catalogue_rows(transactional_db: None) -> None:
    """Reload the migrations' data rows that an earlier transactional test flushed away.

    (``serialized_rollback`` would clash with the content types that a plain flush
    re-creates, so the worker tests reload what they need instead.)
    """
    from django.apps import apps

    for module, loader in (
        ("inventory.migrations.0002_applications", "load"),
        ("inventory.migrations.0003_alerts", "seed_reorder_figures"),
    ):
        getattr(importlib.import_module(module), loader)(apps, None)


@pytest.fixture
def subscriber(db: None) -> User:
    """A technician with an email address subscribed to every site."""
    user = factories.user("technician")
    user.email = f"{user.username}@example.test"
    user.save(update_fields=["email"])
    DigestSubscription.objects.create(user=user, site=None, send_all_clear=True)
    return user


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name=factories.unique("Site"), code=factories.unique("s"))


# --- a real Celery worker on Redis ---------------------------------------------------------


@pytest.fixture
def celery_worker_on_redis() -> Iterator[Any]:
    """Point the project's app at Redis (own queue on a dedicated db) and run a solo worker.

    The queue name is unique per test, so stale messages from other runs never reach
    this worker and nothing has to flush a database another run may be using.
    """
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from config.celery_app import app

    saved = {
        key: app.conf[key]
        for key in ("broker_url", "broker_transport_options", "task_default_queue")
    }
    queue = f"fibertrace-test-{uuid.uuid4().hex[:12]}"
    app.conf.broker_url = REDIS_URL
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    app.conf.task_default_queue = queue
    _reset_connections(app)
    ran: list[str] = []
    states: list[tuple[str, str | None]] = []

    def record(sender: Any = None, state: str | None = None, **kwargs: Any) -> None:
        ran.append(sender.name)
        states.append((sender.name, state))

    task_postrun.connect(record, weak=False)
    try:
        with app.connection_for_write() as conn:
            assert conn.transport.driver_type == "redis"
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
        ) as worker:
            worker.ran = ran  # names of the tasks the worker finished, in order
            worker.states = states  # (name, final state) of each run: RETRY, SUCCESS…
            yield worker
    finally:
        task_postrun.disconnect(record)
        for key, value in saved.items():
            app.conf[key] = value
        _reset_connections(app)


def _reset_connections(app: Any) -> None:
    """Drop pooled connections so the next publish uses the broker now configured."""
    app._pool = None  # kombu keeps its pools per broker URL; just stop pointing at the old one
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
        app.amqp.__dict__.pop("queues", None)
        app.amqp.__dict__.pop("default_queue", None)


# --- a real SMTP server ----------------------------------------------------------------------


@dataclass
class Inbox:
    """What the SMTP server received; ``refuse`` answers 451 to that many DATA commands."""

    messages: list[Message] = field(default_factory=list)
    refuse: int = 0
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.refused < self.refuse:
                self.refused += 1
                return "451 4.3.0 Try again later"
            self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_inbox(settings: Any) -> Iterator[Inbox]:
    """An aiosmtpd server on a free loopback port, with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
