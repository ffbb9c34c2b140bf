"""Creating a venv and installing packages into it.

Two backends: ``uv`` (an env with pip in ~40 ms from a warm cache) and the standard
library's ``venv`` (no dependency, works offline via the bundled ensurepip, ~3 s with
pip). ``auto`` picks uv when it can be found. Everything here runs subprocesses and
raises EnvmanError with the tool's own message on failure; it never deletes (the
caller cleans up, see create.create_env).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import log, pipconfig
from .envinfo import BIN
from .errors import EnvmanError, UsageError
from .pythons import Interpreter

Progress = Callable[[str], None]
INFO = 20  # logging.INFO, without importing logging for a constant


def _no_progress(_: str) -> None:
    pass


def find_uv() -> str | None:
    """The uv installed beside envman (it is a dependency), else uv on PATH.
    ``ENVMAN_UV`` overrides; set it empty to pretend uv is absent. The bundled one comes
    first because a uv on PATH may be a shim: through pyenv's shim `uv venv --seed`
    took 120-160 ms here instead of 40 ms."""
    if "ENVMAN_UV" in os.environ:
        return os.environ["ENVMAN_UV"] or None
    beside = Path(sys.executable).parent / "uv"
    if beside.exists():
        return str(beside)
    import shutil  # here: the uv beside envman is found without it (`new`)

    found = shutil.which("uv")
    if found:
        return found
    try:
        import uv  # the PyPI package ships the binary and knows where it put it

        return uv.find_uv_bin()
    except Exception:  # any failure means "no uv"
        return None


def choose(requested: str) -> str:
    if requested not in ("auto", "uv", "venv"):
        raise UsageError(f"unknown backend {requested!r}", "use uv or venv")
    if requested == "auto":
        return "uv" if find_uv() else "venv"
    if requested == "uv" and not find_uv():
        raise UsageError("backend 'uv' was requested but uv is not installed",
                         "install uv or use --backend venv")
    # A bad ENVMAN_PIP_CONFIG or an unreadable pip.conf is bad input: say so now, before
    # anything is built, not after the env exists and its first install runs.
    pipconfig.for_uv(None)
    return requested


# How many lines of a failing tool's output the error keeps, and how long each may be:
# enough for uv's error, its cause chain and a hint, short enough to read at a glance.
# The whole output is shown with --verbose.
MAX_LINES = 6
MAX_WIDTH = 200
_ERROR = ("error:", "×")
_CAUSE = ("cause:", "caused by:", "╰─▶", "├─▶", "╰─>", "├─>")
_HINT = ("hint:", "help:")


def summarise(output: str) -> list[str]:
    """What went wrong, in at most MAX_LINES lines: the tool's first error line, then its
    cause chain (uv's ``cause:`` / ``Caused by:`` / ``╰─▶`` lines, whose wrapped
    continuations are joined back), the first ``warning:`` printed before the error (uv
    warns about an unusable SSL_CERT_FILE, then fails to connect), and up to two
    ``hint:`` lines. A long chain keeps its last causes, the most specific ones; a
    build's captured output is left for --verbose."""
    lines = [ln.strip() for ln in output.splitlines()]
    lines = [ln for ln in lines if ln]
    start = next((i for i, ln in enumerate(lines) if ln.lower().startswith(_ERROR)), None)
    warnings = [ln for ln in lines[:start] if ln.lower().startswith("warning:")]
    if start is None:
        return [_clip(lines[-1])] if lines else ["no output"]
    head = _unprefixed(lines[start])
    causes: list[str] = []
    hints: list[str] = []
    current: list[str] | None = None
    for line in lines[start + 1:]:
        lower = line.lower()
        if lower.startswith(_HINT):
            hints.append(line)
            current = hints
        elif lower.startswith(_CAUSE):
            text = line
            for marker in ("╰─▶", "├─▶", "╰─>", "├─>"):
                text = text.removeprefix(marker)
            text = text.strip()
            if text.startswith("["):  # pip's "╰─> [6 lines of output]": the output follows
                current = None
                continue
            causes.append(text)
            current = causes
        elif lower.startswith(_ERROR):  # pip's second ERROR: line, uv's next error
            causes.append(_unprefixed(line))
            current = causes
        elif current and not line.startswith(("[", "│", "note:")):
            current[-1] += " " + line  # a wrapped line of the previous cause or hint
        else:
            current = None  # a build's captured output: left for --verbose
    room = MAX_LINES - 1 - len(hints[:2]) - len(warnings[:1])
    body = causes[-room:] if room > 0 else []
    if len(causes) > len(body) and body:
        body[0] = "… " + body[0]
    return [_clip(line) for line in [head, *body, *warnings[:1], *hints[:2]]]


