"""Validate channels: walk the fibres, run every check, return an immutable Result.

`validate` is the one entry point the inventory, the API and the command call;
`validate_document` parses a channel-spec document (one spec or a list) first.
"""

from __future__ import annotations

from typing import Any

from polarity.catalogue import DEFAULT_CATALOGUE, Catalogue, expectation
from polarity.channel import Channel
from polarity.checks import (
    check_fiber_type,
    check_loss_budget,
    check_matings,
    check_polarity,
    check_reach,
    check_wear,
)
from polarity.context import make_context
from polarity.elements import LcCord, MpoCable
from polarity.loss import channel_loss
from polarity.results import Problem, Result
from polarity.trace import walk_pulls

__all__ = ["validate", "validate_document", "validate_many"]


def validate(channel: Channel, catalogue: Catalogue = DEFAULT_CATALOGUE) -> Result:
    """Return the verdict on one channel; raise SpecError if its application is unknown."""
    ctx = make_context(channel, catalogue)
    topo = ctx.topology
    app_a, app_b = ctx.app_a, ctx.app_b
    els = channel.elements
    first, last = els[topo.first_plug], els[topo.last_plug]
    assert isinstance(first, (MpoCable, LcCord)) and isinstance(last, (MpoCable, LcCord))
    back = walk_pulls(channel.pulls, first.geometry, last.geometry, ctx.port_a, ctx.port_b)
    layout_a, layout_b = app_a.layout, app_b.layout
    if app_a is app_b:
        getter, want = app_a.self_expectation
    else:
        getter, want = expectation(layout_a, layout_b)
    problems: list[Problem] = []
    if getter(back) != want:
        check_polarity(ctx, back, problems)
    if topo.matings:
        check_matings(ctx, problems)
    check_fiber_type(ctx, problems)
    loss = channel_loss(ctx)
    if loss.budget_db is not None:  # no budget, no reach: the fibre type is unsupported
        check_loss_budget(ctx, loss, problems)
        check_reach(ctx, loss, problems)
    if channel.counted_wear:
        check_wear(ctx, problems)
    return Result(
        not problems,
        channel.name,
        ctx.app.name,
        tuple(problems) if problems else (),
        loss,
        channel,
        catalogue,
        (layout_a, layout_b, back),
        {},
    )


def validate_many(
    channels: list[Channel], catalogue: Catalogue = DEFAULT_CATALOGUE
) -> list[Result]:
    """Validate channels in order."""
    return [validate(c, catalogue) for c in channels]


def validate_document(
    document: Any, catalogue: Catalogue = DEFAULT_CATALOGUE
) -> dict[str, Any] | list[dict[str, Any]]:
    """Parse a spec (or a list of specs) and return the contract's JSON result(s).

    Raises SpecError (with every issue and its JSON path) if the document is invalid.
    """
    from polarity.spec import parse_document

    parsed = parse_document(document, catalogue)
    if isinstance(parsed, list):
        return [validate(c, catalogue).to_dict() for c in parsed]
    return validate(parsed, catalogue).to_dict()
