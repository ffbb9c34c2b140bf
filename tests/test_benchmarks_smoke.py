"""The benchmark harness runs end to end (quick, small, with the envman this Python
has and without installing virtualenvwrapper) and writes its table and JSON. No
timing is asserted here: figures belong to benchmarks/run.py's report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_quick_run_writes_table_and_json(tmp_path):
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--use-current", "--no-virtualenvwrapper",
         "--only", "cli,workon,auto,completion", "--counts", "5", "--workdir", str(tmp_path / "w"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "latest.json").read_text())
    assert data["meta"]["machine"]["nproc"] >= 1
    rows = {(r["section"], r["variant"]) for r in data["rows"]}
    assert ("cli", "envman --version") in rows
    # A section that raised is kept as one error row: none may have.
    assert [r for r in data["rows"] if r["case"] == "*"] == []
    by_variant = {(r["section"], r["case"], r["variant"]): r for r in data["rows"]}
    # Each kind of measurement produced figures: a process (paired wall times), a batch
    # inside bash (workon, completion), a loop in fish.
    measured = [("cli", "fixed cost", "envman --version"),
                ("workon", "bash workon", "envman"),
                ("workon", "bash switch", "source activate"),
                ("completion", "5 envs", "bash: workon <TAB>"),
                ("auto", "bash: one prompt, directory unchanged", "envman, auto on"),
                ("auto", "bash: cd into a project and out (a prompt after each)",
                 "envman, auto on")]
    if shutil.which("fish"):
        measured.append(("workon", "fish workon/switch/deactivate (mean per call)", "envman"))
    for key in measured:
        assert "median_ms" in by_variant[key], (key, by_variant[key])
    # Targets whose parts were measured have a figure; the others say why not.
    targets = {t["target"]: t for t in data["targets"]}
    assert targets["`envman --version` vs `python -c pass` (same interpreter)"]["measured"]
    assert targets["bash: `workon NAME`, envman over plain venv"]["measured"] is not None
    assert all(t["measured"] is not None or t["reason"] for t in data["targets"])
    # virtualenvwrapper was not installed: its figures are n/a with the reason, not a crash.
    vw = by_variant[("workon", "bash workon", "virtualenvwrapper")]
    assert "virtualenvwrapper" in vw["error"]
    md = (out / "latest.md").read_text()
    assert "| target | limit | measured | met |" in md
    # One table line per row and per target.
    assert md.count("\n| ") == len(data["rows"]) + len(data["targets"]) + 2
    assert md in proc.stdout


def test_unknown_section_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, str(RUN), "--only", "nope", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "unknown section" in proc.stderr
