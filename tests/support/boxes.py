"""The store/shell fixture: a box is a HOME, a store and the environment of a test's
processes (tests.support.env.make_env), and runs things against them.

- ``Box``: what every box has: ``envman(...)`` (the real CLI in a subprocess),
  ``snapshot()`` of its store, ``home``.
- ``Sandbox``: ``run``/``ok`` drive the CLI (the ``sandbox`` fixture in tests/conftest.py).
- ``ShBox``: ``run``/``ok`` run a bash or zsh script with shell/envman.sh loaded, in strict
  mode (``set -eu``, plus pipefail) unless told otherwise.
- ``FishBox``: ``run``/``ok`` run a fish script with shell/envman.fish loaded.

Values reach the shell scripts through environment variables (``$T_NAME`` ...), never by
pasting them into shell source, so hostile names need no quoting in the tests.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .env import HOSTILE, REPO, make_env, require_program, snapshot

SH_FILE = REPO / "shell" / "envman.sh"
KSH_FILE = REPO / "shell" / "envman.ksh"
FISH_FILE = REPO / "shell" / "envman.fish"
SHELLS = ["bash", "zsh", "ksh"]
# How each shell runs a script without the user's start-up files.
COMMAND = {"bash": ["bash", "--norc", "--noprofile"], "zsh": ["zsh", "-f"], "ksh": ["ksh"],
           "fish": ["fish", "--no-config", "--private"]}
STRICT = {"bash": "set -eu -o pipefail\n", "zsh": "set -eu\nsetopt pipefail\n",
          "ksh": "set -eu -o pipefail\n"}
INTERACTIVE = {shell: [*COMMAND[shell], "-i"] for shell in SHELLS}
# ksh93's builtin command only adds builtins, and its source is an alias: `.` loads.
LOAD = {"bash": '\\builtin source "$T_SH_FILE"\n', "zsh": '\\builtin source "$T_SH_FILE"\n',
        "ksh": '\\. "$T_SH_FILE"\n'}
# `command -v NAME`'s path as it is: ksh93 prints an odd path quoted ($'...'), which
# this turns back. For the tests' scripts: $(command -v NAME) -> $(t_which NAME).
T_WHICH = ('t_which() { _t_p="$(command -v "$1")" || return; '
           'case "$_t_p" in /*) ;; *) eval "_t_p=$_t_p" ;; esac; printf \'%s\\n\' "$_t_p"; }\n')
ENVMAN = [sys.executable, "-m", "envman"]

# fish snippets for what many tests check: PATH restored exactly (SAVE_PATH first, then
# PATH_RESTORED prints path_restored=yes), and whether VIRTUAL_ENV is set (ve=set|unset)
SAVE_PATH = "set -g before (string join : $PATH)\n"
PATH_RESTORED = "test (string join : $PATH) = $before; and echo path_restored=yes\n"
ECHO_VE = "echo ve=(set -q VIRTUAL_ENV; and echo set; or echo unset)\n"


def sh_file(shell: str) -> Path:
    """The integration file ``shell`` loads (ksh: the envman.ksh generated from envman.sh)."""
    return KSH_FILE if shell == "ksh" else SH_FILE


@dataclass
class Result:
    """What a script printed and its exit status."""

    stdout: str
    stderr: str
    status: int

    def __iter__(self):
        return iter((self.stdout, self.stderr, self.status))

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def value(self, key: str) -> str:
        """The text after ``key=`` on the line that starts with it."""
        for line in self.lines:
            if line.startswith(key + "="):
                return line[len(key) + 1:]
        raise AssertionError(f"no {key}= line in:\n{self.stdout}\n--- stderr:\n{self.stderr}")


def run_script(argv: list[str], script_file: Path, text: str, *, env: dict, cwd: Path,
               timeout: float) -> Result:
    """Write ``text`` to ``script_file`` and run ``argv script_file`` (stdin empty)."""
    script_file.parent.mkdir(parents=True, exist_ok=True)
    script_file.write_text(text, encoding="utf-8")
    proc = subprocess.run([*argv, str(script_file)], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)
    return Result(proc.stdout, proc.stderr, proc.returncode)


def assert_ok(result: Result) -> Result:
    """A script that must succeed and print nothing on stderr."""
    assert result.status == 0, f"status {result.status}\n{result.stdout}\n--- stderr:\n{result.stderr}"
    assert result.stderr == "", result.stderr
    return result


@dataclass
class Box:
    """A HOME (``root/home`` unless given), a store and the environment of the test's
    processes (``env``: see make_env)."""

    root: Path
    store: Path
    env: dict = field(default_factory=dict)
    home: Path = None  # type: ignore[assignment]  # root/home when not given

    def __post_init__(self) -> None:
        if self.home is None:
            self.home = self.root / "home"

    @classmethod
    def at(cls, base: Path, store: Path | None = None):
        """A box under ``base``: HOME ``base/home`` (made), store ``store`` (default
        ``base/store``; not made: envman makes it)."""
        (base / "home").mkdir(parents=True, exist_ok=True)
        store = store if store is not None else base / "store"
        return cls(root=base, store=store, env=make_env(base, store))

    def envman(self, *args: str, check: bool = True, input: str | None = None,
               env: dict | None = None, cwd: Path | None = None,
               timeout: float = 300) -> subprocess.CompletedProcess:
        """``envman ARGS`` through the real CLI in a subprocess (in HOME unless ``cwd``;
        stdin empty unless ``input``); ``check``: it must succeed."""
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [*ENVMAN, *args], capture_output=True, text=True, input=input, env=full_env,
            cwd=cwd or self.home, timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
        )
        if check:
            assert proc.returncode == 0, f"envman {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc

    def snapshot(self) -> dict:
        return snapshot(self.store)


@dataclass
class Sandbox(Box):
    """The CLI in its own HOME and store: ``run`` (any outcome) and ``ok`` (must succeed)."""

    def run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return self.envman(*args, check=False, **kw)

    def ok(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return self.envman(*args, check=True, **kw)


def sandbox_at(root: Path) -> Sandbox:
    """A sandbox (own HOME, store, config) under ``root``, outside pytest's fixtures."""
    return Sandbox.at(root)


