"""Fibertrace's polarity engine: pure Python, no Django (see channel-spec.md).

Public API::

    from polarity import parse_document, validate, validate_document, SpecError
    channel = parse_channel(doc)            # or parse_document(doc) for one spec or a list
    result = validate(channel, catalogue)   # Result; result.to_dict() is the contract JSON

The hot modules may also exist compiled by mypyc (see setup.py): `BUILD` says which ran.
The .py files are the source of truth. The compiled modules are used only when
`_native.json`, written by the build, records exactly the sources present now; otherwise
(a source edited or checked out since the build) a RuntimeWarning says so and every
module loads from its .py file. `FIBERTRACE_NO_MYPYC=1` at run time also loads the .py
files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec, SourceFileLoader
from importlib.util import spec_from_file_location

_HERE = os.path.dirname(os.path.abspath(__file__))
_MANIFEST = "_native.json"


class _SourceFinder:
    """Load the named polarity modules from their .py files, ahead of compiled ones."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or name not in self.names:
            return None
        source = os.path.join(_HERE, f"{name}.py")
        if not os.path.exists(source):
            return None
        return spec_from_file_location(fullname, source, loader=SourceFileLoader(fullname, source))


def _compiled_names() -> frozenset[str]:
    names = set()
    for entry in os.listdir(_HERE):
        for suffix in EXTENSION_SUFFIXES:  # the most specific first (.cpython-311-….so)
            if entry.endswith(suffix):
                names.add(entry[: -len(suffix)])
                break
    return frozenset(names)


def _stale(names: frozenset[str]) -> str | None:
    """Return why the compiled modules must not be used, or None when they match."""
    try:
        with open(os.path.join(_HERE, _MANIFEST), encoding="utf-8") as f:
            sources: dict[str, str] = json.load(f)["sources"]
    except (OSError, ValueError, KeyError):
        return f"no valid {_MANIFEST} next to them"
    if set(sources) != names - {"_native__mypyc"}:
        return f"they are not the modules {_MANIFEST} lists"
    for name, digest in sorted(sources.items()):
        try:
            with open(os.path.join(_HERE, f"{name}.py"), "rb") as f:
                current = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            return f"polarity/{name}.py is missing"
        if current != digest:
            return f"polarity/{name}.py changed since they were built"
    return None


def _choose_build() -> tuple[str, str]:
    """Decide, before any engine module loads, between the compiled modules and the .py files."""
    names = _compiled_names()
    if not names:
        return "python", "no compiled modules (FIBERTRACE_NO_MYPYC=1 at install, or never built)"
    if os.environ.get("FIBERTRACE_NO_MYPYC", "") not in ("", "0"):
        why = "FIBERTRACE_NO_MYPYC is set"
    else:
        stale = _stale(names)
        if stale is None:
            return "mypyc", "compiled modules match their sources"
        why = f"compiled modules ignored: {stale}"
        warnings.warn(
            f"polarity: {why}; running the pure-Python engine. Rebuild with "
            "`pip install -e .` (or remove polarity/*.so).",
            RuntimeWarning,
            stacklevel=2,
        )
    sys.meta_path.insert(0, _SourceFinder(names))
    return "python", why


BUILD, BUILD_REASON = _choose_build()

from polarity.catalogue import DEFAULT_CATALOGUE, ApplicationSpec, Catalogue, FiberSpec  # noqa: E402
from polarity.channel import Channel  # noqa: E402
from polarity.engine import validate, validate_document, validate_many  # noqa: E402
from polarity.errors import SpecError, SpecIssue  # noqa: E402
from polarity.results import Fiber, Loss, Problem, Result, Suggestion  # noqa: E402
from polarity.spec import parse_channel, parse_document  # noqa: E402

__all__ = [
    "BUILD",
    "BUILD_REASON",
    "DEFAULT_CATALOGUE",
    "ApplicationSpec",
    "Catalogue",
    "Channel",
    "Fiber",
    "FiberSpec",
    "Loss",
    "Problem",
    "Result",
    "SpecError",
    "SpecIssue",
    "Suggestion",
    "parse_channel",
    "parse_document",
    "validate",
    "validate_document",
    "validate_many",
]
