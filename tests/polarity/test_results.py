"""Results and elements are immutable values: nothing a caller holds can be changed under it."""

from __future__ import annotations

from typing import Any

import pytest

from polarity.engine import validate
from polarity.spec import parse_channel
from tests.polarity.builders import adapter, mpo, spec, trunk, tx


def _failing() -> Any:
    """Method B with a Type A trunk: a polarity fault, so every kind of value is built."""
    doc = spec(tx(), mpo("B"), adapter("B"), trunk("A"), adapter("B"), mpo("B"), tx())
    result = validate(parse_channel(doc))
    assert not result.ok and result.suggestions and result.fibers
    return result


@pytest.mark.parametrize(
    ("path", "attribute"),
    [
        ("", "ok"),
        ("", "problems"),
        ("", "loss"),
        ("loss", "total_db"),
        ("loss", "budget_db"),
        ("problems.0", "code"),
        ("problems.0", "message"),
        ("suggestions.0", "element"),
        ("suggestions.0", "field_service"),
        ("fibers.0", "arrives_on"),
        ("channel", "elements"),
        ("channel.elements.3", "polarity"),
    ],
)
def test_no_public_attribute_can_be_set(path: str, attribute: str) -> None:
    value = _failing()
    for step in filter(None, path.split(".")):
        value = value[int(step)] if step.isdigit() else getattr(value, step)
    before = getattr(value, attribute)
    with pytest.raises(AttributeError):
        setattr(value, attribute, None)
    assert getattr(value, attribute) == before


def test_equal_values_compare_and_hash_equal() -> None:
    first, second = _failing(), _failing()
    assert first.problems == second.problems
    assert hash(first.problems) == hash(second.problems)
    assert first.loss == second.loss and hash(first.loss) == hash(second.loss)
    assert first.fibers == second.fibers
    assert first.suggestions == second.suggestions
    assert first.loss.margin_db == pytest.approx(first.loss.budget_db - first.loss.total_db)
