"""Issue 21's target table, row by row, with a verdict from the figures of this run.

Each goal reads the series the sections recorded (Results.series, keyed by section, case
and variant) and takes its figure per round (a difference or a ratio against the floor of
the same round) before the median. A goal whose figures are not in this run (a section
left out, a shell missing, a feature not built) is n/a with the reason, never dropped: the
report always shows every row of the issue's table.
"""

from __future__ import annotations

import re

from _timing import Series, per_round, reason_of

FIRST_USE = (("first `workon` in a new shell", r"first\W*workon"),
             ("first TAB in a new shell", r"first\W*tab"),
             ("first compatibility command in a new shell", r"first\W*compat"))


def _get(res, *key: str) -> Series | None:
    return res.series.get(key)


def _pick(res, *candidates: tuple) -> tuple[tuple[Series, ...] | None, str]:
    """The first candidate whose series all exist: (series, where), or None and why."""
    for keys in candidates:
        found = [_get(res, *k) for k in keys]
        if all(s is not None for s in found):
            return tuple(found), keys[0][0]
    wanted = ", ".join(sorted({k[0] for keys in candidates for k in keys}))
    return None, f"not in this run (section {wanted})"


def _add(res, target: str, floor: str, limit: float, unit: str, measured: float | None,
         reason: str = "", kind: str = "max", over_floor: bool = False) -> None:
    """``over_floor``: ``measured`` and ``limit`` are differences from the floor."""
    met = None if measured is None else (measured <= limit if kind == "max" else measured >= limit)
    res.goals.append({"target": target, "floor": floor, "limit": limit, "unit": unit,
                      "kind": kind, "measured": measured, "met": met, "over_floor": over_floor,
                      **({"reason": reason} if measured is None else {})})


def _diff(res, target, floor, limit, candidates, f=lambda a, b: a - b, unit="ms") -> None:
    series, why = _pick(res, *candidates)
    if series is None:
        _add(res, target, floor, limit, unit, None, why)
        return
    value = per_round(f, *series)
    _add(res, target, floor, limit, unit, value.median, reason_of(*series),
         over_floor=unit == "ms")


def _ratio(res, target, floor, limit, candidates) -> None:
    _diff(res, target, floor, limit, candidates, lambda a, b: a / b if b > 0 else None, "x")


def _median(res, target, floor, limit, candidates, unit="ms") -> None:
    series, why = _pick(res, *candidates)
    if series is None:
        _add(res, target, floor, limit, unit, None, why)
        return
    _add(res, target, floor, limit, unit, series[0].median, reason_of(*series))


