#!/usr/bin/env python3
"""envman vs virtualenvwrapper, side by side, in one run.

    python3 benchmarks/run.py            # full run, a few minutes
    python3 benchmarks/run.py --quick    # smoke run: few rounds, small stores

Sets up a scratch HOME, installs virtualenvwrapper 6.1.1 + virtualenv into one venv
from the package index and envman from this checkout into another, then measures
shell start-up, workon/deactivate/switching (bash, zsh, fish), auto-activation (the
per-prompt cost against a shell without envman, entering a project), creating an env with
pip, listing 50/200/1000 envs, completing env names and the CLI's fixed cost; the scale
section (stores of 10 to 10,000 fake envs, with a growth check) and the processes the
shell's hot paths start (strace). Issue 21's target table gets a verdict per row
(_goals.py). Writes benchmarks/results/latest.{md,json} (and timestamped copies), puts
the tables of a full run into docs/performance.md, and prints them.
A part that cannot run here (a tool or shell missing, a feature not built yet) is
reported as n/a with the reason.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _goals
import _report
import _scale
import _scratch as sc
from _timing import (
    Series,
    Unavailable,
    batches,
    diff_per_round,
    fish_per_call,
    in_shell,
    paired,
    per_round,
    ratio_per_round,
    reason_of,
    run_checked,
    wall_ms,
)

SECTIONS = ("cli", "startup", "firstuse", "workon", "auto", "create", "ls", "completion", "typer",
            "hygiene", "scale", "procs")
QUICK_SKIPS = ("typer",)  # installs three typer versions: full runs only, or --only typer
# 0.29 is the first typer that coerces parameters through pydantic; envman pins 0.28.
TYPER_SPECS = ("typer==0.29.2", "typer==0.28.0", "typer==0.24.1")
TYPER_APP = """import sys
import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = typer.Argument("x"), loud: bool = typer.Option(False, "--loud")) -> None:
    sys.stdout.write(name + "\\n")


@app.command()
def other() -> None:
    pass


app()
"""


class Plan:
    """Rounds and sizes: full run or --quick."""

    def __init__(self, quick: bool, counts: list[int] | None,
                 scale_sizes: list[int] | None = None) -> None:
        self.quick = quick
        self.rounds = 5 if quick else 20  # process-level comparisons
        # the rc line against a bare shell: a few ms a process and a difference of a
        # fraction of one, so ten times the pairs (20 moved the median ~0.1 ms)
        self.startup_rounds = 5 if quick else 200
        self.batch_rounds = 2 if quick else 5  # in-shell batches
        self.fast_n = 20 if quick else 200  # calls per batch, pure shell
        self.slow_n = 2 if quick else 5  # calls per batch, virtualenvwrapper
        self.create_rounds = 1 if quick else 9
        self.ls_rounds = 3 if quick else 10
        self.counts = counts or ([50] if quick else [50, 200, 1000])
        self.long_max = 50 if quick else 200  # lsvirtualenv long: ~0.15 s per env
        self.scale_sizes = scale_sizes or ([10, 100, 1000] if quick else [10, 100, 1000, 10000])
        self.scale_rounds = 2 if quick else 5  # per size, Python commands
        self.doctor_rounds = 1 if quick else 3  # doctor runs a (stub) python per env
        self.scale_n = 5 if quick else 50  # in-shell calls per batch, per size


class Results:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.targets: list[dict] = []
        self.goals: list[dict] = []  # issue 21's target table (_goals.py)
        self.growth: list[dict] = []  # the scale section's growth checks
        self.series: dict[tuple[str, str, str], Series] = {}  # every row's values, by key

    def add(self, section: str, case: str, variant: str, series: Series, note: str = "") -> None:
        self.series[(section, case, variant)] = series
        self.rows.append({"section": section, "case": case, "variant": variant,
                          **series.summary(), **({"note": note} if note else {})})

    def target(self, name: str, measured: float | None, limit: float, kind: str,
               detail: str, reason: str = "") -> None:
        """kind: 'max' (measured <= limit) or 'min' (measured >= limit)."""
        if measured is None:
            met = None
        else:
            met = measured <= limit if kind == "max" else measured >= limit
        self.targets.append({"target": name, "measured": measured, "limit": limit,
                             "kind": kind, "met": met, "detail": detail,
                             **({"reason": reason} if reason else {})})


def get(series: dict[str, Series], key: str) -> Series:
    """A batch's op series, or the failure of its whole batch."""
    if key in series:
        return series[key]
    variant = key.split("/")[0]
    failed = series.get(f"{variant}/*")
    return failed or Series(error="not measured")


# -- sections ---------------------------------------------------------------------------------
def bench_cli(w: sc.World, plan: Plan, res: Results) -> None:
    py = sc.em_python(w)
    exe = sc.em_exe(w)
    slow_env = {**w.env, "ENVMAN_NO_FASTPATH": "1"}
    s = paired({
        "python -c pass": wall_ms([py, "-c", "pass"], w.env),
        "envman --version": wall_ms([exe, "--version"], w.env),
        "envman path bench1": wall_ms([exe, "path", "bench1"], w.env),
        "envman --version (typer path)": wall_ms([exe, "--version"], slow_env),
        "envman path bench1 (typer path)": wall_ms([exe, "path", "bench1"], slow_env),
        "envman ls (2 envs)": wall_ms([exe, "ls"], w.env),
        "envman ls (2 envs, typer path)": wall_ms([exe, "ls"], slow_env),
    }, plan.rounds, warmup=2)
    for name, series in s.items():
        res.add("cli", "fixed cost", name, series)
    base = s["python -c pass"]
    for cmd in ("envman --version", "envman path bench1"):
        res.target(f"`{cmd}` vs `python -c pass` (same interpreter)",
                   ratio_per_round(s[cmd], base), 5, "max", "x python -c pass",
                   reason_of(s[cmd], base))


def _interactive(shell: str, rc: str, d: Path, env: dict) -> tuple[list[str], dict]:
    """argv and environment of an interactive ``shell`` whose only rc file holds ``rc``."""
    d.mkdir(parents=True, exist_ok=True)
    if shell == "bash":
        (d / "bashrc").write_text(rc)
        return ["bash", "--rcfile", str(d / "bashrc"), "-i", "-c", "true"], env
    if shell == "zsh":
        (d / ".zshrc").write_text(rc)
        return ["zsh", "-i", "-c", "true"], {**env, "ZDOTDIR": str(d)}
    (d / "fish").mkdir(exist_ok=True)
    (d / "fish" / "config.fish").write_text(rc)
    return ["fish", "-i", "-c", "true"], {**env, "XDG_CONFIG_HOME": str(d)}


