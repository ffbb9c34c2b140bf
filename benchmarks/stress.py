"""Stress run: concurrency rounds and SIGKILL crash trials on a scratch store, to show
that no interleaving or kill loses an env or corrupts the registry.

    python benchmarks/stress.py [--trials 40] [--rounds 5] [--seed N] [--json FILE]

Concurrency: each round starts 32 envman processes at once (new, several racing for
one name, rm, mv, ls) and then checks that the registry parses, names exactly the env
directories, all ready, with no lock held and no temp file or trash left.

Crashes: each trial starts one of new, rm, mv or cp, waits until it has changed the store,
and SIGKILLs it (its whole process group, so that no orphaned uv keeps writing) after a
random delay up to its measured remaining run time. Afterwards: ls, new
and rm still work; ``doctor --fix`` leaves a store where every registered env is ready
and healthy and ``doctor`` exits 0; and every env that was healthy before the trial is
still there (the one rm was removing may be gone; an env being renamed survives under
its old or its new name).

tests/test_crash.py runs a few of these trials with the same code (tests/support/crash.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The test suite's own harness: the same trial code as tests/test_crash.py.
from tests.support import Sandbox, sandbox_at
from tests.support.crash import OPS, calibrate, crash_trial


def concurrency(sb: Sandbox, rounds: int) -> list[dict]:
    from tests.test_concurrency import run_round

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
        sb = sandbox_at(Path(tmp) / "störe dïr")
        rounds = concurrency(sb, args.rounds)
        for r in rounds:
            print(f"concurrency round {r['round']}: {'ok' if r['ok'] else 'FAILED ' + r['error']}",
                  flush=True)
        trials = []
        crash_sb = sandbox_at(Path(tmp) / "crash störe")
        durations = calibrate(crash_sb)
        calibrated = dict(durations)
        print("unkilled, after the first change to the store: "
              + ", ".join(f"{k} {v:.2f}s" for k, v in durations.items()))
        for n in range(args.trials):
            op = OPS[n % len(OPS)]
            trial = crash_trial(crash_sb, n, op, rng, max_delay=durations[op])
            trials.append(trial)
            if not trial.killed:  # the machine is faster now than when calibrated
                durations[op] = max(0.9 * trial.delay, 0.01)
            status = "ok" if not trial.failures else "FAILED: " + "; ".join(trial.failures)
            repaired = f" doctor fixed: {', '.join(trial.repaired)};" if trial.repaired else ""
            print(f"trial {n:3d} {' '.join(trial.args):28s} "
                  f"kill at first change + {trial.delay:5.3f}s "
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
