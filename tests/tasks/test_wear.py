"""The wear scan: thresholds, one alert per end and level, closing on replace or pin service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inventory import services
from inventory.errors import PlantError
from inventory.models import ConnectorEnd, WearAlert
from inventory.wear import end_service_pins, forecast_for_end, wear_scan
from tests import factories
from tests.tasks.conftest import add_cycles, set_cycles

pytestmark = pytest.mark.django_db


def levels(end: ConnectorEnd) -> set[str]:
    return set(
        WearAlert.objects.filter(end=end, closed_at__isnull=True).values_list("level", flat=True)
    )


@pytest.mark.parametrize(
    ("cycles", "expected"),
    [
        (0, set()),
        (399, set()),  # generic MPO rated 500: warning at 80 % = 400
        (400, {"warning"}),
        (499, {"warning"}),
        (500, {"warning", "critical"}),
        (731, {"warning", "critical"}),
    ],
)
def test_scan_flags_ends_at_warning_share_and_rating(cycles: int, expected: set[str]) -> None:
    cable = factories.mpo_cable(model="mpo12")
    end = factories.end(cable, 0)
    set_cycles(end, cycles)

    wear_scan()

    assert levels(end) == expected
    assert levels(factories.end(cable, 1)) == set()


def test_warning_share_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FIBERTRACE_WEAR_WARNING_SHARE = 0.5
    end = factories.end(factories.mpo_cable(model="mtp12"), 0)  # rated 1000
    set_cycles(end, 500)
    wear_scan()
    assert levels(end) == {"warning"}


def test_scan_is_idempotent_one_alert_per_end_and_level() -> None:
    end = factories.end(factories.mpo_cable(), 0)
    set_cycles(end, 600)

    first = wear_scan()
    second = wear_scan()

    assert (first.opened, second.opened, second.closed) == (2, 0, 0)
    assert WearAlert.objects.filter(end=end).count() == 2


def test_open_alerts_are_unique_per_end_and_level_in_the_database() -> None:
    end = factories.end(factories.mpo_cable(), 0)
    now = timezone.now()
    fields = dict(end=end, level="warning", kind="end_face", cycles=400, rated_cycles=500)
    WearAlert.objects.create(opened_at=now, closed_at=now, **fields)  # a closed one may repeat
    WearAlert.objects.create(opened_at=now, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        WearAlert.objects.create(opened_at=now, **fields)


def test_guide_pin_wear_belongs_to_the_pinned_end() -> None:
    """Trunk male–male: its ends carry the pins; a female cord end wears its end face."""
    trunk = factories.mpo_cable(kind="mpo_trunk", genders=("male", "female"))
    lc = factories.lc_cord()
    for e in (factories.end(trunk, 0), factories.end(trunk, 1), factories.end(lc, 0)):
        set_cycles(e, 450)
    wear_scan()
    kinds = dict(WearAlert.objects.values_list("end__label", "kind"))
    assert kinds == {
        f"{trunk.label}/1": "guide_pins",
        f"{trunk.label}/2": "end_face",
        f"{lc.label}/1": "end_face",
    }


def test_replacing_the_cable_closes_its_alerts() -> None:
    cable = factories.mpo_cable()
    port = factories.port()
    services.connect(end_a=port.end, end_b=factories.end(cable, 0))
    set_cycles(factories.end(cable, 0), 520)
    wear_scan()
    assert WearAlert.objects.filter(closed_at__isnull=True).count() == 2

    services.replace_cable(cable=cable, new_label=factories.unique("NEW"))
    result = wear_scan()

    assert result.closed == 2
    assert set(WearAlert.objects.values_list("closed_reason", flat=True)) == {"replaced"}
    assert not WearAlert.objects.filter(closed_at__isnull=True).exists()


def test_pin_service_closes_alerts_and_restarts_the_count() -> None:
    end = factories.end(factories.mpo_cable(model="pro12", genders=("male", "male")), 0)
    set_cycles(end, 1100)
    wear_scan()
    assert levels(end) == {"warning", "critical"}

    event = end_service_pins(end=end, work_order="WO-7")
    wear_scan()

    assert levels(end) == set()
    assert set(WearAlert.objects.values_list("closed_reason", flat=True)) == {"serviced"}
    assert event.details == {"service": "guide_pins", "cycles_at_service": 1100}
    add_cycles(end, 799)
    wear_scan()
    assert levels(end) == set()
    add_cycles(end, 1)  # 800 since the service: 80 % of 1000
    wear_scan()
    assert levels(end) == {"warning"}


def test_pin_service_needs_a_pinned_mpo_end() -> None:
    female = factories.end(factories.mpo_cable(genders=("female", "female")), 0)
    with pytest.raises(PlantError) as exc:
        end_service_pins(end=female)
    assert exc.value.code == "no_pins"


def test_forecast_from_mac_history() -> None:
    """Four MACs this week on an end 8 cycles short of 500: about two weeks left."""
    cable = factories.mpo_cable()
    end = factories.end(cable, 0)
    port = factories.port()
    for _ in range(2):
        services.connect(end_a=end, end_b=port.end)
        services.disconnect(end=end)
    set_cycles(end, 492)

    forecast = forecast_for_end(end)

    assert forecast.per_week == 4.0
    assert forecast.cycles == 492
    assert forecast.reaches_rating_on == timezone.localdate() + timedelta(weeks=2)
    assert "reaches 500 around" in forecast.describe()


def test_forecast_counts_a_move_twice_on_the_moved_end_and_ignores_old_history() -> None:
    end = factories.end(factories.mpo_cable(), 0)
    first, second = factories.port(), factories.port()
    services.connect(end_a=end, end_b=first.end)
    services.move(end=end, to_end=second.end)
    assert forecast_for_end(end).per_week == 3.0
    assert forecast_for_end(first.end).per_week == 2.0  # connect + unplugged by the move

    later = timezone.now() + timedelta(weeks=20)
    quiet = forecast_for_end(end, now=later)
    assert quiet.per_week == 0 and quiet.reaches_rating_on is None


def test_scan_uses_one_query_per_statement(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        set_cycles(factories.end(factories.mpo_cable(), 0), 450)
    with django_assert_max_num_queries(5):
        result = wear_scan()
    assert result.opened == 5


def test_wear_scan_command_reports_what_it_did() -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    set_cycles(factories.end(factories.mpo_cable(), 0), 450)
    out = StringIO()
    call_command("wear_scan", "--json", stdout=out)
    assert json.loads(out.getvalue()) | {"seconds": 0} == {
        "opened": 1,
        "closed": 0,
        "open_total": 1,
        "seconds": 0,
    }
