"""Validate stored channels with the engine and keep each channel's verdict.

Fetch once, compute pure, write once: the plant is read into a :class:`~inventory.trace.Plant`
with a fixed number of queries, every channel is traced and validated in memory by the
same engine that serves ad-hoc specs, and the verdicts go back in a fixed number of bulk
statements. Nothing here grows its query count with the number of channels.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from inventory import path_digest
from inventory.catalogue import application_catalogue
from inventory.choices import ChannelStatus
from inventory.engine_input import ElementBuilder, Fallback
from inventory.models import Channel, ChannelEnd, MacEvent
from inventory.trace import (
    CYCLES,
    LABEL,
    MODEL,
    P_CASSETTE,
    Plant,
    Trace,
    connector_models,
    discover_pairs,
    element_id,
    fetch_rows,
    walk,
)
from inventory.workers import available_workers, map_forked
from polarity.context import describe
from polarity.elements import Element
from polarity.engine import validate
from polarity.errors import SpecError
from polarity.spec import parse_channel

__all__ = [
    "Outcome",
    "discover_all",
    "discover_channels",
    "evaluate",
    "revalidate_after_mac",
    "revalidate_event",
    "validate_channels",
]

Progress = Callable[[int, int], None]
CHANNEL_FIELDS = (
    "id", "name", "a_port_id", "b_port_id", "lc_port", "status",
    "problem_codes", "loss_db",
)  # fmt: skip
#: Above this many channels, fetching the whole plant beats expanding around each one.
LOAD_ALL_ABOVE = 2000
COPY_ABOVE = 2000
#: From this many channels on, the work is spread over the cores (forked workers).
PARALLEL_ABOVE = 20000


class Outcome:
    """A channel's new verdict, next to the status it had before.

    The contract's result (``result``) and the channel spec (``spec``) are written on
    first use: a re-validation that keeps most verdicts never builds them.
    """

    __slots__ = (
        "_result",
        "_result_json",
        "_spec_json",
        "_verdict",
        "_wear",
        "_wear_fixes",
        "a_port_id",
        "b_port_id",
        "before",
        "end_ids",
        "id",
        "is_new",
        "lc_port",
        "loss_db",
        "name",
        "problem_codes",
        "status",
        "trace",
        "unchanged",
    )

    def __init__(
        self,
        id: int,
        name: str,
        before: str,
        status: str,
        trace: Trace,
        problem_codes: list[str],
        loss_db: float | None,
        b_port_id: int | None,
        lc_port: int | None,
        a_port_id: int = 0,
    ) -> None:
        self.id = id
        self.name = name
        self.before = before
        self.status = status
        self.trace: Trace | None = trace
        self.end_ids = trace.end_ids
        self.problem_codes = problem_codes
        self.loss_db = loss_db
        self.b_port_id = b_port_id
        self.lc_port = lc_port
        self.a_port_id = a_port_id
        self.is_new = False
        #: True when the verdict equals the stored one.
        self.unchanged = False
        self._result: dict[str, Any] | None = None
        self._verdict: Any = None
        self._wear: list[dict[str, Any]] = []
        self._wear_fixes: list[dict[str, Any]] = []
        self._spec_json: str | None = None
        self._result_json: str | None = None

    @property
    def spec(self) -> dict[str, Any]:
        if self.trace is None:
            spec: dict[str, Any] = orjson.loads(self._spec_json or "{}")
            return spec
        return self.trace.spec

    def spec_json(self) -> str:
        if self._spec_json is None:
            self._spec_json = _dumps(self.spec)
        return self._spec_json

    def result_json(self) -> str:
        if self._result_json is None:
            self._result_json = _dumps(self.result)
        return self._result_json

    def detached(self) -> Outcome:
        """Return self as it will be stored, to send between processes: the spec and the
        result as their JSON, without the trace and engine objects they were made from."""
        self.spec_json(), self.result_json()
        self.trace, self._verdict, self._result = None, None, None
        return self

    @property
    def result(self) -> dict[str, Any]:
        """Return the contract's result, with the inventory's LC wear problems (and fixes) added."""
        if self._result is None and self._result_json is not None:
            self._result = orjson.loads(self._result_json)
        if self._result is None:
            result = self._verdict.to_dict() if self._verdict is not None else {}
            if self._wear:
                result["problems"] = result["problems"] + self._wear
                result["suggestions"] = result["suggestions"] + self._wear_fixes
                result["ok"] = False
            self._result = result
        return self._result

    def as_change(self) -> dict[str, Any]:
        """Return the entry a MAC outcome lists for this channel."""
        return {
            "id": self.id,
            "name": self.name,
            "before": self.before,
            "after": self.status,
            "problems": self.problem_codes,
        }


# --- pure: one channel ------------------------------------------------------------------


def _lc_wear(
    plant: Plant, trace: Trace, elements: tuple[Element, ...]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Wear of the duplex faces the contract has no `end` object for (cords, module fronts).

    The MPO faces and the ports carry their cycles in the spec and the engine judges
    them; an LC face is judged here by the same rule: at or past the model's rating.
    Returns the problems, each naming the element the face belongs to (its index and
    spec id; the message names the face), and one replacement per worn element, worded
    as the engine words its own (``polarity.fixes.wear_candidates``).
    """
    problems = []
    worn: dict[int, list[str]] = {}
    for end_id, index in trace.lc_faces:
        e = plant.ends[end_id]
        rated = plant.models[e[MODEL]][3]
        if e[CYCLES] >= rated:
            problems.append(
                {
                    "code": "wear",
                    "element": index,
                    "id": element_id(trace.parts[index]),
                    "message": f"{e[LABEL]} has {e[CYCLES]} matings, rated {rated}: "
                    "inspect it and plan its replacement",
                }
            )
            worn.setdefault(index, []).append(e[LABEL])
    suggestions = []
    for index, labels in worn.items():
        if trace.parts[index][0] == P_CASSETTE:
            faces = f"its front port {labels[0]} is"
        elif len(labels) == 1:
            faces = f"its end {labels[0]} is"
        else:
            faces = f"its ends {' and '.join(labels)} are"
        suggestions.append(
            {
                "action": "replace",
                "element": index,
                "end": None,
                "field_service": False,
                "message": f"Replace {describe(elements[index], index)}: {faces} at or past "
                "its rated mating cycles",
            }
        )
    return problems, suggestions


