"""The catalogue is data: the figures of fiber-polarity.md, buildable from plain rows."""

from __future__ import annotations

import pytest

from polarity.catalogue import DEFAULT_CATALOGUE, ApplicationSpec, Catalogue, FiberSpec
from polarity.elements import Brand, FiberType

REQUIRED = [
    "10GBASE-SR",
    "25GBASE-SR",
    "40GBASE-SR4",
    "100GBASE-SR4",
    "100GBASE-DR",
    "400GBASE-SR8",
    "400GBASE-DR4",
    "800GBASE-SR8",
    "800GBASE-DR8",
]


@pytest.mark.parametrize(
    ("name", "connector", "fiber", "reach", "budget"),
    [
        ("10GBASE-SR", "LC", "OM4", 400, 2.9),
        ("25GBASE-SR", "LC", "OM3", 70, 1.8),
        ("40GBASE-SR4", "MPO-12", "OM4", 150, 1.5),
        ("100GBASE-SR4", "MPO-12", "OM4", 100, 1.9),
        ("100GBASE-DR", "LC", "OS2", 500, 3.0),
        ("400GBASE-SR8", "MPO-16", "OM5", 100, 1.9),
        ("400GBASE-DR4", "MPO-12", "OS2", 500, 3.0),
        ("800GBASE-SR8", "MPO-16", "OM4", 50, 1.8),
        ("800GBASE-DR8", "MPO-16", "OS2", 500, 3.0),
    ],
)
def test_ieee_figures(name: str, connector: str, fiber: str, reach: float, budget: float) -> None:
    app = DEFAULT_CATALOGUE.get(name)
    assert app.connector.value == connector
    spec = app.fiber_map[FiberType(fiber)]
    assert (spec.reach_m, spec.budget_db) == (reach, budget)


def test_all_contract_applications_present() -> None:
    assert set(REQUIRED) <= set(DEFAULT_CATALOGUE.names)


def test_parallel_lanes_pair_tx_with_the_mirrored_receiver() -> None:
    """SR4: Tx 1-4, Rx 9-12; Tx1 pairs with position 12 (one Type B cable joins ports)."""
    app = DEFAULT_CATALOGUE.get("100GBASE-SR4")
    assert app.tx == (1, 2, 3, 4) and app.rx == (12, 11, 10, 9)
    assert app.layout.names[12] == "Rx1"


def test_defaults_from_the_reference() -> None:
    cat = DEFAULT_CATALOGUE
    assert cat.mated_pair_loss_db[Brand.GENERIC] == 0.75
    assert cat.mated_pair_loss_db[Brand.MTP] == 0.35
    assert cat.rated_cycles == {Brand.GENERIC: 500, Brand.MTP: 1000, Brand.MTP_PRO: 1000}
    assert cat.lc_rated_cycles == 500


def test_built_from_plain_rows() -> None:
    """The inventory builds a catalogue from database rows: strings and numbers only."""
    app = ApplicationSpec(
        name="X-SR2",
        connector="MPO-12",
        tx=[1, 2],
        rx=[11, 12],
        fibers=[("OM4", 100, 1.9)],
        gender="male",
        polish="UPC",
    )
    cat = Catalogue(
        applications=[app],
        mated_pair_loss_db={"generic": 0.5, "MTP": 0.3, "MTP PRO": 0.3},
        attenuation_db_per_km={"OM3": 3, "OM4": 3, "OM5": 3, "OS2": 0.4},
        rated_cycles={"generic": 400, "MTP": 800, "MTP PRO": 800},
    )
    assert cat.get("X-SR2").fibers == (FiberSpec(FiberType.OM4, 100, 1.9),)
    assert cat.get("X-SR2").rx == (12, 11)


@pytest.mark.parametrize(("tx", "rx"), [((1, 2), (3,)), ((1, 2), (2, 3)), ((13,), (1,)), ((), ())])
def test_bad_lane_positions_rejected(tx: tuple[int, ...], rx: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        ApplicationSpec("bad", "MPO-12", tx, rx, [("OM4", 100, 1.9)])
