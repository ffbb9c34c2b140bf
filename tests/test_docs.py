"""The documentation cannot drift from the program: docs/commands.md and the man page
are generated from the CLI's help (docs/generate.py) and must be up to date; the README
stays one page and starts with the quick start; the benchmark writer only touches its
own part of docs/performance.md."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from tests.support import require_program

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_up_to_date():
    generate = _load(ROOT / "docs" / "generate.py", "docs_generate")
    stale = generate.stale_files()
    assert not stale, (f"stale: {', '.join(p.name for p in stale)}; "
                       "run `python docs/generate.py` and commit the result")


def test_commands_md_covers_every_command():
    from envman.cli import app

    tree = app.click_command()
    text = (ROOT / "docs" / "commands.md").read_text()
    for name, command in tree.commands.items():
        assert f"## envman {name}\n" in text or hasattr(command, "commands")
        for sub in getattr(command, "commands", {}):
            assert f"## envman {name} {sub}\n" in text


def test_readme_is_one_page_and_starts_with_the_quick_start():
    text = README.read_text()
    assert len(text.splitlines()) <= 200
    # The quick start is the first two code blocks, each one command after the marker
    # .ci/run reads it by, so CI runs exactly what users read.
    blocks = re.findall(r"(<!-- ci: ([a-z-]+) -->\n)?```sh\n(.*?)```", text, re.S)
    assert [(b[1], len(b[2].splitlines())) for b in blocks[:2]] == [
        ("quick-start", 1), ("test-command", 1)]
    assert "pytest" in blocks[1][2]
    run = (ROOT / ".ci" / "run").read_text()
    assert "readme_command quick-start" in run and "readme_command test-command" in run
    assert "compinit" in text  # zsh completion needs it: the rc table says so


def test_readme_and_docs_links_point_at_files():
    for doc in [README, *(ROOT / "docs").glob("*.md"), ROOT / "CONTRIBUTING.md"]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text()):
            path = (doc.parent / target).resolve()
            assert path.exists(), f"{doc.name} links to {target}, which does not exist"


def test_man_page_renders():
    man = require_program("man")
    proc = subprocess.run([man, "-l", str(ROOT / "docs" / "envman.1")], capture_output=True,
                          text=True, env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin",
                                          "MANPAGER": "cat", "PAGER": "cat", "LANG": "C.UTF-8"},
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.lower(), proc.stderr
    assert "envman rm [OPTIONS] NAME..." in proc.stdout
    assert "EXIT STATUS" in proc.stdout


def test_benchmark_report_rewrites_only_its_tables(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        report = _load(ROOT / "benchmarks" / "_report.py", "bench_report")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    doc = tmp_path / "performance.md"
    doc.write_text(f"# intro\n\n{report.BEGIN}\nold tables\n{report.END}\n\nnotes\n")
    meta = {"date": "D", "command": "C", "seconds": 1, "versions": {},
            "machine": {"nproc": 2, "cpu": "CPU", "os": "OS", "load": [0.5, 0.5, 0.5]}}
    report.update_doc(report.markdown(meta, [], []), doc)
    text = doc.read_text()
    assert text.startswith("# intro\n\n") and text.endswith(f"{report.END}\n\nnotes\n")
    assert "old tables" not in text and "on 2 CPUs (CPU), OS" in text
