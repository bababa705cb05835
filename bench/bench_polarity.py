"""Benchmark the polarity engine: parses and validations per second on one core.

Run: .venv/bin/python bench/bench_polarity.py [--channels N] [--rounds N] [--profile]

It says which engine ran: the mypyc-compiled modules (built by `pip install -e .`) or
the pure-Python ones (FIBERTRACE_NO_MYPYC=1 at install or at run time, or sources
changed since the build), and how fast this machine runs plain Python (a 10M-iteration
`s += i` loop), to compare numbers taken on different machines.

The mix is generated, not one channel repeated: seven-element MPO-12 and MPO-16
parallel channels (cord - adapter - trunk - adapter - cord) and nine-element duplex
channels through cassettes (cord - LC adapter - cord - cassette - trunk - cassette - cord),
with random lengths, brands, loss figures and about one channel in four carrying a fault
(a wrong-type part, a gender clash, a bad polish, an overlong trunk, a worn end).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import polarity
from polarity.engine import validate
from polarity.spec import parse_channel

# application, connector, fibre, longest trunk that fits its reach with the cords
PARALLEL = [
    ("100GBASE-SR4", "MPO-12", "OM4", 85),
    ("40GBASE-SR4", "MPO-12", "OM3", 85),
    ("400GBASE-DR4", "MPO-12", "OS2", 450),
    ("400GBASE-SR8", "MPO-16", "OM4", 85),
    ("800GBASE-SR8", "MPO-16", "OM4", 40),
    ("800GBASE-DR8", "MPO-16", "OS2", 450),
]
DUPLEX = [("10GBASE-SR", "OM4", 350), ("25GBASE-SR", "OM4", 60), ("100GBASE-DR", "OS2", 450)]
BRANDS = ["generic", "generic", "MTP", "MTP PRO"]


def _end(rng: random.Random, gender: str) -> dict[str, Any]:
    out: dict[str, Any] = {"gender": gender, "brand": rng.choice(BRANDS)}
    if rng.random() < 0.3:
        out["insertion_loss_db"] = round(rng.uniform(0.1, 0.4), 2)
    if rng.random() < 0.2:
        out["mating_cycles"] = rng.randint(0, 450)
    return out


def _cable(
    rng: random.Random,
    connector: str,
    polarity: str,
    genders: tuple[str, str],
    fiber: str,
    length: float,
    role: str,
) -> dict[str, Any]:
    return {
        "kind": "mpo_cable",
        "connector": connector,
        "polarity": polarity,
        "role": role,
        "fiber_type": fiber,
        "length_m": length,
        "id": f"{role}-{rng.randrange(10**6)}",
        "ends": [_end(rng, genders[0]), _end(rng, genders[1])],
    }


def parallel(rng: random.Random) -> dict[str, Any]:
    app, connector, fiber, longest = rng.choice(PARALLEL)
    method = "A" if fiber == "OS2" else rng.choice("AB")
    near = "A" if method == "A" else "B"
    els = [
        {"kind": "transceiver", "application": app},
        _cable(
            rng, connector, near, ("female", "female"), fiber, rng.choice([1, 2, 3, 5]), "patch"
        ),
        {"kind": "mpo_adapter", "type": method},
        _cable(
            rng,
            connector,
            method,
            ("male", "male"),
            fiber,
            round(rng.uniform(5, longest), 1),
            "trunk",
        ),
        {"kind": "mpo_adapter", "type": method, "insertion_loss_db": rng.choice([None, 0.35])},
        _cable(rng, connector, "B", ("female", "female"), fiber, rng.choice([1, 2, 3, 5]), "patch"),
        {"kind": "transceiver", "application": app},
    ]
    return {"spec_version": 1, "name": f"p{rng.randrange(10**9)}", "elements": els}


def duplex(rng: random.Random) -> dict[str, Any]:
    app, fiber, longest = rng.choice(DUPLEX)
    method = rng.choice("ABC")
    module = "B" if method == "B" else "A"
    port = rng.randint(1, 6)
    far = 7 - port if method == "B" else port

    def cord(polarity: str = "A-B") -> dict[str, Any]:
        return {
            "kind": "lc_cord",
            "polarity": polarity,
            "fiber_type": fiber,
            "length_m": rng.choice([1, 2, 3]),
        }

    els = [
        {"kind": "transceiver", "application": app},
        cord(),
        {"kind": "lc_adapter", "insertion_loss_db": rng.choice([0.15, 0.2, 0.3])},
        cord(),
        {
            "kind": "cassette",
            "polarity": module,
            "connector": "MPO-12",
            "lc_port": port,
            "insertion_loss_db": rng.choice([0.35, 0.5]),
        },
        _cable(
            rng,
            "MPO-12",
            method,
            ("female", "female"),
            fiber,
            round(rng.uniform(10, longest), 1),
            "trunk",
        ),
        {
            "kind": "cassette",
            "polarity": module,
            "connector": "MPO-12",
            "lc_port": far,
            "insertion_loss_db": rng.choice([0.35, 0.5]),
        },
        cord("A-A" if method == "A" else "A-B"),
        {"kind": "transceiver", "application": app},
    ]
    return {"spec_version": 1, "name": f"d{rng.randrange(10**9)}", "elements": els}


def fault(rng: random.Random, doc: dict[str, Any]) -> None:
    """Break one thing in about a quarter of the channels."""
    if rng.random() > 0.25:
        return
    els = doc["elements"]
    cables = [e for e in els if e["kind"] == "mpo_cable"]
    choice = rng.randrange(5)
    if choice == 0:
        cable = rng.choice(cables)
        cable["polarity"] = rng.choice([p for p in "ABC" if p != cable["polarity"]])
    elif choice == 1:
        end = rng.choice(rng.choice(cables)["ends"])
        end["gender"] = "male" if end["gender"] == "female" else "female"
    elif choice == 2:
        rng.choice(rng.choice(cables)["ends"])["polish"] = rng.choice(["UPC", "APC"])
    elif choice == 3:
        max(cables, key=lambda c: c["length_m"])["length_m"] = 700.0
    else:
        rng.choice(cables)["ends"][0]["mating_cycles"] = 1500


def generate(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        doc = parallel(rng) if i % 2 == 0 else duplex(rng)
        fault(rng, doc)
        docs.append(doc)
    return docs


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}/s  ({seconds / count * 1e6:6.2f} µs each)"


_LOOP = compile("s = 0\nfor i in range(10_000_000):\n    s += i\n", "<calibration>", "exec")


def calibrate() -> float:
    """Return the seconds a 10M-iteration `s += i` loop takes: this machine's Python speed.

    The loop runs at module level, as `python -c` runs it (globals, not locals).
    """
    start = time.perf_counter()
    exec(_LOOP, {})
    return time.perf_counter() - start


def engine() -> str:
    """Say which engine runs, from where its modules were actually loaded."""
    path = Path(polarity.engine.__file__ or "")
    if path.suffix == ".py":
        return f"pure Python ({polarity.BUILD_REASON})"
    return f"compiled by mypyc ({path.name})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-calibrate", action="store_true", help="skip the 10M loop")
    args = parser.parse_args()
    print(f"engine: {engine()}")
    if not args.no_calibrate:
        print(f"calibration: 10M-iteration `s += i` loop {calibrate():.2f} s")
    docs = generate(args.channels)
    distinct = len({json.dumps(d, sort_keys=True) for d in docs})

    # Time with the cyclic garbage collector off, as `timeit` does: the benchmark keeps
    # every result alive, which a service would not, and GC passes would be noise.
    gc.collect()
    gc.disable()
    best_parse = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        channels = [parse_channel(d) for d in docs]
        best_parse = min(best_parse, time.perf_counter() - start)
    best_validate = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        results = [validate(c) for c in channels]
        best_validate = min(best_validate, time.perf_counter() - start)
    start = time.perf_counter()
    for r in results:
        r.to_dict()
    full = time.perf_counter() - start
    gc.enable()
    failing = sum(not r.ok for r in results)
    print(
        f"channels: {len(docs)} ({distinct} distinct, {failing} failing), "
        f"best of {args.rounds} rounds, one core, Python {sys.version.split()[0]}"
    )
    print(f"parse     {rate(len(docs), best_parse)}")
    print(f"validate  {rate(len(docs), best_validate)}")
    print(f"to_dict   {rate(len(docs), full)}  (fibres + suggestions for failing channels)")
    if args.profile:
        if polarity.BUILD == "mypyc":
            print("(compiled: cProfile sees only validate(); profile with perf, see README)")
        profile = cProfile.Profile()
        profile.enable()
        for c in channels:
            validate(c)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(14)


if __name__ == "__main__":
    main()
