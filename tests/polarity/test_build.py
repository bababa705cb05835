"""The mypyc-compiled engine (setup.py): used whole or not at all, and never different.

`pip install -e .` compiles the hot modules; `polarity/__init__.py` uses them only while
they match their .py sources. The rest of the suite runs against whichever build is
installed; these tests check that the choice is consistent, that the compiled and the
pure-Python engines give the same answers, and that stale compiled modules are ignored.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

import pytest

import polarity

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "polarity"
MANIFEST = PACKAGE / "_native.json"
compiled_only = pytest.mark.skipif(
    polarity.BUILD != "mypyc", reason=f"pure-Python engine: {polarity.BUILD_REASON}"
)


def _compiled_names() -> list[str]:
    if not MANIFEST.exists():
        return []
    return sorted(json.loads(MANIFEST.read_text())["sources"])


def _is_extension(module: Any) -> bool:
    return str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES))


def test_engine_modules_all_come_from_one_build() -> None:
    """Compiled modules are used all together or not at all (they call each other in C)."""
    names = _compiled_names()
    modules = [importlib.import_module(f"polarity.{name}") for name in names]
    kinds = {_is_extension(m) for m in modules}
    assert kinds <= {polarity.BUILD == "mypyc"}, [m.__file__ for m in modules]
    if polarity.BUILD == "mypyc":
        assert {"engine", "checks", "loss", "trace", "elements"} <= set(names)
    elif not os.environ.get("FIBERTRACE_NO_MYPYC"):
        engine = importlib.import_module("polarity.engine")
        assert str(engine.__file__).endswith(".py")


def _documents() -> list[Any]:
    """The benchmark's mix, some of it reversed or broken, as JSON documents."""
    spec = importlib.util.spec_from_file_location(
        "bench_polarity", ROOT / "bench/bench_polarity.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    docs: list[Any] = bench.generate(400, seed=5)
    rng = random.Random(5)
    for doc in docs[:100]:  # drop or garble one field: invalid documents too
        broken = json.loads(json.dumps(doc))
        element = rng.choice(broken["elements"])
        key = rng.choice(sorted(element))
        if rng.random() < 0.5:
            del element[key]
        else:
            element[key] = rng.choice([None, -1, "X", [], {"a": 1}, 1e308])
        docs.append(broken)
    return docs


_ANSWER = """
import json, sys
from polarity import BUILD, SpecError, parse_channel, validate
out = []
for doc in json.load(open(sys.argv[1])):
    try:
        channel = parse_channel(doc)
    except SpecError as exc:
        out.append(exc.to_dict())
        continue
    out.append([validate(channel).to_dict(), validate(channel.reversed()).to_dict()])
print(json.dumps({"build": BUILD, "answers": out}))
"""


def _answers(docs_file: Path, pure: bool) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("FIBERTRACE_NO_MYPYC", None)
    if pure:
        env["FIBERTRACE_NO_MYPYC"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _ANSWER, str(docs_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    answers: dict[str, Any] = json.loads(done.stdout)
    return answers


@compiled_only
def test_compiled_and_pure_python_engines_agree(tmp_path: Path) -> None:
    docs_file = tmp_path / "docs.json"
    docs_file.write_text(json.dumps(_documents()))
    compiled = _answers(docs_file, pure=False)
    pure = _answers(docs_file, pure=True)
    assert (compiled["build"], pure["build"]) == ("mypyc", "python")
    assert len(compiled["answers"]) == 500
    assert compiled["answers"] == pure["answers"]


def _copy_package(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "polarity", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


_WHICH = """
import warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    import polarity, polarity.loss
print(polarity.BUILD, polarity.loss.__file__.endswith(".py"), len(caught))
for w in caught:
    print(w.message)
"""


def _which(root: Path, **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k != "FIBERTRACE_NO_MYPYC"}
    environ["PYTHONPATH"] = str(root)
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-c", _WHICH],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


@compiled_only
def test_an_untouched_copy_runs_compiled(tmp_path: Path) -> None:
    assert _which(_copy_package(tmp_path))[0] == "mypyc False 0"


@compiled_only
def test_stale_compiled_modules_are_ignored_with_a_warning(tmp_path: Path) -> None:
    root = _copy_package(tmp_path)
    loss = root / "polarity" / "loss.py"
    loss.write_text(loss.read_text() + "\n# edited after the build\n")
    lines = _which(root)
    assert lines[0] == "python True 1"
    assert "polarity/loss.py changed since they were built" in lines[1]


@compiled_only
def test_fibertrace_no_mypyc_at_run_time_loads_the_sources(tmp_path: Path) -> None:
    assert _which(_copy_package(tmp_path), FIBERTRACE_NO_MYPYC="1")[0] == "python True 0"
