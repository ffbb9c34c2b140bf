"""The spinner `new`, `cp`, `upgrade`... show on a terminal (cli/render.py's
progress_reporter): it appears only once the work has taken SPINNER_DELAY, so quick
commands never import rich for it, and slow ones still show what is going on. NO_COLOR
keeps it (without colour); a stderr that is not a terminal gets nothing. Commands that
work through many envs show a bar with counts (render.progress_bar).

Each case runs in a fresh interpreter whose stderr is a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.support import Terminal

PROBE = """
import os, sys, time
sys.stderr = os.fdopen(int(sys.argv[1]), "w", buffering=1)
from envman.cli.render import SPINNER_DELAY, progress_reporter
with progress_reporter() as progress:
    progress("quick step")
    time.sleep(float(sys.argv[2]) * SPINNER_DELAY)
    progress("second step")
    time.sleep(float(sys.argv[2]) * SPINNER_DELAY)
print("rich" in sys.modules)
"""


BAR_PROBE = """
import os, sys, time
sys.stderr = os.fdopen(int(sys.argv[1]), "w", buffering=1)
from envman.cli.render import progress_bar
with progress_bar(3, "upgrade") as bar:
    for name in ("one", "two", "three"):
        bar.step(name)
        time.sleep(float(sys.argv[2]))
        bar.advance()
print("done")
"""



def _run(factor: float, no_color: bool = False, probe: str = PROBE) -> tuple[str, str]:
    """stdout of the probe, and what it showed on the terminal."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    if no_color:
        env["NO_COLOR"] = "1"
    with Terminal.popen(lambda tty: subprocess.Popen(
            [sys.executable, "-c", probe, str(tty), str(factor)],
            stdout=subprocess.PIPE, text=True, env=env, pass_fds=(tty,))) as term:
        shown = term.read_to_end(30)
        out = term.proc.communicate(timeout=30)[0]
    assert term.proc.returncode == 0
    return out.strip(), shown.decode(errors="replace")


def test_slow_work_shows_the_spinner_and_its_steps():
    out, shown = _run(3)  # each step lasts 3x the delay
    assert out == "True"
    assert "second step" in shown


def test_quick_work_shows_nothing_and_never_imports_rich():
    out, shown = _run(0)
    assert out == "False"
    assert "step" not in shown


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[0-9;]+)m")


def test_no_color_keeps_the_spinner_without_colour():
    """NO_COLOR asks for no colour, not for no feedback (it used to turn the spinner
    off): the steps still show, in plain characters, with no colour codes."""
    out, shown = _run(3, no_color=True)
    assert out == "True"
    assert "second step" in shown
    assert not COLOUR.search(shown), repr(shown[:200])
    assert any(frame in shown for frame in "-\\|/")


def test_progress_bar_counts_envs_under_no_color():
    out, shown = _run(0.5, no_color=True, probe=BAR_PROBE)
    assert out == "done"
    assert "upgrade" in shown and re.search(r"[0-3]/3", shown), repr(shown[-300:])
    assert "two" in shown
    assert not COLOUR.search(shown)


def test_nothing_when_stderr_is_not_a_terminal():
    """A pipe or a file gets no spinner and no bar, whatever NO_COLOR says."""
    for probe in (PROBE, BAR_PROBE):
        proc = subprocess.run(
            [sys.executable, "-c", probe.replace("os.fdopen(int(sys.argv[1]), \"w\", buffering=1)",
                                                 "sys.stderr"), "0", "1"],
            capture_output=True, text=True, timeout=60,
            env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_all_shows_a_bar_with_counts_on_a_terminal(sandbox):
    """`envman all` through the real CLI, stderr on a pseudo-terminal, NO_COLOR set:
    the bar counts the envs done (stdout, a pipe, gets the commands' output only)."""
    for name in ("one", "two"):
        sandbox.ok("new", name, "--no-pip")
    env = dict(sandbox.env, NO_COLOR="1", TERM="xterm", COLUMNS="80")
    with Terminal.popen(lambda tty: subprocess.Popen(
            [sys.executable, "-m", "envman", "all", "--", sys.executable, "-c",
             "import time; time.sleep(0.5)"],
            stdout=subprocess.PIPE, stderr=tty, stdin=subprocess.DEVNULL, text=True,
            env=env)) as term:
        shown = term.read_to_end(60)
        out = term.proc.communicate(timeout=60)[0]
    assert term.proc.returncode == 0
    text = shown.decode(errors="replace")
    assert re.search(r"all .*[12]/2", text), repr(text[-300:])
    assert not COLOUR.search(text)
    assert out == "one\n===\n\ntwo\n===\n\n"
