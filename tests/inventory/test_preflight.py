"""Pre-flight: the MAC's effect on channels, with nothing changed in the plant."""

from __future__ import annotations

import pytest

from inventory.models import Cable, Channel, ChannelEnd, ConnectorEnd, MacEvent
from inventory.preflight import mac_preflight
from inventory.validation import validate_channels
from tests import factories as f

pytestmark = pytest.mark.django_db


def everything() -> tuple:
    """All that a pre-flight must leave as it was."""
    return (
        list(
            ConnectorEnd.objects.order_by("pk").values_list(
                "pk", "mate_id", "adapter_id", "mating_cycles", "gender", "key"
            )
        ),
        list(Cable.objects.order_by("pk").values_list("pk", "polarity", "status")),
        list(
            Channel.objects.order_by("pk").values_list(
                "pk", "status", "problem_codes", "validated_at"
            )
        ),
        ChannelEnd.objects.count(),
        MacEvent.objects.count(),
    )


@pytest.fixture
def pod() -> None:
    f.demo_pod(1)
    validate_channels()


def test_preflight_reports_the_break_and_changes_nothing(pod, django_capture_on_commit_callbacks):
    """Swapping gpu:eth2's cord to A-A would break leaf:Eth2/2: say so, do nothing."""
    before = everything()
    cord = Cable.objects.get(label="LC-0000-2C")
    with django_capture_on_commit_callbacks() as callbacks:
        report = mac_preflight(action="change_polarity", cable=cord, polarity="A-A")
    assert callbacks == []  # the Celery enqueue never fired
    assert everything() == before
    name = Channel.objects.get(name__startswith="leaf0000:Eth2/2 ").name
    assert report["ok"] is False and report["error"] is None
    assert report["breaks"] == [name]
    (ch,) = report["channels"]
    assert (ch["name"], ch["before"], ch["after"]) == (name, "ok", "failing")
    assert ch["result"]["problems"][0]["code"] == "polarity"


def test_preflight_of_a_harmless_mac_is_ok(pod):
    end = ConnectorEnd.objects.get(label="T-0000-0/1")
    before = everything()
    report = mac_preflight(action="clean_inspect", end=end)
    assert everything() == before
    assert report["ok"] is True and report["breaks"] == []
    assert [c["after"] for c in report["channels"]] == ["ok"]


def test_preflight_of_an_unplug_shows_the_channel_open_without_counting_cycles(pod):
    end = ConnectorEnd.objects.get(label="T-0000-0/2")
    before = everything()
    report = mac_preflight(action="disconnect", end=end)
    assert everything() == before
    assert [(c["before"], c["after"]) for c in report["channels"]] == [("ok", "open")]


def test_preflight_of_a_refused_mac_returns_the_error(pod):
    cord = Cable.objects.get(label="T-0000-1")  # generic MPO: polarity fixed at the factory
    before = everything()
    report = mac_preflight(action="change_polarity", cable=cord, polarity="A")
    assert everything() == before
    assert report["ok"] is False
    assert report["error"]["code"] == "not_field_changeable"
    assert report["channels"] == []
