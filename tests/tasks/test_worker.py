"""Through a real Celery worker on Redis: MAC → re-validation, wear scan → alert, digest → SMTP.

The worker runs in a thread of this process with its own database connection, so these
tests commit for real (``transaction=True``); ``catalogue_rows`` reloads the migrations'
data rows (applications, reorder figures) that an earlier flush removed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from inventory import services
from inventory.models import DigestDelivery, MacEvent, WearAlert
from inventory.tasks.digest import send_user_digest, send_weekly_digests
from inventory.tasks.wear import wear_scan
from tests import factories
from tests.tasks.conftest import set_cycles

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("catalogue_rows"),
]


def wait_for(condition: Callable[[], Any], timeout: float = 20.0) -> Any:
    """Poll until ``condition()`` is truthy; fail (not hang) after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {timeout} s")


def test_mac_is_revalidated_by_the_worker(celery_worker_on_redis: Any) -> None:
    """services.connect enqueues inventory.tasks.revalidate_after_mac on commit."""
    cable = factories.mpo_cable()
    port = factories.port()
    event = services.connect(end_a=port.end, end_b=factories.end(cable, 0))

    outcome = wait_for(lambda: MacEvent.objects.get(pk=event.pk).outcome)

    assert isinstance(outcome, dict) and "channels" in outcome
    assert "inventory.tasks.revalidation.revalidate_after_mac" in celery_worker_on_redis.ran


def test_wear_scan_task_opens_alerts_through_the_worker(celery_worker_on_redis: Any) -> None:
    end = factories.end(factories.mpo_cable(), 0)
    set_cycles(end, 510)

    wear_scan.delay()

    levels = wait_for(
        lambda: (
            set(WearAlert.objects.filter(end=end).values_list("level", flat=True))
            == {"warning", "critical"}
        )
    )
    assert levels
    wear_scan.delay()  # a second run (or a redelivery) adds nothing
    wait_for(lambda: celery_worker_on_redis.ran.count("inventory.wear_scan") == 2)
    assert WearAlert.objects.filter(end=end).count() == 2


def test_digest_goes_through_the_worker_to_smtp_once_despite_a_retry(
    celery_worker_on_redis: Any, smtp_inbox: Any, subscriber: Any, settings: Any
) -> None:
    """The SMTP server refuses the first DATA (451): the task retries and sends one email;
    the weekly fan-out queued again later sends nothing more."""
    settings.FIBERTRACE_BASE_URL = "https://ft.example.test"
    end = factories.end(factories.mpo_cable(), 0)
    set_cycles(end, 505)
    from inventory.wear import wear_scan as scan

    scan()
    smtp_inbox.refuse = 1

    send_weekly_digests.delay()

    wait_for(lambda: DigestDelivery.objects.filter(status="sent").exists())
    assert smtp_inbox.refused == 1
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == subscriber.email
    assert message["Subject"].startswith("Fibertrace week of")
    assert message.is_multipart()
    parts = {
        p.get_content_type(): p.get_payload(decode=True).decode()
        for p in message.walk()
        if not p.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    assert end.label in parts["text/plain"] and end.label in parts["text/html"]
    assert f'href="https://ft.example.test/connectors/{end.pk}/"' in parts["text/html"]
    assert "[CRITICAL]" in parts["text/plain"]

    ran = celery_worker_on_redis.ran
    runs = [s for name, s in celery_worker_on_redis.states if name == "inventory.send_user_digest"]
    assert runs == ["RETRY", "SUCCESS"]  # the 451 made the task retry, the retry sent
    send_weekly_digests.delay()
    send_user_digest.delay(subscriber.pk)
    wait_for(lambda: ran.count("inventory.send_user_digest") == 4)
    assert len(smtp_inbox.messages) == 1
    assert DigestDelivery.objects.get().attempts == 1