def bench_startup(w: sc.World, plan: Plan, res: Results) -> None:
    for shell in ("bash", "zsh", "fish"):
        if not shutil.which(shell):
            res.add("startup", shell, "*", Series(error=f"{shell} not installed"))
            continue
        src = {**_shell_sources(w, shell), "envman": _rc_lines(w, shell)}
        lines = {"bare shell": "", "envman rc line": src["envman"]}
        if shell != "fish":
            lines["virtualenvwrapper.sh"] = src["virtualenvwrapper"]
        variants = {}
        for label, rc in lines.items():
            if isinstance(rc, Exception):
                variants[label] = _failing(rc)
                continue
            d = w.root / "rc" / shell / label.replace(" ", "_").replace(".", "_")
            argv, env = _interactive(shell, rc + "\n", d, w.env)
            variants[label] = wall_ms(argv, env, cwd=str(w.home))
        # What virtualenvwrapper's names, variables and hook files cost at a start: the
        # same rc line with compatibility off (for the record; the target is the default)
        no_compat = "envman rc line, ENVMAN_COMPAT=0"
        if isinstance(src["envman"], Exception):
            variants[no_compat] = _failing(src["envman"])
        else:
            argv, env = _interactive(shell, src["envman"] + "\n",
                                     w.root / "rc" / shell / "envman_no_compat", w.env)
            variants[no_compat] = wall_ms(argv, {**env, "ENVMAN_COMPAT": "0"},
                                          cwd=str(w.home))
        # envman's rc line against a bare shell in startup_rounds pairs; virtualenvwrapper
        # (~100 ms a start) in plan.rounds, with the two above again for its ratio
        mine = ("bare shell", "envman rc line", no_compat)
        s = paired({k: variants[k] for k in mine}, plan.startup_rounds, warmup=5)
        base = s.pop("bare shell")
        res.add("startup", shell, "bare shell", base)
        cost = {}
        for label, series in s.items():
            cost[label] = per_round(lambda v, b: v - b, series, base)
            added = cost[label].median
            res.add("startup", shell, label, series,
                    note=f"adds {added:.2f} ms" if added is not None else "")
        # The README's other rc line, `eval "$(envman init bash)"`, which starts Python at
        # every shell start (~25 ms a start: with virtualenvwrapper's rounds)
        evaluated = "envman eval line (one Python start)"
        try:
            exe = shlex.quote(sc.em_exe(w))
        except Unavailable as exc:
            variants[evaluated] = _failing(exc)
        else:
            argv, env = _interactive(shell, f"{exe} init fish | source\n" if shell == "fish"
                                     else f'eval "$({exe} init {shell})"\n',
                                     w.root / "rc" / shell / "envman_eval", w.env)
            variants[evaluated] = wall_ms(argv, env, cwd=str(w.home))
        s = paired({k: v for k, v in variants.items() if k != no_compat}, plan.rounds, warmup=2)
        base = s.pop("bare shell")
        added = per_round(lambda v, b: v - b, s[evaluated], base).median
        res.add("startup", shell, evaluated, s[evaluated],
                note=f"adds {added:.2f} ms" if added is not None else "")
        if "virtualenvwrapper.sh" not in variants:  # (fish: virtualenvwrapper has none)
            continue
        vw = per_round(lambda v, b: v - b, s["virtualenvwrapper.sh"], base)
        added = vw.median
        res.add("startup", shell, "virtualenvwrapper.sh", s["virtualenvwrapper.sh"],
                note=f"adds {added:.2f} ms" if added is not None else "")
        if shell == "bash":
            em = cost["envman rc line"]
            res.target("bash start-up: cost of the envman rc line", em.median, 5, "max",
                       "ms over a bare `bash -i`", reason_of(em))
            em_here = per_round(lambda v, b: v - b, s["envman rc line"], base)
            res.target("bash start-up: virtualenvwrapper.sh cost / envman's",
                       per_round(lambda v, e: v / max(e, 0.1), vw, em_here).median, 15, "min",
                       "x (envman's cost floored at 0.1 ms)", reason_of(em_here, vw))


def _shell_sources(w: sc.World, shell: str) -> dict[str, str | Exception]:
    """The line that loads each tool into ``shell``, or why it cannot."""
    out: dict[str, str | Exception] = {}
    for tool, path in (("envman", lambda: sc.shell_file(w, shell)),
                       ("virtualenvwrapper", lambda: sc.vw_script(w))):
        try:
            out[tool] = f"source '{path()}'"
        except Unavailable as exc:
            out[tool] = exc
    return out


def _rc_lines(w: sc.World, shell: str) -> str | Exception:
    """What the README has users append to their rc file: `envman init SHELL`'s output
    (the program's path, and the shell file's `source`, guarded), or why not."""
    try:
        return run_checked([sc.em_exe(w), "init", shell], w.env)
    except Unavailable as exc:
        return exc


def _failing(exc: Exception):
    def run():
        raise Unavailable(str(exc))
    return run


def bench_workon(w: sc.World, plan: Plan, res: Results) -> None:
    store = w.store
    for shell in ("bash", "zsh"):
        if not shutil.which(shell):
            res.add("workon", shell, "*", Series(error=f"{shell} not installed"))
            continue
        src = _shell_sources(w, shell)
        act = [("workon", f"source '{store}/bench1/bin/activate'"),
               ("switch", f"source '{store}/bench2/bin/activate'"),
               ("deactivate", "deactivate")]
        ops = [("workon", "workon bench1"), ("switch", "workon bench2"),
               ("deactivate", "deactivate")]
        fns = {"source activate": in_shell(shell, "", act, plan.fast_n, w.env, str(w.home))}
        for tool, n in (("envman", plan.fast_n), ("virtualenvwrapper", plan.slow_n)):
            setup = src[tool]
            fns[tool] = (_failing(setup) if isinstance(setup, Exception)
                         else in_shell(shell, setup, ops, n, w.env, str(w.home)))
        s = batches(fns, plan.batch_rounds, warmup=1)
        for op in ("workon", "switch", "deactivate"):
            base, em, vw = (get(s, f"{v}/{op}") for v in ("source activate", "envman",
                                                           "virtualenvwrapper"))
            res.add("workon", f"{shell} {op}", "source activate" if op != "deactivate"
                    else "venv's deactivate", base)
            res.add("workon", f"{shell} {op}", "envman", em)
            res.add("workon", f"{shell} {op}", "virtualenvwrapper", vw)
            what = {"workon": "`workon NAME`", "switch": "switching env to env",
                    "deactivate": "`deactivate`"}[op]
            res.target(f"{shell}: {what}, envman over plain venv", diff_per_round(em, base),
                       2, "max", "ms over `source bin/activate` / venv deactivate",
                       reason_of(em, base))
            res.target(f"{shell}: {what}, virtualenvwrapper / envman", ratio_per_round(vw, em),
                       50, "min", "x", reason_of(vw, em))
    _workon_fish(w, plan, res)


def _workon_fish(w: sc.World, plan: Plan, res: Results) -> None:
    case = "fish workon/switch/deactivate (mean per call)"
    target = "fish: workon/switch/deactivate, envman over plain venv (mean per call)"
    if not shutil.which("fish"):
        res.add("workon", "fish", "*", Series(error="fish not installed"))
        return
    setup = _shell_sources(w, "fish")["envman"]
    if isinstance(setup, Exception):
        res.add("workon", case, "envman", Series(error=str(setup)))
        res.target(target, None, 2, "max", "ms", str(setup))
        return
    store = w.store
    s = fish_per_call(str(w.root), setup, {
        "source activate.fish": f"source '{store}/bench1/bin/activate.fish'; "
                                f"source '{store}/bench2/bin/activate.fish'; deactivate",
        "envman": "workon bench1; workon bench2; deactivate",
    }, 3, plan.fast_n, plan.batch_rounds + 3, w.env, str(w.home))
    for name, series in s.items():
        res.add("workon", case, name, series)
    res.add("workon", case, "virtualenvwrapper",
            Series(error="virtualenvwrapper has no fish support"))
    res.target(target, diff_per_round(s["envman"], s["source activate.fish"]), 2, "max", "ms",
               reason_of(s["envman"], s["source activate.fish"]))


# What a prompt runs in each shell (bash: PROMPT_COMMAND as it stands; zsh: precmd hooks).
PROMPT_OPS = {"bash": 'eval "${PROMPT_COMMAND-}"',
              "zsh": 'for __bt_f in $precmd_functions; do "$__bt_f"; done'}