def _unprefixed(line: str) -> str:
    """An error line without its "error:" / "×" marker (envman's own line says "error")."""
    line = line.lstrip("× ").strip()
    return line[len("error:"):].strip() if line.lower().startswith("error:") else line


def _clip(line: str) -> str:
    return line if len(line) <= MAX_WIDTH else line[:MAX_WIDTH - 1] + "…"


def _failure(what: str, output: str) -> EnvmanError:
    head, *rest = summarise(output)
    message = f"{what} failed: {head}" + "".join(f"\n  {line}" for line in rest)
    error = EnvmanError(message)
    error.output = output
    return error


def _run(cmd: Sequence[str], what: str, env: dict | None = None) -> None:
    try:
        proc = subprocess.run(
            list(cmd), capture_output=True, text=True, stdin=subprocess.DEVNULL,
            env=env, errors="replace", check=False,
        )
    except OSError as exc:
        raise EnvmanError(f"{what} failed: cannot run {cmd[0]}: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        raise _failure(what, proc.stderr + proc.stdout)


def _uv_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    # Never download an interpreter behind the user's back; never read a project's
    # uv.toml from the current directory.
    env.setdefault("UV_PYTHON_DOWNLOADS", "never")
    env.pop("VIRTUAL_ENV", None)
    env.update(extra or {})
    return env


def _pip_config(site: Path | None, *, constraints: bool = True) -> pipconfig.Translation:
    """The user's pip settings for uv (see pipconfig.py), each one logged for --verbose."""
    translation = pipconfig.for_uv(site, constraints=constraints)
    logger = log.get()
    if logger.isEnabledFor(INFO):
        logger.info("index: %s", pipconfig.describe_index(site))
        for line in translation.describe():
            logger.info("pip configuration: %s", line)
    return translation


def create_venv(
    path: Path,
    python: Interpreter,
    backend: str,
    *,
    with_pip: bool = True,
    system_site_packages: bool = False,
    prompt: str | None = None,
    progress: Progress = _no_progress,
    clear: Callable[[], None] | None = None,
) -> str:
    """Build a venv at ``path`` (an empty directory the caller made). Returns the backend
    used. ``clear`` empties it again between attempts: only the caller knows whether the
    path still holds the directory it made (aside.py)."""
    if backend == "uv":
        uv = find_uv()
        assert uv is not None
        base = [uv, "venv", "--no-config", "--quiet", "--python", python.executable]
        if system_site_packages:
            base.append("--system-site-packages")
        if prompt:
            base += ["--prompt", prompt]
        if not with_pip:
            _run([*base, str(path)], "creating the environment with uv", _uv_env())
            return "uv"
        progress("creating the environment (uv)")
        # Offline first: a warm cache needs no network (and, like ensurepip's bundled
        # wheel, fetches nothing from any index, so pip's index settings do not apply).
        # Then online, from the index the user's pip configuration names. Then the
        # interpreter's own bundled pip, which needs no network at all.
        for online in (False, True):
            config = _pip_config(None, constraints=False) if online else None
            extra = ["--seed", *config.args] if config else ["--seed", "--offline"]
            try:
                _run([*base, *extra, str(path)], "creating the environment with uv",
                     _uv_env(config.environ if config else None))
                return "uv"
            except EnvmanError:
                if clear is not None:
                    clear()
        progress("uv could not seed pip; using the standard library's venv")
    cmd = [python.executable, "-m", "venv"]
    if not with_pip:
        cmd.append("--without-pip")
    if system_site_packages:
        cmd.append("--system-site-packages")
    if prompt:
        cmd += ["--prompt", prompt]
    progress("creating the environment (venv)")
    _run([*cmd, str(path)], "creating the environment with venv")
    return "venv"


def env_python(path: Path) -> Path:
    return path / BIN / "python"


def install(
    path: Path,
    packages: Sequence[str] = (),
    requirements: Sequence[str] = (),
    *,
    backend: str,
    progress: Progress = _no_progress,
    editable: Sequence[str] = (),
    extra_args: Sequence[str] = (),
    constraints: bool = True,
) -> None:
    """Install packages / requirement files into the env at ``path``. ``constraints``
    False leaves out the constraint files of the user's pip configuration (pip.conf,
    PIP_CONSTRAINT) and UV_CONSTRAINT, for an install that chooses no versions (see
    pylock.install_lock)."""
    if not packages and not requirements and not editable:
        return
    args: list[str] = list(packages)
    for req in requirements:
        args += ["-r", str(req)]
    for src in editable:
        args += ["-e", str(src)]
    args += list(extra_args)
    python = env_python(path)
    uv = find_uv() if backend == "uv" else None
    what = f"installing {', '.join([*packages, *requirements, *editable]) or 'packages'}"
    progress(what)
    if uv:
        config = _pip_config(path, constraints=constraints)
        uv_environ = _uv_env(config.environ)
        if not constraints:
            uv_environ.pop("UV_CONSTRAINT", None)
        try:
            _run([uv, "pip", "install", "--no-config", "--quiet", "--python", str(python),
                  *config.args, *args], what, uv_environ)
        except EnvmanError as exc:
            # uv only warns about a CA bundle that is not there (and --quiet hides the
            # warning), then fails to connect; pip would have named the file.
            cert = config.settings.get("cert")
            if cert and not os.path.isfile(str(cert.value)):
                exc.hint = (f"the CA bundle {cert.value} named by pip's cert ({cert.source}) "
                            "does not exist")
            raise
    else:
        if not (path / BIN / "pip").exists() and not _has_pip(python):
            raise EnvmanError(f"{what} failed: the environment has no pip",
                              "create it with pip or use --backend uv")
        # pip reads its own configuration; an empty PIP_CONSTRAINT would not replace a
        # pip.conf's constraint, an empty file does.
        environ = None if constraints else {**os.environ, "PIP_CONSTRAINT": os.devnull}
        _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args],
             what, environ)


