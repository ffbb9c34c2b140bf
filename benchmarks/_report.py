"""The results as a markdown table and JSON (benchmarks/results/)."""

from __future__ import annotations

import json
import time
from pathlib import Path


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
