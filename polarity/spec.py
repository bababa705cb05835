"""Parse a channel-spec document (version 1) into a `Channel`, or say everything wrong with it.

The contract is ``/work/shared/spec/channel-spec.md``. Every issue is collected with its
JSON path (``elements[3].ends[1].gender``; ``[2].elements[0]`` inside a list of specs;
``$`` for the document itself) before `SpecError` is raised, so a user fixes a document
in one pass. A spec that cannot exist physically (two cables with no adapter, an LC cord
into an MPO port, a cassette with nothing on one side, a transceiver mid-channel) is
invalid, not a failing channel.

Extensions to version 1 (optional fields; old documents stay valid, old readers ignore
them):

* ``end`` objects and ``transceiver`` elements may carry ``mating_cycles`` (integer >= 0,
  matings so far) and ``rated_cycles`` (integer > 0; default: the catalogue figure for
  the end's brand, or for the port). When ``mating_cycles >= rated_cycles`` the engine
  reports a ``wear`` problem.
* every element may carry ``label`` (a string for display; problems and suggestions name
  the part by its label, else its id).
* a channel's ends need not be transceivers: an MPO cable or duplex cord at an end is an
  open plug, checked as if plugged into a port of the channel's application (the
  document must then name the application when no transceiver does).
* a cassette's ``mpo_end`` polish, when not given, follows the fibre of the plug it
  receives (UPC multimode, APC OS2), like every other end.
* in results, a suggestion that takes two changes together (where neither alone can
  work, e.g. both key-up to key-up adapters of an APC channel) lists the other
  elements to change in ``also`` (a list of element indexes); single changes carry no
  ``also`` key.
* a transceiver's ``connector`` override to a face of another shape (``MPO-32`` for an
  SR8 catalogued on ``MPO-16``) is accepted only where one key-up to key-up flip still
  pairs every Tx with its Rx there; otherwise the document is invalid at that path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from polarity.catalogue import DEFAULT_CATALOGUE, ApplicationSpec, Catalogue
from polarity.channel import Channel
from polarity.elements import (
    AdapterType,
    Brand,
    CablePolarity,
    Cassette,
    CassettePolarity,
    Connector,
    CordPolarity,
    Element,
    End,
    FiberType,
    Gender,
    LcAdapter,
    LcCord,
    MpoAdapter,
    MpoCable,
    Polish,
    Role,
    Transceiver,
)
from polarity.errors import SpecError, SpecIssue
from polarity.mapping import mirror

__all__ = [
    "MAX_ELEMENTS",
    "SpecError",
    "SpecIssue",
    "load_json",
    "parse_channel",
    "parse_document",
    "port_misfit",
]

MAX_ELEMENTS = 256
MAX_LENGTH_M = 1_000_000.0
MAX_LOSS_DB = 100.0
MPO_CONNECTORS = tuple(c for c in Connector if c is not Connector.LC)
_MISSING = object()
E = TypeVar("E", bound=StrEnum)


def _join(base: str, key: str) -> str:
    if key.startswith("["):
        return base + key
    return f"{base}.{key}" if base else key


class _Reader:
    """Read fields of JSON objects, recording an issue for each bad or missing one."""

    def __init__(self) -> None:
        self.issues: list[SpecIssue] = []

    def bad(self, path: str, reason: str) -> None:
        issue = SpecIssue(path or "$", reason)
        if issue not in self.issues:  # a cord between two ports does not fit twice
            self.issues.append(issue)

    def get(self, obj: dict[str, Any], key: str, path: str, required: bool) -> Any:
        if key not in obj or obj[key] is None:
            if required:
                self.bad(_join(path, key), "required")
            return _MISSING
        return obj[key]

    def enum(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        kind: type[E],
        required: bool = False,
        allowed: tuple[E, ...] | None = None,
    ) -> E | None:
        value = self.get(obj, key, path, required)
        if value is _MISSING:
            return None
        choices = allowed or tuple(kind)
        if isinstance(value, str):
            for choice in choices:
                if value == choice.value:
                    return choice
        names = ", ".join(repr(c.value) for c in choices)
        self.bad(_join(path, key), f"must be one of {names}, not {_show(value)}")
        return None

    def number(
        self, obj: dict[str, Any], key: str, path: str, maximum: float, required: bool = False
    ) -> float | None:
        value = self.get(obj, key, path, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(_join(path, key), f"must be a number, not {_show(value)}")
            return None
        if not math.isfinite(value) or value < 0 or value > maximum:
            self.bad(_join(path, key), f"must be between 0 and {maximum:g}, not {value!r}")
            return None
        return float(value)

    def integer(
        self, obj: dict[str, Any], key: str, path: str, minimum: int, required: bool = False
    ) -> int | None:
        value = self.get(obj, key, path, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.bad(_join(path, key), f"must be an integer, not {_show(value)}")
                return None
        if value < minimum:
            self.bad(_join(path, key), f"must be at least {minimum}, not {value}")
            return None
        return int(value)

    def string(
        self, obj: dict[str, Any], key: str, path: str, required: bool = False
    ) -> str | None:
        value = self.get(obj, key, path, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.bad(_join(path, key), f"must be a string, not {_show(value)}")
            return None
        return value

    def obj(self, value: Any, path: str, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.bad(path, f"must be {what} (a JSON object), not {_show(value)}")
            return None
        return value


def _show(value: Any) -> str:
    text = repr(value)
    kind = type(value).__name__
    return f"{text[:40]}…" if len(text) > 40 else f"{text} ({kind})" if kind != "str" else text


def _end(r: _Reader, value: Any, path: str) -> End | None:
    obj = r.obj(value, path, "an end")
    if obj is None:
        return None
    before = len(r.issues)
    gender = r.enum(obj, "gender", path, Gender, required=True)
    polish = r.enum(obj, "polish", path, Polish)
    brand = r.enum(obj, "brand", path, Brand) or Brand.GENERIC
    loss = r.number(obj, "insertion_loss_db", path, MAX_LOSS_DB)
    cycles = r.integer(obj, "mating_cycles", path, 0)
    rated = r.integer(obj, "rated_cycles", path, 1)
    if len(r.issues) > before or gender is None:
        return None
    return End(gender, polish, brand, loss, cycles, rated)


def _transceiver(
    r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue
) -> Element | None:
    application = r.string(obj, "application", path, required=True)
    if application is not None and application not in catalogue:
        r.bad(_join(path, "application"), f"unknown application {application!r}")
        application = None
    connector = r.enum(obj, "connector", path, Connector)
    gender = r.enum(obj, "gender", path, Gender)
    polish = r.enum(obj, "polish", path, Polish)
    cycles = r.integer(obj, "mating_cycles", path, 0)
    rated = r.integer(obj, "rated_cycles", path, 1)
    if application is None:
        return None
    app = catalogue.get(application)
    if connector is not None:
        why = port_misfit(app, connector)
        if why is not None:
            r.bad(_join(path, "connector"), why)
            return None
    return Transceiver(application, connector, gender, polish, cycles, rated)


def port_misfit(app: ApplicationSpec, connector: Connector) -> str | None:
    """Say why a port of ``app`` cannot have a ``connector`` face, or None when it can.

    A port's lanes are catalogued for the application's connector. An override keeps
    the position numbers, which must all be lit on the new face and, where the catalogue
    pairs Tx and Rx by one key-up to key-up flip, still be paired by one flip there.
    """
    layout, geometry = app.layout, connector.geometry
    if not set(layout.lit) <= set(geometry.lit):
        return f"a {connector} port cannot carry the lanes of {app.name}"
    if geometry is app.geometry:
        return None
    here, there = mirror(app.geometry), mirror(geometry)
    pairs = list(zip(layout.tx, layout.rx, strict=True))
    if all(here[t] == x for t, x in pairs) and not all(there[t] == x for t, x in pairs):
        return (
            f"{app.name}'s lanes are placed for {app.connector}: on an {connector} face no "
            f"single flip pairs each Tx with its Rx (leave `connector` out, or add the "
            f"{connector} layout to the catalogue as an application of its own)"
        )
    return None


def _mpo_cable(r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue) -> Element | None:
    connector = r.enum(obj, "connector", path, Connector, True, MPO_CONNECTORS)
    polarity = r.enum(obj, "polarity", path, CablePolarity, required=True)
    role = r.enum(obj, "role", path, Role)
    fiber = r.enum(obj, "fiber_type", path, FiberType)
    length = r.number(obj, "length_m", path, MAX_LENGTH_M)
    ends_value = r.get(obj, "ends", path, required=True)
    ends: list[End | None] = []
    ends_path = _join(path, "ends")
    if ends_value is not _MISSING:
        if not isinstance(ends_value, list) or len(ends_value) != 2:
            r.bad(ends_path, "must be a list of exactly two end objects")
        else:
            ends = [_end(r, e, f"{ends_path}[{i}]") for i, e in enumerate(ends_value)]
    if connector is None or polarity is None or len(ends) != 2 or None in ends:
        return None
    pair = (ends[0], ends[1])
    return MpoCable(connector, polarity, pair, role, fiber, length)  # type: ignore[arg-type]


def _mpo_adapter(
    r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue
) -> Element | None:
    kind = r.enum(obj, "type", path, AdapterType, required=True)
    loss = r.number(obj, "insertion_loss_db", path, MAX_LOSS_DB)
    return None if kind is None else MpoAdapter(kind, loss)


def _cassette(r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue) -> Element | None:
    polarity = r.enum(obj, "polarity", path, CassettePolarity, required=True)
    connector = r.enum(obj, "connector", path, Connector, True, MPO_CONNECTORS)
    port = r.integer(obj, "lc_port", path, 1, required=True)
    loss = r.number(obj, "insertion_loss_db", path, MAX_LOSS_DB)
    end_value = r.get(obj, "mpo_end", path, required=False)
    end = End(Gender.MALE) if end_value is _MISSING else _end(r, end_value, _join(path, "mpo_end"))
    if connector is not None and port is not None:
        ports = len(connector.geometry.lit) // 2
        if port > ports:
            r.bad(_join(path, "lc_port"), f"a {connector} cassette has ports 1-{ports}, not {port}")
            return None
    if polarity is None or connector is None or port is None or end is None:
        return None
    return Cassette(polarity, connector, port, end, loss)


def _lc_cord(r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue) -> Element | None:
    polarity = r.enum(obj, "polarity", path, CordPolarity, required=True)
    fiber = r.enum(obj, "fiber_type", path, FiberType)
    length = r.number(obj, "length_m", path, MAX_LENGTH_M)
    return None if polarity is None else LcCord(polarity, fiber, length)


def _lc_adapter(r: _Reader, obj: dict[str, Any], path: str, catalogue: Catalogue) -> Element | None:
    return LcAdapter(r.number(obj, "insertion_loss_db", path, MAX_LOSS_DB))


_PARSERS: dict[str, Callable[[_Reader, dict[str, Any], str, Catalogue], Element | None]] = {
    "transceiver": _transceiver,
    "mpo_cable": _mpo_cable,
    "mpo_adapter": _mpo_adapter,
    "cassette": _cassette,
    "lc_cord": _lc_cord,
    "lc_adapter": _lc_adapter,
}


def _element(r: _Reader, value: Any, path: str, catalogue: Catalogue) -> Element | None:
    obj = r.obj(value, path, "an element")
    if obj is None:
        return None
    before = len(r.issues)
    ident = r.string(obj, "id", path)
    label = r.string(obj, "label", path)
    kind = r.get(obj, "kind", path, required=True)
    if kind is _MISSING:
        return None
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        names = ", ".join(_PARSERS)
        r.bad(_join(path, "kind"), f"unknown kind {_show(kind)}: use one of {names}")
        return None
    element = parser(r, obj, path, catalogue)
    if element is None or len(r.issues) > before:
        return None
    if ident is not None or label is not None:
        from dataclasses import replace

        element = replace(element, id=ident, label=label)
    return element


def _port_families(
    r: _Reader, elements: list[Element], application: str, catalogue: Catalogue, path: str
) -> None:
    """Check that plugs at the ends fit the port they meet (LC cord vs MPO port)."""
    last = len(elements) - 1
    for index, neighbour in ((0, 1), (last, last - 1)):
        el = elements[index]
        if isinstance(el, Transceiver):
            app = catalogue.get(el.application)
            port = el.connector or app.connector
            plug = elements[neighbour]
            where = f"{path}.elements[{neighbour}]" if path else f"elements[{neighbour}]"
        elif isinstance(el, (MpoCable, LcCord)):
            port = catalogue.get(application).connector
            plug = el
            where = f"{path}.elements[{index}]" if path else f"elements[{index}]"
        else:
            continue
        is_lc_plug = isinstance(plug, LcCord)
        if isinstance(plug, (MpoCable, LcCord)) and is_lc_plug != (port is Connector.LC):
            r.bad(where, f"a {plug.kind.value} cannot plug into an {port} port")


def parse_channel(
    document: Any, catalogue: Catalogue = DEFAULT_CATALOGUE, path: str = ""
) -> Channel:
    """Return the Channel a spec describes, or raise SpecError listing every issue."""
    r = _Reader()
    doc = r.obj(document, path, "a channel spec")
    if doc is None:
        raise SpecError(r.issues)
    version = r.get(doc, "spec_version", path, required=True)
    if version is not _MISSING and (isinstance(version, bool) or version != 1):
        r.bad(_join(path, "spec_version"), f"only version 1 is supported, not {_show(version)}")
    name = r.string(doc, "name", path)
    application = r.string(doc, "application", path)
    if application is not None and application not in catalogue:
        r.bad(_join(path, "application"), f"unknown application {application!r}")
    raw = r.get(doc, "elements", path, required=True)
    elements: list[Element | None] = []
    if raw is not _MISSING:
        if not isinstance(raw, list):
            r.bad(_join(path, "elements"), f"must be a list, not {_show(raw)}")
        elif len(raw) > MAX_ELEMENTS:
            r.bad(
                _join(path, "elements"), f"must hold 2 to {MAX_ELEMENTS} elements, not {len(raw)}"
            )
        else:
            if len(raw) < 2:
                r.bad(
                    _join(path, "elements"),
                    f"must hold 2 to {MAX_ELEMENTS} elements, not {len(raw)}",
                )
            base = _join(path, "elements")
            elements = [_element(r, e, f"{base}[{i}]", catalogue) for i, e in enumerate(raw)]
    if r.issues or not elements:
        raise SpecError(r.issues)
    complete: list[Element] = [e for e in elements if e is not None]
    if application is None:
        application = next((e.application for e in complete if isinstance(e, Transceiver)), None)
    try:
        channel = Channel(tuple(complete), application, name)
    except SpecError as exc:
        raise SpecError([SpecIssue(_join(path, e.path), e.reason) for e in exc.errors]) from None
    _port_families(r, complete, channel.application or "", catalogue, path)
    if r.issues:
        raise SpecError(r.issues)
    return channel


def parse_document(
    document: Any, catalogue: Catalogue = DEFAULT_CATALOGUE
) -> Channel | list[Channel]:
    """Parse one spec, or a JSON list of specs (paths then start with the list index)."""
    if not isinstance(document, list):
        return parse_channel(document, catalogue)
    channels: list[Channel] = []
    issues: list[SpecIssue] = []
    for i, item in enumerate(document):
        try:
            channels.append(parse_channel(item, catalogue, f"[{i}]"))
        except SpecError as exc:
            issues.extend(exc.errors)
    if issues:
        raise SpecError(issues)
    return channels


def load_json(data: str | bytes) -> Any:
    """Decode a document's JSON text; anything that is not a JSON document is a SpecError.

    Not UTF-8, not JSON, nested deeper than the decoder goes, a number too long to
    read: each is an invalid document at ``$``, never an exception of another kind.
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise SpecError([SpecIssue("$", f"not UTF-8 text (byte {exc.start})")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        raise SpecError([SpecIssue("$", reason)]) from exc
    except RecursionError as exc:
        raise SpecError([SpecIssue("$", "not valid JSON: nested too deeply")]) from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python reads
        raise SpecError([SpecIssue("$", f"not valid JSON: {exc}")]) from exc