def _unvalidated(name: str, status: str, message: str, **extra: Any) -> dict[str, Any]:
    return {
        "ok": False,
        "name": name,
        "application": None,
        "fibers": [],
        "problems": [],
        "loss": None,
        "suggestions": [],
        "trace": {"status": status, "message": message, **extra},
    }


@functools.cache
def rules_digest() -> int:
    """Fingerprint the code that turns a path into a verdict (the engine and this module).

    Part of every channel's fingerprint (see :mod:`inventory.path_digest`): deploying a
    new engine re-validates every channel on the next run, nobody has to remember it.
    """
    import polarity

    here = Path(__file__).parent
    files = sorted(Path(polarity.__file__).parent.glob("*.py"))
    files += [here / "trace.py", here / "engine_input.py", here / "validation.py"]
    sha = hashlib.sha1()
    for path in files:
        sha.update(path.read_bytes())
    return int(sha.hexdigest()[:15], 16)


class Evaluator:
    """Trace and validate stored channels of one loaded plant, one channel at a time.

    Every call runs the engine; whether the verdict needs writing is the caller's call.
    """

    def __init__(self, plant: Plant, catalogue: Any) -> None:
        self.plant = plant
        self.catalogue = catalogue
        self.builder = ElementBuilder(plant, catalogue)

    def __call__(self, row: tuple[Any, ...]) -> Outcome:
        cid, name, a_port, b_port, lc_port, before, old_codes, old_loss = row
        plant = self.plant
        if a_port not in plant.port_end:
            trace = Trace(plant, [], [], "open", "the channel's A port has no connector face")
        else:
            trace = walk(plant, a_port, lc_port=lc_port, name=name)
        outcome = Outcome(
            cid,
            name,
            before,
            before,
            trace,
            old_codes,
            old_loss,
            trace.far_port_id if trace.far_port_id is not None else b_port,
            lc_port if lc_port is not None else trace.lc_port,
            a_port,
        )
        if trace.status != "complete":
            outcome.status = ChannelStatus.OPEN if trace.status == "open" else ChannelStatus.INVALID
            outcome.problem_codes, outcome.loss_db = [], None
            outcome._result = _unvalidated(name, trace.status, trace.message)
        else:
            self._validate(outcome, trace)
        #: The verdict is the stored one (the caller still writes it if its rows changed).
        outcome.unchanged = (outcome.status, outcome.problem_codes, outcome.loss_db) == (
            before,
            old_codes,
            old_loss,
        )
        return outcome

    def _validate(self, outcome: Outcome, trace: Trace) -> None:
        try:
            try:
                channel = self.builder.channel(trace)
            except Fallback:  # the parser judges what the builder will not
                channel = parse_channel(trace.spec, self.catalogue)
            verdict = validate(channel, self.catalogue)
        except SpecError as exc:
            outcome.status = ChannelStatus.INVALID
            outcome.problem_codes, outcome.loss_db = [], None
            issues = [i.to_dict() for i in exc.errors]
            outcome._result = _unvalidated(
                outcome.name, "invalid", "the traced path is not physically possible", errors=issues
            )
            return
        wear, fixes = _lc_wear(self.plant, trace, channel.elements)
        codes = {p.code.value for p in verdict.problems}
        codes.update(p["code"] for p in wear)
        outcome.status = ChannelStatus.OK if verdict.ok and not wear else ChannelStatus.FAILING
        outcome.problem_codes = sorted(codes)
        outcome.loss_db = round(verdict.loss.total_db, 2)
        outcome._verdict, outcome._wear, outcome._wear_fixes = verdict, wear, fixes


