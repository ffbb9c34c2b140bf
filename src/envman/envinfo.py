"""Cheap facts about an env directory, read from files only (no Python process).

``ls`` calls this for every env, so everything here is a few stat() calls and one
small file read per env.
"""

import errno
import os
import sys

from .names import project_path_problem

# Neither dataclasses nor pathlib (nor typing) is imported: `ls` uses this module, and
# those imports cost more than Python's own start-up. TYPE_CHECKING as typing spells it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

BIN = "Scripts" if sys.platform == "win32" else "bin"
# venv writes a few hundred bytes; anything past this is not a pyvenv.cfg
_PYVENV_CFG_CAP = 1 << 20
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_pyvenv_cfg(env: "Path | str", dir_fd: int | None = None) -> dict[str, str] | None:
    """The key/value pairs of ``pyvenv.cfg``, or None when it is missing/unreadable.
    ``dir_fd``: ``env`` is relative to that directory (see listing.quick_list)."""
    # os.open/os.read, not pathlib or open(): ls calls this for every env, and a file
    # object costs two more system calls (fstat, isatty) and more than the read itself
    try:
        fd = os.open(f"{os.fspath(env)}/pyvenv.cfg", _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        # pread, where the file allows it: on a regular file a read shorter than asked
        # for ends the file, so the usual pyvenv.cfg is one system call, not a read and
        # the empty read that ends it (~0.7 ms at 1000 envs in `ls`). One that fills the
        # buffer is read on, and one that never ends (a link to /dev/zero) only up to
        # the cap. A FIFO or a terminal cannot pread (ESPIPE): those are read as before.
        try:
            data = os.pread(fd, 65536, 0)
        except OSError as exc:
            if exc.errno != errno.ESPIPE:
                raise
            data = _read_stream(fd)
        else:
            if len(data) == 65536:  # (pread left the offset at 0)
                os.lseek(fd, len(data), os.SEEK_SET)
                data += _read_stream(fd, len(data))
    except OSError:  # a directory (EISDIR), a FIFO with no writer yet (EAGAIN)
        return None
    finally:
        os.close(fd)
    # `0 in data` (the byte value 0) is one memchr; find() parses its arguments from a
    # tuple (~2k instructions per env), and `b"\0" in data` first tries b"\0" as a
    # byte value and builds and drops a TypeError (~2.5k)
    if len(data) > _PYVENV_CFG_CAP or 0 in data:
        return {}  # not a pyvenv.cfg: no key, so check_health calls it broken
    # The lines before the last are the same in every env made alike (home, version,
    # executable...; venv's command line, which names the env, comes last): their
    # values are kept per run by their bytes and copied, and only the last line is
    # split (`ls` at 1000 envs: ~4k fewer instructions per env). The split is at a
    # newline, which ends a line for splitlines whatever comes next and is never part
    # of a UTF-8 sequence, so both parts read as the whole would.
    end = data.rfind(b"\n", 0, len(data) - 1)
    if end >= 0:
        head = data[:end]
        known = _HEADS.get(head)
        if known is None:
            known = _split_lines({}, head.decode("utf-8", "replace"))
            # (a few dozen kinds of a few hundred bytes; not a stranger's megabyte)
            if len(_HEADS) < 64 and end <= 4096:
                _HEADS[head] = known
        return _split_lines(known.copy(), data[end + 1:].decode("utf-8", "replace"))
    return _split_lines({}, data.decode("utf-8", "replace"))


def _split_lines(values: dict[str, str], text: str) -> dict[str, str]:
    """``values`` with each ``key = value`` line of ``text`` (keys lower case, both
    stripped; a later line wins), for read_pyvenv_cfg."""
    # Most lines are the same in every env made from one Python (home, version,
    # executable...): each distinct line is split once per run and remembered, ~0.4 ms
    # at 1000 envs in `ls`. Only what a line says is kept, never whether it was read.
    # A line that names the env itself (venv's command line, a prompt) is in no other
    # env: it is split each time and not kept, since a thousand of them only grew the
    # heap (~100 page faults, ~0.3 ms at 1000 envs).
    lines = _LINES
    for line in text.splitlines():
        pair = lines.get(line)
        if pair is None:
            key, sep, value = line.partition("=")
            if not sep:
                continue
            pair = (key.strip().lower(), value.strip())
            if len(lines) < 10000 and pair[0] not in _PER_ENV_KEYS:
                lines[line] = pair
        values[pair[0]] = pair[1]
    return values


# pyvenv.cfg's first lines (all but the last, as bytes): their values, for
# read_pyvenv_cfg to copy. A few dozen kinds at most in a store.
_HEADS: dict[bytes, dict[str, str]] = {}
# pyvenv.cfg's lines as read_pyvenv_cfg has split them: line -> (key, value)
_LINES: dict[str, tuple[str, str]] = {}
# Keys whose line differs in every env: venv's `command` holds the env's path, and
# `prompt` (venv --prompt, uv, virtualenv) usually its name.
_PER_ENV_KEYS = frozenset(("command", "prompt"))


def _read_stream(fd: int, size: int = 0) -> bytes:
    """What a FIFO or a device offers (or the rest of a file whose first ``size`` bytes
    were read), up to just past the cap. Never waited on (O_NONBLOCK: EAGAIN, an
    OSError)."""
    chunks = []
    while size <= _PYVENV_CFG_CAP:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def cfg_version(cfg: dict[str, str]) -> str:
    """The interpreter version recorded by venv (``version``) or uv/virtualenv
    (``version_info``), as X.Y.Z."""
    raw = cfg.get("version") or cfg.get("version_info") or ""
    if raw.count(".") == 2:  # X.Y.Z already, as venv writes it: no split and join
        return raw
    parts = raw.split(".")
    return ".".join(parts[:3]) if len(parts) >= 3 else raw


def read_project_file(env: "Path | str", dir_fd: int | None = None) -> str | None:
    """virtualenvwrapper's ``.project`` link (the project directory), if any. A path
    the shells cannot carry (a control character, bytes that are not UTF-8) is
    ignored: ``project_file_problem`` says why, for doctor. ``dir_fd`` as for
    read_pyvenv_cfg."""
    text = _project_text(env, dir_fd)
    if text is None or project_path_problem(text):
        return None
    return text


def project_file_problem(env: "Path | str") -> str | None:
    """Why the env's ``.project`` file is ignored, or None."""
    text = _project_text(env)
    return project_path_problem(text) if text is not None else None


def _project_text(env: "Path | str", dir_fd: int | None = None) -> str | None:
    # access() first: most envs have no .project, and ls asks for every env; an open()
    # that fails costs an exception (OSError, its message, its traceback) several times
    # the access() that answers False. os.open, not open(): a file object costs more.
    path = f"{os.fspath(env)}/.project"
    if not os.access(path, os.F_OK, dir_fd=dir_fd):
        return None
    try:
        fd = os.open(path, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        data = os.read(fd, 65536)
    except OSError:  # a directory, a FIFO with no data
        return None
    finally:
        os.close(fd)
    # The file is one line; only its line end is not part of the path.
    text = data.decode("utf-8", "surrogateescape").rstrip("\r\n")
    return text or None


class Health:
    """What check_health found: ok, and the problems when not."""

    __slots__ = ("ok", "problems")

    def __init__(self, ok: bool, problems: list[str] | None = None) -> None:
        self.ok = ok
        self.problems = [] if problems is None else problems

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Health):
            return NotImplemented
        return (self.ok, self.problems) == (other.ok, other.problems)

    def __repr__(self) -> str:
        return f"Health(ok={self.ok!r}, problems={self.problems!r})"

    @property
    def label(self) -> str:
        return "ok" if self.ok else "broken"


def check_health(env: "Path | str", expected_version: str | None = None,
                 cfg: dict[str, str] | None = None, bases: dict | None = None) -> Health:
    """Find what can be known without running Python: a missing pyvenv.cfg, a base
    interpreter directory that is gone, a dangling ``bin/python``, a base interpreter
    whose version no longer matches the env's. ``cfg``: pyvenv.cfg already read by the
    caller; ``bases``: a dict kept across the envs of one listing, so that each base
    interpreter is looked at once, not once per env (``ls`` runs this for every env,
    a thousand times in a large store)."""
    if cfg is None:
        cfg = read_pyvenv_cfg(env)
    if cfg is None:
        return Health(False, ["pyvenv.cfg is missing"])
    problems = health_problems(os.fspath(env), expected_version, cfg, cfg_version(cfg), bases)
    return Health(not problems, problems)


def health_problems(env: str, expected_version: str | None, cfg: dict[str, str],
                    version: str, bases: dict | None, dir_fd: int | None = None) -> list[str]:
    """check_health's problems for an env whose pyvenv.cfg has been read (``cfg``,
    ``version`` its cfg_version): a list, empty when the env is healthy. ``env`` is
    text (relative to ``dir_fd`` when given). listing.env_facts calls this directly,
    once per env in ``ls``: it has the version already and needs no Health object."""
    home = cfg.get("home")
    if not home:
        # Every venv records its base interpreter; a binary or emptied file does not.
        return ["pyvenv.cfg is not a venv configuration (it has no 'home' line)"]
    key = (home, version)
    base = bases.get(key) if bases is not None else None
    if base is None:
        base = _base_problems(home, version)
        if bases is not None:
            bases[key] = base
    problems = list(base[0])
    # os.access(F_OK), not pathlib or os.path.exists: this runs once per env in `ls`,
    # and access() answers with a bool where stat() builds a result or an exception.
    # Like exists(), it follows links (a dangling one is "missing").
    if not os.access(f"{env}/{BIN}/python", os.F_OK, dir_fd=dir_fd):
        problems.append("bin/python is missing or points nowhere")
    if expected_version and version and expected_version != version:
        problems.append(f"pyvenv.cfg says Python {version}, registry says {expected_version}")
    if not problems and base[1]:
        problems.append(base[1])
    return problems


def _base_problems(home: str | None, version: str) -> tuple[list[str], str]:
    """What is wrong with the base interpreter an env was built on: (problems, and the
    one reported only when nothing else is wrong)."""
    if home and not os.path.isdir(home):
        return [f"base interpreter directory {home} is gone"], ""
    if home and version:
        # The venv's python is (a link to) home/pythonX.Y. If that file now is a
        # different minor version, the stdlib the env was built against is gone.
        major_minor = ".".join(version.split(".")[:2])
        if not os.path.exists(os.path.join(home, f"python{major_minor}")) and not os.path.isdir(
            os.path.join(os.path.dirname(os.path.normpath(home)), "lib", f"python{major_minor}")
        ):
            return [], f"Python {major_minor} is no longer installed in {home}"
    return [], ""


def site_packages(env: "Path") -> "Path | None":
    """The env's site-packages directory, found by listing lib/ (no Python)."""
    lib = env / "lib"
    try:
        for entry in sorted(os.listdir(lib)):
            if entry.startswith("python"):
                candidate = lib / entry / "site-packages"
                if candidate.is_dir():
                    return candidate
    except OSError:
        pass
    return None
