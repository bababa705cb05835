"""The weekly digest: content, links, all-clear choice, site scope and exactly-once sending."""

from __future__ import annotations

import threading
import time
from io import StringIO
from smtplib import SMTPServerDisconnected
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocMemBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from inventory import services
from inventory.digest import build_digest, digest_week, send_digest
from inventory.models import Channel, ConnectorEnd, DigestDelivery, DigestSubscription, Site
from inventory.tasks.digest import send_user_digest
from inventory.wear import wear_scan
from tests import factories
from tests.tasks.conftest import set_cycles

BASE = "https://fibertrace.example.test"


@pytest.fixture
def plant(db: None, settings: Any) -> dict[str, Any]:
    """One demo pod unit with worn ends, a failing channel and a MAC this week."""
    settings.FIBERTRACE_BASE_URL = BASE
    factories.demo_pod(1)
    worn = ConnectorEnd.objects.get(label="leaf0000:Eth1/1")  # 430 of 500 cycles: warning
    set_cycles(ConnectorEnd.objects.get(label="PC-0000-0B/2"), 1200)  # past 1,000: critical
    wear_scan()
    channel = Channel.objects.order_by("pk").first()
    assert channel is not None
    Channel.objects.filter(pk=channel.pk).update(
        status="failing",
        validated_at=timezone.now(),
        problem_codes=["polarity"],
        result={
            "suggestions": [
                {
                    "action": "flip_polarity",
                    "element": 3,
                    "end": 1,
                    "field_service": True,
                    "message": "Reverse the key on end 2 of trunk T-0000-0 (MTP PRO)",
                }
            ]
        },
        spec={
            "elements": [
                {"kind": "transceiver"},
                {"kind": "mpo_cable", "role": "patch"},
                {"kind": "mpo_adapter"},
                {"kind": "mpo_cable", "role": "trunk"},
            ]
        },
    )
    event = services.record_inspection(end=worn, work_order="WO-42")
    return {"worn": worn, "channel": channel, "event": event}


@pytest.mark.django_db
def test_digest_email_lists_alerts_channels_macs_with_fixes_and_links(
    plant: dict[str, Any], subscriber: Any, mailoutbox: list[Any]
) -> None:
    assert send_digest(user_id=subscriber.pk) == "sent"

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [subscriber.email]
    assert message.subject.endswith("2 wear alerts (2 new), 1 failing channel, 1 MAC")
    text = message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (text, html):
        assert "leaf0000:Eth1/1" in body and "PC-0000-0B/2" in body
        assert plant["channel"].name in body
        assert "Reverse the key on end 2 of trunk T-0000-0 (MTP PRO)" in body
        assert "saves a reorder of 420.00 EUR and 21 days" in body
        assert f"{BASE}/channels/{plant['channel'].pk}/" in body
        assert f"{BASE}/connectors/{plant['worn'].pk}/" in body
        assert f"{BASE}/macs/{plant['event'].pk}/" in body
        assert "WO-42" in body
    assert "[CRITICAL] [NEW] PC-0000-0B/2" in text
    assert "Forecast:" in text
    assert '<tr class="alert alert-critical"' in html
    assert message.extra_headers["Message-ID"].startswith(f"<digest-{subscriber.pk}-")