def evaluate(plant: Plant, row: tuple[Any, ...], catalogue: Any) -> Outcome:
    """Trace one stored channel and validate it; an open or impossible path is a verdict too."""
    return Evaluator(plant, catalogue)(row)


# --- discovery --------------------------------------------------------------------------


def discover_channels(plant: Plant) -> list[int]:
    """Create a Channel for every complete port-to-port path no channel covers yet."""
    covered: set[int] = set()
    ports = list(plant.port_end)
    rows = Channel.objects.values_list("a_port_id", "b_port_id")
    if len(ports) < LOAD_ALL_ABOVE:  # a part of the plant: only its ports matter
        rows = rows.filter(Q(a_port_id__in=ports) | Q(b_port_id__in=ports))
    for a, b in rows:
        covered.add(a)
        if b is not None:
            covered.add(b)
    traces = discover_pairs(plant, covered)
    if not traces:
        return []
    names = set(
        Channel.objects.filter(name__in=[_name(plant, t) for t in traces]).values_list(
            "name", flat=True
        )
    )
    new = []
    for t in traces:
        name = _name(plant, t)
        suffix = 2
        while name in names:
            name, suffix = f"{_name(plant, t)} ({suffix})", suffix + 1
        names.add(name)
        a_port = int(t.spec["elements"][0]["id"].split(":")[1])
        new.append(Channel(name=name, a_port_id=a_port, b_port_id=t.far_port_id, lc_port=t.lc_port))
    created = Channel.objects.bulk_create(new, batch_size=2000)
    return [c.pk for c in created]


def _name(plant: Plant, t: Trace) -> str:
    return f"{t.spec['elements'][0]['label']} ↔ {t.spec['elements'][-1]['label']}"


def discover_all() -> int:
    """Create channels for every complete path in the plant that none covers; return how many."""
    with transaction.atomic():
        return len(discover_channels(Plant.load_all()))


# --- many channels ----------------------------------------------------------------------