@dataclass
class ShBox(Box):
    """bash and zsh scripts with envman.sh loaded (``load``), in strict mode (``strict``)."""

    def run(self, shell: str, script: str, *, strict: bool = True, load: bool = True,
            env: dict | None = None, cwd: Path | None = None, prelude: str = "") -> Result:
        require_program(shell)
        full_env = dict(self.env, T_SH_FILE=str(sh_file(shell)))
        if env:
            full_env.update(env)
        text = prelude + (STRICT[shell] if strict else "")
        if load:
            text += LOAD[shell]
        return run_script(COMMAND[shell], self.root / f"script.{shell}", text + script,
                          env=full_env, cwd=cwd or self.home, timeout=300)

    def ok(self, shell: str, script: str, **kw) -> Result:
        return assert_ok(self.run(shell, script, **kw))


def make_sh_box(base: Path, envs: tuple[str, ...] = ()) -> ShBox:
    """The store lives under a directory with virtualenv's torture name; ENVS are made
    (``envman new --no-pip``)."""
    (base / HOSTILE).mkdir(parents=True, exist_ok=True)
    box = ShBox.at(base, base / HOSTILE / "store")
    for name in envs:
        box.envman("new", "--no-pip", name)
    return box


@dataclass
class FishBox(Box):
    """fish scripts with envman.fish (or ``integration``) loaded (``load``)."""

    def run(self, script: str, *, load: bool = True, env: dict | None = None,
            cwd: Path | None = None, integration: Path = FISH_FILE) -> Result:
        full_env = dict(self.env, T_FISH_FILE=str(integration))
        if env:
            full_env.update(env)
        prelude = "builtin source $T_FISH_FILE\n" if load else ""
        return run_script(COMMAND["fish"], self.root / "script.fish", prelude + script,
                          env=full_env, cwd=cwd or self.home, timeout=120)

    def ok(self, script: str, **kw) -> Result:
        return assert_ok(self.run(script, **kw))

    @contextlib.contextmanager
    def removing(self, *names: str) -> Iterator[None]:
        """Envs a test makes in the module-wide store, removed (where they exist) after it."""
        try:
            yield
        finally:
            made = [name for name in names if (self.store / name).exists()]
            if made:
                self.envman("rm", "-y", *made)

    @contextlib.contextmanager
    def new_env(self, *args: str) -> Iterator[Path]:
        """``envman new ARGS... NAME`` (NAME last) for the time of a ``with``, removed after."""
        self.envman("new", *args)
        with self.removing(args[-1]):
            yield self.store / args[-1]

    @contextlib.contextmanager
    def project(self, name: str, directory: Path) -> Iterator[None]:
        """Env NAME linked to DIRECTORY (its .project file) for the time of a ``with``."""
        project_file = self.store / name / ".project"
        project_file.write_text(f"{directory}\n", encoding="utf-8")
        try:
            yield
        finally:
            project_file.unlink(missing_ok=True)


def make_fish_box(base: Path, store_name: str = "store", envs: tuple[str, ...] = ()) -> FishBox:
    """A fish box, with ENVS made (``envman new --no-pip``)."""
    box = FishBox.at(base, base / store_name)
    for name in envs:
        box.envman("new", "--no-pip", name)
    return box
