"""The scratch world a benchmark run works in: its own HOME and store, a venv with
virtualenvwrapper 6.1.1 + virtualenv from the package index, a venv with envman
installed from this checkout, and stores filled with N environments."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from _timing import Unavailable, run_checked

REPO = Path(__file__).resolve().parent.parent
VWRAPPER = "virtualenvwrapper==6.1.1"


@dataclass
class World:
    root: Path
    python: str  # the interpreter both venvs are built on
    env: dict  # the environment every measured command runs in
    em_bin: Path | None = None  # envman's venv bin/ (None: not installed)
    vw_bin: Path | None = None  # virtualenvwrapper's venv bin/ (None: not installed)
    em_reason: str = ""
    em_python_path: str = ""  # envman's interpreter (default: em_bin/python)
    vw_reason: str = ""

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def store(self) -> Path:
        return Path(self.env["WORKON_HOME"])

    def with_store(self, store: Path) -> dict:
        return {**self.env, "WORKON_HOME": str(store)}


def _log(msg: str) -> None:
    print(f"[setup] {msg}", file=sys.stderr, flush=True)


def make_world(root: Path, python: str) -> World:
    home = root / "home"
    for d in (home / ".config", home / ".cache", home / ".local" / "share"):
        d.mkdir(parents=True, exist_ok=True)
    store = home / ".virtualenvs"
    store.mkdir(exist_ok=True)
    env = {
        "HOME": str(home),
        "USER": os.environ.get("USER", "bench"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "dumb",
        "WORKON_HOME": str(store),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "ENVMAN_CONFIG": str(home / ".config" / "envman" / "config.toml"),
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PATH": os.pathsep.join(["/usr/local/bin", "/usr/bin", "/bin"]),
    }
    # The tools' download caches are shared with the user (warm, like a real machine);
    # everything else the tools write lives under the scratch HOME.
    real_home = os.path.expanduser("~")
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", os.path.join(real_home, ".cache", "pip"))
    env["UV_CACHE_DIR"] = os.environ.get("UV_CACHE_DIR", os.path.join(real_home, ".cache", "uv"))
    return World(root=root, python=python, env=env)


def _venv(path: Path, python: str, env: dict) -> None:
    if not (path / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(path)], check=True, env=env)


def pip_venv(path: Path, world: World, specs: list[str], marker: str) -> None:
    """A venv at ``path`` with ``specs`` installed from the package index (skipped when
    the package ``marker`` is already importable there)."""
    try:
        _venv(path, world.python, world.env)
        py = str(path / "bin" / "python")
        if subprocess.run([py, "-c", f"import {marker}"], env=world.env,
                          capture_output=True).returncode != 0:
            _log(f"installing {' '.join(specs)} from the package index")
            subprocess.run([py, "-m", "pip", "install", "-q", *specs], check=True, env=world.env)
    except (subprocess.CalledProcessError, OSError) as exc:
        raise Unavailable(f"could not install {' '.join(specs)}: {exc}") from None


def install_virtualenvwrapper(world: World) -> None:
    vw = world.root / "vw"
    try:
        pip_venv(vw, world, [VWRAPPER, "virtualenv"], marker="virtualenvwrapper")
    except Unavailable as exc:
        world.vw_reason = str(exc)
        return
    world.vw_bin = vw / "bin"
    world.env["VIRTUALENVWRAPPER_PYTHON"] = str(vw / "bin" / "python")
    world.env["VIRTUALENVWRAPPER_VIRTUALENV"] = str(vw / "bin" / "virtualenv")


def install_envman(world: World, use_current: bool) -> None:
    """envman from this checkout in its own venv (a regular, non-editable install, as
    a user has it), or, with ``use_current``, the envman this Python already has."""
    if use_current:
        world.em_bin = Path(sys.executable).parent
        world.em_python_path = sys.executable
        if not (world.em_bin / "envman").exists():
            world.em_reason = f"no envman script beside {sys.executable}"
            world.em_bin = None
        return
    em = world.root / "em"
    try:
        _venv(em, world.python, world.env)
        _log("installing envman from the checkout")
        pip = [str(em / "bin" / "python"), "-m", "pip", "install", "-q"]
        if (em / "bin" / "envman").exists():  # dependencies are there: refresh envman only
            subprocess.run(pip + ["--no-deps", "--force-reinstall", str(REPO)], check=True,
                           env=world.env)
        else:
            subprocess.run(pip + [str(REPO)], check=True, env=world.env)
    except (subprocess.CalledProcessError, OSError) as exc:
        world.em_reason = f"could not install envman from {REPO}: {exc}"
        return
    world.em_bin = em / "bin"


def finish_path(world: World) -> None:
    """envman first on PATH, then virtualenvwrapper's venv (its virtualenv), then the
    system. uv comes with envman (a dependency)."""
    dirs = [str(d) for d in (world.em_bin, world.vw_bin) if d is not None]
    world.env["PATH"] = os.pathsep.join(dirs + [world.env["PATH"]])


def em_python(world: World) -> str:
    if world.em_bin is None:
        raise Unavailable(world.em_reason)
    return world.em_python_path or str(world.em_bin / "python")


def em_exe(world: World, name: str = "envman") -> str:
    if world.em_bin is None:
        raise Unavailable(world.em_reason)
    path = world.em_bin / name
    if not path.exists():
        found = shutil.which(name, path=world.env["PATH"])
        if not found:
            raise Unavailable(f"{name} not found")
        return found
    return str(path)


def shell_file(world: World, shell: str) -> str:
    """The file the recommended rc line sources (``envman init --path SHELL``); it
    loads envman's completion too."""
    return run_checked([em_exe(world), "init", "--path", shell], world.env).strip()


def vw_script(world: World) -> str:
    if world.vw_bin is None:
        raise Unavailable(world.vw_reason
                          or "virtualenvwrapper not installed (--no-virtualenvwrapper)")
    return str(world.vw_bin / "virtualenvwrapper.sh")


def fill_store(world: World, store: Path, count: int) -> None:
    """``count`` envs named env0001.. in ``store``, registered in envman's registry the
    way envman itself adopts existing envs. They are copies of one small venv (no pip):
    building 1000 real ones would take minutes and list the same."""
    store.mkdir(parents=True, exist_ok=True)
    template = world.root / "template-env"
    if not (template / "pyvenv.cfg").exists():
        subprocess.run([world.python, "-m", "venv", "--without-pip", str(template)], check=True,
                       env=world.env)
    have = {p.name for p in store.iterdir() if p.name.startswith("env")}
    for i in range(1, count + 1):
        name = f"env{i:04d}"
        if name not in have:
            shutil.copytree(template, store / name, symlinks=True)
    # Adopt them into the registry with envman's own code (as its first write would).
    # A registry written before envman kept its parsed copy (registry.cache) is rebuilt,
    # so that the store is as any envman write leaves it.
    state = store / ".envman"
    if not (state / "registry.cache").exists() and (state / "registry.toml").exists():
        (state / "registry.toml").unlink()
    code = ("from envman.registry import Registry\nfrom envman.store import Store\n"
            "with Registry(Store.default()).transaction():\n    pass\n")
    subprocess.run([em_python(world), "-c", code], check=True, env=world.with_store(store))
