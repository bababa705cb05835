"""Each database constraint of the inventory refuses what it should."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from inventory.models import (
    Cable,
    Cassette,
    Channel,
    ConnectorEnd,
    ConnectorModel,
    MacEvent,
    Panel,
    Rack,
    Room,
    Site,
)
from inventory.models.macs import ImmutableEventError
from tests import factories as f

pytestmark = pytest.mark.django_db


def _refused(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_places_unique_names_and_ranges():
    site = Site.objects.create(name="DC9", code="dc9")
    room = Room.objects.create(site=site, name="Hall")
    _refused(lambda: Room.objects.create(site=site, name="Hall"))
    rack = Rack.objects.create(room=room, name="R1")
    _refused(lambda: Rack.objects.create(room=room, name="R1"))
    _refused(lambda: Rack.objects.create(room=room, name="R2", u_height=0))
    Panel.objects.create(rack=rack, name="P1", slot_count=24)
    _refused(lambda: Panel.objects.create(rack=rack, name="P1"))
    _refused(lambda: Panel.objects.create(rack=rack, name="P2", slot_count=0))
    assert str(room) == "dc9/Hall"


def test_connector_model_loss_order_and_cycles():
    _refused(
        lambda: ConnectorModel.objects.create(
            maker="X",
            name="bad",
            brand="generic",
            family="MPO-12",
            typical_loss_db=0.9,
            max_loss_db=0.5,
        )
    )
    _refused(
        lambda: ConnectorModel.objects.create(
            maker="X", name="zero", brand="generic", family="MPO-12", rated_cycles=0
        )
    )


@pytest.mark.parametrize(
    ("kind", "polarity", "connector", "ok"),
    [
        ("mpo_trunk", "B", "MPO-12", True),
        ("mpo_patch", "A-B", "MPO-12", False),
        ("lc_duplex", "A-B", "LC", True),
        ("lc_duplex", "B", "LC", False),
        ("lc_duplex", "A-A", "MPO-12", False),
    ],
)
def test_cable_kind_matches_polarity_and_connector(kind, polarity, connector, ok):
    make = lambda: Cable.objects.create(  # noqa: E731
        label=f.unique("K"), kind=kind, polarity=polarity, connector=connector, fiber_type="OM4"
    )
    if ok:
        assert make().pk
    else:
        _refused(make)


def test_cable_length_not_negative():
    _refused(
        lambda: Cable.objects.create(
            label="neg",
            kind="mpo_trunk",
            polarity="B",
            connector="MPO-12",
            fiber_type="OM4",
            length_m=-1,
        )
    )


def test_end_needs_exactly_one_owner_and_unique_positions():
    cable = f.mpo_cable()
    model = f.models()["mpo12"]
    _refused(
        lambda: ConnectorEnd.objects.create(label="orphan", connector_model=model, gender="male")
    )
    _refused(
        lambda: ConnectorEnd.objects.create(
            label="dup", connector_model=model, gender="male", cable=cable, cable_end=0
        )
    )
    _refused(
        lambda: ConnectorEnd.objects.create(
            label="third", connector_model=model, gender="male", cable=cable, cable_end=2
        )
    )


def test_end_adapter_side_rules_and_not_self_mated():
    cable = f.mpo_cable()
    adapter = f.adapter()
    e0, e1 = f.end(cable, 0), f.end(cable, 1)
    _refused(
        lambda: ConnectorEnd.objects.filter(pk=e0.pk).update(adapter=adapter, adapter_side=None)
    )
    _refused(lambda: ConnectorEnd.objects.filter(pk=e0.pk).update(adapter_side=1))
    ConnectorEnd.objects.filter(pk=e0.pk).update(adapter=adapter, adapter_side=0)
    _refused(lambda: ConnectorEnd.objects.filter(pk=e1.pk).update(adapter=adapter, adapter_side=0))
    _refused(lambda: ConnectorEnd.objects.filter(pk=e1.pk).update(mate=e1.pk))


def test_one_mate_at_a_time():
    a, b, c = f.mpo_cable(), f.mpo_cable(), f.mpo_cable()
    ConnectorEnd.objects.filter(pk=f.end(a, 0).pk).update(mate=f.end(b, 0).pk)
    _refused(lambda: ConnectorEnd.objects.filter(pk=f.end(c, 0).pk).update(mate=f.end(b, 0).pk))


def test_cassette_slot_unique_and_rear_is_mpo():
    panel = Panel.objects.create(
        rack=Rack.objects.create(
            room=Room.objects.create(site=Site.objects.create(name="S", code="s"), name="R"),
            name="K",
        ),
        name="P",
    )
    Cassette.objects.create(label="C1", panel=panel, slot=1, polarity="A")
    _refused(lambda: Cassette.objects.create(label="C2", panel=panel, slot=1, polarity="A"))
    _refused(lambda: Cassette.objects.create(label="C3", polarity="A", connector="LC"))
    _refused(lambda: Cassette.objects.create(label="C4", polarity="A", front_ports=0))


def test_channel_needs_two_distinct_ports():
    p = f.port()
    _refused(lambda: Channel.objects.create(name="loop", a_port=p, b_port=p))


def test_mac_events_are_immutable():
    event = MacEvent.objects.create(action="clean_inspect")
    event.note = "rewrite history"
    with pytest.raises(ImmutableEventError):
        event.save()
    with pytest.raises(ImmutableEventError):
        event.delete()
    assert MacEvent.objects.get(pk=event.pk).note == ""
