"""Validating stored channels: demo verdicts, MAC outcomes, wear, and constant query counts."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory import services
from inventory.models import Cable, Channel, ChannelEnd, ConnectorEnd, MacEvent
from inventory.signals import channel_status_changed, mac_recorded
from inventory.tasks.revalidation import revalidate_after_mac as revalidate_task
from inventory.validation import revalidate_after_mac, validate_channels
from tests import factories as f

pytestmark = pytest.mark.django_db


def status(name_start: str) -> Channel:
    return Channel.objects.get(name__startswith=name_start)


def test_demo_pod_verdicts_match_its_deliberate_faults():
    """Units 0-3 pass everywhere; unit 4 fails exactly where the builder put faults."""
    f.demo_pod(5)
    summary = validate_channels()
    assert summary["channels"] == 70
    failing = {c.name.split(" ")[0]: c.problem_codes for c in Channel.objects.exclude(status="ok")}
    assert failing == {
        "leaf0004:Eth1/2": ["polarity"],  # a Type A cord in a Method B SR4 channel
        "leaf0004:Eth1/3": ["gender"],  # pinned cord against a pinned trunk
        "leaf0004:Eth1/4": ["wear"],  # a cord end past its rated 1,000 matings
        "leaf0004:Eth2/3": ["polarity"],  # an A-to-A LC cord in a Method B duplex channel
    }
    assert summary == {
        "channels": 70, "ok": 66, "failing": 4, "open": 0, "invalid": 0,
        "by_code": {"gender": 1, "polarity": 2, "wear": 1}, "traced": 70, "written": 70,
    }  # fmt: skip
    ok = status("leaf0000:Eth1/1 ")
    assert ok.result["ok"] is True and ok.result["problems"] == []
    assert ok.loss_db == ok.result["loss"]["total_db"] > 0
    assert ok.validated_at is not None
    assert ok.spec["elements"][0]["id"] == f"port:{ok.a_port_id}"
    assert ChannelEnd.objects.filter(channel=ok).count() == 8


def test_seed_demo_validates_what_it_built():
    call_command("seed_demo", channels=14, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Channel.objects.filter(status="unknown").exists()
    assert Channel.objects.filter(status="ok").count() == 14


def test_validate_plant_command_prints_a_summary():
    f.demo_pod(5)
    out, err = _call("validate_plant", "--json")
    assert json.loads(out)["by_code"] == {"gender": 1, "polarity": 2, "wear": 1}
    assert "70/70" in err
    table, _ = _call("validate_plant", "--no-progress")
    assert "polarity" in table and "66" in table
    assert "traced 0 of 70 channels (the others are unchanged since" in table
    forced, err = _call("validate_plant", "--force")
    assert "traced 70 of 70 channels" in forced and "0 verdicts written" in forced
    assert "70/70" in err


def _call(*args: str) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        validate_channels(**kwargs)
    return len(ctx.captured_queries)


def test_batch_validation_query_count_does_not_grow_with_the_plant():
    """1 pod unit or 5: the same number of queries, first run and steady state alike."""

    def runs() -> tuple[int, ...]:
        first, again, verify = _queries(), _queries(), _queries(force=True)
        some = _queries(channel_ids=list(Channel.objects.values_list("pk", flat=True)))
        return first, again, verify, some

    f.demo_pod(1)
    one = runs()
    f.demo_pod(4)
    Channel.objects.update(fingerprint=None)  # every verdict written again, as on a first run
    five = runs()
    assert one == five, (one, five)
    assert five[0] <= 20, five
    assert five[1] <= 10, five  # nothing changed: the fingerprint check and the summary


def _mac_queries(label: str, polarity: str) -> int:
    cord = Cable.objects.get(label=label)
    with CaptureQueriesContext(connection) as ctx:
        event = services.change_polarity(cable=cord, polarity=polarity)
        outcome = revalidate_after_mac(event_id=event.pk)
    assert outcome["channels"]
    return len(ctx.captured_queries)


def test_a_mac_and_its_revalidation_take_the_same_queries_in_a_larger_plant():
    """The neighbourhood of a MAC is one recursive query, whatever the plant's size."""
    f.demo_pod(1)
    validate_channels()
    small = _mac_queries("LC-0000-2C", "A-A")
    f.demo_pod(9)
    validate_channels()
    large = _mac_queries("LC-0000-2C", "A-B")
    assert small == large
    assert large <= 28, large


