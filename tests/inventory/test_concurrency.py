"""Concurrent MACs on the same connector ends lose no mating cycle and never double-mate."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from inventory import services
from inventory.errors import PlantError
from inventory.models import ConnectorEnd, MacEvent
from tests import factories as f

THREADS = 6
ROUNDS = 8


@pytest.mark.django_db(transaction=True)
def test_many_threads_plugging_into_one_port_keep_exact_counts():
    """Six technicians race to plug their own cord into the same transceiver port.

    port P ◄── cord_i (i = 1…6), each thread: connect(P, cord_i) then disconnect(cord_i)

    Only one cord can be in P at a time; every refused attempt changes nothing, and
    every successful connect + disconnect counts exactly two cycles on P and on the cord.
    """
    if connection.vendor != "postgresql":
        pytest.fail("the concurrency test needs PostgreSQL (row locks); set DATABASE_URL")
    port = f.port()
    cords = [f.mpo_cable() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    successes = [0] * THREADS
    errors: list[BaseException] = []

    def technician(i: int) -> None:
        cord_end = f.end(cords[i], 0)
        try:
            barrier.wait()
            for _ in range(ROUNDS):
                try:
                    services.connect(end_a=port.end, end_b=cord_end)
                except PlantError:
                    continue
                services.disconnect(end=cord_end)
                successes[i] += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=technician, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    total = sum(successes)
    assert total >= 1
    port_end = ConnectorEnd.objects.get(pk=port.end.pk)
    assert port_end.mate_id is None
    assert port_end.mating_cycles == 2 * total
    for i, cord in enumerate(cords):
        assert f.end(cord, 0).mating_cycles == 2 * successes[i]
    assert MacEvent.objects.filter(action="connect").count() == total
    assert MacEvent.objects.filter(action="disconnect").count() == total


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_onto_shared_ends_count_every_cycle():
    """Threads move their cords between two trunk ends through free adapters.

    Increments are done in the database (F() + 1) on locked rows: the totals on the
    shared trunk ends equal the number of matings and unmatings the threads made.
    """
    if connection.vendor != "postgresql":
        pytest.fail("the concurrency test needs PostgreSQL (row locks); set DATABASE_URL")
    trunk = f.mpo_cable(genders=("male", "male"), kind="mpo_trunk")
    targets = [f.end(trunk, 0), f.end(trunk, 1)]
    cords = [f.mpo_cable() for _ in range(THREADS)]
    adapters = [[f.adapter() for _ in range(ROUNDS * 2)] for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    touched = {t.pk: 0 for t in targets}
    lock = threading.Lock()
    errors: list[BaseException] = []

    def technician(i: int) -> None:
        cord_end = f.end(cords[i], 1)
        free = list(adapters[i])
        try:
            barrier.wait()
            for r in range(ROUNDS):
                target = targets[(i + r) % 2]
                try:
                    services.connect(end_a=cord_end, end_b=target, adapter=free.pop())
                except PlantError:
                    continue
                with lock:
                    touched[target.pk] += 1
                services.disconnect(end=cord_end)
                with lock:
                    touched[target.pk] += 1
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=technician, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    for target in targets:
        assert ConnectorEnd.objects.get(pk=target.pk).mating_cycles == touched[target.pk]
    assert sum(touched.values()) > 0
