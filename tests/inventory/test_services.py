"""Each MAC service: what it does, and each refusal leaves the plant exactly as it was."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from inventory import services
from inventory.errors import PlantError
from inventory.models import Cable, ConnectorEnd, MacEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    """Everything a refused MAC must leave untouched."""
    return (
        list(
            ConnectorEnd.objects.order_by("pk").values_list(
                "pk", "mate_id", "adapter_id", "adapter_side", "mating_cycles", "gender", "key"
            )
        ),
        list(Cable.objects.order_by("pk").values_list("pk", "polarity", "status", "label")),
        MacEvent.objects.count(),
    )


def refused(code_or_field: str, **call) -> PlantError:
    """Run a MAC that must be refused; check nothing changed and return the error."""
    before = snapshot()
    action = call.pop("action")
    with pytest.raises(PlantError) as info:
        services.perform_mac(action=action, **call)
    assert snapshot() == before
    assert code_or_field in (info.value.code, info.value.field), info.value.as_dict()
    assert info.value.message
    return info.value


def cycles(*ends: ConnectorEnd) -> list[int]:
    return [ConnectorEnd.objects.get(pk=e.pk).mating_cycles for e in ends]


def mated_pair():
    """cord(1) ─[Type B adapter]─ trunk(1), both unmated otherwise."""
    cord, trunk = f.mpo_cable(), f.mpo_cable(genders=("male", "male"), kind="mpo_trunk")
    adapter = f.adapter()
    event = services.connect(end_a=f.end(cord, 1), end_b=f.end(trunk, 0), adapter=adapter)
    return cord, trunk, adapter, event


def test_connect_mates_both_ways_counts_cycles_and_logs():
    user = f.user("technician")
    cord, trunk = f.mpo_cable(), f.mpo_cable(genders=("male", "male"))
    adapter = f.adapter()
    a, b = f.end(cord, 1), f.end(trunk, 0)
    event = services.connect(
        end_a=a, end_b=b, adapter=adapter, user=user, work_order=" WO-1 ", note="new link"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.mate_id, b.mate_id) == (b.pk, a.pk)
    assert (a.adapter_id, a.adapter_side, b.adapter_side) == (adapter.pk, 0, 1)
    assert (a.mating_cycles, b.mating_cycles) == (1, 1)
    assert (event.action, event.user, event.work_order) == ("connect", user, "WO-1")
    assert (event.end_a_id, event.end_b_id, event.adapter_id) == (a.pk, b.pk, adapter.pk)


def test_connect_port_to_cord_needs_no_adapter():
    port, cord = f.port(), f.mpo_cable()
    services.connect(end_a=port.end, end_b=f.end(cord, 0))
    assert ConnectorEnd.objects.get(pk=port.end.pk).mate_id == f.end(cord, 0).pk


def test_connect_refusals_change_nothing():
    cord, trunk, adapter, _ = mated_pair()
    other = f.mpo_cable()
    lc = f.lc_cord()
    port_a, port_b = f.port(), f.port()
    free = f.adapter()
    refused(
        "already_mated", action="connect", end_a=f.end(other, 0), end_b=f.end(cord, 1), adapter=free
    )
    refused("same_end", action="connect", end_a=f.end(other, 0), end_b=f.end(other, 0))
    refused("incompatible_family", action="connect", end_a=f.end(lc, 0), end_b=f.end(other, 0))
    refused(
        "lc_in_mpo", action="connect", end_a=f.end(lc, 0), end_b=f.end(f.lc_cord(), 0), adapter=free
    )
    refused("adapter_required", action="connect", end_a=f.end(other, 0), end_b=f.end(trunk, 1))
    refused(
        "adapter_in_use",
        action="connect",
        end_a=f.end(other, 0),
        end_b=f.end(trunk, 1),
        adapter=adapter,
    )
    refused("no_plug", action="connect", end_a=port_a.end, end_b=port_b.end)
    refused(
        "adapter_not_needed",
        action="connect",
        end_a=port_a.end,
        end_b=f.end(other, 0),
        adapter=free,
    )


def test_disconnect_frees_ends_and_adapter_and_counts():
    cord, trunk, adapter, _ = mated_pair()
    a, b = f.end(cord, 1), f.end(trunk, 0)
    event = services.disconnect(end=a, work_order="WO-2")
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.mate_id is None and b.mate_id is None and a.adapter_id is None
    assert cycles(a, b) == [2, 2]
    assert (event.action, event.end_b_id, event.adapter_id) == ("disconnect", b.pk, adapter.pk)
    refused("not_mated", action="disconnect", end=a)


def test_move_replugs_and_counts_each_mate_and_unmate():
    cord, trunk, _adapter, _ = mated_pair()
    a, old = f.end(cord, 1), f.end(trunk, 0)
    other = f.mpo_cable(genders=("male", "male"))
    new = f.end(other, 0)
    event = services.move(end=a, to_end=new, adapter=f.adapter())
    assert ConnectorEnd.objects.get(pk=a.pk).mate_id == new.pk
    assert ConnectorEnd.objects.get(pk=old.pk).mate_id is None
    assert cycles(a, old, new) == [3, 2, 1]
    assert event.details["from_end"] == old.pk


def test_move_refusals_change_nothing():
    cord, trunk, _adapter, _ = mated_pair()
    refused("not_mated", action="move", end=f.end(cord, 0), to_end=f.end(trunk, 1))
    refused("same_mate", action="move", end=f.end(cord, 1), to_end=f.end(trunk, 0))
    # Moving into an LC end is refused and the old mating stays in place.
    refused("incompatible_family", action="move", end=f.end(cord, 1), to_end=f.end(f.lc_cord(), 0))


def test_change_gender_on_mtp_pro_only():
    pro = f.mpo_cable(model="pro12")
    e = f.end(pro, 0)
    event = services.change_gender(end=e, gender="male")
    assert ConnectorEnd.objects.get(pk=e.pk).gender == "male"
    assert event.details == {"before": "female", "after": "male"}
    refused("no_change", action="change_gender", end=e, gender="male")
    refused("gender", action="change_gender", end=e, gender="neutral")
    refused(
        "not_field_changeable", action="change_gender", end=f.end(f.mpo_cable(), 0), gender="male"
    )
    refused("end", action="change_gender", end=f.port().end, gender="female")


def test_change_polarity_field_changeable_only():
    pro = f.mpo_cable(model="pro12", polarity="B")
    event = services.change_polarity(cable=pro, polarity="A")
    pro.refresh_from_db()
    assert pro.polarity == "A"
    assert f.end(pro, 1).key == "down"
    assert event.details == {"before": "B", "after": "A"}
    refused("no_change", action="change_polarity", cable=pro, polarity="A")
    refused("polarity", action="change_polarity", cable=pro, polarity="C")
    refused("not_field_changeable", action="change_polarity", cable=f.mpo_cable(), polarity="A")
    cord = f.lc_cord(polarity="A-B")
    services.change_polarity(cable=cord, polarity="A-A")
    assert Cable.objects.get(pk=cord.pk).polarity == "A-A"
    refused("polarity", action="change_polarity", cable=cord, polarity="B")


def test_record_inspection_logs_without_cycles():
    cord = f.mpo_cable()
    e = f.end(cord, 0)
    event = services.record_inspection(end=e, passed=False, note="scratch on fibre 3")
    assert event.details == {"passed": False, "cleaned": True}
    assert event.note == "scratch on fibre 3"
    assert cycles(e) == [0]


def test_replace_cable_remates_partners_and_retires_old():
    cord, trunk, adapter, _ = mated_pair()
    port = f.port()
    services.connect(end_a=port.end, end_b=f.end(cord, 0))
    event = services.replace_cable(cable=cord, new_label="PC-NEW", work_order="WO-9")
    new = Cable.objects.get(label="PC-NEW")
    assert Cable.objects.get(pk=cord.pk).status == "retired"
    n0, n1 = f.end(new, 0), f.end(new, 1)
    assert n0.mate_id == port.end.pk and n1.mate_id == f.end(trunk, 0).pk
    assert n1.adapter_id == adapter.pk
    assert f.end(cord, 0).mate_id is None and f.end(cord, 1).mate_id is None
    assert cycles(port.end, n0, f.end(cord, 0)) == [3, 1, 2]
    assert event.details["replaced"] == cord.pk
    refused("retired", action="replace", cable=cord, new_label="PC-NEWER")
    refused("label", action="replace", cable=new, new_label="PC-NEW")


def test_unknown_action_is_refused():
    refused("action", action="teleport")


def test_anonymous_user_is_not_recorded():
    from django.contrib.auth.models import AnonymousUser

    cord = f.mpo_cable()
    event = services.record_inspection(end=f.end(cord, 0), user=AnonymousUser())
    assert event.user is None
    assert User.objects.count() == 0
