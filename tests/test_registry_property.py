"""Property test: random, wrongly-typed and hostile registry documents (and
parsed caches forged to match them) fed to ls, show, doctor and doctor --fix. Whatever
the documents hold: no exception escapes, nothing outside the store is written or run
(decoy venvs outside the store have a bin/python that leaves a marker), and every healthy
env is still listed and intact.

The bulk runs through the library (the functions the commands call) to keep the example
count useful on 2 cores; a few documents also go through the real CLI in subprocesses.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.support import HOSTILE, make_env, snapshot

HEALTHY = ("a", "b c")
DECOY_KEYS = ["../decoy", "../../decoy", "/decoy", "-rf", ".envman", ".", "..", "x/../../decoy",
              "new\nline", "ghost", "tab\tname", "", HOSTILE, "postactivate", "é" * 200]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A store with two healthy envs, made once by the real CLI and copied per example."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("template")
    (root / "home").mkdir()
    env = make_env(root, root / "store")
    for name in HEALTHY:
        subprocess.run([sys.executable, "-m", "envman", "new", name, "--no-pip"], env=env,
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
    return root / "store"


def plant_decoys(root: Path, cfg: Path) -> Path:
    """Venv-looking directories outside the store, at every place a hostile key or path
    could lead, with a healthy env's pyvenv.cfg (``cfg``) so that nothing but running it
    tells them apart; each bin/python touches ``root/ran`` and prints a version."""
    marker = root / "ran"
    for d in (root / "decoy", root.parent / "decoy", root / "outside" / "decoy"):
        (d / "bin").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cfg, d / "pyvenv.cfg")
        (d / "bin" / "python").write_text(f"#!/bin/sh\ntouch '{marker}'\necho 3.12.0\n")
        (d / "bin" / "python").chmod(0o755)
    return marker


# -- documents ---------------------------------------------------------------------------------
scalars = st.one_of(st.integers(-2**63, 2**63 - 1), st.text(max_size=12), st.booleans(),
                    st.floats(allow_nan=False), st.just("/decoy"), st.just("../decoy"))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)
aware = st.datetimes(timezones=st.just(timezone.utc))


def field(right, *wrong):
    return st.one_of(right, *wrong, values)


record_fields = {
    "path": field(st.sampled_from(["/decoy", "../decoy", "x"]), st.text(max_size=8)),
    "python": field(st.sampled_from(["/usr/bin/python3", "../decoy/bin/python"])),
    "python_version": field(st.sampled_from(["3.12.0", "9.9.9"])),
    "created": field(aware, st.datetimes()),
    "backend": field(st.sampled_from(["uv", "venv", "adopted"])),
    "project": field(st.sampled_from(["/tmp", "/no/such/dir", "/tmp\n/etc"])),
    "packages": field(st.lists(st.text(max_size=8), max_size=3)),
    "requirements": field(st.lists(st.text(max_size=8), max_size=2)),
    "system_site_packages": field(st.booleans()),
    "pid": field(st.integers(-3, 2**40), st.just(os.getpid())),
    "unknown-key": values,
}
# A healthy env's entry may be wrong in every way but one: it never claims that the env is
# a half-made build or a dead shell's temporary env (doctor --fix removes those, by design,
# whatever the directory holds).
healthy_fields = dict(record_fields, state=st.sampled_from(["ready", "bogus", 5]),
                      temporary=st.sampled_from([False, "yes", 1]))
hostile_fields = dict(record_fields, state=field(st.sampled_from(["ready", "creating"])),
                      temporary=field(st.booleans()))


def records(fields: dict):
    # Half of them complete enough that a lax reader would have built a record from them.
    rest = {k: v for k, v in fields.items() if k != "path"}
    return st.one_of(st.fixed_dictionaries({}, optional=fields),
                     st.fixed_dictionaries({"path": st.just("/decoy")}, optional=rest))


entries = st.one_of(
    st.dictionaries(st.sampled_from(HEALTHY), st.one_of(records(healthy_fields), values),
                    max_size=2),
    st.dictionaries(st.one_of(st.sampled_from(DECOY_KEYS), st.text(max_size=10)),
                    st.one_of(records(hostile_fields), values), max_size=4),
).flatmap(lambda first: st.dictionaries(st.sampled_from(DECOY_KEYS),
                                        records(hostile_fields), max_size=3)
          .map(lambda more: {**more, **first}))
documents = st.fixed_dictionaries(
    {"envs": st.one_of(entries, entries, values)},
    optional={"schema": st.one_of(st.just(1), scalars), "other": values},
)
caches = st.one_of(st.none(), values, st.fixed_dictionaries({"envs": st.one_of(entries, values)}),
                   st.tuples(st.just("\0datetime"), st.text(max_size=5)),
                   st.frozensets(st.integers(), max_size=3), st.binary(max_size=8))


def write_store(store: Path, doc: dict, cache: object, garbage: bytes | None) -> None:
    state = store / ".envman"
    state.mkdir(parents=True, exist_ok=True)
    try:
        raw = garbage if garbage is not None else tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError):
        raw = repr(doc).encode("utf-8", "surrogateescape")
    (state / "registry.toml").write_bytes(raw)
    if cache is not None:  # a parsed copy forged to match these exact bytes
        # Format 1 (a document), or format 2 (a document, and where its dates are: here
        # pointers into it, to it, and to what it is not). Which one: the hash of raw.
        version = 1 + zlib.crc32(raw) % 2
        key = (version, len(raw), zlib.crc32(raw))
        if version == 2:
            envs = cache.get("envs") if type(cache) is dict else None
            found = [cache, "envs", envs, next(iter(envs), 0) if type(envs) is dict else 0,
                     cache, 0, "x", 1]
            cache = (cache, found)
        try:
            (state / "registry.cache").write_bytes(marshal.dumps((key, cache)))
        except ValueError:
            pass


def healthy_ok(store: Path, listed: list[str]) -> None:
    for name in HEALTHY:
        assert name in listed, f"healthy env {name!r} not listed"
        assert (store / name / "pyvenv.cfg").is_file(), f"healthy env {name!r} damaged"


def outside(root: Path) -> dict:
    return {k: v for k, v in snapshot(root).items() if not k.startswith("store")}


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(doc=documents, cache=caches, garbage=st.one_of(st.none(), st.none(), st.binary(max_size=20)))
# Always run, whatever is drawn: a key leading to a decoy venv outside the store, values
# of the wrong type, and a forged cache holding what the registry file does not.
@example(doc={"envs": {"../decoy": {"path": "/decoy"}}}, cache=None, garbage=None)
@example(doc={"envs": {"a": {"path": "x", "python": [1], "project": {"x": 1}, "packages": "s"}}},
         cache=None, garbage=None)
@example(doc={"envs": {}}, cache={"envs": {"b c": {"path": "x", "created": frozenset()},
                                          "../decoy": {"path": "/decoy"}}}, garbage=None)
def test_hostile_registry_documents_through_the_library(template, tmp_path_factory, monkeypatch,
                                                        doc, cache, garbage):
    from envman import core, doctor
    from envman.store import Store

    root = tmp_path_factory.mktemp("prop")
    store_dir = root / "store"
    shutil.copytree(template, store_dir, symlinks=True)
    marker = plant_decoys(root, template / "a" / "pyvenv.cfg")
    write_store(store_dir, doc, cache, garbage)
    before = outside(root)
    monkeypatch.setenv("WORKON_HOME", str(store_dir))
    store = Store(store_dir)

    healthy_ok(store_dir, [e.name for e in core.list_envs(store)])
    for name in HEALTHY:
        assert core.get_env(store, name).name == name
    doctor.doctor(store, apply=False)
    doctor.doctor(store, apply=True)
    healthy_ok(store_dir, [e.name for e in core.list_envs(store)])
    assert not marker.exists(), "a program outside the store was run"
    assert outside(root) == before, "something outside the store changed"


# Each complete enough (a path in every record) that a lax reader would use it.
CLI_DOCS = [
    {"schema": 1, "envs": {"../decoy": {"path": "/decoy"}, "a": {"path": "../decoy", "pid": -1},
                           "b c": {"path": "x", "packages": "x", "created": "now"}}},
    {"schema": "1", "envs": ["a"]},
    {"schema": 1, "envs": {"-rf": {"path": "x"}, ".envman": {"path": "x", "state": "creating",
                                                             "pid": 1},
                           "ghost": {"path": "x", "state": "creating", "pid": 2**40},
                           HOSTILE: 5, "outside/decoy": {"path": "x"},
                           "a": {"path": "x", "project": "/tmp\n/etc",
                                 "created": datetime(2020, 1, 1)}}},
]


@pytest.mark.parametrize("doc", CLI_DOCS, ids=["keys", "structure", "mixed"])
def test_hostile_registry_documents_through_the_cli(template, tmp_path, doc):
    import subprocess
    import sys

    store_dir = tmp_path / "store"
    (tmp_path / "home").mkdir()
    shutil.copytree(template, store_dir, symlinks=True)
    marker = plant_decoys(tmp_path, template / "a" / "pyvenv.cfg")
    write_store(store_dir, doc, None, None)
    before = outside(tmp_path)
    env = make_env(tmp_path, store_dir)

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "envman", *args], env=env, text=True,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=300,
                              check=False)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc

    healthy_ok(store_dir, [e["name"] for e in json.loads(run("ls", "--json").stdout)])
    for name in HEALTHY:
        assert run("show", name).returncode == 0
    assert run("doctor").returncode in (0, 1)
    assert run("doctor", "--fix").returncode in (0, 1)
    assert run("doctor").returncode == 0
    healthy_ok(store_dir, run("ls", "-b").stdout.splitlines())
    assert not marker.exists()
    assert outside(tmp_path) == before