def _has_pip(python: Path) -> bool:
    return subprocess.run([str(python), "-c", "import pip"], capture_output=True,
                          check=False).returncode == 0


def uninstall(path: Path, names: Sequence[str], *, backend: str) -> None:
    """Remove the named distributions (editable ones too) from the env at ``path``."""
    if not names:
        return
    python = env_python(path)
    uv = find_uv() if backend != "venv" else None
    what = f"uninstalling {', '.join(names)}"
    if uv:
        _run([uv, "pip", "uninstall", "--no-config", "--quiet", "--python", str(python), *names],
             what, _uv_env())
    else:
        _run([str(python), "-m", "pip", "uninstall", "-y", "-q", *names], what)


def uv_pip(path: Path, args: Sequence[str], what: str) -> str:
    """``uv pip ARGS`` about the env at ``path`` (list, compile, ...), run the way
    install runs it (the user's pip configuration, the same environment); returns its
    stdout."""
    uv = find_uv()
    if uv is None:
        raise EnvmanError(f"{what} failed: uv is not installed", "install uv")
    # What envman asks this way chooses no versions (``list --outdated`` reports,
    # ``compile --no-deps`` of the installed pins only finds their hashes), so a
    # constraint file, which limits choices, does not apply; ``uv pip list`` has no
    # --constraint at all.
    config = _pip_config(path, constraints=False)
    environ = _uv_env(config.environ)
    environ.pop("UV_CONSTRAINT", None)
    cmd = [uv, "pip", *args[:1], "--no-config", "--python", str(env_python(path)),
           *config.args, *args[1:]]
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env=environ, errors="replace")
    except OSError as exc:
        raise EnvmanError(f"{what} failed: cannot run {uv}: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        raise _failure(what, proc.stderr + proc.stdout)
    return proc.stdout