def _auto_projects(w: sc.World) -> tuple[Path, Path]:
    """A project whose .venv is a symlink to bench1, and a directory without an env."""
    project, plain = w.root / "auto" / "project", w.root / "auto" / "plain"
    for d in (project / "src", plain):
        d.mkdir(parents=True, exist_ok=True)
    link = project / ".venv"
    if not link.is_symlink():
        link.symlink_to(w.store / "bench1")
    return project, plain


def bench_auto(w: sc.World, plan: Plan, res: Results) -> None:
    """Auto-activation: what a prompt costs in an unchanged directory (auto mode on,
    inside a project, an env active) against the same shell without envman, with envman
    loaded and auto mode off; and what entering and leaving a project costs (cd in, a
    prompt, cd out, a prompt) against the bare shell doing the same."""
    project, plain = _auto_projects(w)
    for shell in ("bash", "zsh"):
        if not shutil.which(shell):
            res.add("auto", shell, "*", Series(error=f"{shell} not installed"))
            continue
        src = _shell_sources(w, shell)["envman"]
        prompt = PROMPT_OPS[shell]
        into = f"cd '{project}/src'; {prompt}"
        setups = {"bare shell": f"cd '{project}/src'",
                  "envman, auto off": f"{src}\ncd '{project}/src'; {prompt}",
                  "envman, auto on": f"{src}\nENVMAN_AUTO_ACTIVATE=1\n{into}"}
        fns = {}
        for label, setup in setups.items():
            if isinstance(src, Exception) and label != "bare shell":
                fns[label] = _failing(src)
                continue
            ops = [("prompt", prompt),
                   ("enter+leave", f"{into}; cd '{plain}'; {prompt}")]
            fns[label] = in_shell(shell, setup, ops, plan.fast_n, w.env, str(w.home))
        s = batches(fns, plan.batch_rounds, warmup=1)
        base = get(s, "bare shell/prompt")
        for label in setups:
            series = get(s, f"{label}/prompt")
            res.add("auto", f"{shell}: one prompt, directory unchanged", label, series,
                    note=_us_over(series, base))
        on = get(s, "envman, auto on/prompt")
        res.target(f"{shell}: a prompt in an unchanged directory, auto mode on, over a bare "
                   "shell (0.02 ms = 20 µs)", diff_per_round(on, base), 0.02, "max", "ms",
                   reason_of(on, base))
        base = get(s, "bare shell/enter+leave")
        for label in setups:
            series = get(s, f"{label}/enter+leave")
            res.add("auto", f"{shell}: cd into a project and out (a prompt after each)", label,
                    series, note=_us_over(series, base))
        on = get(s, "envman, auto on/enter+leave")
        res.target(f"{shell}: entering and leaving a project (activate + deactivate), auto "
                   "mode, over a bare shell", diff_per_round(on, base), 3, "max", "ms",
                   reason_of(on, base))
    _auto_fish(w, plan, res, project, plain)


def _us_over(series: Series, base: Series) -> str:
    added = diff_per_round(series, base)
    return f"{added * 1000:+.2f} µs" if added is not None else ""


def _auto_fish(w: sc.World, plan: Plan, res: Results, project: Path, plain: Path) -> None:
    case = "fish: cd into a project and out (mean per cd)"
    if not shutil.which("fish"):
        res.add("auto", case, "*", Series(error="fish not installed"))
        return
    setup = _shell_sources(w, "fish")["envman"]
    if isinstance(setup, Exception):
        res.add("auto", case, "envman, auto on", Series(error=str(setup)))
        return
    # fish runs nothing of envman's at a prompt (a PWD event fires on cd): only the
    # cost of a change of directory is measured, auto mode off against on
    s = fish_per_call(str(w.root), setup, {
        "envman, auto off": f"set -g ENVMAN_AUTO_ACTIVATE 0; cd '{project}/src'; cd '{plain}'",
        "envman, auto on": f"set -g ENVMAN_AUTO_ACTIVATE 1; cd '{project}/src'; cd '{plain}'",
    }, 2, plan.fast_n, plan.batch_rounds + 3, w.env, str(w.home))
    for name, series in s.items():
        res.add("auto", case, name, series)
    res.target("fish: entering or leaving a project, auto mode on over off (mean per cd)",
               diff_per_round(s["envman, auto on"], s["envman, auto off"]), 3, "max", "ms",
               reason_of(s["envman, auto on"], s["envman, auto off"]))


def bench_create(w: sc.World, plan: Plan, res: Results) -> None:
    store = w.store
    target = f"'{store}/cbench'"
    try:
        uv = sc.em_exe(w, "uv")
    except Unavailable as exc:
        uv = exc
    variants: dict[str, object] = {
        "envman new": ("", "envman new cbench >/dev/null 2>&1",
                       "envman rm -y cbench >/dev/null 2>&1"),
        "mkvirtualenv": (_shell_sources(w, "bash")["virtualenvwrapper"],
                         "mkvirtualenv cbench >/dev/null 2>&1",
                         "{ deactivate; rmvirtualenv cbench; } >/dev/null 2>&1"),
        "python -m venv": ("", f"'{w.python}' -m venv {target}", f"rm -rf {target}"),
        "uv venv --seed --offline": (
            "", f"'{uv}' venv -q --seed --offline {target}" if isinstance(uv, str) else uv,
            f"rm -rf {target}"),
    }
    fns = {}
    for name, (setup, cmd, cleanup) in variants.items():
        bad = next((x for x in (setup, cmd) if isinstance(x, Exception)), None)
        fns[name] = _failing(bad) if bad else in_shell(
            "bash", setup, [("create", cmd), ("cleanup", cleanup)], 1, w.env, str(w.home))
    s = batches(fns, plan.create_rounds, warmup=1)
    em, mk, uvs = get(s, "envman new/create"), get(s, "mkvirtualenv/create"), get(
        s, "uv venv --seed --offline/create")
    for name in variants:
        res.add("create", "env with pip (warm cache)", name, get(s, f"{name}/create"))
    res.target("create: mkvirtualenv / envman new", ratio_per_round(mk, em), 5, "min", "x",
               reason_of(mk, em))
    res.target("create: envman new / uv venv --seed --offline", ratio_per_round(em, uvs), 3,
               "max", "x", reason_of(em, uvs))