def test_wear_past_rated_cycles_is_a_problem():
    """An MPO end (judged by the engine) and an LC cord end (judged here) past their ratings."""
    f.demo_pod(1)
    validate_channels()
    ConnectorEnd.objects.filter(label="PC-0000-0B/1").update(mating_cycles=1000)  # MTP: 1,000
    ConnectorEnd.objects.filter(label="LC-0000-2L/2").update(mating_cycles=499)  # LC: 500
    validate_channels()
    assert status("leaf0000:Eth1/1 ").problem_codes == ["wear"]
    assert status("leaf0000:Eth2/2 ").status == "ok"  # 499 < 500: not yet
    ConnectorEnd.objects.filter(label="LC-0000-2L/2").update(mating_cycles=500)
    validate_channels()
    lc = status("leaf0000:Eth2/2 ")
    assert (lc.status, lc.problem_codes) == ("failing", ["wear"])
    (problem,) = lc.result["problems"]
    assert problem["id"] == lc.spec["elements"][problem["element"]]["id"]
    assert problem["id"] == f"cable:{ConnectorEnd.objects.get(label='LC-0000-2L/2').cable_id}"


def test_polarity_swap_breaks_the_channel_and_swapping_back_fixes_it(
    django_capture_on_commit_callbacks,
):
    """gpu:eth2's cord LC-0000-2C A-B → A-A: ok → polarity (broke); and back: fixed."""
    f.demo_pod(1)
    validate_channels()
    cord = Cable.objects.get(label="LC-0000-2C")
    target = status("leaf0000:Eth2/2 ")
    changes: list[tuple[int, str, str]] = []

    def on_change(sender, channel, before, after, **kw):
        changes.append((channel.pk, before, after))

    recorded: list[int] = []
    channel_status_changed.connect(on_change)
    mac_recorded.connect(lambda sender, event, **kw: recorded.append(event.pk), weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            event = services.change_polarity(cable=cord, polarity="A-A")
            outcome = revalidate_after_mac(event_id=event.pk)
    finally:
        channel_status_changed.disconnect(on_change)
    assert outcome == {
        "channels": [
            {
                "id": target.pk,
                "name": target.name,
                "before": "ok",
                "after": "failing",
                "problems": ["polarity"],
            }
        ],
        "broke": [target.pk],
        "fixed": [],
    }
    assert MacEvent.objects.get(pk=event.pk).outcome == outcome
    assert status("leaf0000:Eth2/2 ").problem_codes == ["polarity"]
    assert changes == [(target.pk, "ok", "failing")]
    assert event.pk in recorded
    # The Celery task (queued on commit) finds the outcome recorded and changes nothing.
    assert revalidate_task(event.pk) == outcome

    back = services.change_polarity(cable=cord, polarity="A-B")
    again = revalidate_after_mac(event_id=back.pk)
    assert (again["broke"], again["fixed"]) == ([], [target.pk])
    assert status("leaf0000:Eth2/2 ").status == "ok"


def test_unplug_opens_the_channel_and_replug_fixes_it():
    """Disconnecting a trunk end leaves the SR4 channel open; connecting it back closes it."""
    f.demo_pod(1)
    validate_channels()
    trunk_far = ConnectorEnd.objects.get(label="T-0000-0/2")
    cord_end = ConnectorEnd.objects.get(pk=trunk_far.mate_id)
    adapter = trunk_far.adapter
    target = status("leaf0000:Eth1/1 ")
    out = revalidate_after_mac(event_id=services.disconnect(end=trunk_far).pk)
    assert out["broke"] == [target.pk]
    assert status("leaf0000:Eth1/1 ").status == "open"
    event = services.connect(end_a=trunk_far, end_b=cord_end, adapter=adapter)
    assert revalidate_after_mac(event_id=event.pk)["fixed"] == [target.pk]


def test_connecting_a_new_path_discovers_its_channel():
    """port ─ Type B cord ─ port: a new complete path becomes a stored, validated channel."""
    a, b = f.port(), f.port()
    cord = f.mpo_cable(polarity="B")
    services.connect(end_a=a.end, end_b=f.end(cord, 0))
    event = services.connect(end_a=f.end(cord, 1), end_b=b.end)
    outcome = revalidate_after_mac(event_id=event.pk)
    (created,) = Channel.objects.all()
    assert (created.a_port_id, created.b_port_id, created.status) == (a.pk, b.pk, "ok")
    assert outcome["channels"][0]["before"] == "unknown"
    assert outcome["broke"] == outcome["fixed"] == []


# --- LC couplers and LC wear ------------------------------------------------------------


def _coupled_channel() -> tuple[Channel, ConnectorEnd, ConnectorEnd]:
    """sfp ─ cord A-B ─ (coupler) ─ cord A-B ─ sfp: a stored, validated duplex channel.

    Returns the channel and the two LC plugs the coupler joins.
    """
    a = f.port(application="25GBASE-SR", model="sfp")
    b = f.port(application="25GBASE-SR", model="sfp")
    first, second = f.lc_cord(polarity="A-B"), f.lc_cord(polarity="A-B")
    services.connect(end_a=a.end, end_b=f.end(first, 0))
    services.connect(end_a=f.end(first, 1), end_b=f.end(second, 0))
    outcome = revalidate_after_mac(
        event_id=services.connect(end_a=f.end(second, 1), end_b=b.end).pk
    )
    (created,) = Channel.objects.filter(pk__in=[c["id"] for c in outcome["channels"]])
    return created, f.end(first, 1), f.end(second, 0)


def _coupler(ch: Channel) -> dict:
    (coupler,) = [e for e in ch.spec["elements"] if e["kind"] == "lc_adapter"]
    return coupler


def test_a_coupler_counts_the_figures_of_the_two_plugs_it_joins():
    """Own figures first (even below the model's), else the models' max_loss_db."""
    ch, plug, mate = _coupled_channel()
    assert ch.status == "ok", ch.result
    lc_model = plug.connector_model
    assert float(lc_model.max_loss_db) == 0.30  # the demo LC model; the engine default too
    coupler = _coupler(ch)
    assert coupler["id"] == f"end:{plug.pk}"
    assert coupler["insertion_loss_db"] == 0.30 and type(coupler["insertion_loss_db"]) is float
    fibre_db = ch.loss_db - 0.30

    # The ends' own figures: the larger of the two, the model's is not consulted.
    ConnectorEnd.objects.filter(pk=plug.pk).update(insertion_loss_db="0.12")
    ConnectorEnd.objects.filter(pk=mate.pk).update(insertion_loss_db="0.20")
    validate_channels()
    ch.refresh_from_db()
    assert _coupler(ch)["insertion_loss_db"] == 0.20
    assert ch.result["loss"]["total_db"] == pytest.approx(round(fibre_db + 0.20, 2))

    # No figure on either end: the larger of the connector models' max_loss_db.
    ConnectorEnd.objects.filter(pk__in=[plug.pk, mate.pk]).update(insertion_loss_db=None)
    type(lc_model).objects.filter(pk=lc_model.pk).update(max_loss_db="0.45")
    validate_channels()
    ch.refresh_from_db()
    assert _coupler(ch)["insertion_loss_db"] == 0.45
    assert ch.loss_db == pytest.approx(round(fibre_db + 0.45, 2))

    # One end with its own figure, the other without: each end reads as in its `end`
    # object (own figure, else its model's), and the pair costs the larger.
    ConnectorEnd.objects.filter(pk=mate.pk).update(insertion_loss_db="0.10")
    validate_channels()
    ch.refresh_from_db()
    assert _coupler(ch)["insertion_loss_db"] == 0.45


def _wear_suggestions(ch: Channel) -> list[dict]:
    return [s for s in ch.result["suggestions"] if s["action"] == "replace"]


def test_a_channel_failing_only_on_lc_wear_stores_a_replacement_for_the_worn_part():
    """A cord end and a cassette front port at their rating: problem ids name the elements."""
    f.demo_pod(1)
    validate_channels()
    worn = ConnectorEnd.objects.get(label="LC-0000-2L/2")  # the leaf cord's module end
    ConnectorEnd.objects.filter(pk=worn.pk).update(mating_cycles=500)  # LC: rated 500
    validate_channels()
    ch = status("leaf0000:Eth2/2 ")
    assert (ch.status, ch.problem_codes, ch.result["ok"]) == ("failing", ["wear"], False)
    (problem,) = ch.result["problems"]
    index = problem["element"]
    element = ch.spec["elements"][index]
    assert (element["kind"], element["label"]) == ("lc_cord", "LC-0000-2L")
    assert problem["id"] == element["id"] == f"cable:{worn.cable_id}"
    assert "LC-0000-2L/2 has 500 matings, rated 500" in problem["message"]
    assert ch.result["suggestions"] == [
        {
            "action": "replace",
            "element": index,
            "end": None,
            "field_service": False,
            "message": "Replace duplex cord LC-0000-2L: its end LC-0000-2L/2 is at or past "
            "its rated mating cycles",
        }
    ]

    # The cassette's front port the cord plugs into: the cassette is the element.
    front = ConnectorEnd.objects.get(pk=worn.mate_id)
    ConnectorEnd.objects.filter(pk=front.pk).update(mating_cycles=500)
    validate_channels()
    ch.refresh_from_db()
    problems = ch.result["problems"]
    assert [p["id"] for p in problems] == [
        ch.spec["elements"][p["element"]]["id"] for p in problems
    ]
    cassette = next(p for p in problems if p["id"] == f"cassette:{front.cassette_id}")
    assert front.label in cassette["message"]
    assert len(_wear_suggestions(ch)) == 2
    by_element = {s["element"]: s for s in _wear_suggestions(ch)}
    assert by_element[cassette["element"]]["message"] == (
        f"Replace cassette {front.cassette.label}: its front port {front.label} is at or past "
        "its rated mating cycles"
    )


def test_lc_wear_suggestions_follow_the_engines_and_name_each_worn_element_once():
    """A polarity fault and both ends of one cord worn: engine's fixes, then one replacement."""
    f.demo_pod(1)
    validate_channels()
    cord = Cable.objects.get(label="LC-0000-2C")
    services.change_polarity(cable=cord, polarity="A-A")
    ConnectorEnd.objects.filter(cable=cord).update(mating_cycles=600)
    validate_channels()
    ch = status("leaf0000:Eth2/2 ")
    assert ch.problem_codes == ["polarity", "wear"]
    wear = [p for p in ch.result["problems"] if p["code"] == "wear"]
    assert [p["id"] for p in wear] == [f"cable:{cord.pk}"] * 2
    suggestions = ch.result["suggestions"]
    mine = suggestions[-1]
    assert suggestions[:-1] and all(s != mine for s in suggestions[:-1])  # the engine's first
    assert mine == {
        "action": "replace",
        "element": wear[0]["element"],
        "end": None,
        "field_service": False,
        "message": "Replace duplex cord LC-0000-2C: its ends LC-0000-2C/1 and LC-0000-2C/2 are "
        "at or past its rated mating cycles",
    }
