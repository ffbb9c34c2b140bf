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
    # (issue 21's table has a header too; the scale growth table is absent: no scale here)
    assert md.count("\n| ") == (len(data["rows"]) + len(data["targets"]) + len(data["goals"])
                                + 3)
    assert md in proc.stdout


def test_unknown_section_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, str(RUN), "--only", "nope", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "unknown section" in proc.stderr


def _load(name: str):
    """A module of benchmarks/ (they import each other by bare name)."""
    bench = str(RUN.parent)
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import importlib
    return importlib.import_module(name)


def test_scale_and_procs_sections_with_tiny_stores(tmp_path):
    """The scale section at three tiny sizes and the process counts run end to end: every
    size has its figures, the growth check judged every figure, issue 21's table has all
    its rows (with a verdict or the reason there is none), and a report goes into a doc
    between the markers. No figure is judged here."""
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--use-current", "--no-virtualenvwrapper",
         "--only", "scale,procs", "--scale-sizes", "3,6,9", "--workdir", str(tmp_path / "w"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "latest.json").read_text())
    assert [r for r in data["rows"] if r["case"] == "*"] == []
    by_key = {(r["section"], r["case"], r["variant"]): r for r in data["rows"]}
    for n in (3, 6, 9):
        for variant in ("python -c pass", "envman ls (piped)", "envman ls (terminal)",
                        "envman ls --json", "envman show env00001", "envman doctor",
                        "bash: workon <TAB> (all names)", "bash: workon zuni<TAB> (unique prefix)",
                        "bash: floor: compgen -W (all names)", "bash: workon NAME + deactivate",
                        "zsh: workon NAME + deactivate", "bash: start-up, envman rc line"):
            row = by_key[("scale", f"{n} envs", variant)]
            assert "median_ms" in row, row
    run = _load("run")
    growth = {g["what"]: g for g in data["growth"]}
    assert set(growth) == {label for label, _, _ in run.SCALE_GROWTH}
    for label in ("envman ls (piped), over python -c pass", "envman doctor, over python -c pass",
                  "bash: workon <TAB> (all names)", "bash: workon NAME + deactivate",
                  "bash: start-up added by the rc line"):
        assert set(growth[label]["values"]) == {"3", "6", "9"}, growth[label]
        assert growth[label]["met"] in (True, False)
    # Processes on the shell's hot paths were counted (whatever the count is).
    for shell in ("bash", "zsh"):
        assert "median_ms" in by_key[("procs", "load the rc line", shell)]
        assert "median_ms" in by_key[("procs", "a prompt, directory unchanged, auto mode on, "
                                               "every later call", shell)]
    # Every row of issue 21's table, measured or not, with a verdict or a reason.
    goals = [g["target"] for g in data["goals"]]
    for start in ("shell start-up added by the rc line (bash)",
                  "shell start-up added by the rc line (zsh)",
                  "shell start-up added by the rc line (fish)",
                  "`workon NAME` + `deactivate` in-shell (bash)",
                  "`workon NAME` + `deactivate` in-shell (zsh)",
                  "name completion, 1000 envs, prefix matching all of them (bash)",
                  "name completion, 1000 envs, unique prefix (bash)",
                  "`envman path bench1`", "`envman --version`",
                  "`envman ls (piped)`, 1000 envs", "`envman ls (terminal)`, 1000 envs",
                  "`envman new NAME` with pip",
                  "auto-activation, per prompt, directory unchanged (bash)",
                  "auto-activation, per prompt: processes started (bash)",
                  "first `workon` in a new shell", "first TAB in a new shell",
                  "first compatibility command in a new shell", "scale: "):
        assert any(g.startswith(start) for g in goals), start
    for g in data["goals"]:
        assert g["met"] is not None or g["reason"], g
    prompt = next(g for g in data["goals"]
                  if g["target"] == "auto-activation, per prompt: processes started (bash)")
    assert prompt["measured"] is not None
    md = (out / "latest.md").read_text()
    assert "| issue 21 target | floor (same run) | target | measured | met |" in md
    assert "| scale: figure (ms) | 3 envs | 6 envs | 9 envs |" in md
    assert "load average at the start" in md
    # The report code puts these tables into the performance doc between its markers.
    report = _load("_report")
    doc = tmp_path / "performance.md"
    doc.write_text(f"intro\n{report.BEGIN}\nold\n{report.END}\nafter\n")
    report.update_doc(report.markdown(data["meta"], data["targets"], data["rows"],
                                      data["goals"], data["growth"]), doc)
    text = doc.read_text()
    assert text.startswith("intro\n") and text.endswith(f"{report.END}\nafter\n")
    assert "old" not in text and "| issue 21 target |" in text and "| scale: figure" in text


def test_growth_rules():
    """The growth check on made-up figures (ms by store size)."""
    growth = _load("_scale").growth
    assert growth({10: 40.0, 100: 42.0, 1000: 60.0, 10000: 240.0}, "linear", 2.0)[0] is True
    assert growth({10: 0.8, 100: 0.7, 1000: 3.6}, "linear", 0.1)[0] is True
    quadratic = {10: 40.0, 100: 41.0, 1000: 60.0, 10000: 1940.0}
    assert growth(quadratic, "linear", 2.0)[0] is False
    assert growth({10: 1.0, 100: 1.05, 1000: 1.02, 10000: 1.1}, "flat", 0.1)[0] is True
    assert growth({10: 1.6, 100: 6.4, 1000: 4.4}, "flat", 0.3)[0] is True
    assert growth({10: 1.0, 100: 1.2, 1000: 2.0, 10000: 9.0}, "flat", 0.1)[0] is False
    assert growth({10: 1.0}, "flat", 0.1)[0] is None
    assert growth({10: 5.0, 100: 40.0}, "linear", 1.0)[0] is True


def test_alternation_puts_each_variant_first_half_the_time():
    """Of any two variants, each runs before the other in half the rounds: the start-up
    rows pair a bare shell with each rc line, and a plain rotation ran the bare shell
    first in 17-18 of 20 rounds, so an order effect would have landed in "adds X ms"."""
    alternate = _load("_timing")._alternate
    for count in (2, 3, 8):
        order: list[str] = []
        fns = {f"v{i}": (lambda name=f"v{i}", seen=order: seen.append(name))
               for i in range(count)}
        alternate(fns, 40, 0)
        rounds = [order[i * count:(i + 1) * count] for i in range(40)]
        assert all(sorted(r) == sorted(fns) for r in rounds)
        for a in fns:
            for b in fns:
                if a < b:
                    assert sum(r.index(a) < r.index(b) for r in rounds) == 20, (count, a, b)
