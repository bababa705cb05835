"""Spread pure, CPU-bound work over the machine's cores by forking this process.

Re-validating a whole plant is CPU work on data already in memory (the loaded plant,
the catalogue). Forked children see that memory for free (copy-on-write) and send back
only their results, pickled; nothing is re-read from the database. Children never touch
the database connection they inherit: they compute and exit with ``os._exit`` (through
multiprocessing), so the parent's connection and transaction are left as they were.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = ["available_workers", "map_forked"]

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]


def available_workers() -> int:
    """Return how many processes may work at once here (1 where forking is not allowed)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.current_process().daemon:  # a Celery prefork child, say
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _child(fn: Callable[[T], R], items: Sequence[T], conn: Connection) -> None:
    try:
        payload: Any = ("ok", [fn(item) for item in items])
    except BaseException:  # report anything to the parent, which raises it
        payload = ("error", traceback.format_exc())
    conn.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    conn.close()


def map_forked(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    progress: Progress | None = None,
) -> list[R]:
    """Return ``[fn(item) for item in items]``, computed by ``workers`` processes.

    The caller's process takes the first share and reports ``progress`` for all (its own
    pace times the number of workers); the others are forked children.
    """
    total = len(items)
    workers = max(1, min(workers, total))
    size = -(-total // workers) if total else 0
    shares = [items[i * size : (i + 1) * size] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(fn, share, send), daemon=True)
        process.start()
        send.close()
        children.append((process, receive))
    results: list[R] = []
    step = max(1, total // 100)
    try:
        for i, item in enumerate(shares[0], 1):
            results.append(fn(item))
            if progress is not None and i % step == 0:
                progress(min(total, i * workers), total)
        for process, receive in children:
            status, value = pickle.loads(receive.recv_bytes())
            process.join()
            if status != "ok":
                raise RuntimeError(f"a worker process failed:\n{value}")
            results.extend(value)
    finally:  # on any failure no child is left behind
        for process, receive in children:
            receive.close()
            if process.is_alive():
                process.terminate()
            process.join()
    if progress is not None and total:
        progress(total, total)
    return results