@pytest.mark.django_db
def test_a_second_run_the_same_week_sends_nothing(
    plant: dict[str, Any], subscriber: Any, mailoutbox: list[Any]
) -> None:
    assert send_user_digest(subscriber.pk) == "sent"
    assert send_user_digest(subscriber.pk) == "already_sent"
    assert len(mailoutbox) == 1
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.week) == ("sent", digest_week())
    assert delivery.summary["alerts"] == 2 and delivery.sent_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("all_clear", "outcome", "mails"), [(True, "sent", 1), (False, "nothing", 0)]
)
def test_a_quiet_week_sends_all_clear_or_nothing_as_chosen(
    subscriber: Any, mailoutbox: list[Any], all_clear: bool, outcome: str, mails: int
) -> None:
    DigestSubscription.objects.filter(user=subscriber).update(send_all_clear=all_clear)
    assert send_digest(user_id=subscriber.pk) == outcome
    assert send_digest(user_id=subscriber.pk) == "already_sent"
    assert len(mailoutbox) == mails
    if mails:
        assert "all clear" in mailoutbox[0].subject
        assert "All clear" in mailoutbox[0].body
        assert 'id="all-clear"' in mailoutbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_subscriptions_are_per_site(plant: dict[str, Any], subscriber: Any) -> None:
    other = Site.objects.create(name="DC2", code="dc2")
    DigestSubscription.objects.filter(user=subscriber).update(site=other)
    digest = build_digest(user=subscriber)
    assert digest is not None
    assert (digest.alerts_total, digest.channels_total, digest.macs_total) == (0, 0, 0)
    assert digest.sites == ["DC2"]

    DigestSubscription.objects.filter(user=subscriber).update(site=Site.objects.get(code="dc1"))
    digest = build_digest(user=subscriber)
    assert digest is not None
    assert (digest.alerts_total, digest.channels_total, digest.macs_total) == (2, 1, 1)


@pytest.mark.django_db
def test_unsubscribed_users_get_nothing(mailoutbox: list[Any]) -> None:
    user = factories.user()
    user.email = "x@example.test"
    user.save()
    assert send_digest(user_id=user.pk) == "not_subscribed"
    assert not DigestDelivery.objects.exists() and not mailoutbox


class FlakyBackend(LocMemBackend):
    """Drops the SMTP connection on the first message, then delivers."""

    failures = 1

    def send_messages(self, messages: Any) -> int:
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_failed_send_leaves_the_row_pending_and_the_retry_sends_once(
    subscriber: Any, mailoutbox: list[Any], settings: Any
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = 1
    with pytest.raises(SMTPServerDisconnected):
        send_digest(user_id=subscriber.pk)
    assert DigestDelivery.objects.get().status == "pending"  # recorded before sending

    assert send_digest(user_id=subscriber.pk) == "sent"
    assert send_digest(user_id=subscriber.pk) == "already_sent"
    assert len(mail.outbox) == 1


class SlowBackend(LocMemBackend):
    def send_messages(self, messages: Any) -> int:
        time.sleep(0.3)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_email(subscriber: Any, settings: Any) -> None:
    """The row lock: the second run finds the row held (in progress) or sent, never sends."""
    if connection.vendor != "postgresql":
        pytest.fail("the exactly-once race needs PostgreSQL row locks; set DATABASE_URL")
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    mail.outbox = []
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            outcomes.append(send_digest(user_id=subscriber.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[-1] == "sent" and outcomes.count("sent") == 1
    assert sorted(outcomes)[0] in ("in_progress", "already_sent")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_dry_run_prints_and_writes_nothing(
    plant: dict[str, Any], subscriber: Any, mailoutbox: list[Any]
) -> None:
    out = StringIO()
    call_command("send_digest", "--dry-run", stdout=out)
    printed = out.getvalue()
    assert f"=== To: {subscriber.email} (would_send) ===" in printed
    assert "Subject: Fibertrace week of" in printed and "PC-0000-0B/2" in printed
    assert not mailoutbox and not DigestDelivery.objects.exists()

    call_command("send_digest", stdout=out)
    assert f"{subscriber.email}: sent" in out.getvalue() and len(mailoutbox) == 1


@pytest.mark.django_db
def test_building_a_digest_takes_a_fixed_number_of_queries(
    plant: dict[str, Any], subscriber: Any, django_assert_max_num_queries: Any
) -> None:
    for end in ConnectorEnd.objects.filter(label__startswith="PC-")[:20]:
        set_cycles(end, 1500)
    wear_scan()
    with django_assert_max_num_queries(14):
        digest = build_digest(user=subscriber)
    assert digest is not None and digest.alerts_total >= 20