def _revalidate(
    rows: list[tuple[Any, ...]],
    plant: Plant,
    catalogue: Any,
    progress: Progress | None = None,
) -> list[Outcome]:
    total = len(rows)
    step = max(1, total // 100)
    outcomes = []
    evaluate_one = Evaluator(plant, catalogue)
    for i, row in enumerate(rows, 1):
        outcomes.append(evaluate_one(row))
        if progress is not None and (i % step == 0 or i == total):
            progress(i, total)
    return outcomes


def summarize(channel_ids: list[int] | None = None) -> dict[str, Any]:
    """Count the stored verdicts (of some channels, or all): ok, failing by code, open…"""
    qs = (
        Channel.objects.all() if channel_ids is None else Channel.objects.filter(pk__in=channel_ids)
    )
    statuses: Counter[str] = Counter(
        dict(qs.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    )
    codes: Counter[str] = Counter()
    for problem_codes in qs.filter(status=ChannelStatus.FAILING).values_list(
        "problem_codes", flat=True
    ):
        codes.update(problem_codes)
    return {
        "channels": sum(statuses.values()),
        "ok": statuses[ChannelStatus.OK],
        "failing": statuses[ChannelStatus.FAILING],
        "open": statuses[ChannelStatus.OPEN],
        "invalid": statuses[ChannelStatus.INVALID],
        "by_code": dict(sorted(codes.items())),
    }


def validate_channels(
    *,
    channel_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Re-validate stored channels (all when ``channel_ids`` is None) and store the verdicts.

    Returns the summary of the stored verdicts (see :func:`summarize`) with how many
    channels were traced and how many verdicts written; the number of
    queries is the same for ten channels or a hundred thousand. Where the database can
    fingerprint paths (:mod:`inventory.path_digest`), a channel whose rows, catalogue and
    rules are all unchanged keeps its verdict without being traced again; ``force``
    traces and validates every channel anyway and writes the verdicts that differ.
    ``progress`` is called with (done, total) of the channels being traced.
    """
    ids = None if channel_ids is None else sorted(set(channel_ids))
    with transaction.atomic():
        now = timezone.now()
        catalogue = application_catalogue()
        base = path_digest.base_digest(catalogue, rules_digest(), connector_models())
        stale = path_digest.stale_channels(ids, base)
        qs = Channel.objects.order_by("pk")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        if not force and stale is not None and len(stale) <= LOAD_ALL_ABOVE:
            qs = qs.filter(pk__in=stale)
        rows = fetch_rows(qs, CHANNEL_FIELDS)
        if not force and stale is not None:
            rows = [r for r in rows if r[0] in stale]
        if rows and ((ids is None and len(rows) > LOAD_ALL_ABOVE) or len(rows) > LOAD_ALL_ABOVE):
            plant = Plant.load_all()
        else:
            plant = Plant.load_around(port_ids=[r[2] for r in rows])

        def must_write(o: Outcome) -> bool:
            """A verdict that changed, or whose rows did (its spec and messages may have)."""
            return not o.unchanged or stale is None or o.id in stale

        workers = available_workers() if len(rows) >= PARALLEL_ABOVE else 1
        if workers > 1:
            evaluate = Evaluator(plant, catalogue)

            def to_write(row: tuple[Any, ...]) -> Outcome | None:
                """Only verdicts to write travel back: a kept one is not needed at all."""
                o = evaluate(row)
                return o.detached() if must_write(o) else None

            shares = map_forked(to_write, rows, workers=workers, progress=progress)
            written = [o for o in shares if o is not None]
        else:
            written = [o for o in _revalidate(rows, plant, catalogue, progress) if must_write(o)]
        # ``validated_at`` says when a verdict was computed: a kept verdict keeps its date
        # (rewriting 100,000 wide rows to move a date would cost more than the check).
        store(written, now=now, base=base, all_channels=ids is None)
    return {**summarize(ids), "traced": len(rows), "written": len(written)}


# --- writing ----------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def store(outcomes: list[Outcome], *, now: datetime, base: int, all_channels: bool = False) -> None:
    """Write verdicts, the ChannelEnd rows that moved and the fingerprints, in a fixed
    number of statements."""
    if not outcomes:
        return
    _store_channel_ends(outcomes, all_channels=all_channels and len(outcomes) > LOAD_ALL_ABOVE)
    if path_digest.supported():
        _store_postgresql(outcomes, now, base)
    else:
        _store_portable(outcomes, now)


_COLUMNS = "id, spec, status, result, problem_codes, loss_db, b_port_id, lc_port"


def _store_postgresql(outcomes: list[Outcome], now: datetime, base: int) -> None:
    """Write verdicts with their fingerprints (after the ChannelEnd rows they are summed on)."""
    table = Channel._meta.db_table
    rows = (
        (
            o.id,
            o.spec_json(),
            o.status,
            o.result_json(),
            _dumps(o.problem_codes),
            o.loss_db,
            o.b_port_id,
            o.lc_port,
        )
        for o in outcomes
    )
    update = f"""
        UPDATE {table} AS c
           SET spec = v.spec, status = v.status, result = v.result,
               problem_codes = v.problem_codes, loss_db = v.loss_db,
               b_port_id = v.b_port_id, lc_port = v.lc_port, validated_at = %s,
               fingerprint = {path_digest.combine("c", "v.lc_port")}
          FROM {{source}}
          LEFT JOIN ({path_digest.sums_sql(True)}) s ON s.id = v.id
         WHERE c.id = v.id
    """
    ids = [o.id for o in outcomes]
    with connection.cursor() as cur:
        if len(outcomes) > COPY_ABOVE:
            cur.execute(
                "CREATE TEMP TABLE _ft_verdict (id bigint, spec jsonb, status varchar(10), "
                "result jsonb, problem_codes jsonb, loss_db double precision, b_port_id bigint, "
                "lc_port integer) ON COMMIT DROP"
            )
            with cur.cursor.copy(f"COPY _ft_verdict ({_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cur.execute(update.format(source="_ft_verdict AS v"), [now, base, ids])
            cur.execute("DROP TABLE _ft_verdict")
            return
        cols = list(zip(*rows, strict=True))
        source = (
            "unnest(%s::bigint[], %s::jsonb[], %s::varchar[], %s::jsonb[], %s::jsonb[], "
            f"%s::float8[], %s::bigint[], %s::int[]) AS v({_COLUMNS})"
        )
        cur.execute(update.format(source=source), [now, base, *map(list, cols), ids])


def _store_portable(outcomes: list[Outcome], now: datetime) -> None:
    objs = [
        Channel(
            pk=o.id,
            spec=o.spec,
            status=o.status,
            result=o.result,
            problem_codes=o.problem_codes,
            loss_db=o.loss_db,
            b_port_id=o.b_port_id,
            lc_port=o.lc_port,
            validated_at=now,
        )
        for o in outcomes
    ]
    fields = [
        "spec",
        "status",
        "result",
        "problem_codes",
        "loss_db",
        "b_port",
        "lc_port",
        "validated_at",
    ]
    Channel.objects.bulk_update(objs, fields, batch_size=500)


def _store_channel_ends(outcomes: list[Outcome], *, all_channels: bool) -> None:
    """Make each channel's ChannelEnd rows match its path, touching only channels that moved."""
    ids = [o.id for o in outcomes]
    existing: dict[int, set[int]] = {}
    qs = ChannelEnd.objects.all() if all_channels else ChannelEnd.objects.filter(channel_id__in=ids)
    for cid, eid in fetch_rows(qs, ("channel_id", "end_id")):
        existing.setdefault(cid, set()).add(eid)
    changed = [o for o in outcomes if existing.get(o.id, set()) != set(o.end_ids)]
    if not changed:
        return
    ChannelEnd.objects.filter(channel_id__in=[o.id for o in changed]).delete()
    pairs = [(o.id, e) for o in changed for e in dict.fromkeys(o.end_ids)]
    if connection.vendor == "postgresql":
        table = ChannelEnd._meta.db_table
        with connection.cursor() as cur:
            if len(pairs) > COPY_ABOVE:
                with cur.cursor.copy(f"COPY {table} (channel_id, end_id) FROM STDIN") as copy:
                    for pair in pairs:
                        copy.write_row(pair)
                return
            cur.execute(
                f"INSERT INTO {table} (channel_id, end_id) "
                "SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                [[p[0] for p in pairs], [p[1] for p in pairs]],
            )
        return
    ChannelEnd.objects.bulk_create(
        [ChannelEnd(channel_id=c, end_id=e) for c, e in pairs], batch_size=1000
    )


# --- after a MAC ------------------------------------------------------------------------


def _event_end_ids(event: MacEvent) -> set[int]:
    """Every connector end a MAC event names or implies (the cable's, the old mate's…)."""
    from inventory.models import ConnectorEnd

    ends = {e for e in (event.end_a_id, event.end_b_id) if e is not None}
    details = event.details or {}
    if details.get("from_end"):
        ends.add(int(details["from_end"]))
    cables = [c for c in (event.cable_id, details.get("replaced")) if c]
    if cables:
        ends.update(ConnectorEnd.objects.filter(cable_id__in=cables).values_list("pk", flat=True))
    return ends


def revalidate_event(event: MacEvent) -> list[Outcome]:
    """Re-validate the channels a MAC touched, discovering any path it completed; store them."""
    catalogue = application_catalogue()
    end_ids = _event_end_ids(event)
    through = ChannelEnd.objects.filter(end_id__in=end_ids).values("channel_id")
    touched_ports = dict(Channel.objects.filter(pk__in=through).values_list("pk", "a_port_id"))
    touched = list(touched_ports)
    plant = Plant.load_around(end_ids=end_ids, port_ids=touched_ports.values())
    ports = list(plant.port_end)
    new_ids = discover_channels(plant) if ports else []
    rows = list(
        Channel.objects.filter(Q(pk__in=touched) | Q(a_port_id__in=ports) | Q(b_port_id__in=ports))
        .order_by("pk")
        .values_list(*CHANNEL_FIELDS)
    )
    # Ports in the same part of the plant (a breakout's siblings) are candidates only:
    # keep the channels whose path ran, or now runs, through an end the MAC touched.
    stored = set(touched)
    outcomes = [
        o
        for o in _revalidate(rows, plant, catalogue)
        if o.id in stored or o.id in new_ids or not end_ids.isdisjoint(o.end_ids)
    ]
    for o in outcomes:
        if o.id in new_ids:
            o.is_new = True
            o.before = ChannelStatus.UNKNOWN
    base = path_digest.base_digest(catalogue, rules_digest(), plant.models)
    store(outcomes, now=timezone.now(), base=base)
    return outcomes


def mac_outcome(outcomes: list[Outcome]) -> dict[str, Any]:
    """Summarize what a MAC did to its channels: which broke and which were fixed."""
    broke = [o.id for o in outcomes if o.before == ChannelStatus.OK and o.status != o.before]
    fixed = [
        o.id
        for o in outcomes
        if o.status == ChannelStatus.OK
        and o.before not in (ChannelStatus.OK, ChannelStatus.UNKNOWN)
    ]
    return {"channels": [o.as_change() for o in outcomes], "broke": broke, "fixed": fixed}


def revalidate_after_mac(*, event_id: int) -> dict[str, Any]:
    """Re-validate what a MAC touched and record it on the event, once (idempotent).

    Safe to call from the view that ran the MAC and again from the Celery task: the
    outcome is written with a conditional UPDATE, and whoever comes second gets the
    recorded outcome back. Signals go out after commit, for status changes only.
    """
    with transaction.atomic():
        event = MacEvent.objects.get(pk=event_id)
        if event.outcome is not None:
            return dict(event.outcome)
        outcomes = revalidate_event(event)
        outcome = mac_outcome(outcomes)
        won = MacEvent.objects.filter(pk=event_id, outcome__isnull=True).update(outcome=outcome)
        if not won:
            recorded = MacEvent.objects.values_list("outcome", flat=True).get(pk=event_id)
            return dict(recorded or outcome)
        transaction.on_commit(lambda: _announce(event, outcomes))
    return outcome


def _announce(event: MacEvent, outcomes: list[Outcome]) -> None:
    from inventory.signals import channel_status_changed, mac_recorded

    mac_recorded.send(sender=MacEvent, event=event)
    for o in outcomes:
        if o.status != o.before:
            channel = Channel(
                pk=o.id,
                name=o.name,
                a_port_id=o.a_port_id,
                b_port_id=o.b_port_id,
                lc_port=o.lc_port,
                status=o.status,
                problem_codes=o.problem_codes,
                loss_db=o.loss_db,
                result=o.result,
                spec=o.spec,
            )
            channel_status_changed.send(
                sender=Channel, channel=channel, before=o.before, after=o.status
            )
