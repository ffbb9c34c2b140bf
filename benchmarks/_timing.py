"""Timing primitives: paired, alternating runs and their statistics.

Every comparison runs its variants in turns (A B C, B C A, C A B, ...) after a
warm-up, so that a burst of load on a shared machine hits all of them alike; figures
are medians with min and max, and ratios are taken per round (same round, same
conditions) before their median is reported.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable


class Unavailable(Exception):
    """A variant that cannot be measured here; the reason goes into the table."""


@dataclass
class Series:
    """The values (milliseconds) of one variant across rounds."""

    values: list[float] = field(default_factory=list)
    error: str | None = None
    # CPU time (user + sys) of the measured processes: on a busy shared machine it
    # shows what the wall time would be without waiting for a core.
    cpu: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.values)

    def summary(self) -> dict:
        if not self.ok:
            return {"error": self.error or "no values"}
        return {
            "median_ms": statistics.median(self.values),
            "min_ms": min(self.values),
            "max_ms": max(self.values),
            "n": len(self.values),
            **({"cpu_median_ms": statistics.median(self.cpu)} if self.cpu else {}),
        }


def paired(variants: dict[str, Callable[[], float]], rounds: int, warmup: int = 1,
           ) -> dict[str, Series]:
    """Run each variant ``warmup`` times untimed, then ``rounds`` times in rotating
    order. A variant that raises Unavailable (or fails) is dropped with its reason;
    the others go on."""
    names = list(variants)
    series = {n: Series() for n in names}

    def attempt(name: str, keep: bool) -> None:
        s = series[name]
        if s.error is not None:
            return
        try:
            value = variants[name]()
        except Unavailable as exc:
            s.error = str(exc)
            return
        if keep:
            if isinstance(value, tuple):
                value, cpu = value
                s.cpu.append(cpu)
            s.values.append(value)

    for _ in range(warmup):
        for name in names:
            attempt(name, keep=False)
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            attempt(name, keep=True)
    return series


def ratio_per_round(num: Series, den: Series) -> float | None:
    """Median over rounds of num/den (the same round's values)."""
    if not (num.ok and den.ok):
        return None
    pairs = [a / b for a, b in zip(num.values, den.values) if b > 0]
    return statistics.median(pairs) if pairs else None


def diff_per_round(a: Series, b: Series) -> float | None:
    """Median over rounds of a - b."""
    if not (a.ok and b.ok):
        return None
    return statistics.median([x - y for x, y in zip(a.values, b.values)])


def run_checked(argv: list[str], env: dict, cwd: str | None = None, timeout: float = 600,
                ) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise Unavailable(f"`{' '.join(argv[:3])}...` exited {proc.returncode}: {tail[0][:160]}")
    return proc


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r.ru_utime + r.ru_stime) * 1000


def wall_ms(argv: list[str], env: dict, cwd: str | None = None,
            ) -> Callable[[], tuple[float, float]]:
    """A variant: the wall time of one process, start to exit, and its CPU time, in ms."""
    def run() -> tuple[float, float]:
        c0 = _children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - t0) * 1000
        cpu = _children_cpu() - c0
        if proc.returncode != 0:
            msg = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise Unavailable(f"`{' '.join(argv[-3:])}` exited {proc.returncode}: {msg[0][:160]}")
        return elapsed, cpu
    return run


# -- timing inside one shell process ------------------------------------------------------
# bash and zsh have $EPOCHREALTIME: each operation is timed inside the shell, N times
# in a loop, and the shell writes the total per operation to a file.

# Per shell: what to set up, a counter's declaration, and one timed call (str.format
# fields: i = the op's index, cmd = its command).
_DIALECTS = {
    "bash": ("__bt_fail=0", "__bt_t{i}=0",
             "__bt_a=${{EPOCHREALTIME/./}}; {cmd} || __bt_fail=1; "
             "__bt_b=${{EPOCHREALTIME/./}}; __bt_t{i}=$((__bt_t{i} + __bt_b - __bt_a))"),
    "zsh": ("zmodload zsh/datetime; integer __bt_fail=0; typeset -F __bt_a __bt_b",
            "typeset -F __bt_t{i}=0",
            "__bt_a=$EPOCHREALTIME; {cmd} || __bt_fail=1; __bt_b=$EPOCHREALTIME; "
            "(( __bt_t{i} += (__bt_b - __bt_a) * 1000000 ))"),
}


def _script(shell: str, setup: str, ops: list[tuple[str, str]], n: int, out: str) -> str:
    prelude, counter, timed = _DIALECTS[shell]
    lines = ["LC_ALL=C", setup, prelude]
    lines += [counter.format(i=i) for i in range(len(ops))]
    lines.append(f"for (( __bt_i=0; __bt_i<{n}; __bt_i++ )); do")
    lines += ["  " + timed.format(i=i, cmd=cmd) for i, (_, cmd) in enumerate(ops)]
    lines.append("done")
    lines.append("{ echo \"fail $__bt_fail\"; "
                 + " ".join(f"echo \"{label} $__bt_t{i}\";" for i, (label, _) in enumerate(ops))
                 + f" }} > '{out}'")
    return "\n".join(lines) + "\n"


def in_shell(shell: str, setup: str, ops: list[tuple[str, str]], n: int, env: dict,
             cwd: str | None = None) -> Callable[[], dict[str, float]]:
    """A batch: one bash or zsh process runs ``setup`` then ``n`` rounds of ``ops``;
    returns the mean per call of each op in ms."""
    def run() -> dict[str, float]:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            script = os.path.join(tmp, "script")
            with open(script, "w") as fh:
                fh.write(_script(shell, setup, ops, n, out))
            argv = ["bash", "--norc", "--noprofile", script] if shell == "bash" else ["zsh", "-f", script]
            proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  timeout=900)
            try:
                with open(out) as fh:
                    rows = dict(line.rstrip("\n").rsplit(" ", 1) for line in fh if line.strip())
            except OSError:
                err = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
                raise Unavailable(f"{shell} batch failed: {err[0][:160]}") from None
            if rows.pop("fail") != "0":
                err = proc.stderr.strip().splitlines()[-1:] or ["a command returned non-zero"]
                raise Unavailable(f"{shell}: a timed command failed: {err[0][:160]}")
            return {label: float(v) / n / 1000 for label, v in rows.items()}
    return run


def batches(batch_fns: dict[str, Callable[[], dict[str, float]]], rounds: int, warmup: int = 1,
            ) -> dict[str, Series]:
    """Alternate whole batches (one shell process each) like ``paired`` does, and split
    each batch's per-op figures into series named ``<variant>/<op>``."""
    names = list(batch_fns)
    out: dict[str, Series] = {}
    failed: dict[str, str] = {}

    def attempt(name: str, keep: bool) -> None:
        if name in failed:
            return
        try:
            result = batch_fns[name]()
        except Unavailable as exc:
            failed[name] = str(exc)
            return
        if keep:
            for op, ms in result.items():
                out.setdefault(f"{name}/{op}", Series()).values.append(ms)

    for _ in range(warmup):
        for name in names:
            attempt(name, keep=False)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            attempt(name, keep=True)
    for name, reason in failed.items():
        out.setdefault(f"{name}/*", Series(error=reason))
    return out
