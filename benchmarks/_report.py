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


def markdown(meta: dict, targets: list[dict], rows: list[dict]) -> str:
    m = meta["machine"]
    out = [
        f"Run {meta['date']} with `{meta['command']}` ({meta['seconds']} s) on "
        f"{m['nproc']} CPUs ({m['cpu']}), {m['os']}, {meta['versions'].get('python', '?')}, "
        f"{meta['versions'].get('envman', 'envman ?')}, virtualenvwrapper "
        f"{meta['versions'].get('virtualenvwrapper', 'n/a')}; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in m['load'])}.",
        "",
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


def write(out_dir: Path, meta: dict, targets: list[dict], rows: list[dict], md: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    data = json.dumps({"meta": meta, "targets": targets, "rows": rows}, indent=2)
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
    update_doc(markdown(data["meta"], data["targets"], data["rows"]))
    print(f"wrote the tables of {latest} into {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
