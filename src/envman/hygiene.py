"""Store hygiene: which envs can go (``prune``), which base interpreter each env was
built on (``ls --by-python``), and rebuilding the envs whose interpreter is gone
(``upgrade --broken``).

Deciding only: moving envs in and out of the trash is trash.py's, rebuilding is
lifecycle.py's (through its public ``upgrade_envs``). Functions return data; cli/
renders it.

An env is never pruned while it is in use: the env active in this shell, and any env
a shell's ``workon`` entered in the last RECENT_USE seconds (the mtime of its
``.envman/used/NAME`` stamp; ``workon`` touches it with a builtin, so another shell's
use is visible here without asking that shell).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from . import core
from .envinfo import cfg_version, read_pyvenv_cfg
from .errors import EnvmanError, UsageError
from .plaindata import replace
from .registry import EnvRecord, now
from .store import Store

# For mypy only (typing is not imported for it): pythons is imported where an interpreter
# is looked for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .pythons import Interpreter

RECENT_USE = 600  # seconds: a workon this recent may be a shell still inside the env
DEFAULT_UNUSED_DAYS = 90
CRITERIA = ("unused", "orphaned", "broken", "interrupted")


# -- the base interpreter of an env ------------------------------------------------------------
@dataclass(frozen=True)
class BaseInterpreter:
    path: str  # the interpreter the env was built on ("" when nothing says)
    version: str  # X.Y.Z ("" when unknown)
    home: str  # pyvenv.cfg's home
    gone: bool

    @property
    def major_minor(self) -> str:
        return ".".join(self.version.split(".")[:2])


def base_interpreter(cfg: dict[str, str] | None, record: EnvRecord | None) -> BaseInterpreter:
    """From pyvenv.cfg (``home``, and ``executable`` that venv writes since 3.11) and the
    registry's ``python``. Gone: the home directory is gone, or none of the recorded
    executables exists any more (a file check each: no Python is run)."""
    cfg = cfg or {}
    home = cfg.get("home", "")
    version = cfg_version(cfg) or (record.python_version if record else "")
    candidates = [cfg.get("executable", "")]
    # An adopted env's registry python is a guess (home/pythonX.Y): not evidence.
    if record is not None and record.backend != "adopted":
        candidates.append(record.python)
    candidates = [c for c in candidates if c]
    path = candidates[0] if candidates else ""
    if not path and home:
        major_minor = ".".join(version.split(".")[:2])
        path = os.path.join(home, f"python{major_minor}" if major_minor else "python3")
    gone = bool(home) and not os.path.isdir(home)
    if candidates and not any(os.path.exists(c) for c in candidates):
        gone = True
    return BaseInterpreter(path=path, version=version, home=home, gone=gone)


# -- prune -----------------------------------------------------------------------------------
@dataclass
class Criteria:
    unused_days: float | None = None
    orphaned: bool = False
    broken: bool = False
    interrupted: bool = False

    @classmethod
    def from_options(cls, unused: float | None, orphaned: bool, broken: bool,
                     interrupted: bool) -> Criteria:
        """No criterion given means all four (unused with its default)."""
        if unused is not None and unused < 0:
            raise UsageError(f"--unused must be 0 or more days, not {unused:g}")
        if unused is None and not (orphaned or broken or interrupted):
            return cls(DEFAULT_UNUSED_DAYS, True, True, True)
        return cls(unused, orphaned, broken, interrupted)


@dataclass
class Candidate:
    name: str
    path: Path
    reasons: list[str]
    last_used: datetime | None  # last use, else creation
    size: int | None = None
    kept: str | None = None  # why it matches but is never pruned

    def to_json(self) -> dict:
        return {"name": self.name, "path": str(self.path), "reasons": self.reasons,
                "size": self.size,
                "last_used": self.last_used.isoformat() if self.last_used else None,
                "kept": self.kept}


def _reasons(status: core.EnvStatus, criteria: Criteria, at: datetime) -> list[str]:
    if status.state in ("creating", "missing"):
        return []  # a build running now; or nothing on disk to reclaim
    reasons = []
    if criteria.interrupted and status.state == "interrupted":
        reasons.append("interrupted")
    if criteria.broken and status.state != "interrupted":
        cfg = read_pyvenv_cfg(status.path)
        if cfg is not None and base_interpreter(cfg, status.record).gone:
            reasons.append("broken")
    if criteria.orphaned and status.project and not os.path.isdir(status.project):
        reasons.append("orphaned")
    if criteria.unused_days is not None:
        last = status.last_used or status.created
        if last is not None and at - last >= timedelta(days=criteria.unused_days):
            reasons.append("unused")
    return reasons


def _kept(status: core.EnvStatus, at: datetime) -> str | None:
    """Why an env that matches is never pruned (None: it may be)."""
    try:
        core.refuse_active(status.name, status.path)
    except EnvmanError:
        return "active in this shell"
    if status.last_used is not None and at - status.last_used < timedelta(seconds=RECENT_USE):
        return f"used in the last {RECENT_USE // 60} minutes"
    if os.path.islink(status.path):
        return "a link (remove it with 'envman rm')"
    return None


def _describe(status: core.EnvStatus, criteria: Criteria, at: datetime) -> Candidate | None:
    reasons = _reasons(status, criteria, at)
    if not reasons:
        return None
    return Candidate(status.name, status.path, reasons, status.last_used or status.created,
                     kept=_kept(status, at))


def find_candidates(store: Store, criteria: Criteria, with_size: bool = True) -> list[Candidate]:
    """The envs matching any criterion, those never pruned included (with ``kept``)."""
    from .fsutil import dir_size

    at = now()
    found = []
    for status in core.list_envs(store):
        cand = _describe(status, criteria, at)
        if cand is None:
            continue
        if with_size and status.exists and not os.path.islink(cand.path):
            cand.size = dir_size(cand.path)
        found.append(cand)
    return found


@dataclass
class PruneResult:
    name: str
    entry_id: str | None = None
    size: int | None = None
    error: EnvmanError | None = None


def prune(store: Store, candidates: list[Candidate], criteria: Criteria,
          progress: Callable[[str], None] = lambda _: None) -> list[PruneResult]:
    """Move each prunable candidate to the trash. Each is judged again under its locks:
    a use or a rebuild since it was listed keeps it."""
    from . import trash

    results = []
    for cand in candidates:
        if cand.kept:
            continue

        def still_wanted(_record: EnvRecord | None, name: str = cand.name) -> str | None:
            try:
                status = core.get_env(store, name)
            except EnvmanError:
                return "it is gone"
            if status.state == "creating":
                # Asked under the env's lock, which a live build would hold: the build
                # that left this entry is dead.
                status = replace(status, state="interrupted")
            again = _describe(status, criteria, now())
            if again is None:
                return "it no longer matches"
            return again.kept

        progress(f"moving {cand.name} to the trash")
        try:
            entry = trash.move_in(store, cand.name, cand.reasons, still_wanted, lock_timeout=5)
        except EnvmanError as exc:
            results.append(PruneResult(cand.name, error=exc))
            continue
        results.append(PruneResult(cand.name, entry.id, entry.size))
    return results


# -- ls --by-python ----------------------------------------------------------------------------
@dataclass
class PythonGroup:
    interpreter: BaseInterpreter
    envs: list[str] = field(default_factory=list)
    size: int = 0

    def to_json(self) -> dict:
        base = self.interpreter
        return {"python": base.path or None, "version": base.version or None,
                "home": base.home or None, "gone": base.gone, "envs": self.envs,
                "count": len(self.envs), "size": self.size}


def by_python(store: Store, with_size: bool = True) -> list[PythonGroup]:
    """Envs grouped by the base interpreter they were built on (path and version),
    groups whose interpreter is gone first, then by path."""
    groups: dict[tuple[str, str], PythonGroup] = {}
    for status in core.list_envs(store, with_size=with_size):
        if not status.exists:
            continue
        base = base_interpreter(read_pyvenv_cfg(status.path), status.record)
        group = groups.setdefault((base.path, base.version), PythonGroup(base))
        group.envs.append(status.name)
        group.size += status.size or 0
    return sorted(groups.values(), key=lambda g: (not g.interpreter.gone, g.interpreter.path,
                                                  g.interpreter.version))


# -- upgrade --broken --------------------------------------------------------------------------
@dataclass
class RepairPlan:
    name: str
    old: BaseInterpreter
    target: Interpreter | None = None
    problem: str | None = None  # why there is no target

    def to_json(self) -> dict:
        target = self.target
        return {"name": self.name, "old_python": self.old.path, "old_version": self.old.version,
                "new_python": target.executable if target is not None else None,
                "new_version": target.version if target is not None else None,
                "problem": self.problem}


def _patch(version: str) -> int:
    parts = version.split(".")
    return int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0


def _same_minor_candidates(major_minor: str) -> list[str]:
    """Every interpreter of ``X.Y`` that can be found without running anything: PATH's
    pythonX.Y and pyenv's versions X.Y.*."""
    found = []
    exe = shutil.which(f"python{major_minor}")
    if exe:
        found.append(exe)
    root = Path(os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))) / "versions"
    try:
        versions = sorted(os.listdir(root))
    except OSError:
        versions = []
    for v in versions:
        if re.fullmatch(re.escape(major_minor) + r"\.\d+", v):
            candidate = root / v / "bin" / f"python{major_minor}"
            if candidate.exists():
                found.append(str(candidate))
    return found


