"""The technician UI through Django's test client: roles, screens, forms, query counts."""

from __future__ import annotations

import json

import pytest
from django.db.models import F
from django.urls import reverse

from inventory.models import Cable, ConnectorEnd, MacEvent
from inventory.services import perform_mac
from inventory.views.plain import sorted_suggestions
from tests.ui.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PAGES = [
    "dashboard",
    "search",
    "site_list",
    "rack_list",
    "panel_list",
    "cable_list",
    "cassette_list",
    "channel_list",
    "mac_list",
    "planner",
]


# --- sign-in and roles -------------------------------------------------------------------


@pytest.mark.parametrize("name", [*PAGES, "mac_new"])
def test_every_screen_needs_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_and_nav_shows_user_and_role(client, tech):
    response = client.post(
        reverse("login"), {"username": tech.username, "password": PASSWORD["technician"]}
    )
    assert response.status_code == 302 and response.url == reverse("dashboard")
    page = client.get(reverse("dashboard")).content.decode()
    assert tech.username in page
    assert 'class="role role-technician"' in page
    assert reverse("mac_new") in page


def test_wrong_password_is_refused(client, tech):
    response = client.post(reverse("login"), {"username": tech.username, "password": "nope"})
    assert response.status_code == 200
    assert "alert-bad" in response.content.decode()


def test_viewer_sees_no_mac_actions_and_cannot_post_one(viewer_client, plant):
    page = viewer_client.get(reverse("dashboard")).content.decode()
    assert "role-viewer" in page
    assert reverse("mac_new") not in page
    assert viewer_client.get(reverse("mac_new")).status_code == 403
    response = viewer_client.post(
        reverse("mac_new"), {"action": "change_polarity", "cable": "T-0000-0", "polarity": "A"}
    )
    assert response.status_code == 403
    assert viewer_client.post(reverse("mac_preflight"), {}).status_code == 403
    assert not MacEvent.objects.exists()


def test_sign_out_is_a_post(tech_client):
    response = tech_client.post(reverse("logout"))
    assert response.status_code == 302
    assert tech_client.get(reverse("dashboard")).status_code == 302


# --- dashboard ---------------------------------------------------------------------------


def test_dashboard_lists_failures_wear_and_recent_macs(tech_client, tech, plant):
    perform_mac(
        action="clean_inspect",
        end=ConnectorEnd.objects.get(label="PC-0000-0A/1"),
        user=tech,
        work_order="WO-77",
    )
    page = tech_client.get(reverse("dashboard")).content.decode()
    assert "Polarity" in page and "?status=failing&amp;code=polarity" in page
    assert "past rating" in page  # the faulty unit has an end past its rated cycles
    assert "PC-0000-0A/1" in page and "WO-77" in page


