"""The technician UI in headless Chromium (Debian's), against a live server.

Each test fails on any console error. Screenshots of the dashboard, a failing channel
and the MAC form, at desktop and phone (390 px) width, go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def console_errors(page: Page):  # type: ignore[no-untyped-def]
    """Collect console errors and uncaught exceptions; the test fails if there are any."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield errors
    assert errors == []


def sign_in(page: Page, base: str, user: Any) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD["technician"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def settle(page: Page) -> None:
    """Let queued htmx requests finish (leaving a page mid-request logs an abort error)."""
    page.wait_for_timeout(600)
    expect(page.locator(".htmx-request")).to_have_count(0)


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_sign_in_and_dashboard(page: Page, live_server, plant, tech, console_errors):
    sign_in(page, live_server.url, tech)
    expect(page.get_by_test_id("who")).to_have_text(tech.username)
    expect(page.locator(".role")).to_have_text("technician")
    expect(page.get_by_role("link", name="+ Log MAC")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Polarity\s+2 channels"))).to_be_visible()
    shoot(page, "dashboard")


def test_mac_that_breaks_a_channel_warns_before_saving(
    page: Page, live_server, plant, tech, console_errors
):
    """Flip MTP PRO trunk T-0000-0 from Type B to A: its 100G-SR4 channel would fail."""
    sign_in(page, live_server.url, tech)
    page.get_by_role("link", name="+ Log MAC").click()
    page.get_by_label("Change polarity").check()
    page.get_by_label("Work order").fill("WO-4711")
    page.get_by_label("Cable", exact=True).fill("T-0000-0")
    page.get_by_label("New polarity").select_option("A")
    warning = page.get_by_test_id("preflight-breaks")
    expect(warning).to_contain_text("would break 1 channel")
    expect(warning).to_contain_text("leaf0000:Eth1/1 ↔ spine0000")
    settle(page)
    shoot(page, "mac-form")
    page.get_by_role("button", name="Save MAC").click()
    expect(page.get_by_test_id("outcome")).to_contain_text("1 channel now fails")
    page.get_by_test_id("outcome").get_by_role("link", name="leaf0000:Eth1/1 ↔ spine0000").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Fails")


def test_channel_page_shows_the_failing_mating_in_the_fibre_map(
    page: Page, live_server, plant, tech, console_errors
):
    sign_in(page, live_server.url, tech)
    page.goto(f"{live_server.url}/channels/?status=failing&code=polarity")
    page.get_by_role("link", name="leaf0004:Eth1/2 ↔ spine0004").click()
    svg = page.get_by_test_id("fibermap").locator("svg")
    expect(svg).to_be_visible()
    assert svg.locator("polyline").count() == 8  # every lit fibre of SR4 drawn
    bad = svg.locator("rect.bad")
    expect(bad).to_have_count(1)
    element = int(bad.get_attribute("data-element") or "-1")
    expect(page.locator(".problem")).to_contain_text(f"At element {element + 1}")
    expect(page.locator(".problem")).to_contain_text("Polarity")
    expect(page.locator(".lossbar")).to_be_visible()
    shoot(page, "channel")


def test_plan_a_channel_in_the_planner(page: Page, live_server, plant, tech, console_errors):
    sign_in(page, live_server.url, tech)
    page.get_by_role("link", name="Planner").click()
    add = page.locator("#add-form")

    def add_part(kind: str, **fields: str) -> None:
        add.get_by_label("Part").select_option(kind)
        for label, value in fields.items():
            field = add.get_by_label(label, exact=True)
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        count = page.locator(".part:not(.empty)").count()
        add.get_by_role("button", name="Add part").click()
        expect(page.locator(".part:not(.empty)")).to_have_count(count + 1)

    add_part("transceiver", Application="100GBASE-SR4")
    add_part("mpo_cable", Type="B", **{"End 1": "female", "End 2": "female"})
    add_part("transceiver", Application="100GBASE-SR4")
    expect(page.get_by_test_id("verdict")).to_contain_text("Passes")  # one Type B cord
    page.get_by_role("button", name=re.compile("Remove part 2")).click()
    expect(page.locator(".part:not(.empty)")).to_have_count(2)
    settle(page)  # the removal's own re-check must land before the pasted spec
    # Put a straight (Type A) cord between the ports, by pasting a spec into the text box.
    transceiver = {"kind": "transceiver", "application": "100GBASE-SR4"}
    straight = {
        "kind": "mpo_cable",
        "connector": "MPO-12",
        "polarity": "A",
        "ends": [{"gender": "female"}, {"gender": "female"}],
    }
    page.locator("#spec-text").fill(
        json.dumps(
            {
                "spec_version": 1,
                "name": "planned-channel",
                "elements": [transceiver, straight, transceiver],
            },
            indent=2,
        )
    )
    expect(page.get_by_test_id("verdict")).to_contain_text("Fails")  # Tx lands on Tx
    expect(page.get_by_test_id("fibermap").locator("svg")).to_be_visible()
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download spec (.json)").click()
    assert download.value.suggested_filename == "planned-channel.spec.json"


def test_search_by_label_on_a_phone(page: Page, live_server, plant, tech, console_errors):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, tech)
    page.get_by_label("Find by label").fill("PC-0002-1A/")
    hits = page.locator("#nav-results").get_by_test_id("search-hits")
    expect(hits).to_contain_text("PC-0002-1A/2")
    hits.locator("a", has_text="PC-0002-1A/2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PC-0002-1A/2")
    expect(page.get_by_test_id("gauge")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page scrolls sideways at 390 px ({width} px wide)"


def test_keyboard_only_sign_in_and_mac_form(page: Page, live_server, plant, tech, console_errors):
    page.goto(f"{live_server.url}/login/")
    page.keyboard.type(tech.username)  # the user name field has focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD["technician"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "+ Log MAC":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Log a move"))).to_be_visible()
