"""Stress run for issue 6: concurrency rounds and SIGKILL crash trials on a scratch store.

    python benchmarks/stress.py [--trials 40] [--rounds 5] [--seed N] [--json FILE]

Concurrency: each round starts 32 envman processes at once (new, several racing for
one name, rm, mv, ls) and then checks that the registry parses, names exactly the env
directories, all ready, with no lock held and no temp file or trash left.

Crashes: each trial starts one of new, rm, mv or cp and SIGKILLs it (its whole process
group, so that no orphaned uv keeps writing) after a random delay. Afterwards: ls, new
and rm still work; ``doctor --fix`` leaves a store where every registered env is ready
and healthy and ``doctor`` exits 0; and every env that was healthy before the trial is
still there (the one rm was removing may be gone; an env being renamed survives under
its old or its new name).

tests/test_crash.py runs a few of these trials with the same code.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from conftest import Sandbox, make_env  # noqa: E402  - the test suite's own harness

ENVMAN = [sys.executable, "-m", "envman"]
OPS = ("new", "rm", "mv", "cp")


@dataclass
class Trial:
    number: int
    op: str
    args: list[str]
    delay: float
    killed: bool = False  # False: the command finished before the signal
    repaired: list[str] = field(default_factory=list)  # what doctor --fix found and fixed
    failures: list[str] = field(default_factory=list)


def scratch_sandbox(root: Path) -> Sandbox:
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    store = root / "store"
    return Sandbox(root=root, home=home, store=store, env=make_env(root, store))


def listed(sb: Sandbox) -> dict[str, dict]:
    proc = sb.run("ls", "--json")
    if proc.returncode != 0:
        raise AssertionError(f"ls failed: {proc.stderr.strip()}")
    return {e["name"]: e for e in json.loads(proc.stdout)}


def healthy(entries: dict[str, dict]) -> set[str]:
    return {n for n, e in entries.items() if e["state"] == "ready" and e["health"] == "ok"}


def _pick_args(sb: Sandbox, op: str, number: int, pool: list[str], rng: random.Random) -> list[str]:
    if op == "new":
        return ["new", f"n{number}"]
    source = rng.choice(pool)
    if op == "rm":
        return ["rm", "-y", source]
    if op == "mv":
        return ["mv", source, f"m{number}"]
    return ["cp", source, f"c{number}"]


def calibrate(sb: Sandbox) -> dict[str, float]:
    """How long each command takes here, unkilled: kill delays are drawn up to that, so
    that most trials die mid-command rather than after it finished."""
    steps = {"new": ["new", "cal0"], "cp": ["cp", "cal0", "cal1"], "mv": ["mv", "cal1", "cal2"],
             "rm": ["rm", "-y", "cal2"]}
    took = {}
    for op, args in steps.items():
        start = time.monotonic()
        sb.ok(*args)
        took[op] = time.monotonic() - start
    # Start-up (Python, imports, argument parsing) before a command touches anything:
    # a refused rm of an env that does not exist.
    start = time.monotonic()
    sb.run("rm", "-y", "no-such-env")
    took["startup"] = time.monotonic() - start
    sb.ok("rm", "-y", "cal0")
    return took


def crash_trial(sb: Sandbox, number: int, op: str, rng: random.Random,
                max_delay: float = 1.5, min_delay: float = 0.0) -> Trial:
    before = healthy(listed(sb))
    pool = sorted(before)
    while len(pool) < 3:  # keep a few envs to remove, rename and copy
        name = f"base{number}x{len(pool)}"
        sb.ok("new", name)
        pool.append(name)
        before.add(name)
    args = _pick_args(sb, op, number, pool, rng)
    # Before min_delay the process is still starting Python and has touched nothing.
    low = min(0.8 * min_delay, 0.5 * max_delay)
    trial = Trial(number, op, args, round(rng.uniform(low, max_delay), 3))

    proc = subprocess.Popen([*ENVMAN, *args], env=sb.env, cwd=sb.home, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=trial.delay)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        trial.killed = True
        proc.wait()
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # a finished command's stray children
        except ProcessLookupError:
            pass

    check_after_crash(sb, trial, before)
    return trial


def check_after_crash(sb: Sandbox, trial: Trial, before: set[str]) -> None:
    fail = trial.failures.append
    # Every command still works on the crashed store, before any repair.
    try:
        listed(sb)
    except AssertionError as exc:
        fail(str(exc))
    for args in (["new", f"probe{trial.number}", "--no-pip"], ["rm", "-y", f"probe{trial.number}"]):
        proc = sb.run(*args)
        if proc.returncode != 0:
            fail(f"envman {' '.join(args)} after the crash: {proc.stderr.strip()}")
    # doctor --fix brings it back to health.
    fixed = sb.run("doctor", "--fix", "--json")
    if fixed.returncode != 0:
        fail(f"doctor --fix left problems: {fixed.stdout.strip()[-600:]}")
    try:
        trial.repaired = [f["kind"] for f in json.loads(fixed.stdout)["findings"] if f["fixed"]]
    except (ValueError, KeyError):
        fail(f"doctor --fix --json printed no JSON: {fixed.stdout[-300:]}")
    again = sb.run("doctor", "--json")
    if again.returncode != 0:
        fail(f"doctor after --fix: {again.stdout.strip()[-600:]}")
    after = listed(sb)
    sick = {n: (e["state"], e["health"], e["problems"]) for n, e in after.items()
            if e["state"] != "ready" or e["health"] != "ok"}
    if sick:
        fail(f"registered envs not healthy after doctor --fix: {sick}")
    # Nothing that was healthy before was lost.
    expected_gone: set[str] = set()
    if trial.op == "rm":
        expected_gone = {trial.args[-1]}
    for name in sorted(before - expected_gone):
        if name in after:
            continue
        if trial.op == "mv" and name == trial.args[1] and trial.args[2] in after:
            continue  # renamed
        fail(f"{name} was healthy before the trial and is gone")


def concurrency(sb: Sandbox, rounds: int) -> list[dict]:
    from test_concurrency import run_round

    results = []
    for r in range(rounds):
        start = time.monotonic()
        try:
            run_round(sb, r, with_mv=True)
            results.append({"round": r, "ok": True, "seconds": round(time.monotonic() - start, 1)})
        except AssertionError as exc:
            results.append({"round": r, "ok": False, "error": str(exc)[:2000]})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=40, help="SIGKILL trials (default 40)")
    parser.add_argument("--rounds", type=int, default=5, help="32-process rounds (default 5)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"seed {seed}", flush=True)

    with tempfile.TemporaryDirectory(prefix="envman-stress ") as tmp:
        # A store path with a space and non-ASCII characters, on purpose.
        sb = scratch_sandbox(Path(tmp) / "störe dïr")
        rounds = concurrency(sb, args.rounds)
        for r in rounds:
            print(f"concurrency round {r['round']}: {'ok' if r['ok'] else 'FAILED ' + r['error']}",
                  flush=True)
        trials = []
        crash_sb = scratch_sandbox(Path(tmp) / "crash störe")
        durations = calibrate(crash_sb)
        calibrated = dict(durations)
        print("unkilled durations: " + ", ".join(f"{k} {v:.2f}s" for k, v in durations.items()))
        for n in range(args.trials):
            op = OPS[n % len(OPS)]
            trial = crash_trial(crash_sb, n, op, rng, max_delay=durations[op],
                                min_delay=durations["startup"])
            trials.append(trial)
            if not trial.killed:  # the machine is faster now than when calibrated
                durations[op] = max(0.9 * trial.delay, durations["startup"])
            status = "ok" if not trial.failures else "FAILED: " + "; ".join(trial.failures)
            repaired = f" doctor fixed: {', '.join(trial.repaired)};" if trial.repaired else ""
            print(f"trial {n:3d} {' '.join(trial.args):28s} kill after {trial.delay:5.3f}s "
                  f"({'killed' if trial.killed else 'finished first'}):{repaired} {status}",
                  flush=True)

    failed_trials = [t for t in trials if t.failures]
    failed_rounds = [r for r in rounds if not r["ok"]]
    summary = {
        "seed": seed,
        "concurrency_rounds": len(rounds),
        "concurrency_failures": len(failed_rounds),
        "crash_trials": len(trials),
        "killed_mid_command": sum(t.killed for t in trials),
        "crash_failures": len(failed_trials),
        "left_state_for_doctor": sum(bool(t.repaired) for t in trials),
        "repaired_kinds": sorted({k for t in trials for k in t.repaired}),
        "by_op": {op: sum(t.op == op for t in trials) for op in OPS},
    }
    summary["unkilled_durations"] = {k: round(v, 2) for k, v in calibrated.items()}
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "rounds": rounds,
                                         "trials": [asdict(t) for t in trials]}, indent=2))
    return 1 if failed_trials or failed_rounds else 0


if __name__ == "__main__":
    sys.exit(main())
