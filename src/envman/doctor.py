"""``envman doctor``: find what is wrong with the store and its envs, and repair what is safe.

The checks return findings as data (cli/commands_doctor.py renders them). Checking
never changes anything: a registry that does not parse is read around (the directories
alone), not moved aside. ``fix`` does only what cannot lose anything a user may need:

- adopt env directories that have no registry entry (virtualenvwrapper's, hand-made);
- drop entries whose directory is gone;
- remove envs left ``creating`` by a killed command and temporary envs whose owning
  shell is gone (both are envman's own half-made or throw-away builds);
- delete trash left by an interrupted ``rm`` and temp files left by an interrupted
  registry write;
- rebuild a registry that does not parse (the broken file is kept aside);
- rebuild a missing or stale project index (projindex.py) from the .project files;
- forget a project ``.venv`` link (links.py) that was removed by hand;
- quarantine registry records that fail validation (kept verbatim in a file beside the
  registry; an env directory they described is adopted again).

State paths that are symlinks or of the wrong kind (``.envman``, ``aside``, ``locks``,
``used``, the registry, its cache, the lock file) are reported and never followed: the
user moves them away. Env directories whose names envman cannot handle are reported, and
so are project links (``envman link``) to a missing env or replaced by a directory.
All env repairs run in one registry transaction, so the cost grows linearly with the
number of findings.

A broken interpreter is never "fixed" by deleting: the finding points at
``envman upgrade NAME``, which rebuilds the env with its packages.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from . import aside, links, projindex, used
from .envinfo import BIN, project_file_problem
from .errors import EnvmanError
from .locks import env_lock, held_locks, lock_held, pid_alive
from .perms import unsafe_paths
from .registry import EnvRecord, Registry, RegistryCorrupt, RegistryUnreadable, record_from_dir
from .status import env_status
from .store import Store, is_env_dir, unsafe_state

# Severity: "problem" findings make doctor exit 1; "note" findings are shown but are
# not a fault (an env being built right now, a directory that is not an env).
PROBLEM = "problem"
NOTE = "note"

_PROBE = "import platform; print(platform.python_version())"


@dataclass
class Finding:
    kind: str  # a stable code, e.g. "interpreter-broken"
    subject: str  # the env name, or the file the finding is about
    message: str
    suggestion: str  # the command (or step) that deals with it
    severity: str = PROBLEM
    fixable: bool = False  # doctor --fix may act on it
    fixed: bool = False
    fix_error: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


# -- the registry file and envman's own state ------------------------------------------------
def registry_findings(store: Store) -> tuple[list[Finding], dict[str, EnvRecord]]:
    """Findings about registry.toml, and the records to check envs against (read from
    the directories when the registry does not parse)."""
    registry = Registry(store)
    findings: list[Finding] = []
    for path, problem in store.state_problems():
        findings.append(Finding(
            "state-unsafe", str(path), f"{problem}; envman refuses to use it",
            "move it out of the way (envman recreates it); nothing was followed"))
    for kept in registry.quarantine_files():
        findings.append(Finding(
            "records-quarantined", str(kept),
            "registry entries that failed validation, kept as they were",
            "read it; delete it when nothing in it is needed", severity=NOTE))
    try:
        records = registry.read()
    except RegistryCorrupt as exc:
        findings.append(Finding(
            "registry-corrupt", str(store.registry_path),
            f"the registry does not parse ({exc})",
            "envman doctor --fix (keeps the broken file aside and rebuilds it from the store)",
            fixable=True,
        ))
        return findings, registry.from_directories()
    except (RegistryUnreadable, EnvmanError) as exc:
        findings.append(Finding("registry-unreadable", str(store.registry_path), str(exc),
                                "move it out of the way or check the store's permissions"))
        return findings, registry.from_directories()
    for bad in registry.quarantined:
        findings.append(Finding(
            "record-invalid", bad.label,
            f"its registry entry is invalid and ignored: {bad.reason}",
            "envman doctor --fix (keeps the entry in a file beside the registry and "
            "describes the env from its directory)", fixable=True))
    if registry.newer_schema:
        findings.append(Finding(
            "registry-schema", str(store.registry_path),
            f"the registry uses schema {registry.newer_schema}, newer than this envman understands",
            "upgrade envman (the registry is left as it is)",
        ))
    return findings, records


# Other state files (the registry's parse cache) are written without the store lock:
# their temp files are only leftovers once they are this old.
UNLOCKED_TEMP_AGE = 600.0


def temp_files(store: Store) -> list[Path]:
    """Temp files fsutil.atomic_write leaves only when killed between write and rename."""
    registry_tmp = f".{store.registry_path.name}."
    now = time.time()
    found = []
    if unsafe_state(store.state_dir, "dir"):
        return []  # a linked state dir is reported, never looked into
    try:
        for p in store.state_dir.glob(".*.tmp"):
            try:
                if p.name.startswith(registry_tmp) or now - p.stat().st_mtime > UNLOCKED_TEMP_AGE:
                    found.append(p)
            except OSError:
                continue
    except OSError:
        return []
    return sorted(found)


def state_findings(store: Store) -> list[Finding]:
    findings = []
    for tmp in temp_files(store):
        findings.append(Finding(
            "temp-file", str(tmp), "a temp file left by an interrupted registry write",
            "envman doctor --fix (deletes it)", fixable=True))
    for trash in store.aside_entries("trash"):
        findings.append(Finding(
            "trash", str(trash), "files of a removed env that were not fully deleted",
            "envman doctor --fix (deletes them)", fixable=True))
    for kept in store.aside_entries("upgrading"):
        name = store.aside_owner(kept)
        if lock_held(store.locks_dir / f"{name}.lock"):
            continue  # an upgrade is running right now
        findings.append(Finding(
            "upgrade-interrupted", str(kept),
            f"the old copy of {name!r} kept aside by an interrupted 'envman upgrade'",
            "envman doctor --fix (puts it back if the rebuilt env is not there, "
            "else deletes it)", fixable=True))
    index_state, _ = projindex.state(store)
    if index_state in ("missing", "stale"):
        findings.append(Finding(
            "project-index-" + index_state, str(projindex.index_path(store)),
            f"the project index is {index_state}: auto-activation may miss a project "
            "directory (the envs' .project files are right)",
            "envman doctor --fix (rebuilds it from the .project files)", fixable=True))
    findings += link_findings(store)
    for lock in held_locks(store):
        findings.append(Finding(
            "lock-held", str(lock), "another envman is working (it holds this lock)",
            "wait for it to finish; a killed envman never holds a lock", severity=NOTE))
    return findings


_LINK_FIXES = {
    "link-broken": ("envman unlink {dir}, or envman link NAME {dir} to another env", PROBLEM),
    "link-replaced": ("move {dir}/.venv away, then envman link {name} {dir} (and keep uv "
                      "from recreating it: see docs/projects.md)", PROBLEM),
    "link-env-recreated": ("envman upgrade {name} -p <the Python the project wants> "
                           "(or fix requires-python), then envman link {name} {dir}; "
                           "see docs/projects.md", PROBLEM),
    "link-gone": ("envman doctor --fix (forgets it), or envman link {name} {dir}", NOTE),
}


def link_findings(store: Store) -> list[Finding]:
    """Links ``envman link`` made (or that envs' projects hold) that point at a missing
    env, were replaced by a plain directory, or are gone."""
    found = []
    for kind, directory, name, message in links.link_problems(store):
        fix, severity = _LINK_FIXES[kind]
        found.append(Finding(kind, directory, message, fix.format(dir=directory, name=name),
                             severity=severity, fixable=kind == "link-gone"))
    return found


# -- each env --------------------------------------------------------------------------------
def run_version(env: Path) -> tuple[str | None, str]:
    """Run the env's python once: (its version, or None and why it did not run)."""
    python = env / BIN / "python"
    try:
        proc = subprocess.run([str(python), "-I", "-c", _PROBE], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, getattr(exc, "strerror", None) or str(exc)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"exit status {proc.returncode}: {last}"
    return proc.stdout.strip(), ""


def _interpreter_findings(name: str, path: Path, record: EnvRecord | None,
                          problems: list[str], run_python: bool) -> list[Finding]:
    """``problems``: what envinfo.check_health found from files; python runs only if none."""
    upgrade = f"envman upgrade {name} -p <a working python>"
    findings = [Finding("interpreter-broken", name, problem, upgrade) for problem in problems]
    if findings or not run_python:
        return findings
    version, why = run_version(path)
    if version is None:
        return [Finding("interpreter-broken", name, f"bin/python does not run ({why})", upgrade)]
    expected = record.python_version if record else ""
    if expected and version != expected:
        findings.append(Finding(
            "interpreter-changed", name,
            f"bin/python is now Python {version}; the env was built on {expected} "
            "(the base Python was upgraded or replaced underneath)",
            f"envman upgrade {name}"))
    return findings


def env_findings(store: Store, name: str, record: EnvRecord | None,
                 run_python: bool = True) -> list[Finding]:
    path = store.root / name
    if record is None and not is_env_dir(path):
        return [Finding("not-an-env", name, f"{path} is a directory without pyvenv.cfg",
                        "envman ignores it; move it out of the store if it is not wanted",
                        severity=NOTE)]
    # The state, the file-level health and the project are what ls shows.
    status = env_status(store, name, record)
    if status.state == "creating" and record is not None:  # only a record says "creating"
        return [Finding("creating", name, f"being created by process {record.pid}",
                        "wait for it to finish", severity=NOTE)]
    if status.state == "interrupted":
        return [Finding("interrupted", name, "its creation was interrupted (the process is gone)",
                        "envman doctor --fix (removes the half-made env)", fixable=True)]
    if status.state == "missing":
        what = "it is a symlink pointing nowhere" if path.is_symlink() else "its directory is gone"
        return [Finding("missing", name, what,
                        "envman doctor --fix (drops the registry entry)", fixable=True)]
    findings: list[Finding] = []
    if record is None:
        findings.append(Finding("unregistered", name,
                                "an env with no registry entry (made by hand or another tool)",
                                "envman doctor --fix (adopts it)", fixable=True))
    elif _orphaned(record):
        return [Finding("temporary-orphan", name,
                        f"a temporary env whose shell (process {record.pid}) is gone",
                        "envman doctor --fix (removes it)", fixable=True)]
    findings += _interpreter_findings(name, path, record, status.problems, run_python)
    bad_project = project_file_problem(path)
    if bad_project:
        findings.append(Finding("project-invalid", name,
                                f"its .project file is ignored: {bad_project}",
                                f"envman project set {name} <dir>"))
    if status.project and not os.path.isdir(status.project):
        findings.append(Finding("project-missing", name,
                                f"its project directory {status.project} does not exist",
                                f"envman project set {name} <dir>"))
    return findings


def _orphaned(record: EnvRecord | None) -> bool:
    """A temporary env whose owning shell is gone."""
    return (record is not None and record.temporary and bool(record.pid)
            and not pid_alive(record.pid))


def check(store: Store, run_python: bool = True, progress=None) -> list[Finding]:
    """Every finding about the store and its envs; changes nothing. ``progress(total)``
    is called once with the number of envs, then ``progress(name)`` as each is done."""
    if not store.root.is_dir():
        return []
    findings, records = registry_findings(store)
    findings += state_findings(store)
    for name, why in store.unmanageable():
        findings.append(Finding("name-unmanageable", repr(name)[:80],
                                f"an env envman cannot manage: {why}",
                                "rename the directory", severity=NOTE))
    findings += [Finding("unsafe-permissions", str(u.path), u.problem, u.fix)
                 for u in unsafe_paths(store.root)]
    names = sorted(set(store.dir_names()) | set(records), key=str.lower)
    # One python process per env: run them side by side, report in name order.
    if progress:
        progress(len(names))
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        per_env = pool.map(lambda n: env_findings(store, n, records.get(n), run_python), names)
        for name, found in zip(names, per_env, strict=True):
            findings += found
            if progress:
                progress(name)
    return findings


def problems(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == PROBLEM]


# -- repairing -------------------------------------------------------------------------------
def _fix_envs(store: Store, findings: list[Finding]) -> None:
    """Act on every env finding in ONE registry transaction (one parse and one write
    for any number of findings), re-checking each under the store lock: the state may
    have moved on since the check. An env directory is removed only while its env lock
    can be taken without waiting (taking it would otherwise invert the lock order);
    a busy one is left for the next run. The transaction itself adopts unregistered
    envs and quarantines invalid records."""
    removed: list[tuple[str, Path | None]] = []
    # Env locks taken inside are released only after the transaction has saved.
    with contextlib.ExitStack() as held, Registry(store).transaction() as records:
        for finding in findings:
            try:
                gone = _fix_one_env(store, finding, records, held)
            except (EnvmanError, OSError) as exc:
                finding.fix_error = str(exc)
                continue
            finding.fixed = True
            if gone is not None:
                removed.append(gone)
    # After the registry is saved: the last-used marks and the trash of removed envs.
    for name, trash in removed:
        used.move_stamp(store, name, None)
        if trash is not None:
            aside.delete(store, trash)


def _fix_one_env(store: Store, finding: Finding, records: dict[str, EnvRecord],
                 held: contextlib.ExitStack) -> tuple[str, Path | None] | None:
    """One env finding, inside the transaction: (name, trash) when its entry (and
    directory) went, else None."""
    if finding.kind in ("unregistered", "record-invalid"):
        return None  # the transaction adopts and quarantines by itself
    name = finding.subject
    path = store.env_path(name)
    record = records.get(name)
    state = env_status(store, name, record).state
    if (finding.kind == "interrupted" and state == "interrupted"
            or finding.kind == "temporary-orphan" and _orphaned(record)):
        # Holding the env's lock, nobody else is building or removing it.
        held.enter_context(env_lock(store, name, timeout=0))
        if not store.contains(path):  # belt and braces: names are validated already
            raise EnvmanError(f"refusing to remove {path}: it is not inside the store")
        trash = aside.take_out(store, name, "trash")  # a link is only unlinked
        del records[name]
        return name, trash
    if finding.kind == "missing" and state == "missing":
        if path.is_symlink():  # dangling: unlinked, nothing behind it to lose
            aside.take_out(store, name, "trash")
        del records[name]
        return name, None
    # The state moved on since the check: leave it (and its last-used mark) alone.
    return None


def _fix_state(store: Store, finding: Finding) -> None:
    path = Path(finding.subject)
    if finding.kind == "registry-corrupt":
        with Registry(store).transaction():
            pass  # a transaction keeps the broken file aside and rebuilds from the store
    elif finding.kind == "temp-file":
        # Under the store lock: no live writer can be between mkstemp and rename.
        with Registry(store).transaction():
            try:
                path.unlink()
            except FileNotFoundError:
                pass
    elif finding.kind == "trash":
        aside.delete(store, path)  # gone already if a live rm finished deleting it first
    elif finding.kind.startswith("project-index-"):
        projindex.rebuild(store)
    elif finding.kind == "link-gone":
        links.forget(store, finding.subject)


def _fix_upgrade_leftover(store: Store, finding: Finding) -> None:
    """Put an env an interrupted upgrade kept aside back under its name, unless the
    rebuilt env is there and ready (then the old copy is what upgrade would delete)."""
    kept = Path(finding.subject)
    name = store.aside_owner(kept)
    trash = None
    with env_lock(store, name, timeout=5), Registry(store).transaction() as records:
        if not kept.exists():
            return
        path = store.root / name
        record = records.get(name)
        if aside.put_back(store, kept, name):
            records[name] = record_from_dir(store, name)
        elif record is not None and record.state == "ready" and is_env_dir(path):
            trash = kept  # the rebuilt env is there: the old copy is what upgrade deletes
        else:
            raise EnvmanError(f"{name!r} is being rebuilt or is not an env; left {kept} as it is")
    if trash is not None:
        aside.delete(store, trash)


_STATE_KINDS = ("registry-corrupt", "temp-file", "trash", "link-gone")
# Run last: an interrupted rebuild under the same name must be cleared first.
_LAST_KINDS = ("upgrade-interrupted", "project-index-missing", "project-index-stale")


def fix(store: Store, findings: list[Finding]) -> list[Finding]:
    """Repair every fixable finding (state first: the registry must parse before env
    entries are edited), marking each fixed or recording why not."""
    fixable = [f for f in findings if f.fixable]
    for finding in fixable:
        if finding.kind in _STATE_KINDS:
            _fix_with(_fix_state, store, finding)
    env_kinds = [f for f in fixable if f.kind not in _STATE_KINDS and f.kind not in _LAST_KINDS]
    if env_kinds:
        try:
            _fix_envs(store, env_kinds)
        except (EnvmanError, OSError) as exc:  # the transaction itself failed
            for finding in env_kinds:
                finding.fixed, finding.fix_error = False, str(exc)
    for finding in fixable:
        if finding.kind in _LAST_KINDS:
            _fix_with(_fix_state if finding.kind.startswith("project-index-")
                      else _fix_upgrade_leftover, store, finding)
    return findings


def _fix_with(fixer, store: Store, finding: Finding) -> None:
    try:
        fixer(store, finding)
        finding.fixed = True
    except (EnvmanError, OSError) as exc:
        finding.fix_error = str(exc)


def doctor(store: Store, apply: bool = False, run_python: bool = True,
           progress=None) -> tuple[list[Finding], list[Finding]]:
    """(findings, what is still wrong). With ``apply`` the fixable findings are repaired
    and the store is checked again, so the second list is what remains. ``progress``:
    see check."""
    findings = check(store, run_python, progress)
    if not apply:
        return findings, problems(findings)
    fix(store, findings)
    remaining = check(store, run_python, progress)
    return findings, problems(remaining)