def test_dashboard_query_count_is_fixed(tech_client, plant, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert tech_client.get(reverse("dashboard")).status_code == 200


# --- search ------------------------------------------------------------------------------


def test_search_as_you_type_returns_only_the_results(tech_client, plant):
    response = tech_client.get(reverse("search"), {"q": "PC-0002-1A"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert (
        "PC-0002-1A/1" in html
        and reverse("cable_detail", args=[Cable.objects.get(label="PC-0002-1A").pk]) in html
    )


@pytest.mark.parametrize(
    ("q", "expect"),
    [
        ("leaf0001:Eth1/3", "Device port"),
        ("L0002/FP1", "Panel"),
        ("CAS-0003-L", "Cassette"),
        ("T-0004-BO", "Cable"),
        ("spine0002", "Channel"),
    ],
)
def test_search_finds_every_kind_of_label(tech_client, plant, q, expect):
    html = tech_client.get(reverse("search"), {"q": q}).content.decode()
    assert f'<span class="hit-kind">{expect}</span>' in html


def test_search_needs_two_characters_and_says_when_nothing_matches(tech_client, plant):
    assert "at least 2" in tech_client.get(reverse("search"), {"q": "P"}).content.decode()
    assert "Nothing labelled" in tech_client.get(reverse("search"), {"q": "ZZZ9"}).content.decode()


def test_search_query_count_does_not_grow_with_hits(
    tech_client, plant, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        tech_client.get(reverse("search"), {"q": "00"}, HTTP_HX_REQUEST="true")


# --- lists -------------------------------------------------------------------------------

LISTS = [
    ("site_list", {}, "DC1 Frankfurt"),
    ("rack_list", {"site": "dc1"}, "L0003"),
    ("panel_list", {"q": "S0001"}, "S0001/FP1"),
    ("cable_list", {"kind": "mpo_trunk", "polarity": "A"}, "T-0000-4"),
    ("cassette_list", {"polarity": "B"}, "CAS-0002-C"),
    ("channel_list", {"status": "failing", "code": "polarity"}, "leaf0004:Eth1/2"),
]


@pytest.mark.parametrize(("name", "params", "expect"), LISTS)
def test_lists_filter(tech_client, plant, name, params, expect):
    html = tech_client.get(reverse(name), params).content.decode()
    assert expect in html


def test_filters_narrow_the_list(tech_client, plant):
    html = tech_client.get(reverse("channel_list"), {"status": "failing"}).content.decode()
    assert "leaf0004:Eth1/2" in html and "leaf0000:Eth1/1 ↔" not in html
    html = tech_client.get(reverse("cable_list"), {"kind": "lc_duplex"}).content.decode()
    assert "LC-0001-1L" in html and "T-0001-0<" not in html


def test_lists_paginate_and_keep_filters(tech_client, plant):
    page1 = tech_client.get(reverse("cable_list"), {"kind": "lc_duplex"})
    assert page1.context["paginator"].count == 60
    assert "kind=lc_duplex&amp;page=2" in page1.content.decode()
    page2 = tech_client.get(reverse("cable_list"), {"kind": "lc_duplex", "page": 2})
    assert len(page2.context["object_list"]) == 10


@pytest.mark.parametrize("name", [n for n, _, _ in LISTS] + ["mac_list"])
def test_list_query_count_is_fixed_for_a_full_page(
    tech_client, plant, tech, name, django_assert_max_num_queries
):
    """50 rows a page: an N+1 would cost 50+ queries; the planned joins cost a handful."""
    for _ in range(3):
        perform_mac(action="clean_inspect", end=ConnectorEnd.objects.first(), user=tech)
    with django_assert_max_num_queries(8):
        assert tech_client.get(reverse(name)).status_code == 200


def test_bad_filter_value_is_ignored_not_an_error(tech_client, plant):
    assert tech_client.get(reverse("cable_list"), {"kind": "bogus"}).status_code == 200


# --- the MAC form ------------------------------------------------------------------------


def test_mac_form_shows_required_fields_next_to_them(tech_client, plant):
    response = tech_client.post(reverse("mac_new"), {"action": "connect"})
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["end"] == ["Scan or type the label of the connector end."]
    assert "other_end" in form.errors
    assert not MacEvent.objects.exists()


def test_mac_form_unknown_label_is_refused_at_the_field(tech_client, plant):
    response = tech_client.post(reverse("mac_new"), {"action": "disconnect", "end": "NO-SUCH/1"})
    assert response.status_code == 422
    assert "No connector end labelled “NO-SUCH/1”." in response.context["form"].errors["end"]


def test_service_refusal_is_shown_next_to_its_field(tech_client, plant):
    """Connecting an end that is already mated: the service says so, on the "end" field."""
    response = tech_client.post(
        reverse("mac_new"),
        {"action": "connect", "end": "PC-0000-0A/1", "other_end": "PC-0001-0A/1"},
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "already mated" in errors["end"][0]
    html = response.content.decode()
    assert 'data-field="end"' in html and "has-error" in html


def test_gender_change_on_a_factory_fixed_connector_is_refused(tech_client, plant):
    response = tech_client.post(
        reverse("mac_new"), {"action": "change_gender", "end": "PC-0000-0A/1", "gender": "male"}
    )
    assert response.status_code == 422
    assert "replace the cable instead" in response.context["form"].errors["end"][0]


def test_preflight_warns_before_saving_a_breaking_mac(tech_client, plant):
    """Type B trunk T-0000-0 (MTP PRO) flipped to A on site: its SR4 channel would fail."""
    response = tech_client.post(
        reverse("mac_preflight"),
        {"action": "change_polarity", "cable": "T-0000-0", "polarity": "A"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "would break 1 channel" in html
    assert "leaf0000:Eth1/1 ↔ spine0000" in html
    assert Cable.objects.get(label="T-0000-0").polarity == "B"  # nothing written
    assert not MacEvent.objects.exists()


def test_preflight_says_ok_for_a_harmless_mac(tech_client, plant):
    html = tech_client.post(
        reverse("mac_preflight"),
        {"action": "clean_inspect", "end": "T-0001-0/1", "passed": "on", "cleaned": "on"},
    ).content.decode()
    assert 'data-testid="preflight-ok"' in html


def test_preflight_lists_what_is_missing(tech_client, plant):
    html = tech_client.post(reverse("mac_preflight"), {"action": "move"}).content.decode()
    assert "Scan or type the label" in html


def test_preflight_counts_every_channel_a_trunk_end_carries(tech_client, plant):
    """Unplugging a breakout trunk from a cassette's rear opens its six duplex channels."""
    html = tech_client.post(
        reverse("mac_preflight"), {"action": "disconnect", "end": "CAS-0000-L/rear"}
    ).content.decode()
    assert "would break 6 channels" in html


def test_preflight_shows_a_refusal(tech_client, plant):
    html = tech_client.post(
        reverse("mac_preflight"),
        {"action": "connect", "end": "PC-0000-0A/1", "other_end": "PC-0001-0A/1"},
    ).content.decode()
    assert 'data-testid="preflight-error"' in html and "already mated" in html


def test_saving_a_mac_records_it_and_shows_the_outcome(tech_client, tech, plant):
    response = tech_client.post(
        reverse("mac_new"),
        {
            "action": "change_polarity",
            "cable": "T-0000-0",
            "polarity": "A",
            "work_order": "WO-1234",
            "note": "flip for test",
        },
    )
    event = MacEvent.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("mac_detail", args=[event.pk]) + "?saved=1"
    assert (event.user, event.work_order, event.action) == (tech, "WO-1234", "change_polarity")
    page = tech_client.get(response.url).content.decode()
    assert "Saved." in page and "1 channel now fails" in page
    assert "leaf0000:Eth1/1 ↔ spine0000" in page
    assert event.outcome is not None and event.outcome["broke"] == [plant["sr4"].pk]


def test_mac_form_prefills_from_the_connector_page_link(tech_client, plant):
    html = tech_client.get(reverse("mac_new"), {"action": "move", "end": "PC-0000-0A/1"})
    assert html.context["form"].initial == {"action": "move", "end": "PC-0000-0A/1"}


def test_label_options_for_the_datalist(tech_client, plant):
    html = tech_client.get(reverse("options", args=["ends"]), {"end": "T-0003-0/"}).content
    assert b'<option value="T-0003-0/1">' in html and b"T-0003-0/2" in html
    assert tech_client.get(reverse("options", args=["nope"]), {"q": "xx"}).status_code == 404


# --- channel page ------------------------------------------------------------------------


def test_channel_page_draws_the_map_and_explains_the_problem(tech_client, plant):
    html = tech_client.get(reverse("channel_detail", args=[plant["failing"].pk])).content.decode()
    assert "<svg" in html and 'class="bad"' in html
    assert "Polarity" in html and "A transmitter" in html
    assert 'class="lossbar' in html and "dB used of" in html
    assert "How to fix it" in html


def test_channel_page_for_a_passing_channel(tech_client, plant):
    html = tech_client.get(reverse("channel_detail", args=[plant["sr4"].pk])).content.decode()
    assert "✔ Passes" in html and 'class="bad"' not in html


def test_channel_page_query_count(tech_client, plant, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        tech_client.get(reverse("channel_detail", args=[plant["failing"].pk]))


def test_field_fixes_come_first():
    suggestions = [
        {"message": "replace", "field_service": False},
        {"message": "flip key", "field_service": True},
        {"message": "new cord", "field_service": False},
    ]
    assert [s["message"] for s in sorted_suggestions(suggestions)] == [
        "flip key",
        "replace",
        "new cord",
    ]


# --- planner -----------------------------------------------------------------------------


def _spec(elements):
    return json.dumps({"spec_version": 1, "name": "plan", "elements": elements})


def test_planner_adds_parts_in_order(tech_client, plant):
    spec = _spec([])
    for part in (
        {"kind": "transceiver", "application": "100GBASE-SR4"},
        {
            "kind": "mpo_cable",
            "connector": "MPO-12",
            "cable_polarity": "B",
            "role": "patch",
            "gender_1": "female",
            "gender_2": "female",
            "brand": "generic",
            "length_m": "5",
        },
        {"kind": "transceiver", "application": "100GBASE-SR4"},
    ):
        response = tech_client.post(reverse("planner_add"), {"spec": spec, **part})
        spec = response.context["spec_text"]
    doc = json.loads(spec)
    assert [e["kind"] for e in doc["elements"]] == ["transceiver", "mpo_cable", "transceiver"]
    assert doc["elements"][1]["length_m"] == 5.0
    assert "✔ Passes" in response.content.decode()


def test_planner_checks_a_pasted_spec(tech_client, plant):
    bad = _spec(
        [
            {"kind": "transceiver", "application": "100GBASE-SR4"},
            {
                "kind": "mpo_cable",
                "connector": "MPO-12",
                "polarity": "A",
                "ends": [{"gender": "female"}, {"gender": "female"}],
            },
            {"kind": "transceiver", "application": "100GBASE-SR4"},
        ]
    )
    html = tech_client.post(reverse("planner_check"), {"spec": bad}).content.decode()
    assert "✖ Fails" in html and "<svg" in html


def test_planner_reports_spec_errors_with_their_path(tech_client, plant):
    doc = _spec([{"kind": "transceiver", "application": "100GBASE-SR4"}, {"kind": "warp"}])
    html = tech_client.post(reverse("planner_check"), {"spec": doc}).content.decode()
    assert "elements[1]" in html
    html = tech_client.post(reverse("planner_check"), {"spec": "{nope"}).content.decode()
    assert "Not valid JSON" in html


def test_planner_removes_a_part(tech_client, plant):
    spec = _spec([{"kind": "transceiver", "application": "25GBASE-SR"}, {"kind": "lc_adapter"}])
    response = tech_client.post(reverse("planner_remove"), {"spec": spec, "index": "1"})
    assert len(json.loads(response.context["spec_text"])["elements"]) == 1


def test_planner_downloads_the_spec(tech_client, plant):
    spec = _spec([{"kind": "transceiver", "application": "25GBASE-SR"}])
    response = tech_client.post(reverse("planner_download"), {"spec": spec})
    assert response["Content-Disposition"] == 'attachment; filename="plan.spec.json"'
    assert json.loads(response.content) == json.loads(spec)


def test_planner_starts_from_a_stored_channel(tech_client, plant):
    response = tech_client.get(reverse("planner"), {"channel": plant["failing"].pk})
    assert (
        json.loads(response.context["spec_text"])["elements"] == plant["failing"].spec["elements"]
    )
    assert "✖ Fails" in response.content.decode()


# --- connector and cable pages -----------------------------------------------------------


def test_connector_page_shows_gauge_history_and_forecast(tech_client, tech, plant):
    end = ConnectorEnd.objects.get(label="T-0001-0/1")
    perform_mac(action="clean_inspect", end=end, user=tech, work_order="WO-9")
    response = tech_client.get(reverse("connector_detail", args=[end.pk]))
    html = response.content.decode()
    assert response.context["gauge"] == {
        "cycles": 40,
        "rated": 1000,
        "pct": 4.0,
        "share_pct": 4,
        "left": 960,
        "level": "ok",
    }
    assert "US Conec MTP PRO-12" in html and "WO-9" in html
    assert 'data-testid="forecast"' in html
    assert "leaf0001:Eth1/1 ↔ spine0001" in html


def test_connector_page_flags_worn_ends(tech_client, plant):
    near = ConnectorEnd.objects.get(label="leaf0003:Eth1/1")  # 430 of 500 cycles
    response = tech_client.get(reverse("connector_detail", args=[near.pk]))
    assert response.context["gauge"]["level"] == "warn"
    assert "Near its rating" in response.content.decode()
    past = ConnectorEnd.objects.filter(
        mating_cycles__gte=F("connector_model__rated_cycles")
    ).first()
    response = tech_client.get(reverse("connector_detail", args=[past.pk]))
    assert response.context["gauge"]["level"] == "bad"
    assert "Past its rating" in response.content.decode()


def test_cable_page(tech_client, plant):
    cable = Cable.objects.get(label="T-0002-1")
    html = tech_client.get(reverse("cable_detail", args=[cable.pk])).content.decode()
    assert "T-0002-1/1" in html and "T-0002-1/2" in html and "type B" in html
