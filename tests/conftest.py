"""Shared fixtures: every test gets its own HOME, store and config, and drives the real
``envman`` CLI in a subprocess. uv's cache is shared across tests (and with the user's),
so creating an env with pip costs ~50 ms instead of a download. The code behind the
fixtures lives in tests/support/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import Sandbox, require_program


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox.at(tmp_path)


@pytest.fixture
def offline(sandbox: Sandbox) -> Sandbox:
    """A sandbox that must work without a network: the wheels are local files."""
    sandbox.env["UV_OFFLINE"] = "1"
    return sandbox


@pytest.fixture(scope="module")
def fish() -> str:
    """fish's path (the fish tests' module-wide boxes depend on it): skip locally, fail
    under CI, when it is missing."""
    return require_program("fish")


@pytest.fixture(scope="session")
def wheels(tmp_path_factory) -> Path:
    """A directory of small local wheels (no network needed to install them)."""
    from tests.support.wheels import make_wheel

    out = tmp_path_factory.mktemp("wheels")
    make_wheel(out, "envman-demo-a", "1.0", scripts={"demo-a": "envman_demo_a:main"})
    make_wheel(out, "envman-demo-a", "2.0", scripts={"demo-a": "envman_demo_a:main"})
    make_wheel(out, "envman-demo-b", "0.3", requires=["envman-demo-a"])
    return out
