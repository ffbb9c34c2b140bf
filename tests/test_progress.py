"""The spinner `new`, `cp`, `upgrade`... show on a terminal (cli/render.py's
progress_reporter): it appears only once the work has taken SPINNER_DELAY, so quick
commands never import rich for it (issue 8), and slow ones still show what is going on.

Each case runs in a fresh interpreter whose stderr is a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

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


def _run(factor: float) -> tuple[str, str]:
    """stdout of the probe, and what it showed on the terminal."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    proc = subprocess.Popen([sys.executable, "-c", PROBE, str(slave), str(factor)],
                            stdout=subprocess.PIPE, text=True, env=env, pass_fds=(slave,))
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    out = proc.communicate(timeout=30)[0]
    os.close(master)
    assert proc.returncode == 0
    return out.strip(), shown.decode(errors="replace")


def test_slow_work_shows_the_spinner_and_its_steps():
    out, shown = _run(3)  # each step lasts 3x the delay
    assert out == "True"
    assert "second step" in shown


def test_quick_work_shows_nothing_and_never_imports_rich():
    out, shown = _run(0)
    assert out == "False"
    assert "step" not in shown
