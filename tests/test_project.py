"""Project-level checks: deploy settings, compose file, migrations, import directions."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "FIBERTRACE_PRODUCTION": "1",
            "SECRET_KEY": "x9!" + "k" * 40 + "fibertrace-production-secret-7f3a9c",
            "ALLOWED_HOSTS": "fibertrace.example.net",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_default_settings_fail_check_deploy():
    """The check must be able to fail: debug settings are not production-ready."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={"DEBUG": "1"})
    assert result.returncode != 0


def test_migrations_are_committed():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_full_stack_with_healthchecks():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "pgdata" in _compose()["volumes"]


def _commands(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_compose_commands_exist_in_the_project():
    services = _compose()["services"]
    web = _commands(services["web"])
    assert "gunicorn config.wsgi:application" in web
    for cmd in ("migrate", "collectstatic"):
        assert f"manage.py {cmd}" in web
    from config.wsgi import application

    assert callable(application)
    for name in ("worker", "beat"):
        assert "-A config" in _commands(services[name])
    from config.celery_app import app

    assert app.main == "fibertrace"
    dockerfile = (ROOT / "Dockerfile").read_text()
    for copied in ("config", "inventory", "polarity", "api", "templates", "manage.py"):
        assert f"COPY {copied}" in dockerfile
    # The engine's mypyc build hook must reach the image, with a compiler to run it.
    assert any(
        line.startswith("COPY ") and "setup.py" in line.split() for line in dockerfile.splitlines()
    )
    assert "gcc" in dockerfile and "pip install" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", "var", "polarity/*.so"} <= set(ignored)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


DJANGO_AWARE = {"apps.py", "validate_channel.py", "__init__.py"}


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "polarity").rglob("*.py") if p.name not in DJANGO_AWARE),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_engine_imports_no_django_nor_the_app(path: Path):
    """polarity ← inventory ← api/views/tasks: the engine stays pure Python."""
    assert not _imports(path) & {"django", "rest_framework", "inventory", "api", "config"}


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "inventory").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_inventory_does_not_import_the_api(path: Path):
    assert "api" not in _imports(path)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bin/test" in readme and "bin/run" in readme
    assert "bash bin/test" in ci
