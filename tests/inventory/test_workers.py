"""Forked workers: same answers as one process, in order, and failures come back."""

from __future__ import annotations

import pytest

from inventory import validation
from inventory.models import Channel, ChannelEnd
from inventory.validation import validate_channels
from inventory.workers import available_workers, map_forked
from tests import factories as f


def _square_or_fail(n: int) -> int:
    if n == 7:
        raise ValueError("seven is not allowed")
    return n * n


def test_map_forked_keeps_the_order_and_reports_progress():
    seen: list[tuple[int, int]] = []
    items = list(range(1, 1001))
    out = map_forked(lambda n: n * n, items, workers=3, progress=lambda i, t: seen.append((i, t)))
    assert out == [n * n for n in items]
    assert seen[-1] == (1000, 1000)
    assert all(b == 1000 for _, b in seen) and len(seen) > 2


def test_a_failing_worker_raises_in_the_parent():
    items = [*range(10, 30), 7]  # 7 is in the second share, done by the child
    with pytest.raises(RuntimeError, match="seven is not allowed"):
        map_forked(_square_or_fail, items, workers=2)


def test_a_failure_in_the_parents_share_leaves_no_child_running():
    import multiprocessing

    with pytest.raises(ValueError, match="seven is not allowed"):
        map_forked(_square_or_fail, [7, *range(10, 30)], workers=3)
    assert multiprocessing.active_children() == []


def test_available_workers_uses_the_cores():
    assert available_workers() >= 1


def _stored() -> dict[int, tuple[object, ...]]:
    ends: dict[int, set[int]] = {}
    for cid, eid in ChannelEnd.objects.values_list("channel_id", "end_id"):
        ends.setdefault(cid, set()).add(eid)
    return {
        c.pk: (c.status, c.problem_codes, c.loss_db, c.spec, c.result, c.fingerprint, ends[c.pk])
        for c in Channel.objects.all()
    }


@pytest.mark.django_db
def test_forked_validation_stores_exactly_what_one_process_stores(monkeypatch):
    """Forked workers and COPY (the large-plant paths) against one process and UPDATE … unnest."""
    f.demo_pod(5)
    monkeypatch.setattr(validation, "PARALLEL_ABOVE", 1)
    monkeypatch.setattr(validation, "COPY_ABOVE", 1)
    monkeypatch.setattr(validation, "available_workers", lambda: 2)
    forked = validate_channels()
    by_forks = _stored()
    Channel.objects.update(fingerprint=None)  # every verdict written again
    ChannelEnd.objects.all().delete()
    monkeypatch.setattr(validation, "PARALLEL_ABOVE", 10**9)
    monkeypatch.setattr(validation, "COPY_ABOVE", 10**9)
    assert validate_channels() == forked
    assert _stored() == by_forks
    assert forked["failing"] == 4 and forked["ok"] == 66