def bench_ls(w: sc.World, plan: Plan, res: Results) -> None:
    py = sc.em_python(w)
    exe = sc.em_exe(w)
    vw_setup = _shell_sources(w, "bash")["virtualenvwrapper"]
    measured: dict[int, tuple[float | None, str]] = {}

    def lsvw(env: dict, args: str, n: int):
        if isinstance(vw_setup, Exception):
            return _failing(vw_setup)
        batch = in_shell("bash", vw_setup, [("ls", f"lsvirtualenv {args} >/dev/null")], n, env,
                         str(w.home))
        return lambda: batch()["ls"]

    for count in plan.counts:
        store = w.root / "stores" / str(count)
        sc.fill_store(w, store, count)
        env = w.with_store(store)
        case = f"{count} envs"
        s = paired({
            "python -c pass": wall_ms([py, "-c", "pass"], env),
            "envman ls": wall_ms([exe, "ls"], env),
            "envman ls --json": wall_ms([exe, "ls", "--json"], env),
            "envman ls -b": wall_ms([exe, "ls", "-b"], env),
            "lsvirtualenv -b": lsvw(env, "-b", 3),
        }, plan.ls_rounds, warmup=1)
        for name, series in s.items():
            res.add("ls", case, name, series)
        if count <= plan.long_max:
            long_rounds = 1 if count > 50 or plan.quick else 3
            s2 = paired({"envman ls": wall_ms([exe, "ls"], env),
                         "lsvirtualenv (long)": lsvw(env, "-l", 1)}, long_rounds, warmup=0)
            res.add("ls", case, "lsvirtualenv (long)", s2["lsvirtualenv (long)"],
                    note="paired with its own envman ls runs")
            long_ratio = ratio_per_round(s2["lsvirtualenv (long)"], s2["envman ls"])
            long_reason = reason_of(s2["lsvirtualenv (long)"], s2["envman ls"])
        else:
            res.add("ls", case, "lsvirtualenv (long)", Series(
                error=f"not run: it starts Python once per env (~0.15 s each, minutes at {count})"))
            long_ratio, long_reason = None, "not run at this size"
        if count == 200:
            measured[count] = long_ratio, long_reason
        if count == 1000:
            measured[count] = (ratio_per_round(s["envman ls"], s["python -c pass"]),
                               reason_of(s["envman ls"], s["python -c pass"]))
    for count, name, limit, kind in (
            (200, "ls at 200 envs: lsvirtualenv (long) / envman ls", 100, "min"),
            (1000, "ls at 1000 envs: envman ls / python -c pass", 10, "max")):
        value, reason = measured.get(count, (None, f"{count} envs not in this run"))
        res.target(name, value, limit, kind, "x", reason)


# -- first use: what the stubs' lazy loading costs the first call in a new shell ----------
# bash/zsh: timed inside one fresh shell with $EPOCHREALTIME (no process noise): loading
# the rc line, the first call (which sources envman-core / envman-compat / the completion
# file), and the same call again (warm). fish has no clock builtin: a fresh `fish -c` with
# the call against one without it, paired round by round.
FIRST_USE_OPS = {
    "workon": {"sh": "workon bench1 >/dev/null", "fish": "workon bench1"},
    # bash: the function `complete -p workon` names (read through a file: no fork),
    # called as readline would; that lookup is outside the timed part
    "TAB": {"bash": 'COMP_WORDS=(workon b); COMP_CWORD=1; COMP_LINE="workon b"; COMP_POINT=8; '
                    '"$__bt_fn" workon b workon',
            "zsh": "autoload +X _envman",  # loading the completion function, not compsys
            "fish": "complete -C 'workon b' >/dev/null"},
    "compat command": {"sh": "lsvirtualenv -b >/dev/null", "fish": "lsvirtualenv -b >/dev/null"},
}
FIRST_USE_PREP = {"bash TAB": 'complete -p workon >| "$__bt_tmp"; read -r __bt_fn < "$__bt_tmp"; '
                              '__bt_fn=${__bt_fn#*-F }; __bt_fn=${__bt_fn%% *}'}
FIRST_USE_NOTE = {"zsh TAB": "autoload +X _envman: loading the completion function only"}


def _first_use_sh(shell: str, rc: str, op: str, prep: str, env: dict, tmp: Path):
    clock = "zmodload zsh/datetime\n" if shell == "zsh" else ""
    script = (f"{clock}__bt_tmp='{tmp}'\n__bt_0=$EPOCHREALTIME\n{rc}\n__bt_1=$EPOCHREALTIME\n"
              f"{prep}\n__bt_1b=$EPOCHREALTIME\n{op}\n__bt_2=$EPOCHREALTIME\n"
              f"{prep}\n__bt_2b=$EPOCHREALTIME\n{op}\n__bt_3=$EPOCHREALTIME\n"
              'echo "$__bt_0 $__bt_1 $__bt_1b $__bt_2 $__bt_2b $__bt_3"\n')
    argv = ["bash", "--norc", "--noprofile", "-c", script] if shell == "bash" else \
        ["zsh", "-f", "-c", script]

    def run() -> dict[str, float]:
        t = [float(x) for x in run_checked(argv, env).split()[-6:]]
        return {"load": (t[1] - t[0]) * 1000, "first": (t[3] - t[2]) * 1000,
                "again": (t[5] - t[4]) * 1000}
    return run


def bench_firstuse(w: sc.World, plan: Plan, res: Results) -> None:
    """The first workon, first TAB and first compatibility command in a new shell, each
    with the lazy loading it triggers (target ≤ 3 ms each), and the rc line's own load
    time measured inside the shell."""
    for shell in ("bash", "zsh", "fish"):
        if not shutil.which(shell):
            res.add("firstuse", shell, "*", Series(error=f"{shell} not installed"))
            continue
        src = _shell_sources(w, shell)["envman"]
        if isinstance(src, Exception):
            res.add("firstuse", shell, "*", Series(error=str(src)))
            continue
        if shell == "fish":
            _first_use_fish(w, plan, res, src)
            continue
        tmp = w.root / "firstuse.tmp"
        fns = {op: _first_use_sh(shell, src, ops.get(shell) or ops["sh"],
                                 FIRST_USE_PREP.get(f"{shell} {op}", ":"), w.env, tmp)
               for op, ops in FIRST_USE_OPS.items()}
        s = batches(fns, plan.rounds, warmup=1)
        loads = Series(values=[v for op in FIRST_USE_OPS for v in get(s, f"{op}/load").values])
        res.add("firstuse", shell, "rc line, in the shell", loads)
        for op in FIRST_USE_OPS:
            first, again = get(s, f"{op}/first"), get(s, f"{op}/again")
            res.add("firstuse", f"{shell} first {op}", "first call", first,
                    note=FIRST_USE_NOTE.get(f"{shell} {op}", ""))
            res.add("firstuse", f"{shell} first {op}", "second call", again)
            res.target(f"{shell}: first {op} in a new shell, lazy loading included",
                       first.median, 3, "max", "ms", reason_of(first))


def _first_use_fish(w: sc.World, plan: Plan, res: Results, src: str) -> None:
    d = w.root / "rc" / "fish-firstuse"
    variants = {"rc line only": _interactive("fish", src + "\n", d / "none", w.env)}
    for op, ops in FIRST_USE_OPS.items():
        argv, env = _interactive("fish", f"{src}\n", d / op.replace(" ", "_"), w.env)
        variants[op] = (argv[:-1] + [ops["fish"]], env)
    s = paired({k: wall_ms(a, e, cwd=str(w.home)) for k, (a, e) in variants.items()},
               plan.rounds, warmup=2)
    base = s.pop("rc line only")
    res.add("firstuse", "fish", "rc line only (process)", base)
    for op, series in s.items():
        cost = per_round(lambda v, b: v - b, series, base)
        res.add("firstuse", f"fish first {op}", "first call (process, minus rc line only)", cost)
        res.target(f"fish: first {op} in a new shell, lazy loading included", cost.median, 3,
                   "max", "ms (process pairs: noisy on a loaded machine)", reason_of(cost))


def bench_hygiene(w: sc.World, plan: Plan, res: Results) -> None:
    """prune's listing and ls --by-python against envman ls, over the same fake stores as
    the ls section (largest count only: 1000 in a full run). prune with its defaults
    finds nothing in a fresh store (no env is 90 days old), so `--unused 0`, where every
    env is a candidate and is sized, is measured too; `ls -l` sizes every env as well."""
    exe = sc.em_exe(w)
    count = max(plan.counts)
    store = w.root / "stores" / str(count)
    sc.fill_store(w, store, count)
    env = w.with_store(store)
    s = paired({
        "envman ls": wall_ms([exe, "ls"], env),
        "envman ls -l": wall_ms([exe, "ls", "-l"], env),
        "envman prune": wall_ms([exe, "prune"], env),
        "envman prune --unused 0": wall_ms([exe, "prune", "--unused", "0"], env),
        "envman ls --by-python": wall_ms([exe, "ls", "--by-python"], env),
    }, plan.ls_rounds, warmup=1)
    for name, series in s.items():
        res.add("hygiene", f"{count} envs", name, series)
    for name in ("envman prune", "envman prune --unused 0", "envman ls --by-python"):
        # Per-round ratios (same round, same load), in the ms columns' place.
        res.add("hygiene", f"{count} envs", f"{name} / envman ls (ratio)",
                per_round(lambda a, b: a / b if b > 0 else None, s[name], s["envman ls"]),
                note="a ratio, not milliseconds")


