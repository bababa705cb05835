"""Tracing the stored plant: every channel kind of the demo pod, open ends and loops."""

from __future__ import annotations

from typing import Any

import pytest

from inventory import services
from inventory.demo import far_front_port
from inventory.models import Cable, Channel, ConnectorEnd, Port
from inventory.trace import trace_channel, trace_from_port
from tests import factories as f

pytestmark = pytest.mark.django_db


def shape(spec: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Reduce a traced spec to (kind, label, the fields that decide polarity, gender…)."""
    out: list[tuple[Any, ...]] = []
    for el in spec["elements"]:
        kind = el["kind"]
        if kind == "transceiver":
            out.append((kind, el["label"], el["application"], el["gender"], el["polish"]))
        elif kind == "mpo_cable":
            ends = tuple((e["gender"], e["brand"]) for e in el["ends"])
            out.append((kind, el["label"], el["polarity"], el["connector"], el["fiber_type"], ends))
        elif kind == "mpo_adapter":
            out.append((kind, el["label"], el["type"]))
        elif kind == "cassette":
            out.append((kind, el["label"], el["polarity"], el["lc_port"], el["mpo_end"]["gender"]))
        else:
            out.append((kind, el["label"], el["polarity"]))
    return out


def channel(name_start: str) -> Channel:
    return Channel.objects.get(name__startswith=name_start)


@pytest.fixture
def pod() -> None:
    f.demo_pod(1)


def test_sr4_method_b_through_mtp_pro_trunk(pod):
    """leaf:Eth1/1 ─ PC-A (B) ─[B]─ T-0 (B, MTP PRO, pinned) ─[B]─ PC-B (B) ─ spine:Eth1/1.

    TIA Method B for parallel optics: Type B cords, adapters and trunk.
    """
    t = trace_channel(channel=channel("leaf0000:Eth1/1 "))
    assert t.status == "complete", t.message
    mtp, pro = ("female", "MTP"), ("male", "MTP PRO")
    assert shape(t.spec) == [
        ("transceiver", "leaf0000:Eth1/1", "100GBASE-SR4", "male", "UPC"),
        ("mpo_cable", "PC-0000-0A", "B", "MPO-12", "OM4", (mtp, mtp)),
        ("mpo_adapter", "L0000-FP1-1", "B"),
        ("mpo_cable", "T-0000-0", "B", "MPO-12", "OM4", (pro, pro)),
        ("mpo_adapter", "S0000-FP1-1", "B"),
        ("mpo_cable", "PC-0000-0B", "B", "MPO-12", "OM4", (mtp, mtp)),
        ("transceiver", "spine0000:Eth1/1", "100GBASE-SR4", "male", "UPC"),
    ]
    assert t.far_port_id == Port.objects.get(device__name="spine0000", name="Eth1/1").pk
    assert len(t.end_ids) == 8  # two ports and six cable ends
    ids = [e["id"] for e in t.spec["elements"]]
    assert (
        ids[0].startswith("port:") and ids[1].startswith("cable:") and ids[2].startswith("adapter:")
    )


def test_sr4_through_generic_trunk(pod):
    """leaf:Eth1/2 ─ PC-A (B) ─[B]─ T-1 (B, generic MPO) ─[B]─ PC-B (B) ─ spine:Eth1/2."""
    t = trace_channel(channel=channel("leaf0000:Eth1/2 "))
    generic = ("male", "generic")
    assert shape(t.spec)[3] == ("mpo_cable", "T-0000-1", "B", "MPO-12", "OM4", (generic, generic))
    assert [s[0] for s in shape(t.spec)] == [
        "transceiver", "mpo_cable", "mpo_adapter", "mpo_cable", "mpo_adapter", "mpo_cable",
        "transceiver",
    ]  # fmt: skip


def test_dr4_method_a_apc(pod):
    """leaf:Eth1/5 ─ PC-A (A, APC) ─[A]─ T-4 (A, MTP PRO APC) ─[A]─ PC-B (B) ─ spine:Eth1/5.

    TIA Method A for parallel optics: Type A adapters and trunk, one Type A and one
    Type B cord; single-mode APC through key-up/key-down adapters only.
    """
    t = trace_channel(channel=channel("leaf0000:Eth1/5 "))
    cord, pro = ("female", "generic"), ("male", "MTP PRO")
    assert shape(t.spec) == [
        ("transceiver", "leaf0000:Eth1/5", "400GBASE-DR4", "male", "APC"),
        ("mpo_cable", "PC-0000-4A", "A", "MPO-12", "OS2", (cord, cord)),
        ("mpo_adapter", "L0000-FP1-5", "A"),
        ("mpo_cable", "T-0000-4", "A", "MPO-12", "OS2", (pro, pro)),
        ("mpo_adapter", "S0000-FP1-5", "A"),
        ("mpo_cable", "PC-0000-4B", "B", "MPO-12", "OS2", (cord, cord)),
        ("transceiver", "spine0000:Eth1/5", "400GBASE-DR4", "male", "APC"),
    ]
    assert all(e["polish"] == "APC" for el in t.spec["elements"][1::2] for e in el.get("ends", []))


def test_sr8_mpo16_over_mtp_pro(pod):
    """leaf:Eth1/7 ─ PC-A (B, MPO-16) ─[B]─ T-6 (B) ─[B]─ PC-B (B) ─ spine:Eth1/7."""
    t = trace_channel(channel=channel("leaf0000:Eth1/7 "))
    cord, trunk = ("female", "MTP PRO"), ("male", "MTP PRO")
    assert shape(t.spec) == [
        ("transceiver", "leaf0000:Eth1/7", "400GBASE-SR8", "male", "UPC"),
        ("mpo_cable", "PC-0000-6A", "B", "MPO-16", "OM4", (cord, cord)),
        ("mpo_adapter", "L0000-FP1-7", "B"),
        ("mpo_cable", "T-0000-6", "B", "MPO-16", "OM4", (trunk, trunk)),
        ("mpo_adapter", "S0000-FP1-7", "B"),
        ("mpo_cable", "PC-0000-6B", "B", "MPO-16", "OM4", (cord, cord)),
        ("transceiver", "spine0000:Eth1/7", "400GBASE-SR8", "male", "UPC"),
    ]


@pytest.mark.parametrize("n", [1, 2, 6])
def test_breakout_to_duplex_one_channel_per_pair(pod, n):
    """leaf:Eth2/n ─ LC-nL (A-B) ─ CAS-L port n ═ T-BO (B) ═ CAS-C port 7-n ─ LC (A-B) ─ gpu:eth n.

    One MPO trunk feeds six duplex channels; through two Type B modules and a Type B
    trunk, front port n comes out on the far module's port 7-n (where the demo cables it).
    """
    far = far_front_port(n)
    assert far == 7 - n
    t = trace_channel(channel=channel(f"leaf0000:Eth2/{n} "))
    assert t.status == "complete", t.message
    trunk = ("female", "MTP PRO")
    assert shape(t.spec) == [
        ("transceiver", f"leaf0000:Eth2/{n}", "25GBASE-SR", "male", "UPC"),
        ("lc_cord", f"LC-0000-{n}L", "A-B"),
        ("cassette", "CAS-0000-L", "B", n, "male"),
        ("mpo_cable", "T-0000-BO", "B", "MPO-12", "OM4", (trunk, trunk)),
        ("cassette", "CAS-0000-C", "B", far, "male"),
        ("lc_cord", f"LC-0000-{n}C", "A-B"),
        ("transceiver", f"gpu0000:eth{n}", "25GBASE-SR", "male", "UPC"),
    ]
    assert t.lc_port == n
    # ports 2 + cords 4 + module fronts 2 + module rears 2 + trunk ends 2
    assert len(t.end_ids) == len(set(t.end_ids)) == 12
    assert len(t.lc_faces) == 6


def test_trace_from_the_far_port_walks_the_same_parts_backwards(pod):
    """gpu:eth1 ─ … ─ leaf:Eth2/1: the same elements in reverse order."""
    forward = trace_channel(channel=channel("leaf0000:Eth2/1 "))
    backward = trace_from_port(port=Port.objects.get(device__name="gpu0000", name="eth1"))
    assert [e["id"] for e in backward.spec["elements"]] == [
        e["id"] for e in reversed(forward.spec["elements"])
    ]
    assert set(backward.end_ids) == set(forward.end_ids)


def test_open_end_is_a_result_not_an_exception(pod):
    """leaf:Eth1/1 ─ PC-A ─[B]─ T-0 ─[B]─ (PC-B unplugged): open at the trunk's far end."""
    trunk_far = ConnectorEnd.objects.get(label="T-0000-0/2")
    services.disconnect(end=trunk_far)
    t = trace_channel(channel=channel("leaf0000:Eth1/1 "))
    assert t.status == "open"
    assert "T-0000-0/2" in t.message
    assert [e["kind"] for e in t.spec["elements"]] == [
        "transceiver", "mpo_cable", "mpo_adapter", "mpo_cable"
    ]  # fmt: skip
    assert t.far_port_id is None


def test_unplugged_port_is_open():
    """A port with nothing in it traces to itself and stops."""
    port = f.port()
    t = trace_from_port(port=port)
    assert (t.status, len(t.spec["elements"]), t.end_ids) == ("open", 1, [port.end.pk])


def test_loop_back_into_the_same_module_is_reported():
    """port ─ LC1 ─ C front 1 ═ C rear ─ T (B) ─ D rear ═ D front k ─ LC2 ─ C front 2 ═ C rear …

    The second cord brings the path back into the module it already left by its rear.
    """
    m = f.models()
    c = services.cassette_create(
        label="LOOP-C", polarity="B", rear_model=m["mpo12"], front_model=m["lc"]
    )
    d = services.cassette_create(
        label="LOOP-D", polarity="B", rear_model=m["mpo12"], front_model=m["lc"]
    )
    trunk = f.mpo_cable(polarity="B", kind="mpo_trunk")
    port = f.port(application="25GBASE-SR", model="sfp")
    cord1, cord2 = f.lc_cord(), f.lc_cord()

    def front(cas, n):
        return ConnectorEnd.objects.get(cassette=cas, cassette_port=n)

    services.connect(end_a=port.end, end_b=f.end(cord1, 0))
    services.connect(end_a=f.end(cord1, 1), end_b=front(c, 1))
    services.connect(end_a=front(c, 0), end_b=f.end(trunk, 0))
    services.connect(end_a=f.end(trunk, 1), end_b=front(d, 0))
    services.connect(end_a=front(d, far_front_port(1)), end_b=f.end(cord2, 0))
    services.connect(end_a=f.end(cord2, 1), end_b=front(c, 2))
    t = trace_from_port(port=port)
    assert t.status == "loop"
    assert "LOOP-C/rear" in t.message
    assert Cable.objects.count() == 3
