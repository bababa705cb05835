"""Draw a channel as an SVG fibre map: one box per element, one line per lit fibre.

Each fibre is drawn in the TIA-598 colour of its end-A position, through the position it
takes at every step, so a flip shows as lines crossing. Elements named by a problem are
outlined in red. All text is escaped; the output is a standalone, well-formed SVG.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from polarity.channel import Channel
from polarity.context import describe, make_context
from polarity.results import Result
from polarity.trace import walk_steps

__all__ = ["TIA_598_COLOURS", "render_svg"]

# TIA-598 fibre order 1..12 (13..24 repeat with a tracer, drawn dashed here).
TIA_598_COLOURS = (
    ("blue", "#1f5fd1"),
    ("orange", "#f28c28"),
    ("green", "#2e9e44"),
    ("brown", "#8b5a2b"),
    ("slate", "#708090"),
    ("white", "#d8d8d8"),
    ("red", "#d62728"),
    ("black", "#111111"),
    ("yellow", "#e6c700"),
    ("violet", "#8e44ad"),
    ("rose", "#ff7fa8"),
    ("aqua", "#17becf"),
)
BOX_W, GAP, ROW, TOP, LEFT = 110, 50, 16, 60, 90


def _colour(position: int) -> str:
    return TIA_598_COLOURS[(position - 1) % 12][1]


def render_svg(channel: Channel, result: Result) -> str:
    """Return an SVG drawing of the channel's elements and every lit fibre."""
    ctx = make_context(channel, result.catalogue)
    els = channel.elements
    trail = walk_steps(channel, ctx.port_a, ctx.port_b)
    layout_a, layout_b = ctx.app_a.layout, ctx.app_b.layout
    lanes = layout_a.lit
    rows = max(ctx.port_a.size, ctx.port_b.size, *(back.__len__() - 1 for _, back in trail))
    height = TOP + rows * ROW + 60
    width = LEFT * 2 + len(els) * (BOX_W + GAP)
    failing = {p.element for p in result.problems}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(channel.name or 'channel')} ({escape(result.application)}): "
        f"{'pass' if result.ok else 'fail'}</title>",
        "<style>text{font:11px sans-serif}.bad{stroke:#d00;stroke-width:3}</style>",
    ]

    def x_of(index: int) -> float:
        return LEFT + index * (BOX_W + GAP) + BOX_W / 2

    for index, el in enumerate(els):
        x = LEFT + index * (BOX_W + GAP)
        css = ' class="bad"' if index in failing else ' stroke="#444"'
        out.append(
            f'<rect x="{x}" y="{TOP - 20}" width="{BOX_W}" height="{rows * ROW + 30}" '
            f'fill="#fafafa"{css} data-element="{index}"/>'
        )
        out.append(f'<text x="{x + 4}" y="{TOP - 26}">{escape(describe(el, index))}</text>')
    for a in lanes:
        points = [(LEFT - 40.0, TOP + (a - 1) * ROW + 0.0)]
        for index, back in trail:
            try:
                q = back.index(a, 1)
            except ValueError:
                break
            points.append((x_of(index), TOP + (q - 1) * ROW + 0.0))
        else:
            points.append((width - LEFT + 40.0, points[-1][1]))
        path = " ".join(f"{x:.0f},{y:.0f}" for x, y in points)
        dash = ' stroke-dasharray="6 3"' if a > 12 else ""
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{_colour(a)}" stroke-width="2"{dash}/>'
        )
        out.append(
            f'<text x="4" y="{TOP + (a - 1) * ROW + 4}">{escape(layout_a.names[a])} ({a})</text>'
        )
    for q in layout_b.lit:
        out.append(
            f'<text x="{width - LEFT + 44}" y="{TOP + (q - 1) * ROW + 4}">'
            f"{escape(layout_b.names[q])} ({q})</text>"
        )
    status = "pass" if result.ok else f"fail: {len(result.problems)} problem(s)"
    out.append(
        f'<text x="4" y="{height - 10}" data-status={quoteattr(status)}>{escape(status)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