def bench_typer(w: sc.World, plan: Plan, res: Results) -> None:
    """Why envman pins typer below 0.29: what a trivial two-command typer app costs under
    typer 0.29 (pydantic), the 0.28 envman pins and an older one, and what importing
    typer, pydantic and rich alone costs, all against `python -c pass`."""
    app = w.root / "typer_app.py"
    app.write_text(TYPER_APP)
    py = sc.em_python(w)
    variants = {"python -c pass": wall_ms([py, "-c", "pass"], w.env),
                "import typer (envman's)": wall_ms([py, "-c", "import typer"], w.env),
                "import rich.console, rich.table": wall_ms(
                    [py, "-c", "import rich.console, rich.table"], w.env)}
    for spec in TYPER_SPECS:
        venv = w.root / "typer" / spec.replace("==", "-")
        try:
            sc.pip_venv(venv, w, [spec], marker="typer")
            variants[f"trivial typer command, {spec}"] = wall_ms(
                [str(venv / "bin" / "python"), str(app), "hello", "x"], w.env)
            if spec == TYPER_SPECS[0]:
                variants["import pydantic (typer 0.29's dependency)"] = wall_ms(
                    [str(venv / "bin" / "python"), "-c", "import pydantic"], w.env)
        except Unavailable as exc:
            variants[f"trivial typer command, {spec}"] = _failing(exc)
    s = paired(variants, max(plan.rounds // 2, 3), warmup=2)
    base = s["python -c pass"]
    for name, series in s.items():
        ratio = ratio_per_round(series, base)
        res.add("typer", "CLI library options", name, series,
                note=f"{ratio:.1f}x python -c pass" if ratio and name != "python -c pass" else "")


def bench_completion(w: sc.World, plan: Plan, res: Results) -> None:
    count = max(plan.counts)
    store = w.root / "stores" / str(count)
    sc.fill_store(w, store, count)
    env = w.with_store(store)
    case = f"{count} envs"
    # bash: the rc line is sourced, then the completion function is called as readline
    # would, inside one shell. Its name is read from `complete -p workon` after one TAB,
    # as bash looks it up on every TAB: the rc line registers a loader that sources the
    # completion file on the first TAB, which then registers its own function (timing the
    # loader every time would time loading the file every time). The completion caches
    # the store's names between TABs while the store is unchanged, so the first TAB
    # after a change is timed too. The floor (issue 21): `compgen -W` over the names, as
    # a completion function that has them runs it (in a command substitution).
    prefix = "env001" if count >= 10 else "env000"  # names are env0001, env0002, ...
    unique = f"env{max(count // 2, 1):04d}"  # the only name starting so
    try:
        setup = (f"source '{sc.shell_file(w, 'bash')}'\n"
                 "__bc_fn=$(complete -p workon); __bc_fn=${__bc_fn#*-F }; __bc_fn=${__bc_fn%% *}\n"
                 "__bc() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
                 "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "
                 "\"$__bc_fn\" \"$1\" \"${@: -1}\" \"${@: -2:1}\"; "
                 "(( ${#COMPREPLY[@]} > 0 )); }")
        setup += ("\n__bc_loader=$__bc_fn; __bc workon '' || exit 1\n"
                  "__bc_fn=$(complete -p workon); __bc_fn=${__bc_fn#*-F }; __bc_fn=${__bc_fn%% *}\n"
                  "[[ $__bc_fn != \"$__bc_loader\" ]] || "
                  "{ echo 'the first TAB registered no completion function' >&2; exit 1; }\n"
                  f"__bc_names=$(cd '{store}' && echo env*)\n"
                  "__bc_floor() { COMPREPLY=(); "
                  "COMPREPLY=($(compgen -W \"$__bc_names\" -- \"$1\")); "
                  "(( ${#COMPREPLY[@]} > 0 )); }")
        # Each round adds an env and removes it again with an untimed TAB after that, so
        # every round's first TAB sees one env more than the names the completion kept
        # (without that TAB it would see the entries it saw last round: a cached TAB).
        added = f"'{store}/zz-added'"
        ops = [("store changed", f"mkdir {added} && : > {added}/pyvenv.cfg"),
               ("workon <TAB> after a change", "__bc workon ''"),
               ("workon <TAB>", "__bc workon ''"),
               ("floor: compgen -W, all names", "__bc_floor ''"),
               ("workon env<TAB> (prefix matching all)", "__bc workon env"),
               (f"workon {unique}<TAB> (unique prefix)", f"__bc workon {unique}"),
               (f"floor: compgen -W, prefix {unique}", f"__bc_floor {unique}"),
               (f"workon {prefix}<TAB>", f"__bc workon {prefix}"),
               ("envman rm <TAB>", "__bc envman rm ''"),
               ("store changed back", f"rm -r {added} && __bc workon ''")]
        fns = {"bash": in_shell("bash", setup, ops, plan.fast_n, env, str(w.home))}
    except Unavailable as exc:
        fns = {"bash": _failing(exc)}
    s = batches(fns, plan.batch_rounds, warmup=1)
    shown = ["workon <TAB>", "workon <TAB> after a change", "floor: compgen -W, all names",
             "workon env<TAB> (prefix matching all)", f"workon {unique}<TAB> (unique prefix)",
             f"floor: compgen -W, prefix {unique}", f"workon {prefix}<TAB>", "envman rm <TAB>"]
    for op in shown:
        res.add("completion", case, f"bash: {op}", get(s, f"bash/{op}"))
    if count >= 1000:
        for op, limit in (("workon <TAB>", 2), ("workon env<TAB> (prefix matching all)", 2),
                          ("workon <TAB> after a change", 2),
                          (f"workon {unique}<TAB> (unique prefix)", 1)):
            full = get(s, f"bash/{op}")
            res.target(f"completing env names at 1000 envs (bash, `{op}`)",
                       full.summary().get("median_ms"), limit, "max", "ms", reason_of(full))
    else:
        res.target("completing env names at 1000 envs", None, 2, "max", "ms",
                   f"largest store in this run: {count}")
    # zsh and fish keep the names while the store's mtime is unchanged once it is 2 s old
    # (a TAB in the same second as a change lists the store): the bash rounds above just
    # changed the store, so wait until it has settled, as it has for a TAB in real use.
    time.sleep(2.5)
    # zsh: compsys runs only inside the line editor; what envman adds to a TAB is the
    # names handed to compadd (compadd itself stubbed out here: zsh's own work).
    if shutil.which("zsh"):
        comp = Path(sc.shell_file(w, "zsh")).resolve().parent.parent / "completions" / "_envman"
        zsetup = (f"source '{comp}'\n_wanted() {{ : }}\n__envman_comp_complete_env")
        zops = [("zsh: the names for workon <TAB> (compadd stubbed)",
                 "__envman_comp_complete_env")]
        zs = batches({"zsh": in_shell("zsh", zsetup, zops, plan.fast_n, env, str(w.home))},
                     plan.batch_rounds, warmup=1)
        res.add("completion", case, zops[0][0], get(zs, f"zsh/{zops[0][0]}"))
    # fish: `complete -C` runs the real completion machinery (the rc line puts envman's
    # completions on fish_complete_path); the floor is a command completing the same
    # names given as a fixed list.
    if shutil.which("fish"):
        setup = _shell_sources(w, "fish")["envman"]
        bodies = {"fish: workon <TAB> (complete -C)": "complete -C 'workon ' >/dev/null",
                  "fish: workon env<TAB> (complete -C)": "complete -C 'workon env' >/dev/null",
                  f"fish: workon {unique}<TAB> (complete -C)":
                      f"complete -C 'workon {unique}' >/dev/null",
                  "fish floor: complete -C over a fixed list of the names":
                      "complete -C '__bcfloor ' >/dev/null"}
        if isinstance(setup, Exception):
            for name in bodies:
                res.add("completion", case, name, Series(error=str(setup)))
        else:
            setup += (f"\nset -l __bc_names (path basename '{store}'/env*)\n"
                      "complete -c __bcfloor -f -a \"$__bc_names\"\n"
                      "complete -C 'workon ' >/dev/null")
            got = fish_per_call(str(w.root), setup, bodies, 1, max(plan.fast_n // 4, 5),
                                plan.batch_rounds + 3, env, str(w.home))
            for name, series in got.items():
                res.add("completion", case, name, series)


# -- scale: stores of 10 to 10,000 envs -------------------------------------------------------
# (label, rule, noise tolerance in ms) of each figure the growth check follows across sizes;
# Python commands are taken over `python -c pass` in the same round, shell figures as they are.
SCALE_GROWTH = (
    ("envman ls (piped), over python -c pass", "linear", 2.0),
    ("envman ls (terminal), over python -c pass", "linear", 2.0),
    ("envman ls --json, over python -c pass", "linear", 2.0),
    ("envman show, over python -c pass", "linear", 2.0),
    ("envman doctor, over python -c pass", "linear", 5.0),
    ("bash: workon <TAB> (all names)", "linear", 0.1),
    ("bash: workon zuni<TAB> (unique prefix)", "linear", 0.1),
    ("fish: complete -C 'workon ' (all names)", "linear", 0.5),
    ("fish: complete -C 'workon zuni' (unique prefix)", "linear", 0.5),
    ("bash: workon NAME + deactivate", "flat", 0.1),
    ("zsh: workon NAME + deactivate", "flat", 0.1),
    ("bash: start-up added by the rc line", "flat", 0.3),
    ("zsh: start-up added by the rc line", "flat", 0.3),
    ("fish: start-up added by the rc line", "flat", 0.3),
)


def _adopt(w: sc.World) -> Callable[[Path], None]:
    code = ("from envman.registry import Registry\nfrom envman.store import Store\n"
            "with Registry(Store.default()).transaction():\n    pass\n")

    def adopt(store: Path) -> None:
        subprocess.run([sc.em_python(w), "-c", code], check=True, env=w.with_store(store))
    return adopt


def _bash_tab_setup(rc_file: str) -> str:
    """bash: source the rc line, TAB once (the rc line's loader loads the completion),
    then ``__bc WORDS...`` calls the completion function as readline would."""
    find = ("__bc_fn=$(complete -p workon); __bc_fn=${__bc_fn#*-F }; "
            "__bc_fn=${__bc_fn%% *}\n")
    return (f"source '{rc_file}'\n" + find +
            "__bc() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
            "COMP_POINT=${#COMP_LINE}; COMPREPLY=(); "
            "\"$__bc_fn\" \"$1\" \"${@: -1}\" \"${@: -2:1}\"; "
            "(( ${#COMPREPLY[@]} > 0 )); }\n"
            "__bc workon '' || exit 1\n" + find)


def bench_scale(w: sc.World, plan: Plan, res: Results) -> None:
    """Stores of 10, 100, 1000 and 10,000 fake envs (benchmarks/_scale.py): at each size
    the Python commands (ls piped and on a terminal, ls --json, show, doctor) against
    `python -c pass`, completion (all names and a unique prefix; bash's floor is
    `compgen -W` over the names), workon + deactivate, and shell start-up; then the growth
    check: every command at most linear, shell hot paths flat except completion.

    All the stores are written first, and bash's and zsh's figures and the start-up of
    every size are taken in the same alternating rounds (fish's completion, a difference
    against its own no-op loop, one size after another): measured one size after the
    other, right after writing that size's 20,000 files, a figure that must stay flat
    grew with the machine's drift (bash's floor, `source bin/activate`, 0.20 -> 0.33 ms
    from 10 to 10,000 envs in one run, and workon with it, while the same two sizes side
    by side read the same)."""
    per_size: dict[str, dict[int, float | None]] = {label: {} for label, _, _ in SCALE_GROWTH}
    stores = {n: w.root / "scale" / str(n) for n in plan.scale_sizes}
    for n, store in stores.items():
        _scale.fill_fake_store(w.python, w.root, store, n, w.env, _adopt(w))
    os.sync()  # the files just written go to disk now, not during the timed rounds
    for n, store in stores.items():
        _scale_python(w, plan, res, store, n, per_size)
    _scale_shells(w, plan, res, stores, per_size)
    _scale_fish(w, plan, res, stores, per_size)
    _scale_startup(w, plan, res, stores, per_size)
    # the report's rows size by size, each size's in the order they were taken
    slots = [i for i, row in enumerate(res.rows) if row["section"] == "scale"]
    ordered = sorted((res.rows[i] for i in slots), key=lambda row: int(row["case"].split()[0]))
    for i, row in zip(slots, ordered, strict=True):
        res.rows[i] = row
    for label, rule, tolerance in SCALE_GROWTH:
        values = {k: v for k, v in per_size[label].items() if v is not None}
        met, how = _scale.growth(values, rule, tolerance)
        res.growth.append({"what": label, "rule": rule, "values": values, "met": met,
                           "how": how})


def _scale_python(w: sc.World, plan: Plan, res: Results, store: Path, n: int,
                  per_size: dict[str, dict[int, float | None]]) -> None:
    """The Python commands at one store size, each over `python -c pass` in its round."""
    py, exe = sc.em_python(w), sc.em_exe(w)
    env = w.with_store(store)
    case = f"{n} envs"
    first = _scale.env_name(1)
    s = paired({
        "python -c pass": wall_ms([py, "-c", "pass"], env),
        "envman ls (piped)": wall_ms([exe, "ls"], env),
        "envman ls (terminal)": _scale.tty_ms([exe, "ls"], env),
        "envman ls --json": wall_ms([exe, "ls", "--json"], env),
        f"envman show {first}": wall_ms([exe, "show", first], env),
    }, plan.scale_rounds, warmup=1)
    d = paired({"python -c pass": wall_ms([py, "-c", "pass"], env),
                "envman doctor": wall_ms([exe, "doctor"], env)},
               plan.doctor_rounds, warmup=1 if n < 10000 else 0)
    base = s["python -c pass"]
    for name, series in s.items():
        res.add("scale", case, name, series, note=_ratio_note(series, base, name))
    res.add("scale", case, "envman doctor", d["envman doctor"],
            note=_ratio_note(d["envman doctor"], d["python -c pass"], "envman doctor")
            + " (a stub python per env)")
    for label, series, b in (("envman ls (piped)", s["envman ls (piped)"], base),
                             ("envman ls (terminal)", s["envman ls (terminal)"], base),
                             ("envman ls --json", s["envman ls --json"], base),
                             ("envman show", s[f"envman show {first}"], base),
                             ("envman doctor", d["envman doctor"], d["python -c pass"])):
        per_size[f"{label}, over python -c pass"][n] = diff_per_round(series, b)


def _ratio_note(series: Series, base: Series, name: str) -> str:
    if name == "python -c pass":
        return ""
    ratio = ratio_per_round(series, base)
    return f"{ratio:.2f}x python -c pass" if ratio is not None else ""


def _scale_shells(w: sc.World, plan: Plan, res: Results, stores: dict[int, Path],
                  per_size: dict[str, dict[int, float | None]]) -> None:
    """bash and zsh in-shell figures, one batch process per shell and store size, all
    sizes alternating in the same rounds."""
    fns = {}
    for n, store in stores.items():
        env = w.with_store(store)
        first = f"'{store}/{_scale.env_name(1)}/bin/activate'"
        cycle = [("floor: source bin/activate + deactivate", f"source {first}; deactivate"),
                 ("workon NAME + deactivate", f"workon {_scale.env_name(1)}; deactivate")]
        # One untimed workon first: what the first call in a shell does once (lazy
        # loading, checks kept for the shell) is the first-use figures' business.
        warm = f"\nworkon {_scale.env_name(1)}; deactivate\n"
        for shell in ("bash", "zsh"):
            key = f"{shell}@{n}"
            if not shutil.which(shell):
                fns[key] = _failing(Unavailable(f"{shell} not installed"))
                if shell == "bash":
                    fns[f"bash-tab@{n}"] = fns[key]
                continue
            src = _shell_sources(w, shell)["envman"]
            if isinstance(src, Exception):
                fns[key] = _failing(src)
            elif shell == "bash":
                # Completion in a process of its own: right after a TAB or `compgen` over
                # 10,000 names (a command substitution, a fork of a shell holding them),
                # sourcing bin/activate took 0.69 ms instead of 0.17 here, the floor and
                # workon alike. The cycle's shell has TABbed once (the names are cached).
                tab = _bash_tab_setup(sc.shell_file(w, "bash"))
                names = (f"__sc_w=('{store}'/*/pyvenv.cfg); "
                         "__sc_w=(\"${__sc_w[@]%/pyvenv.cfg}\"); __sc_w=\"${__sc_w[*]##*/}\"")
                ops = [("floor: compgen -W (all names)",
                        "COMPREPLY=($(compgen -W \"$__sc_w\" -- ''))"),
                       ("workon <TAB> (all names)", "__bc workon ''"),
                       ("floor: compgen -W zuni", "COMPREPLY=($(compgen -W \"$__sc_w\" -- zuni))"),
                       ("workon zuni<TAB> (unique prefix)", "__bc workon zuni")]
                fns[f"bash-tab@{n}"] = in_shell("bash", tab + names, ops, plan.scale_n, env,
                                                str(w.home))
                fns[key] = in_shell("bash", tab + warm, cycle, plan.scale_n, env, str(w.home))
            else:
                fns[key] = in_shell(shell, src + warm, cycle, plan.scale_n, env, str(w.home))
            if shell == "bash":  # (bash missing or failing: its completion batch too)
                fns.setdefault(f"bash-tab@{n}", fns[key])
    s = batches(fns, plan.batch_rounds, warmup=1)
    for n in stores:
        for shell in ("bash", "zsh"):
            labels = [(shell, "floor: source bin/activate + deactivate"),
                      (shell, "workon NAME + deactivate")]
            if shell == "bash":
                labels = [("bash-tab", op) for op in (
                    "floor: compgen -W (all names)", "workon <TAB> (all names)",
                    "floor: compgen -W zuni", "workon zuni<TAB> (unique prefix)")] + labels
            for batch, label in labels:
                series = get(s, f"{batch}@{n}/{label}")
                res.add("scale", f"{n} envs", f"{shell}: {label}", series)
                if f"{shell}: {label}" in per_size:
                    per_size[f"{shell}: {label}"][n] = series.median


def _scale_fish(w: sc.World, plan: Plan, res: Results, stores: dict[int, Path],
                per_size: dict[str, dict[int, float | None]]) -> None:
    """fish's completion at each store size."""
    bodies = {"fish: complete -C 'workon ' (all names)": "complete -C 'workon ' >/dev/null",
              "fish: complete -C 'workon zuni' (unique prefix)":
                  "complete -C 'workon zuni' >/dev/null"}
    src = _shell_sources(w, "fish")["envman"] if shutil.which("fish") else None
    for n, store in stores.items():
        case = f"{n} envs"
        res.add("scale", case, "zsh: completion", Series(
            error="zsh completion runs inside the line editor (compsys); not timed here"))
        if src is None:
            res.add("scale", case, "fish", Series(error="fish not installed"))
            continue
        if isinstance(src, Exception):
            fs = {name: Series(error=str(src)) for name in bodies}
        else:
            # As in the completion section: fish keeps the names once the store's mtime is
            # 2 s old, and a shell's first TAB (lazy loading) is the first-use figures'
            # business; so let the store settle and take one untimed TAB first, otherwise
            # the few calls per process here average in a first load and a full listing.
            time.sleep(max(0.0, 2.5 - (time.time() - store.stat().st_mtime)))
            # 25 calls per process (10 before): the per-call figure is a difference of
            # two process times divided by the calls, and with 10 its rounds at 1000 envs
            # spread from 0.8 to 4.3 ms for the same ~14.5M instructions (callgrind).
            fs = fish_per_call(str(w.root), src + "\ncomplete -C 'workon ' >/dev/null",
                               bodies, 1, max(plan.scale_n // 2, 3), plan.batch_rounds + 1,
                               w.with_store(store), str(w.home))
        for name, series in fs.items():
            res.add("scale", case, name, series)
            per_size[name][n] = series.median


def _scale_startup(w: sc.World, plan: Plan, res: Results, stores: dict[int, Path],
                   per_size: dict[str, dict[int, float | None]]) -> None:
    """Start-up at each store size: the rc line against a bare interactive shell, all
    sizes alternating with the bare shell in the same rounds."""
    for shell in ("bash", "zsh", "fish"):
        if not shutil.which(shell):
            for n in stores:
                res.add("scale", f"{n} envs", f"{shell}: start-up",
                        Series(error=f"{shell} not installed"))
            continue
        src = _rc_lines(w, shell)
        variants = {}
        for n, store in stores.items():
            env = w.with_store(store)
            for label, rc in (("bare shell", ""), ("envman rc line", src)):
                key = f"{label}@{n}"
                if isinstance(rc, Exception):
                    variants[key] = _failing(rc)
                    continue
                d = w.root / "rc-scale" / shell / str(n) / label.replace(" ", "_")
                argv, e = _interactive(shell, rc + "\n", d, env)
                variants[key] = wall_ms(argv, e, cwd=str(w.home))
        st = paired(variants, plan.rounds, warmup=2)
        for n in stores:
            bare, line = st[f"bare shell@{n}"], st[f"envman rc line@{n}"]
            added = per_round(lambda v, b: v - b, line, bare)
            res.add("scale", f"{n} envs", f"{shell}: start-up, bare shell", bare)
            res.add("scale", f"{n} envs", f"{shell}: start-up, envman rc line", line,
                    note=f"adds {added.median:.2f} ms" if added.median is not None else "")
            per_size[f"{shell}: start-up added by the rc line"][n] = added.median


def bench_procs(w: sc.World, plan: Plan, res: Results) -> None:
    """Processes started on the shell's hot paths (counted with strace, bash and zsh):
    loading the rc line, workon + deactivate, a TAB (bash), and a prompt in an unchanged
    directory with auto mode on inside a project. Each is the count of an strace'd
    script with N calls minus the same script without them; the rule is 0."""
    project, _ = _auto_projects(w)
    n = 20 if plan.quick else 100
    note = "a count of processes, not ms"
    for shell in ("bash", "zsh"):
        src = _shell_sources(w, shell)["envman"]
        if isinstance(src, str) and shutil.which(shell):
            # The first load into a store without virtualenvwrapper's hook files creates
            # them (once per store, as virtualenvwrapper does): counted on its own, in an
            # empty store; the loads below see a store that has them.
            fresh = w.root / "procs-fresh" / shell
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
            try:
                count = _scale.processes_started(shell, "", src, 1, w.with_store(fresh),
                                                 str(w.home))
                res.add("procs", "first load into an empty store (makes the hook files)", shell,
                        Series(values=[count]), note=f"{note}; once per store")
            except Unavailable as exc:
                res.add("procs", "first load into an empty store (makes the hook files)", shell,
                        Series(error=str(exc)))
            subprocess.run([shell, "-c", src], env=w.env, cwd=str(w.home),
                           stdin=subprocess.DEVNULL, capture_output=True)
        cases: list[tuple[str, str, str]] = [
            ("load the rc line", "", src if isinstance(src, str) else ""),
            ("workon NAME + deactivate", src, "workon bench1; deactivate"),
            ("a prompt, directory unchanged, auto mode on",
             f"{src}\nENVMAN_AUTO_ACTIVATE=1\ncd '{project}/src'; {PROMPT_OPS[shell]}",
             PROMPT_OPS[shell])]
        if shell == "bash" and isinstance(src, str):
            cases.append(("workon <TAB>", _bash_tab_setup(sc.shell_file(w, "bash")),
                          "__bc workon ''"))
        for label, setup, op in cases:
            # The first call in a shell (it may load or look things up once), then n more.
            runs = ([(label, setup, 1)] if label == "load the rc line" else
                    [(f"{label}, first call in a shell", setup, 1),
                     (f"{label}, every later call", f"{setup}\n{op}", n)])
            for name, before, calls in runs:
                if isinstance(src, Exception):
                    res.add("procs", name, shell, Series(error=str(src)))
                    continue
                try:
                    count = _scale.processes_started(shell, before, op, calls, w.env,
                                                     str(w.home))
                except Unavailable as exc:
                    res.add("procs", name, shell, Series(error=str(exc)))
                    continue
                res.add("procs", name, shell, Series(values=[count / calls]),
                        note=f"{note}: {count} in {calls} call{'s' if calls > 1 else ''}")


# -- main -----------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    versions = {}
    for prog, flag in (("bash", "--version"), ("zsh", "--version"), ("fish", "--version")):
        if shutil.which(prog):
            out = subprocess.run([prog, flag], capture_output=True, text=True).stdout
            versions[prog] = out.splitlines()[0] if out else "?"
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
                break
    except (OSError, ValueError, IndexError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "os": osname, "load": os.getloadavg(),
            "memory_gb": memory_gb,
            "shells": versions}


def prepare_main_store(w: sc.World) -> None:
    """bench1 and bench2 (with pip, made by envman) for workon, path and create's
    warm-up; the uv and virtualenv caches are warmed by the create section's warm-up."""
    exe = sc.em_exe(w)
    for name in ("bench1", "bench2"):
        if not (w.store / name / "pyvenv.cfg").exists():
            subprocess.run([exe, "new", name], env=w.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="few rounds, small stores (smoke run)")
    p.add_argument("--only", default="",
                   help=f"comma-separated sections (default all: {','.join(SECTIONS)}; "
                        f"--quick leaves out {','.join(QUICK_SKIPS)} unless named here)")
    p.add_argument("--counts", default="", help="store sizes for ls, e.g. 50,200,1000")
    p.add_argument("--scale-sizes", default="",
                   help="store sizes for the scale section (default 10,100,1000,10000; "
                        "--quick: 10,100,1000)")
    p.add_argument("--python", default=sys.executable,
                   help="interpreter both tools' venvs are built on (default: this one)")
    p.add_argument("--workdir", default="",
                   help="scratch directory to use and keep (reused: installs are skipped); "
                        "default: a temporary directory, removed at the end")
    p.add_argument("--use-current", action="store_true",
                   help="use the envman installed beside this Python instead of installing "
                        "the checkout into a scratch venv")
    p.add_argument("--no-virtualenvwrapper", action="store_true",
                   help="do not install virtualenvwrapper (its figures become n/a)")
    p.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"),
                   help="directory for latest.md / latest.json")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    if not only:
        only = [s for s in SECTIONS if not (args.quick and s in QUICK_SKIPS)]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        print(f"run.py: unknown section(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    counts = [int(c) for c in args.counts.split(",") if c.strip()] or None
    scale_sizes = [int(c) for c in args.scale_sizes.split(",") if c.strip()] or None
    plan = Plan(args.quick, counts, scale_sizes)
    started = time.time()
    load_start = os.getloadavg()
    keep = bool(args.workdir)
    root = Path(args.workdir or tempfile.mkdtemp(prefix="envman-bench-")).resolve()
    root.mkdir(parents=True, exist_ok=True)
    res = Results()
    try:
        w = sc.make_world(root, args.python)
        if args.no_virtualenvwrapper:
            w.vw_reason = "virtualenvwrapper not installed (--no-virtualenvwrapper)"
        else:
            sc.install_virtualenvwrapper(w)
        sc.install_envman(w, args.use_current)
        sc.finish_path(w)
        try:
            prepare_main_store(w)
        except (subprocess.CalledProcessError, Unavailable) as exc:
            print(f"[setup] cannot create bench envs: {exc}", file=sys.stderr)
        sections = {"cli": bench_cli, "startup": bench_startup, "firstuse": bench_firstuse,
                    "workon": bench_workon,
                    "auto": bench_auto,
                    "create": bench_create, "ls": bench_ls, "completion": bench_completion,
                    "typer": bench_typer, "hygiene": bench_hygiene,
                    "scale": bench_scale, "procs": bench_procs}
        for name in SECTIONS:
            if name not in only:
                continue
            t0 = time.time()
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            try:
                sections[name](w, plan, res)
            except Exception as exc:  # one broken part must not sink the run
                error = f"section failed: {type(exc).__name__}: {exc}"
                res.add(name, "*", "*", Series(error=error))
            print(f"[bench] {name} done in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
        _goals.issue21(res)
        versions = {}
        envman_version = [str(w.em_bin / "envman"), "--version"] if w.em_bin else None
        for label, argv_ in (("envman", envman_version), ("python", [w.python, "-V"])):
            if argv_:
                versions[label] = subprocess.run(argv_, capture_output=True, text=True,
                                                 env=w.env).stdout.strip()
        if w.vw_bin:
            versions["virtualenvwrapper"] = sc.VWRAPPER.split("==")[1]
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "python3 benchmarks/run.py" + (" --quick" if args.quick else ""),
        "quick": args.quick, "machine": {**machine(), "load_start": load_start},
        "versions": versions,
        "seconds": round(time.time() - started),
    }
    md = _report.markdown(meta, res.targets, res.rows, res.goals, res.growth)
    _report.write(Path(args.out), meta, res.targets, res.rows, md, res.goals, res.growth)
    if not args.quick and not args.only:  # only a full run replaces the published tables
        _report.update_doc(md)
        print(f"[bench] tables written into {_report.DOC}", file=sys.stderr)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
