"""Driving real fish (``fish --no-config --private``) with envman's fish integration loaded.

Values reach the fish scripts through environment variables (``$T_NAME`` ...), never by
pasting them into fish source, so hostile names need no quoting in the tests either.
"""

from __future__ import annotations

import contextlib
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FISH_FILE = REPO / "shell" / "envman.fish"


def _load_root_conftest():
    # tests/conftest.py by path: a tests/shell/conftest.py would shadow `import conftest`
    path = REPO / "tests" / "conftest.py"
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) == str(path):
            return module
    spec = importlib.util.spec_from_file_location("envman_root_conftest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


root_conftest = _load_root_conftest()
HOSTILE = root_conftest.HOSTILE
require_program = root_conftest.require_program
make_env = root_conftest.make_env
snapshot = root_conftest.snapshot

# fish snippets for what many tests check: PATH restored exactly (SAVE_PATH first, then
# PATH_RESTORED prints path_restored=yes), and whether VIRTUAL_ENV is set (ve=set|unset)
SAVE_PATH = "set -g before (string join : $PATH)\n"
PATH_RESTORED = "test (string join : $PATH) = $before; and echo path_restored=yes\n"
ECHO_VE = "echo ve=(set -q VIRTUAL_ENV; and echo set; or echo unset)\n"


@dataclass
class Result:
    stdout: str
    stderr: str
    status: int

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def value(self, key: str) -> str:
        """The text after ``key=`` on the line that starts with it."""
        for line in self.lines:
            if line.startswith(key + "="):
                return line[len(key) + 1:]
        raise AssertionError(f"no {key}= line in:\n{self.stdout}\n--- stderr:\n{self.stderr}")


@dataclass
class FishBox:
    """A store and HOME of its own, and a way to run fish scripts against them."""

    root: Path
    store: Path
    env: dict

    def run(self, script: str, *, load: bool = True, env: dict | None = None,
            cwd: Path | None = None, integration: Path = FISH_FILE) -> Result:
        full_env = dict(self.env)
        full_env["T_FISH_FILE"] = str(integration)
        if env:
            full_env.update(env)
        prelude = "builtin source $T_FISH_FILE\n" if load else ""
        script_file = self.root / "script.fish"
        script_file.write_text(prelude + script, encoding="utf-8")
        proc = subprocess.run(
            ["fish", "--no-config", "--private", str(script_file)], capture_output=True,
            text=True, env=full_env, cwd=cwd or self.root / "home", timeout=120,
            stdin=subprocess.DEVNULL,
        )
        return Result(proc.stdout, proc.stderr, proc.returncode)

    def ok(self, script: str, **kw) -> Result:
        result = self.run(script, **kw)
        assert result.status == 0, f"status {result.status}\n{result.stdout}\n--- stderr:\n{result.stderr}"
        assert result.stderr == "", result.stderr
        return result

    def envman(self, *args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "envman", *args], capture_output=True,
                              text=True, env=self.env, timeout=300, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, f"envman {args}: {proc.stdout}\n{proc.stderr}"
        return proc

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


def make_box(base: Path, store_name: str = "store", envs: tuple[str, ...] = ()) -> FishBox:
    """A box, with ENVS made (``envman new --no-pip``)."""
    (base / "home").mkdir(parents=True, exist_ok=True)
    store = base / store_name
    box = FishBox(root=base, store=store, env=make_env(base, store))
    for name in envs:
        box.envman("new", "--no-pip", name)
    return box


def write_hook(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


@contextlib.contextmanager
def hooks(*written: tuple[Path, str]) -> Iterator[None]:
    """Hook files (path, body) that exist for the time of a ``with``: for hooks inside a
    module-wide store that other tests must not see."""
    try:
        for path, body in written:
            write_hook(path, body)
        yield
    finally:
        for path, _ in written:
            path.unlink(missing_ok=True)
