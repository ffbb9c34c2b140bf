"""The results as markdown tables and JSON, and those tables in docs/performance.md.

    python3 benchmarks/_report.py   # rewrite docs/performance.md's tables from the last
                                    # results (benchmarks/results/latest.json)

run.py calls update_doc after a full run; a quick or partial run only writes results/.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DOC = HERE.parent / "docs" / "performance.md"
BEGIN = "<!-- results:begin (written by benchmarks/_report.py) -->"
END = "<!-- results:end -->"


def _ms(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _measured(t: dict) -> str:
    m = t["measured"]
    if m is None:
        return "n/a"
    unit = "x" if t["detail"].startswith("x") else " ms"
    return f"{m:.1f}{unit}" if abs(m) >= 10 else f"{m:.2f}{unit}"


def _goal_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.3f} ms" if abs(value) < 0.1 else f"{value:.2f} ms"
    return f"{value:g} {unit}"


def goals_table(goals: list[dict]) -> list[str]:
    """Issue 21's targets: each hot path, its floor, the target and the verdict."""
    out = ["| issue 21 target | floor (same run) | target | measured | met |",
           "|---|---|---|---|---|"]
    for g in goals:
        sign = "≤ " if g["kind"] == "max" else "≥ "
        over = g.get("over_floor", False)  # the figure is a difference from the floor
        if g["unit"] == "x":
            limit = f"{sign}{g['limit']:g}x floor"
        else:
            limit = sign + ("floor + " if over else "") + _goal_value(g["limit"], g["unit"])
        met = {True: "yes", False: "**no**", None: "n/a"}[g["met"]]
        note = f" ({g['reason']})" if g["met"] is None and g.get("reason") else ""
        measured = _goal_value(g["measured"], g["unit"])
        if over and g["measured"] is not None:
            measured = ("floor + " if g["measured"] >= 0 else "floor − ") + _goal_value(
                abs(g["measured"]), g["unit"])
        out.append(f"| {g['target']} | {g['floor']} | {limit} | {measured} | {met}{note} |")
    return out


def growth_table(growth: list[dict]) -> list[str]:
    """The scale section's growth check: each figure at every store size."""
    sizes = sorted({int(n) for g in growth for n in g["values"]})
    out = ["| scale: figure (ms) | " + " | ".join(f"{n:,} envs" for n in sizes)
           + " | may grow | how it grew | met |",
           "|---|" + "---|" * len(sizes) + "---|---|---|"]
    for g in growth:
        values = {int(n): v for n, v in g["values"].items()}
        cells = " | ".join(_ms(values.get(n)) for n in sizes)
        met = {True: "yes", False: "**no**", None: "n/a"}[g["met"]]
        rule = "at most linearly" if g["rule"] == "linear" else "not at all"
        out.append(f"| {g['what']} | {cells} | {rule} | {g['how']} | {met} |")
    return out


def markdown(meta: dict, targets: list[dict], rows: list[dict], goals: list[dict] | None = None,
             growth: list[dict] | None = None) -> str:
    m = meta["machine"]
    out = [
        f"Run {meta['date']} with `{meta['command']}` ({meta['seconds']} s) on "
        f"{m['nproc']} CPUs ({m['cpu']}), {m['os']}, {meta['versions'].get('python', '?')}, "
        f"{meta['versions'].get('envman', 'envman ?')}, virtualenvwrapper "
        f"{meta['versions'].get('virtualenvwrapper', 'n/a')}; load average "
        + (f"at the start {', '.join(f'{x:.1f}' for x in m['load_start'])}, "
           if m.get("load_start") else "")
        + f"at the end {', '.join(f'{x:.1f}' for x in m['load'])}"
        + (f"; {m['memory_gb']:.1f} GB of memory" if m.get("memory_gb") else "")
        + (f"; shells: {', '.join(m['shells'].values())}" if m.get("shells") else "") + ".",
        "",
    ]
    if goals:
        out += goals_table(goals) + [""]
    if growth:
        out += growth_table(growth) + [""]
    out += [
        "| target | limit | measured | met |",
        "|---|---|---|---|",
    ]
    for t in targets:
        limit = ("≤ " if t["kind"] == "max" else "≥ ") + f"{t['limit']:g}" + (
            "x" if t["detail"].startswith("x") else " ms")
        met = {True: "yes", False: "**no**", None: "n/a"}[t["met"]]
        note = f" ({t['reason']})" if t["met"] is None and t.get("reason") else ""
        out.append(f"| {t['target']} | {limit} | {_measured(t)} | {met}{note} |")
    out += ["", "| section | case | variant | median ms | min | max | n | CPU ms | note |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['section']} | {r['case']} | {r['variant']} | n/a | | | | | "
                       f"{r['error']} |")
        else:
            out.append(f"| {r['section']} | {r['case']} | {r['variant']} | {_ms(r['median_ms'])} "
                       f"| {_ms(r['min_ms'])} | {_ms(r['max_ms'])} | {r['n']} | "
                       f"{_ms(r['cpu_median_ms']) if 'cpu_median_ms' in r else ''} | "
                       f"{r.get('note', '')} |")
    return "\n".join(out) + "\n"


def write(out_dir: Path, meta: dict, targets: list[dict], rows: list[dict], md: str,
          goals: list[dict] | None = None, growth: list[dict] | None = None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    data = json.dumps({"meta": meta, "targets": targets, "rows": rows, "goals": goals or [],
                       "growth": growth or []}, indent=2)
    for name in ("latest", stamp):
        (out_dir / f"{name}.json").write_text(data + "\n")
        (out_dir / f"{name}.md").write_text(md)


def update_doc(md: str, doc: Path = DOC) -> None:
    """Put ``md`` (markdown(): the machine, the targets and every row) between the
    results markers of ``doc``; the text around them is left as it is."""
    text = doc.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{doc}: no {BEGIN!r} ... {END!r} markers to write the results between")
    doc.write_text(text[:start + len(BEGIN)] + "\n" + md + text[end:], encoding="utf-8")


def main() -> int:
    latest = RESULTS / "latest.json"
    if not latest.is_file():
        print(f"_report.py: no results yet ({latest}); run benchmarks/run.py", file=sys.stderr)
        return 1
    data = json.loads(latest.read_text())
    if data["meta"].get("quick"):
        print("_report.py: the last results are from a --quick run; not writing them into "
              f"{DOC.name}", file=sys.stderr)
        return 1
    update_doc(markdown(data["meta"], data["targets"], data["rows"], data.get("goals"),
                        data.get("growth")))
    print(f"wrote the tables of {latest} into {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