def closest_python(version: str, probed: dict | None = None):
    """The working interpreter of the same X.Y nearest in patch level to ``version``
    (newer on a tie), or None."""
    from .pythons import own_base_interpreter, probe

    probed = {} if probed is None else probed
    major_minor = ".".join(version.split(".")[:2])
    if not major_minor:
        return None
    found = []
    own = own_base_interpreter()
    if own.major_minor == major_minor:
        found.append(own)
    for exe in _same_minor_candidates(major_minor):
        if exe not in probed:
            probed[exe] = probe(exe)
        interp = probed[exe]
        if interp is not None and interp.major_minor == major_minor:
            found.append(interp)
    if not found:
        return None
    want = _patch(version)
    return min(found, key=lambda i: (abs(_patch(i.version) - want), -_patch(i.version)))


def plan_repairs(store: Store, python: str | None = None) -> list[RepairPlan]:
    """One plan per env whose base interpreter is gone: what it will be rebuilt on."""
    from .pythons import resolve

    forced = resolve(python) if python else None
    probed: dict = {}
    plans = []
    for status in core.list_envs(store):
        if status.state not in ("ready", "unregistered") or not status.exists:
            continue
        base = base_interpreter(read_pyvenv_cfg(status.path), status.record)
        if not base.gone:
            continue
        plan = RepairPlan(status.name, base)
        if forced is not None:
            plan.target = forced
        else:
            plan.target = closest_python(base.version, probed)
            if plan.target is None:
                plan.problem = (f"no Python {base.major_minor or '(unknown version)'} found; "
                                "give one with -p")
        plans.append(plan)
    return plans


@dataclass
class RepairResult:
    name: str
    version: str | None = None
    error: EnvmanError | None = None


def repair(store: Store, plans: list[RepairPlan],
           each: Callable[[RepairPlan, RepairResult], None] = lambda p, r: None,
           progress: Callable[[str], None] = lambda _: None) -> list[RepairResult]:
    """Rebuild each planned env with lifecycle's upgrade (packages kept; the env is left
    as it was when its rebuild fails); ``each`` is told as each one ends."""
    from .lifecycle import upgrade_envs

    results = []
    for plan in plans:
        if plan.target is None:
            result = RepairResult(plan.name, error=EnvmanError(plan.problem or "no interpreter"))
        else:
            try:
                (done,) = upgrade_envs(store, [plan.name], plan.target.executable, progress)
                version = done.status.python_version if done.status else None
                result = RepairResult(plan.name, version, done.error)
            except EnvmanError as exc:
                result = RepairResult(plan.name, error=exc)
        each(plan, result)
        results.append(result)
    return results
