"""Differential testing against the real virtualenvwrapper 6.1.1.

The reference is installed from the package index (with virtualenv, which its
mkvirtualenv runs) into a venv of its own, once per test session. The same script then
runs twice in a fresh HOME: after ``source virtualenvwrapper.sh`` and after
``source shell/envman.sh``; the tests compare what each printed, its status and,
where it matters, the store it left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .boxes import COMMAND, KSH_FILE, SH_FILE, Result, run_script
from .env import SCRIPTS_DIR, UV_CACHE, missing, require_program

VERSION = "6.1.1"


# virtualenvwrapper 6.1.1's virtualenvwrapper_cd runs `builtin cd`, which ksh93 refuses
# (its builtin only adds builtins): there its cd, its initialize hooks and workon's cd to
# a project fail. So that the rest of it can be the reference in ksh, it runs with
# `builtin` aliased to `command` (what it means by it); envman's cd works in ksh without
# that (a deliberate difference, in the README's migration list).
KSH_VW_SHIM = "alias builtin=command\n"


def install_reference(base: Path) -> Path:
    """A venv holding virtualenvwrapper 6.1.1 and virtualenv; its bin/ is returned."""
    venv = base / "vw-reference"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
         f"virtualenvwrapper=={VERSION}", "virtualenv"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600,
    )
    if pip.returncode != 0:
        missing(f"virtualenvwrapper {VERSION} could not be installed from the package index:\n"
                f"{pip.stderr[-2000:]}")
    return venv / "bin"


class Pair:
    """Runs one script under virtualenvwrapper and under envman, each in its own HOME
    (``<base>/vw/home`` and ``<base>/em/home``); paths under either HOME print as
    ``~`` so that the two outputs compare."""

    def __init__(self, base: Path, vw_bin: Path) -> None:
        self.base = base
        self.vw_bin = vw_bin

    def home(self, impl: str) -> Path:
        return self.base / impl / "home"

    def store(self, impl: str) -> Path:
        return self.home(impl) / ".virtualenvs"

    def _env(self, impl: str, extra: dict | None) -> dict:
        home = self.home(impl)
        home.mkdir(parents=True, exist_ok=True)
        # Both find virtualenv (and virtualenvwrapper's own python); envman's comes first
        # for its run.
        tools = os.pathsep.join([SCRIPTS_DIR, str(self.vw_bin)] if impl == "em"
                                else [str(self.vw_bin)])
        env = {
            "HOME": str(home),
            "WORKON_HOME": str(self.store(impl)),
            "PATH": os.pathsep.join([tools, "/usr/local/bin", "/usr/bin", "/bin"]),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "SHELL": "/bin/sh",
            "TMPDIR": str(self.base / impl / "tmp"),
            "T_IMPL": impl,
            "T_VW_SCRIPT": str(self.vw_bin / "virtualenvwrapper.sh"),
            "T_SH_FILE": str(SH_FILE),
            "T_KSH_FILE": str(KSH_FILE),
            "VIRTUALENVWRAPPER_PYTHON": str(self.vw_bin / "python"),
            "UV_CACHE_DIR": UV_CACHE,
            "ENVMAN_CONFIG": str(self.base / impl / "config.toml"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "PIP_CONFIG_FILE": os.environ.get("PIP_CONFIG_FILE", ""),
        }
        if not env["PIP_CONFIG_FILE"]:
            del env["PIP_CONFIG_FILE"]
        (self.base / impl / "tmp").mkdir(parents=True, exist_ok=True)
        if extra:
            env.update(extra)
        return env

    def run_one(self, impl: str, shell: str, script: str, env: dict | None = None,
                cwd: Path | None = None, ksh_shim: bool = True) -> Result:
        require_program(shell)
        load = ('. "$T_VW_SCRIPT"\n' if impl == "vw"
                else '. "$T_KSH_FILE"\n' if shell == "ksh" else '. "$T_SH_FILE"\n')
        if impl == "vw" and shell == "ksh" and ksh_shim:
            load = KSH_VW_SHIM + load
        out = run_script(COMMAND[shell], self.base / impl / f"script.{shell}", load + script,
                         env=self._env(impl, env), cwd=cwd or self.home(impl), timeout=300)
        return Result(self._norm(impl, out.stdout), self._norm(impl, out.stderr), out.status)

    def _norm(self, impl: str, text: str) -> str:
        text = text.replace(str(self.base / impl / "tmp"), "<tmp>")
        # A deliberate difference: virtualenvwrapper logs each hook file it creates
        # ("virtualenvwrapper.user_scripts creating PATH"); envman creates them quietly.
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith("virtualenvwrapper.user_scripts creating "))
        return text.replace(str(self.home(impl)), "~")

    def prepare(self, shell: str) -> None:
        """Load each once so both stores exist with their hook files (virtualenvwrapper
        logs each file it creates on the first load; that is not under test here)."""
        for impl in ("vw", "em"):
            # envman does not create a missing $WORKON_HOME when it loads (a deliberate
            # difference); both start from an existing store.
            self.store(impl).mkdir(parents=True, exist_ok=True)
            self.run_one(impl, shell, "true\n")

    def both(self, shell: str, script: str, env: dict | None = None) -> tuple[Result, Result]:
        self.prepare(shell)
        return self.run_one("vw", shell, script, env), self.run_one("em", shell, script, env)
