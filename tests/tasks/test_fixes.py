"""Suggestions for wear alerts and failing channels: field fixes first, each priced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.fixes import alert_fixes, channel_fixes
from inventory.models import Channel, ReorderFigure, WearAlert
from inventory.wear import wear_scan
from tests import factories
from tests.tasks.conftest import set_cycles

pytestmark = pytest.mark.django_db


def alert_for(model: str, genders: tuple[str, str], kind: str = "mpo_patch") -> WearAlert:
    end = factories.end(factories.mpo_cable(model=model, genders=genders, kind=kind), 0)
    set_cycles(end, 2000)
    wear_scan()
    return WearAlert.objects.select_related("end__connector_model", "end__cable").get(
        end=end, level="critical"
    )


def test_mtp_pro_pinned_end_gets_a_pin_clamp_on_site_before_any_reorder() -> None:
    ReorderFigure.objects.update_or_create(
        part="mpo_trunk", defaults={"cost": Decimal("399.00"), "lead_time_days": 30}
    )
    fixes = alert_fixes(alert_for("pro12", ("male", "male"), kind="mpo_trunk"))

    assert [f.action for f in fixes] == ["service_pins", "clean_inspect", "replace"]
    assert [f.field_service for f in fixes] == [True, True, False]
    assert fixes[0].saves is not None and fixes[0].saves.cost == Decimal("399.00")
    assert "saves a reorder of 399.00 EUR and 30 days" in fixes[0].value_line()
    assert fixes[2].needs is not None and fixes[2].needs.lead_time_days == 30


def test_generic_mpo_is_replaced_not_serviced() -> None:
    fixes = alert_fixes(alert_for("mpo12", ("male", "female")))
    assert "service_pins" not in [f.action for f in fixes]
    replace = fixes[-1]
    assert replace.action == "replace" and replace.needs is not None
    assert replace.needs.part == "mpo_patch"
    assert replace.message.startswith("Replace the cable of ")


def test_figures_fall_back_to_defaults_when_an_admin_deleted_the_row() -> None:
    ReorderFigure.objects.filter(part="mpo_patch").delete()
    fixes = alert_fixes(alert_for("mpo12", ("female", "female")))
    assert fixes[-1].needs is not None and fixes[-1].needs.cost == Decimal("95.00")


def test_channel_fixes_reuse_the_engine_suggestions_field_first_and_priced() -> None:
    a, b = factories.port(), factories.port()
    channel = Channel.objects.create(
        name="ch",
        a_port=a,
        b_port=b,
        status="failing",
        spec={
            "elements": [
                {"kind": "transceiver"},
                {"kind": "mpo_cable", "role": "patch"},
                {"kind": "mpo_cable", "role": "trunk"},
                {"kind": "transceiver"},
            ]
        },
        result={
            "suggestions": [
                {
                    "action": "replace",
                    "element": 1,
                    "end": None,
                    "field_service": False,
                    "message": "Replace cord",
                },
                {
                    "action": "flip_polarity",
                    "element": 2,
                    "end": 1,
                    "field_service": True,
                    "message": "Reverse the key on end 2 of trunk (MTP PRO)",
                },
            ]
        },
    )
    fixes = channel_fixes(channel)
    assert [(f.action, f.element, f.end) for f in fixes] == [
        ("flip_polarity", 2, 1),
        ("replace", 1, None),
    ]
    assert fixes[0].saves is not None and fixes[0].saves.part == "mpo_trunk"
    assert fixes[1].needs is not None and fixes[1].needs.part == "mpo_patch"
    assert fixes[0].as_dict()["saves"]["lead_time_days"] == 21


def test_a_channel_without_suggestions_has_no_fixes() -> None:
    channel = Channel(name="x", result={})
    assert channel_fixes(channel) == []
