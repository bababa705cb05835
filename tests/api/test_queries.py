"""Every list endpoint costs the same number of queries for 3 objects and for 300."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import Webhook, WebhookDelivery
from inventory.demo import build_demo
from inventory.models import (
    Application,
    Cable,
    Cassette,
    Channel,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MacEvent,
    MpoAdapter,
    Panel,
    Port,
    Rack,
    Room,
    Site,
)


def _sites(n: int) -> None:
    start = Site.objects.count()
    Site.objects.bulk_create(Site(name=f"Site {i}", code=f"site-{i}") for i in range(start, n))


def _rooms(n: int) -> None:
    _sites(1)
    site = Site.objects.first()
    start = Room.objects.count()
    Room.objects.bulk_create(Room(site=site, name=f"Room {i}") for i in range(start, n))


def _racks(n: int) -> None:
    _rooms(1)
    room = Room.objects.first()
    start = Rack.objects.count()
    Rack.objects.bulk_create(Rack(room=room, name=f"Rack {i}") for i in range(start, n))


def _panels(n: int) -> None:
    _racks(1)
    rack = Rack.objects.first()
    start = Panel.objects.count()
    Panel.objects.bulk_create(Panel(rack=rack, name=f"Panel {i}") for i in range(start, n))


def _devices(n: int) -> None:
    _racks(1)
    rack = Rack.objects.first()
    start = Device.objects.count()
    Device.objects.bulk_create(Device(name=f"Device {i}", rack=rack) for i in range(start, n))


def _connector_models(n: int) -> None:
    start = ConnectorModel.objects.count()
    ConnectorModel.objects.bulk_create(
        ConnectorModel(
            maker="Test",
            name=f"Model {i}",
            brand="generic",
            family="LC",
            typical_loss_db=Decimal("0.2"),
            max_loss_db=Decimal("0.5"),
        )
        for i in range(start, n)
    )


def _applications(n: int) -> None:
    base = Application.objects.first()
    start = Application.objects.count()
    Application.objects.bulk_create(
        Application(
            name=f"APP-{i}",
            connector=base.connector,
            tx_positions=base.tx_positions,
            rx_positions=base.rx_positions,
            media=base.media,
        )
        for i in range(start, n)
    )


def _plant(model: type) -> Callable[[int], None]:
    def grow(n: int) -> None:
        while model.objects.count() < n:
            build_demo(channels=14 * max(1, (n - model.objects.count()) // 4))

    return grow


def _mac_events(n: int) -> None:
    _plant(Cable)(1)
    cable = Cable.objects.first()
    end = ConnectorEnd.objects.filter(cable=cable).first()
    start = MacEvent.objects.count()
    MacEvent.objects.bulk_create(
        MacEvent(action="clean_inspect", end_a=end, end_b=end.mate, cable=cable)
        for _ in range(start, n)
    )


def _webhooks(n: int) -> None:
    start = Webhook.objects.count()
    Webhook.objects.bulk_create(
        Webhook(name=f"hook {i}", url="https://dcim.example/hook", secret="s" * 20)
        for i in range(start, n)
    )


def _deliveries(n: int) -> None:
    _webhooks(1)
    hook = Webhook.objects.first()
    start = WebhookDelivery.objects.count()
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(webhook=hook, event="mac_recorded", event_key=f"mac:{i}", payload={})
        for i in range(start, n)
    )


LISTS: dict[str, Callable[[int], None]] = {
    "dcim/sites": _sites,
    "dcim/rooms": _rooms,
    "dcim/racks": _racks,
    "dcim/panels": _panels,
    "dcim/connector-models": _connector_models,
    "dcim/applications": _applications,
    "dcim/devices": _devices,
    "dcim/ports": _plant(Port),
    "dcim/cables": _plant(Cable),
    "dcim/cassettes": _plant(Cassette),
    "dcim/adapters": _plant(MpoAdapter),
    "dcim/connector-ends": _plant(ConnectorEnd),
    "dcim/mac-events": _mac_events,
    "channels": _plant(Channel),
    "extras/webhooks": _webhooks,
    "extras/webhook-deliveries": _deliveries,
}


@pytest.mark.parametrize("path", list(LISTS))
def test_list_queries_do_not_grow(path: str, admin, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Listing 300 objects takes no more queries than listing 3 (no N+1), full or brief."""
    urls = [f"/api/v1/{path}/?limit=1000", f"/api/v1/{path}/?limit=1000&brief=true"]
    LISTS[path](3)
    small = []
    for url in urls:
        admin.get(url)  # warm the caches (content types, token) outside the count
        with CaptureQueriesContext(connection) as captured:
            response = admin.get(url)
        assert response.status_code == 200
        assert response.json()["count"] >= 3
        small.append(len(captured.captured_queries))
    LISTS[path](300)
    for url, queries in zip(urls, small, strict=True):
        with django_assert_max_num_queries(queries):
            response = admin.get(url)
        assert response.status_code == 200
        assert len(response.json()["results"]) >= 300
