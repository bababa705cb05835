"""Webhooks: deliveries queued from the integration signals, signed, retried, idempotent."""

from __future__ import annotations

import hashlib
import hmac
import json
from unittest import mock

import pytest
import requests

from api import webhooks
from api.models import DeliveryStatus, Webhook, WebhookDelivery
from api.tasks import SIGNATURE_HEADER, WebhookRetry, deliver_webhook
from inventory.models import MacEvent
from tests import factories

SECRET = "s3cret-s3cret-s3cret"


@pytest.fixture
def hook(db) -> Webhook:  # type: ignore[no-untyped-def]
    return Webhook.objects.create(name="dcim", url="http://127.0.0.1:9/hook", secret=SECRET)


def _event() -> MacEvent:
    return MacEvent.objects.create(
        action="clean_inspect", end_a=factories.end(factories.mpo_cable(), 0)
    )


def test_admin_registers_a_webhook_and_never_sees_the_secret(admin, db) -> None:  # type: ignore[no-untyped-def]
    body = {
        "name": "dcim",
        "payload_url": "https://dcim.example/hook",
        "secret": SECRET,
        "events": ["mac_recorded"],
    }
    response = admin.post("/api/v1/extras/webhooks/", body, format="json")
    assert response.status_code == 201, response.json()
    assert "secret" not in response.json()
    assert Webhook.objects.get().events == ["mac_recorded"]


def test_mac_signal_queues_one_delivery_per_webhook_once(
    hook, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from inventory.signals import mac_recorded

    event = _event()
    with (
        mock.patch.object(deliver_webhook, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        mac_recorded.send(sender=MacEvent, event=event)
        mac_recorded.send(sender=MacEvent, event=event)  # heard twice: still one delivery
    delivery = WebhookDelivery.objects.get()
    assert delivery.event_key == f"mac:{event.pk}"
    assert delivery.payload["mac_event"]["id"] == event.pk
    delay.assert_called_once_with(delivery.pk)


def test_channel_status_signal_queues_a_delivery(hook, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from inventory.models import Channel
    from inventory.signals import channel_status_changed

    channel = Channel(pk=7, name="c7", problem_codes=["polarity"], loss_db=1.2)
    with (
        mock.patch.object(deliver_webhook, "delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        channel_status_changed.send(sender=Channel, channel=channel, before="ok", after="failing")
    payload = WebhookDelivery.objects.get().payload
    assert payload["channel"] == {
        "id": 7,
        "name": "c7",
        "before": "ok",
        "after": "failing",
        "problem_codes": ["polarity"],
        "loss_db": 1.2,
    }


def test_delivery_is_signed_and_sent_once(hook) -> None:  # type: ignore[no-untyped-def]
    (pk,) = webhooks.enqueue(event="mac_recorded", event_key="mac:1", payload={"a": 1})
    ok = mock.Mock(status_code=204, text="")
    with mock.patch("api.tasks.requests.post", return_value=ok) as post:
        assert deliver_webhook.run(pk) == "delivered"
        assert deliver_webhook.run(pk) == "skipped"  # a redelivered task does not POST again
    post.assert_called_once()
    body = post.call_args.kwargs["data"]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert post.call_args.kwargs["headers"][SIGNATURE_HEADER] == expected
    assert json.loads(body) == {"a": 1}
    delivery = WebhookDelivery.objects.get(pk=pk)
    assert (delivery.status, delivery.attempts, delivery.response_code) == (
        DeliveryStatus.DELIVERED,
        1,
        204,
    )


def test_server_errors_and_network_errors_are_retried(hook) -> None:  # type: ignore[no-untyped-def]
    (pk,) = webhooks.enqueue(event="mac_recorded", event_key="mac:2", payload={})
    with (
        mock.patch("api.tasks.requests.post", return_value=mock.Mock(status_code=503, text="busy")),
        pytest.raises(WebhookRetry),
    ):
        deliver_webhook.run(pk)
    down = requests.ConnectionError("down")
    with mock.patch("api.tasks.requests.post", side_effect=down), pytest.raises(WebhookRetry):
        deliver_webhook.run(pk)
    delivery = WebhookDelivery.objects.get(pk=pk)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 2)
    assert deliver_webhook.autoretry_for == (WebhookRetry,)
    assert deliver_webhook.retry_backoff


def test_client_errors_fail_without_retry(hook) -> None:  # type: ignore[no-untyped-def]
    (pk,) = webhooks.enqueue(event="mac_recorded", event_key="mac:3", payload={})
    with mock.patch(
        "api.tasks.requests.post", return_value=mock.Mock(status_code=410, text="gone")
    ):
        assert deliver_webhook.run(pk) == "failed"
    assert WebhookDelivery.objects.get(pk=pk).status == DeliveryStatus.FAILED


def test_disabled_or_unsubscribed_webhooks_get_nothing(hook) -> None:  # type: ignore[no-untyped-def]
    Webhook.objects.create(name="off", url="http://127.0.0.1:9/", secret=SECRET, enabled=False)
    Webhook.objects.create(
        name="ch", url="http://127.0.0.1:9/", secret=SECRET, events=["channel_status_changed"]
    )
    assert len(webhooks.enqueue(event="mac_recorded", event_key="mac:4", payload={})) == 1
