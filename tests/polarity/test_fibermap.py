"""The SVG fibre map is well-formed XML, escapes text and marks failing elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from polarity.engine import validate
from polarity.fibermap import render_svg
from polarity.spec import parse_channel
from tests.polarity.builders import adapter, cassette, cord, mpo, spec, trunk, tx

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    "doc",
    [
        spec(
            tx(),
            mpo("B", id='<cord & "1">'),
            adapter("B"),
            trunk("B"),
            adapter("B"),
            mpo("B"),
            tx(),
            name="a < b & c",
        ),
        spec(tx("400GBASE-SR8"), mpo("A", "MPO-16"), tx("400GBASE-SR8")),
        spec(
            tx("10GBASE-SR"),
            cord(),
            cassette("A"),
            trunk("B", genders=("female", "female")),
            cassette("A"),
            cord(),
            tx("10GBASE-SR"),
        ),
    ],
)
def test_svg_parses_and_draws_every_lit_fibre(doc: dict[str, object]) -> None:
    channel = parse_channel(doc)
    result = validate(channel)
    svg = render_svg(channel, result)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == len(result.fibers)
    boxes = root.findall(f"{SVG}rect")
    assert len(boxes) == len(channel.elements)
    bad = {int(b.get("data-element", -1)) for b in boxes if b.get("class") == "bad"}
    assert bad == {p.element for p in result.problems}


def test_svg_uses_tia_598_colours() -> None:
    channel = parse_channel(spec(tx(), mpo("B"), tx()))
    root = ET.fromstring(render_svg(channel, validate(channel)))
    colours = [line.get("stroke") for line in root.findall(f"{SVG}polyline")]
    assert colours[0] == "#1f5fd1"  # position 1: blue
    assert colours[-1] == "#e6c700"  # the last lane, Rx4, is position 9: yellow
