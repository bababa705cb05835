"""Engine elements built from rows equal the parsed spec; fingerprints and the three modes."""

from __future__ import annotations

import pytest

from inventory.catalogue import application_catalogue
from inventory.engine_input import ElementBuilder, Fallback
from inventory.models import Application, Cable, Channel, ConnectorEnd, ConnectorModel, Port
from inventory.trace import Plant, walk
from inventory.validation import validate_channels
from polarity.elements import LcAdapter
from polarity.spec import parse_channel
from tests import factories as f
from tests.inventory.test_validation import _coupled_channel

pytestmark = pytest.mark.django_db


def test_built_channels_equal_the_parsed_specs_of_every_demo_channel():
    """Every kind of demo channel, faults included: rows → elements == spec → parser."""
    f.demo_pod(5)
    catalogue = application_catalogue()
    plant = Plant.load_all()
    builder = ElementBuilder(plant, catalogue)
    checked = 0
    for ch in Channel.objects.order_by("pk"):
        trace = walk(plant, ch.a_port_id, lc_port=ch.lc_port, name=ch.name)
        assert trace.status == "complete"
        built = builder.channel(trace)
        parsed = parse_channel(trace.spec, catalogue)
        assert built == parsed, ch.name
        assert built.elements == parsed.elements  # ids and labels included
        checked += 1
    assert checked == 70


def test_a_couplers_built_loss_equals_the_parsed_spec():
    """Two LC cords mated directly: the builder reads the plugs' figures as the spec does."""
    ch, plug, mate = _coupled_channel()
    catalogue = application_catalogue()
    for own in ((None, None), ("0.12", "0.25"), (None, "0.60")):
        for end, loss in zip((plug, mate), own, strict=True):
            ConnectorEnd.objects.filter(pk=end.pk).update(insertion_loss_db=loss)
        plant = Plant.load_all()
        trace = walk(plant, ch.a_port_id, name=ch.name)
        built = ElementBuilder(plant, catalogue).channel(trace)
        parsed = parse_channel(trace.spec, catalogue)
        assert built == parsed and built.elements == parsed.elements
        (coupler,) = [e for e in built.elements if isinstance(e, LcAdapter)]
        assert coupler.insertion_loss_db == {None: 0.30, "0.25": 0.25, "0.60": 0.60}[own[1]]


def test_rows_the_parser_would_refuse_fall_back_to_the_parser():
    """A blank gender (an SQL edit): the builder does not judge it, the parser does."""
    f.demo_pod(1)
    validate_channels()
    end = ConnectorEnd.objects.get(label="PC-0000-0B/1")
    ConnectorEnd.objects.filter(pk=end.pk).update(gender="")
    plant = Plant.load_all()
    builder = ElementBuilder(plant, application_catalogue())
    ch = Channel.objects.get(name__startswith="leaf0000:Eth1/1 ")
    with pytest.raises(Fallback):
        builder.channel(walk(plant, ch.a_port_id, name=ch.name))
    validate_channels()
    ch.refresh_from_db()
    assert ch.status == "invalid"
    errors = ch.result["trace"]["errors"]
    assert errors[0]["path"] == "elements[5].ends[0].gender"  # PC-B, read from spine side
    assert "must be one of 'male', 'female'" in errors[0]["reason"]


def test_a_port_that_cannot_carry_its_lanes_falls_back_to_the_parser():
    f.demo_pod(1)
    validate_channels()
    ch = Channel.objects.get(name__startswith="leaf0000:Eth1/1 ")
    sr8 = Application.objects.get(name="400GBASE-SR8")
    Port.objects.filter(pk=ch.a_port_id).update(application=sr8)  # 16 lanes on an MPO-12
    validate_channels()
    ch.refresh_from_db()
    assert ch.status == "invalid"
    assert "cannot carry the lanes of 400GBASE-SR8" in ch.result["trace"]["errors"][0]["reason"]


def test_a_port_face_no_flip_pairs_falls_back_to_the_parser():
    """An SR8 port given an MPO-24 face: the builder refuses it as the parser does."""
    f.demo_pod(1)
    validate_channels()
    ch = Channel.objects.filter(spec__application="400GBASE-SR8").first()
    assert ch is not None and ch.status == "ok"
    face = ConnectorEnd.objects.get(port_id=ch.a_port_id)
    mpo24 = ConnectorModel.objects.create(maker="test", name="MPO-24 port", family="MPO-24")
    ConnectorEnd.objects.filter(pk=face.pk).update(connector_model=mpo24)
    plant = Plant.load_all()
    with pytest.raises(Fallback):
        ElementBuilder(plant, application_catalogue()).channel(walk(plant, ch.a_port_id))
    validate_channels()
    ch.refresh_from_db()
    assert ch.status == "invalid"
    [error] = ch.result["trace"]["errors"]
    assert error["path"] == "elements[0].connector"
    assert "no single flip pairs each Tx with its Rx" in error["reason"]


def test_a_change_made_behind_the_services_back_is_seen_by_the_steady_run():
    """The fingerprint covers the rows themselves, not the MAC log: an SQL edit counts."""
    f.demo_pod(1)
    validate_channels()
    ch = Channel.objects.get(name__startswith="leaf0000:Eth2/1 ")
    before = ch.fingerprint
    cord = Cable.objects.filter(kind="lc_duplex", ends__channels=ch).first()
    assert cord is not None
    Cable.objects.filter(pk=cord.pk).update(polarity="A-A")
    summary = validate_channels()
    ch.refresh_from_db()
    assert (ch.status, ch.problem_codes) == ("failing", ["polarity"])
    assert ch.fingerprint != before
    assert summary["failing"] == 1
    Cable.objects.filter(pk=cord.pk).update(label="renamed-cord", polarity="A-B")
    validate_channels()
    ch.refresh_from_db()
    assert ch.status == "ok"
    assert "renamed-cord" in [e.get("label") for e in ch.spec["elements"]]


def test_steady_trusts_an_unchanged_fingerprint_and_force_verifies_it():
    """Tamper with a stored verdict: steady keeps it, ``force`` runs the engine and fixes it."""
    f.demo_pod(1)
    validate_channels()
    ch = Channel.objects.get(name__startswith="leaf0000:Eth1/1 ")
    Channel.objects.filter(pk=ch.pk).update(status="failing", problem_codes=["gender"])
    validate_channels()
    ch.refresh_from_db()
    assert ch.status == "failing"  # same rows, same rules: the stored verdict is trusted
    validate_channels(force=True)
    ch.refresh_from_db()
    assert (ch.status, ch.problem_codes) == ("ok", [])


def test_a_deleted_cord_opens_its_channel_on_the_steady_run():
    """A deleted end takes its ChannelEnd row away: the path's sum changes."""
    f.demo_pod(1)
    validate_channels()
    ch = Channel.objects.get(name__startswith="leaf0000:Eth2/1 ")
    cord = Cable.objects.filter(kind="lc_duplex", ends__channels=ch).first()
    assert cord is not None
    ConnectorEnd.objects.filter(cable=cord).delete()
    cord.delete()
    summary = validate_channels()
    ch.refresh_from_db()
    assert ch.status == "open"
    assert summary["open"] == 1
