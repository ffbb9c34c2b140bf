"""Stress: hundreds of interleaved upgrade / new / rm / mv commands on a handful of
names, several at a time, as real envman processes. Afterwards no healthy env is lost
or duplicated, every env is ready and healthy, nothing is left aside, and the registry
parsed every time a reader looked at it during the run.

"Lost" is counted by conservation: every `new` that succeeds adds one env, every `rm`
that succeeds removes one, mv and upgrade (whether they succeed or fail) change
nothing in number. Each env is also given its own project directory at creation, which
mv and upgrade keep: so an env replaced by another (one deleted, one created in its
place) shows up as a project that never existed, or one seen twice.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NAMES = ("a", "b", "c", "d")
OPS = 200
WORKERS = 4


def one_op(sandbox, rng: random.Random, number: int, projects) -> tuple[str, list[str], int, str]:
    name = rng.choice(NAMES)
    kind = rng.choices(("new", "upgrade", "mv", "rm"), weights=(35, 25, 20, 20))[0]
    if kind == "new":
        project = sandbox.root / "projects" / f"p{number}"
        project.mkdir(parents=True)
        projects[str(project)] = number
        args = ["new", name, "--no-pip", "-a", str(project)]
    elif kind == "upgrade":
        args = ["upgrade", name]
    elif kind == "mv":
        args = ["mv", name, rng.choice([n for n in NAMES if n != name])]
    else:
        args = ["rm", "-y", name]
    proc = sandbox.run(*args, timeout=120)
    return kind, args, proc.returncode, proc.stderr.strip()


class RegistryWatcher(threading.Thread):
    """Reads and parses the registry over and over while the commands run."""

    def __init__(self, path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.reads = 0
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                text = self.path.read_text()
            except FileNotFoundError:
                pass
            else:
                self.reads += 1
                try:
                    tomllib.loads(text)
                except ValueError as exc:
                    self.failures.append(str(exc))
            time.sleep(0.005)


@pytest.mark.slow
def test_interleaved_upgrade_new_rm_mv_lose_nothing(sandbox):
    sandbox.ok("new", "a", "--no-pip", "-a", str(sandbox.home))
    projects: dict[str, int] = {str(sandbox.home): -1}
    watcher = RegistryWatcher(sandbox.store / ".envman" / "registry.toml")
    watcher.start()
    rngs = [random.Random(1000 + w) for w in range(WORKERS)]
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            futures = [pool.submit(lambda w=w, i=i: one_op(sandbox, rngs[w], w * OPS + i, projects))
                       for i in range(OPS // WORKERS) for w in range(WORKERS)]
            results = [f.result() for f in futures]
    finally:
        watcher.stop.set()
        watcher.join()
    took = time.monotonic() - started

    unexpected = [(args, code, err) for kind, args, code, err in results
                  if code not in (0, 1, 2) or "Traceback" in err]
    assert not unexpected, unexpected
    ok = Counter(kind for kind, _, code, _ in results if code == 0)
    listing = json.loads(sandbox.ok("ls", "--json").stdout)
    on_disk = {p.name for p in sandbox.store.iterdir() if (p / "pyvenv.cfg").is_file()}
    expected = 1 + ok["new"] - ok["rm"]
    summary = (f"{len(results)} ops in {took:.1f}s, succeeded {dict(ok)}, "
               f"{watcher.reads} registry reads; envs now {sorted(on_disk)}")
    print(summary)
    # Conservation holds trivially if every command failed: each kind must have done work.
    assert all(ok[kind] > 0 for kind in ("new", "upgrade", "mv", "rm")), summary
    assert len(on_disk) == expected, f"lost {expected - len(on_disk)} envs: {summary}"
    assert {e["name"] for e in listing} == on_disk
    assert all((e["state"], e["health"]) == ("ready", "ok") for e in listing), listing
    seen = Counter(e["project"] for e in listing)
    assert all(p in projects and n == 1 for p, n in seen.items()), seen
    assert watcher.failures == [] and watcher.reads > 0
    aside = sandbox.store / ".envman" / "aside"
    assert not aside.exists() or list(aside.iterdir()) == []
    assert sandbox.run("doctor").returncode == 0
