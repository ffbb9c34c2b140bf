"""Timing primitives: paired, alternating runs and their statistics.

Every comparison runs its variants in turns (A B C, B C A, C A B, ...) after a
warm-up, so that a burst of load on a shared machine hits all of them alike; figures
are medians with min and max, and ratios and differences are taken per round (same
round, same conditions) before their median is reported.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field


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

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.ok else None

    def summary(self) -> dict:
        if not self.ok:
            return {"error": self.error or "no values"}
        return {
            "median_ms": self.median,
            "min_ms": min(self.values),
            "max_ms": max(self.values),
            "n": len(self.values),
            **({"cpu_median_ms": statistics.median(self.cpu)} if self.cpu else {}),
        }


def reason_of(*all_series: Series) -> str:
    return "; ".join(s.error for s in all_series if s.error) or "not measured"


def per_round(f: Callable[..., float | None], *all_series: Series) -> Series:
    """``f`` of the same round's values of each series (a round runs every variant
    once, so index i is round i in each); a None result is left out."""
    if not all(s.ok for s in all_series):
        return Series(error=reason_of(*all_series))
    values = (f(*vals) for vals in zip(*(s.values for s in all_series), strict=False))
    return Series(values=[v for v in values if v is not None])


def ratio_per_round(num: Series, den: Series) -> float | None:
    """Median over rounds of num/den."""
    return per_round(lambda a, b: a / b if b > 0 else None, num, den).median


def diff_per_round(a: Series, b: Series) -> float | None:
    """Median over rounds of a - b."""
    return per_round(lambda x, y: x - y, a, b).median


def _alternate(fns: dict[str, Callable], rounds: int, warmup: int,
               ) -> tuple[dict[str, list], dict[str, str]]:
    """Call each fn ``warmup`` times untimed, then ``rounds`` times in rotating order:
    each rotation once forwards and once backwards, so that of any two fns each runs
    first in half the rounds (a rotation alone puts a fn before its neighbour in all
    rounds but one in n: with a bare shell next to each rc line, an order effect would
    land in "adds X ms"). A fn that raises Unavailable is dropped with its reason; the
    others go on. Returns each fn's results (round by round) and the reasons of those
    dropped."""
    names = list(fns)
    kept: dict[str, list] = {n: [] for n in names}
    failed: dict[str, str] = {}
    for r in range(-warmup, rounds):
        turn = (r // 2) % len(names)
        order = names[turn:] + names[:turn]
        for name in order[::-1] if r % 2 else order:
            if name in failed:
                continue
            try:
                result = fns[name]()
            except Unavailable as exc:
                failed[name] = str(exc)
                continue
            if r >= 0:
                kept[name].append(result)
    return kept, failed


def paired(variants: dict[str, Callable[[], float | tuple[float, float]]], rounds: int,
           warmup: int = 1) -> dict[str, Series]:
    """Alternate the variants (each returns ms, or ms and CPU ms) round by round."""
    kept, failed = _alternate(variants, rounds, warmup)
    out = {}
    for name, results in kept.items():
        s = out[name] = Series(error=failed.get(name))
        for value in results:
            if isinstance(value, tuple):
                value, cpu = value
                s.cpu.append(cpu)
            s.values.append(value)
    return out


def batches(batch_fns: dict[str, Callable[[], dict[str, float]]], rounds: int, warmup: int = 1,
            ) -> dict[str, Series]:
    """Alternate whole batches (one shell process each) like ``paired`` does, and split
    each batch's per-op figures into series named ``<variant>/<op>``; a batch that
    failed is ``<variant>/*`` (and its ops, if it failed after some rounds, carry the
    error too)."""
    kept, failed = _alternate(batch_fns, rounds, warmup)
    out: dict[str, Series] = {}
    for name, results in kept.items():
        for result in results:
            for op, ms in result.items():
                out.setdefault(f"{name}/{op}", Series(error=failed.get(name))).values.append(ms)
        if name in failed:
            out[f"{name}/*"] = Series(error=failed[name])
    return out


def _last_line(text: str, default: str) -> str:
    return (text.strip().splitlines()[-1:] or [default])[0][:160]


def run_checked(argv: list[str], env: dict) -> str:
    """stdout of a setup command; its failure is the reason a variant is n/a."""
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise Unavailable(f"`{' '.join(argv[-3:])}` exited {proc.returncode}: "
                          f"{_last_line(proc.stderr or proc.stdout, 'no output')}")
    return proc.stdout


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
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              errors="replace")
        elapsed = (time.perf_counter() - t0) * 1000
        cpu = _children_cpu() - c0
        if proc.returncode != 0:
            raise Unavailable(f"`{' '.join(argv[-3:])}` exited {proc.returncode}: "
                              f"{_last_line(proc.stderr, '')}")
        return elapsed, cpu
    return run


def fish_per_call(workdir: str, setup: str, bodies: dict[str, str], calls: int, n: int,
                  rounds: int, env: dict, cwd: str) -> dict[str, Series]:
    """fish has no sub-ms clock: each body (``calls`` calls) runs ``n`` times in a loop
    in one fish process, alternated with a loop of as many `true`s over the same setup;
    a body's figure is the mean per call of its loop minus that no-op loop."""
    def loop(body: str) -> Callable[[], tuple[float, float]]:
        script = os.path.join(tempfile.mkdtemp(dir=workdir), "loop.fish")
        with open(script, "w") as fh:
            fh.write(f"{setup}\nfor i in (seq {n})\n{body}\nend\n")
        return wall_ms(["fish", "--no-config", script], env, cwd=cwd)

    noop = "; ".join(["true"] * calls)
    s = paired({"": loop(noop), **{name: loop(body) for name, body in bodies.items()}},
               rounds, warmup=1)
    base = s.pop("")
    return {name: per_round(lambda v, b: (v - b) / n / calls, series, base)
            for name, series in s.items()}


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
            argv = (["bash", "--norc", "--noprofile", script] if shell == "bash"
                    else ["zsh", "-f", script])
            proc = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  timeout=900)
            try:
                with open(out) as fh:
                    rows = dict(line.rstrip("\n").rsplit(" ", 1) for line in fh if line.strip())
            except OSError:
                raise Unavailable(f"{shell} batch failed: "
                                  f"{_last_line(proc.stderr, f'exit {proc.returncode}')}") from None
            if rows.pop("fail") != "0":
                raise Unavailable(f"{shell}: a timed command failed: "
                                  f"{_last_line(proc.stderr, 'a command returned non-zero')}")
            return {label: float(v) / n / 1000 for label, v in rows.items()}
    return run


