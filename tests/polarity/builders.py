"""Small builders for channel-spec documents, so tests read like the channel they draw."""

from __future__ import annotations

from typing import Any

Doc = dict[str, Any]


def end(gender: str = "female", **extra: Any) -> Doc:
    return {"gender": gender, **extra}


def tx(application: str = "100GBASE-SR4", **extra: Any) -> Doc:
    return {"kind": "transceiver", "application": application, **extra}


def mpo(
    polarity: str,
    connector: str = "MPO-12",
    genders: tuple[str, str] = ("female", "female"),
    length_m: float | None = 3,
    ends: list[Doc] | None = None,
    **extra: Any,
) -> Doc:
    doc: Doc = {
        "kind": "mpo_cable",
        "connector": connector,
        "polarity": polarity,
        "ends": ends or [end(genders[0]), end(genders[1])],
        **extra,
    }
    if length_m is not None:
        doc["length_m"] = length_m
    return doc


def trunk(
    polarity: str,
    connector: str = "MPO-12",
    genders: tuple[str, str] = ("male", "male"),
    length_m: float = 50,
    **extra: Any,
) -> Doc:
    return mpo(polarity, connector, genders, length_m, role="trunk", **extra)


def adapter(kind: str, **extra: Any) -> Doc:
    return {"kind": "mpo_adapter", "type": kind, **extra}


def cassette(polarity: str, connector: str = "MPO-12", port: int = 1, **extra: Any) -> Doc:
    return {
        "kind": "cassette",
        "polarity": polarity,
        "connector": connector,
        "lc_port": port,
        **extra,
    }


def cord(polarity: str = "A-B", length_m: float = 2, **extra: Any) -> Doc:
    return {"kind": "lc_cord", "polarity": polarity, "length_m": length_m, **extra}


def lc_adapter(**extra: Any) -> Doc:
    return {"kind": "lc_adapter", **extra}


def spec(*elements: Doc, name: str = "test", **extra: Any) -> Doc:
    return {"spec_version": 1, "name": name, "elements": list(elements), **extra}