def issue21(res) -> None:
    """Append every row of issue 21's target table to ``res.goals``."""
    for shell in ("bash", "zsh", "fish"):
        _diff(res, f"shell start-up added by the rc line ({shell})", f"`{shell} -i`, empty rc",
              0.5, [(("startup", shell, "envman rc line"), ("startup", shell, "bare shell"))])
    for shell in ("bash", "zsh"):
        _diff(res, f"`workon NAME` + `deactivate` in-shell ({shell})",
              "`source bin/activate` + `deactivate`", 0.5,
              [(("workon", f"{shell} workon", "envman"),
                ("workon", f"{shell} deactivate", "envman"),
                ("workon", f"{shell} workon", "source activate"),
                ("workon", f"{shell} deactivate", "venv's deactivate"))],
              lambda w, d, fw, fd: (w + d) - (fw + fd))
    # The workon section's floor is its envs' own activate (uv's, much heavier than the
    # venv module's); the scale section's fake envs carry the venv module's activate.
    sizes = sorted({int(k[1].split()[0]) for k in res.series if k[0] == "scale"
                    and k[1].split()[0].isdigit()})
    for shell in ("bash", "zsh"):
        case = f"{sizes[-1]} envs" if sizes else "1000 envs"
        _diff(res, f"`workon NAME` + `deactivate` in-shell ({shell}, an env with the venv "
                   f"module's activate, {case})", "`source bin/activate` + `deactivate`", 0.5,
              [(("scale", case, f"{shell}: workon NAME + deactivate"),
                ("scale", case, f"{shell}: floor: source bin/activate + deactivate"))])
    case = "fish workon/switch/deactivate (mean per call)"
    _diff(res, "`workon NAME` + `deactivate` in-shell (fish: twice the mean per call of "
               "workon, switch, deactivate)", "`source bin/activate.fish` + `deactivate`", 0.5,
          [(("workon", case, "envman"), ("workon", case, "source activate.fish"))],
          lambda a, b: 2 * (a - b))
    # Completion at 1000 envs: the scale section's store (its unique prefix is "zuni"),
    # else the completion section's.
    for what, op, limit, floor_op in (
            ("prefix matching all of them", "workon <TAB> (all names)", 2,
             "floor: compgen -W (all names)"),
            ("unique prefix", "workon zuni<TAB> (unique prefix)", 1, "floor: compgen -W zuni")):
        floor_s = _get(res, "scale", "1000 envs", f"bash: {floor_op}")
        floor = "`compgen -W` over the names" + (
            f" ({floor_s.median:.2f} ms here)" if floor_s and floor_s.ok else "")
        fallback = [(("completion", "1000 envs", "bash: workon <TAB>"),)] if limit == 2 else []
        _median(res, f"name completion, 1000 envs, {what} (bash)", floor, limit,
                [(("scale", "1000 envs", f"bash: {op}"),), *fallback])
        fish_op = ("complete -C 'workon ' (all names)" if limit == 2
                   else "complete -C 'workon zuni' (unique prefix)")
        _median(res, f"name completion, 1000 envs, {what} (fish, `{fish_op.split(' (')[0]}`)",
                "fish's own `complete -C` machinery included", limit,
                [(("scale", "1000 envs", f"fish: {fish_op}"),)])
        _add(res, f"name completion, 1000 envs, {what} (zsh)", "", limit, "ms", None,
             "zsh completion runs inside the line editor (compsys); not timed here")
    for cmd in ("envman path bench1", "envman --version"):
        _ratio(res, f"`{cmd}`", "`python -c pass`, same interpreter", 1.5,
               [(("cli", "fixed cost", cmd), ("cli", "fixed cost", "python -c pass"))])
    for variant, fallback in (("envman ls (piped)", "envman ls"),
                              ("envman ls (terminal)", None),
                              ("envman ls --json", "envman ls --json")):
        cands = [(("scale", "1000 envs", variant), ("scale", "1000 envs", "python -c pass"))]
        if fallback:
            cands.append((("ls", "1000 envs", fallback), ("ls", "1000 envs", "python -c pass")))
        _ratio(res, f"`{variant}`, 1000 envs", "`python -c pass`", 3, cands)
    _diff(res, "`envman new NAME` with pip", "`uv venv --seed --offline`", 5,
          [(("create", "env with pip (warm cache)", "envman new"),
            ("create", "env with pip (warm cache)", "uv venv --seed --offline"))])
    for shell in ("bash", "zsh"):
        case = f"{shell}: one prompt, directory unchanged"
        _diff(res, f"auto-activation, per prompt, directory unchanged ({shell})",
              "a prompt without envman", 0.05,
              [(("auto", case, "envman, auto on"), ("auto", case, "bare shell"))])
        _median(res, f"auto-activation, per prompt: processes started ({shell})", "", 0,
                [(("procs", "a prompt, directory unchanged, auto mode on, every later call",
                   shell),)], unit="processes")
    _add(res, "auto-activation, per prompt (fish)", "", 0.05, "ms", None,
         "fish runs no envman code at a prompt (a PWD event fires on cd only)")
    # The rules that still hold: no process on the other hot paths, lazy loading invisible.
    for label in ("load the rc line", "workon NAME + deactivate, first call in a shell",
                  "workon NAME + deactivate, every later call",
                  "workon <TAB>, first call in a shell", "workon <TAB>, every later call",
                  "a prompt, directory unchanged, auto mode on, first call in a shell"):
        for shell in ("bash", "zsh"):
            if "TAB" in label and shell == "zsh":
                continue
            _median(res, f"processes started: {label} ({shell})", "", 0,
                    [(("procs", label, shell),)], unit="processes")
    _first_use(res)
    met = [g["met"] for g in res.growth]
    unknown = [f"{g['what']}: {g['how']}" for g in res.growth if g["met"] is None]
    _add(res, "scale: commands at most linear, shell hot paths flat except completion "
              f"({sum(1 for m in met if m)} of {len(met)} checks met)", "", len(met), "checks",
         sum(1 for m in met if m) if met and not unknown else None,
         unknown[0] if unknown else "scale section not in this run", kind="min")


def _first_use(res) -> None:
    """First workon, first TAB, first compatibility command in a new shell (≤ 3 ms):
    every row whose case or variant names it (the firstuse section's cases are "bash
    first workon", ...; its "second call" rows, the warm call beside it, are left out)."""
    for target, pattern in FIRST_USE:
        rx = re.compile(pattern, re.IGNORECASE)
        found = [(k, s) for k, s in res.series.items()
                 if (rx.search(k[1]) or rx.search(k[2])) and k[0] != "procs"
                 and not re.search(r"second|warm", k[2], re.IGNORECASE)]
        if not found:
            _add(res, target, "", 3, "ms", None,
                 "not measured in this run (no row named like it)")
        for (section, case, variant), series in found:
            _add(res, f"{target}: {case}, {variant} ({section})", "", 3, "ms", series.median,
                 reason_of(series))
