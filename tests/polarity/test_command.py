"""`manage.py validate_channel`: exit 0 all pass, 1 any fails, 2 invalid; --json output.

Runs the real command in a subprocess, on a freshly migrated SQLite database (the
catalogue comes from the admin-editable Application rows).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.polarity.builders import mpo, spec, tx

ROOT = Path(__file__).resolve().parents[2]
GOOD = spec(tx(), mpo("B"), tx(), name="good")
BAD = spec(tx(), mpo("A", id="cord-17"), tx(), name="bad")
INVALID = spec(tx(), mpo("B"), mpo("B"), tx(), name="invalid")
ENV: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _migrated_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Give the command subprocess a database of its own, migrated once per module."""
    db = tmp_path_factory.mktemp("validate_channel") / "db.sqlite3"
    ENV.clear()
    ENV.update(
        {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        DATABASE_URL=f"sqlite:///{db}",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def run(document: Any, *args: str, stdin: bool = False, tmp_path: Path | None = None) -> Any:
    text = document if isinstance(document, str) else json.dumps(document)
    if stdin:
        target, feed = "-", text
    else:
        assert tmp_path is not None
        path = tmp_path / "spec.json"
        path.write_text(text)
        target, feed = str(path), ""
    return subprocess.run(
        [sys.executable, "manage.py", "validate_channel", target, *args],
        cwd=ROOT,
        env=ENV,
        input=feed,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("document", "status"),
    [
        (GOOD, 0),
        ([GOOD, GOOD], 0),
        (BAD, 1),
        ([GOOD, BAD], 1),
        (INVALID, 2),
        ([GOOD, INVALID], 2),
        ("{not json", 2),
    ],
)
def test_exit_status(document: Any, status: int, tmp_path: Path) -> None:
    done = run(document, tmp_path=tmp_path)
    assert done.returncode == status, done.stderr


def test_table_output_names_problems_and_fixes(tmp_path: Path) -> None:
    done = run([GOOD, BAD], tmp_path=tmp_path)
    assert "PASS  good" in done.stdout and "FAIL  bad" in done.stdout
    assert "polarity" in done.stdout and "fix:" in done.stdout


def test_json_output_is_the_contract_list_from_stdin() -> None:
    done = run([GOOD, BAD], "--json", stdin=True)
    assert done.returncode == 1
    results = json.loads(done.stdout)
    assert [r["ok"] for r in results] == [True, False]
    assert results[1]["problems"][0]["id"] == "cord-17"


def test_json_single_spec_gives_one_object() -> None:
    done = run(GOOD, "--json", stdin=True)
    assert json.loads(done.stdout)["ok"] is True


def test_invalid_prints_path_and_reason(tmp_path: Path) -> None:
    done = run(INVALID, tmp_path=tmp_path)
    assert "elements[2]" in done.stderr and "adapter" in done.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"spec_version": 1, "name": "\xff\xfe"}', "not UTF-8"),
        (b"1" * 5000, "not valid JSON"),
    ],
    ids=["deeply-nested", "not-utf8", "huge-number"],
)
def test_undecodable_input_is_an_invalid_document(
    content: bytes, reason: str, tmp_path: Path
) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(content)
    for extra in ((), ("--json",)):
        done = run_file(path, *extra)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert reason in done.stderr
    assert json.loads(done.stdout)["errors"][0]["path"] == "$"


def test_a_missing_file_is_exit_2_with_the_reason(tmp_path: Path) -> None:
    done = run_file(tmp_path / "nowhere.json")
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr


def test_an_unmigrated_database_falls_back_to_the_default_catalogue(tmp_path: Path) -> None:
    empty = {**ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(GOOD))
    done = run_file(path, env=empty)
    assert done.returncode == 0, done.stderr
    assert "default catalogue" in done.stderr and "PASS  good" in done.stdout


def run_file(path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [sys.executable, "manage.py", "validate_channel", str(path), *args],
        cwd=ROOT,
        env=env or ENV,
        capture_output=True,
        timeout=60,
        check=False,
        text=True,
        errors="replace",
    )


def small_catalogue() -> Any:
    """A provider as the inventory app would write one: plain rows in, Catalogue out."""
    from polarity.catalogue import ApplicationSpec, Catalogue

    return Catalogue(
        applications=[
            ApplicationSpec(
                "100GBASE-SR4", "MPO-12", (1, 2, 3, 4), (9, 10, 11, 12), [("OM4", 100, 1.9)]
            )
        ]
    )


def test_catalogue_provider_setting(settings: Any) -> None:
    from polarity.management.commands.validate_channel import load_catalogue

    settings.FIBERTRACE_CATALOGUE_PROVIDER = "tests.polarity.test_command.small_catalogue"
    assert load_catalogue().names == ("100GBASE-SR4",)
    del settings.FIBERTRACE_CATALOGUE_PROVIDER
    assert len(load_catalogue().names) >= 9
