"""Build hook: compile the polarity engine's hot modules with mypyc.

Everything else about the package is in pyproject.toml. `pip install -e .` (and any wheel
build) runs mypyc over the modules below and builds one C extension per module, placed
next to its source (`polarity/engine.cpython-311-x86_64-linux-gnu.so` ...; gitignored).
The .py files stay the source of truth: `polarity/__init__.py` loads the compiled modules
only while `polarity/_native.json`, written after a successful build, records the exact
sources they were built from (else it warns and uses the .py files).

    FIBERTRACE_NO_MYPYC=1 pip install -e .   # pure Python: skip mypyc, remove old builds

A compile error fails the install (set FIBERTRACE_NO_MYPYC=1 where there is no C
compiler or no Python headers). mypyc type-checks the modules with mypy first, without
the project's mypy configuration (its Django plugin is not installed in the build
environment): `polarity` needs neither.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "polarity"
MANIFEST = "_native.json"
GROUP = "polarity._native"  # the shared library: polarity/_native__mypyc.*.so

# The modules validation runs through, and parsing and suggestions with them. Not
# compiled: __init__ (it decides whether the compiled modules are used), apps and the
# management command (Django), fibermap (SVG drawing, not hot).
COMPILED = (
    "mapping",
    "errors",
    "elements",
    "catalogue",
    "channel",
    "results",
    "context",
    "trace",
    "checks",
    "costs",
    "loss",
    "blame",
    "engine",
    "fixes",
    "spec",
)


def _skip() -> bool:
    return os.environ.get("FIBERTRACE_NO_MYPYC", "") not in ("", "0")


def _digest(name: str) -> str:
    return hashlib.sha256((PACKAGE / f"{name}.py").read_bytes()).hexdigest()


def _remove_old_builds() -> None:
    """Delete compiled modules left in the source tree by an earlier in-place build."""
    suffixes = (".so", ".pyd")
    for path in PACKAGE.iterdir():
        if path.name.endswith(suffixes) or path.name == MANIFEST:
            path.unlink()


class MypycBuildExt(build_ext):
    """Generate the extensions with mypyc when a build actually needs them.

    Running mypyc when setup.py is imported would repeat it for every metadata query
    pip makes; here it runs once, when build_ext is finalized.
    """

    def finalize_options(self) -> None:
        if not _skip() and self.distribution.ext_modules == _PLACEHOLDER:
            from mypyc.build import mypycify

            self.sources = {name: _digest(name) for name in COMPILED}
            if self.inplace or getattr(self, "editable_mode", False):
                # Remove what an earlier build left in the source tree, so that a failed
                # build leaves nothing half old, half new (the package runs as Python).
                _remove_old_builds()
            self.distribution.ext_modules = mypycify(
                [
                    "--config-file=",  # not the project's mypy configuration
                    "--cache-dir=build/mypyc/cache",
                    *[f"polarity/{name}.py" for name in COMPILED],
                ],
                opt_level="3",
                group_name=GROUP,
                target_dir="build/mypyc",
            )
        super().finalize_options()

    def run(self) -> None:
        super().run()
        sources = getattr(self, "sources", None)
        if sources is None:
            return
        manifest = json.dumps(
            {"python": sys.version.split()[0], "sources": sources}, indent=1, sort_keys=True
        )
        targets = [Path(self.build_lib) / "polarity"]
        if self.inplace or getattr(self, "editable_mode", False):
            targets.append(PACKAGE)
        for target in targets:
            target.mkdir(parents=True, exist_ok=True)
            (target / MANIFEST).write_text(manifest + "\n")


# Stands for the mypyc extensions until build_ext generates them (it marks the package
# as one with C extensions, so that build_ext runs at all).
_PLACEHOLDER = [Extension(f"{GROUP}__mypyc", sources=[])]

if _skip():
    _remove_old_builds()

setup(
    ext_modules=[] if _skip() else _PLACEHOLDER,
    cmdclass={"build_ext": MypycBuildExt},
)
