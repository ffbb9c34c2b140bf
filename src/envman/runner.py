"""run, all and wipe: using an env without activating it, and emptying one."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import backends, packages
from .envinfo import BIN
from .errors import EnvmanError, UsageError
from .locks import env_lock
from .registry import Registry
from .status import env_dir
from .store import Store


def activated_environ(env: Path, base: dict | None = None) -> dict:
    """What ``activate`` does to the environment, without a shell: bin first on PATH,
    VIRTUAL_ENV set, PYTHONHOME dropped."""
    environ = dict(os.environ if base is None else base)
    environ.pop("PYTHONHOME", None)
    environ["VIRTUAL_ENV"] = str(env)
    environ["VIRTUAL_ENV_PROMPT"] = env.name
    environ["PATH"] = str(env / BIN) + os.pathsep + environ.get("PATH", "")
    return environ


def run_in(env: Path, command: Sequence[str], cwd: Path | None = None) -> int:
    """Run ``command`` with ``env`` activated; its exit status (128+N for a signal,
    as shells report it)."""
    if not command:
        raise UsageError("no command given", "put the command after '--'")
    try:
        with _interrupts_go_to_the_command():
            proc = subprocess.run(list(command), env=activated_environ(env), cwd=cwd)
    except FileNotFoundError:
        raise EnvmanError(f"command not found: {command[0]}") from None
    except PermissionError:
        raise EnvmanError(f"command not executable: {command[0]}") from None
    return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode


@contextmanager
def _interrupts_go_to_the_command() -> Iterator[None]:
    """Ctrl-C reaches the command (same process group) and the command decides what it
    means (a REPL keeps running); envman just waits for it. A Python-level no-op
    handler, not SIG_IGN: handlers are reset by exec, an ignored signal would be
    inherited by the command."""
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run(store: Store, name: str, command: Sequence[str]) -> int:
    return run_in(env_dir(store, name), command)


@dataclass
class AllResult:
    name: str
    status: int
    error: EnvmanError | None = None  # the command could not start in this env


def run_all(store: Store, command: Sequence[str],
            header: Callable[[str], None] = lambda name: None,
            footer: Callable[[AllResult], None] = lambda result: None) -> list[AllResult]:
    """Like virtualenvwrapper's allvirtualenv: in each env in turn, from inside the env
    directory, ``header(name)`` before and ``footer(result)`` after each. A command that
    cannot start counts as a failure (127) for that env; Ctrl-C stops the whole loop
    (KeyboardInterrupt propagates)."""
    if not command:
        raise UsageError("no command given", "put the command after '--'")
    results = []
    for name in store.env_names():
        header(name)
        env = store.root / name
        try:
            result = AllResult(name, run_in(env, command, cwd=env))
        except EnvmanError as exc:
            result = AllResult(name, 127, exc)
        results.append(result)
        footer(result)
        if result.status == 128 + signal.SIGINT:
            raise KeyboardInterrupt  # Ctrl-C stops the loop, as in a shell's for loop
    return results


def wipe(store: Store, name: str) -> list[str]:
    """Uninstall everything but the seed packages; returns the names removed."""
    env = env_dir(store, name)
    with env_lock(store, name):
        installed = packages.user_packages(packages.snapshot(env))
        names = sorted(item.name for item in installed.values())
        backends.uninstall(env, names, backend="uv")
        left = packages.user_packages(packages.snapshot(env))
        if left:
            raise EnvmanError(f"could not uninstall {', '.join(sorted(left))} from {name!r}")
        with Registry(store).transaction() as records:
            if name in records:
                records[name].packages = []
                records[name].requirements = []
    return names
