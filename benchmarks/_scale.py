"""The scaling benchmark's parts: stores of cheap fake envs, a command on a terminal,
process counts under strace, and the growth check of figures across store sizes.

A fake env is what listing, completion and ``workon`` look at, written directly (no
venv module, no copy): ``pyvenv.cfg`` naming the real base interpreter, ``bin/activate``
and ``bin/activate.fish`` made from a real venv's scripts with the env's own path, and a
``bin/python`` that is a two-line shell script printing the base's version (``doctor``
runs every env's python once; a stub keeps that to a cheap process, so the figures show
envman's own work per env, not 10,000 Python start-ups).
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _timing import Unavailable, _children_cpu, _last_line

UNIQUE = "zunique-env"  # one env per store whose prefix "zuni" matches nothing else


def env_name(i: int) -> str:
    return f"env{i:05d}"


def _template(python: str, root: Path, env: dict) -> dict[str, str]:
    """The files of a real venv (made once, without pip) that a fake env copies."""
    tpl = root / "scale-template"
    if not (tpl / "pyvenv.cfg").exists():
        subprocess.run([python, "-m", "venv", "--without-pip", str(tpl)], check=True, env=env)
    files = {name: (tpl / name).read_text() for name in
             ("pyvenv.cfg", "bin/activate", "bin/activate.fish")}
    version = subprocess.run([str(tpl / "bin" / "python"), "-c",
                              "import platform; print(platform.python_version())"],
                             check=True, capture_output=True, text=True, env=env).stdout.strip()
    files["bin/python"] = f"#!/bin/sh\necho {version}\n"
    files["__path__"] = str(tpl)
    return files


def fill_fake_store(python: str, root: Path, store: Path, count: int, env: dict,
                    adopt: Callable[[Path], None]) -> None:
    """``count`` fake envs env00001.. plus ``UNIQUE`` in ``store`` (kept between runs:
    only the missing ones are written), then ``adopt(store)`` registers them."""
    tpl = _template(python, root, env)
    tpl_path, tpl_name = tpl.pop("__path__"), "scale-template"
    store.mkdir(parents=True, exist_ok=True)
    have = set(os.listdir(store))
    names = [env_name(i) for i in range(1, count + 1)] + [UNIQUE]
    new = False
    for name in names:
        if name in have:
            continue
        new = True
        path = store / name
        os.makedirs(path / "bin")
        for rel, text in tpl.items():
            text = text.replace(tpl_path, str(path)).replace(f"({tpl_name})", f"({name})")
            with open(path / rel, "w") as fh:
                fh.write(text)
        os.chmod(path / "bin" / "python", 0o755)
    if new or not (store / ".envman").exists():
        adopt(store)


# -- a command on a terminal ----------------------------------------------------------------
def tty_ms(argv: list[str], env: dict, columns: int = 120,
           ) -> Callable[[], tuple[float, float]]:
    """A variant like _timing.wall_ms, with stdout and stderr on a pseudo-terminal
    (``columns`` wide) whose output is read as it comes, as a terminal would."""
    import fcntl
    import termios

    def run() -> tuple[float, float]:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        c0 = _children_cpu()
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, env={**env, "COLUMNS": str(columns)},
                                    stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                                    close_fds=True)
        finally:
            os.close(slave)
        tail = b""
        try:
            while True:
                ready, _, _ = select.select([master], [], [], 60)
                if not ready:
                    proc.kill()
                    raise Unavailable(f"`{' '.join(argv[-3:])}` on a terminal: no output "
                                      "for 60 s")
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the last writer closed the terminal
                    break
                if not chunk:
                    break
                tail = (tail + chunk)[-400:]
            rc = proc.wait()
        finally:
            os.close(master)
        elapsed = (time.perf_counter() - t0) * 1000
        cpu = _children_cpu() - c0
        if rc != 0:
            raise Unavailable(f"`{' '.join(argv[-3:])}` on a terminal exited {rc}: "
                              f"{_last_line(tail.decode(errors='replace'), '')}")
        return elapsed, cpu
    return run


# -- processes started by shell code ----------------------------------------------------------
_PROC_CALL = re.compile(r"^\d+\s+(?:\d\d:\d\d:\d\d(?:\.\d+)?\s+)?(execve|fork|vfork|clone3?)\(")


def _proc_calls(log: str) -> int:
    """Process creations (fork/vfork/clone without CLONE_THREAD, execve) in an strace log."""
    n = 0
    with open(log, errors="replace") as fh:
        for line in fh:
            m = _PROC_CALL.match(line)
            if m and not (m.group(1).startswith("clone") and "CLONE_THREAD" in line):
                n += 1
    return n


def processes_started(shell: str, setup: str, op: str, n: int, env: dict, cwd: str) -> int:
    """How many processes ``n`` runs of ``op`` start in ``shell`` (bash or zsh) after
    ``setup``: an strace'd script with the ops minus the same script without them."""
    if not shutil.which("strace"):
        raise Unavailable("strace not installed")
    if not shutil.which(shell):
        raise Unavailable(f"{shell} not installed")
    counts = []
    with tempfile.TemporaryDirectory() as tmp:
        for reps in (0, n):
            script, log = os.path.join(tmp, f"s{reps}"), os.path.join(tmp, f"log{reps}")
            with open(script, "w") as fh:
                fh.write(f"{setup}\n")
                fh.write("".join(f"{op}\n" for _ in range(reps)))
            argv = (["bash", "--norc", "--noprofile", script] if shell == "bash"
                    else ["zsh", "-f", script])
            proc = subprocess.run(["strace", "-f", "-qq", "-o", log,
                                   "-e", "trace=execve,fork,vfork,clone,clone3", *argv],
                                  env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=300)
            if not os.path.exists(log) or "PTRACE" in proc.stderr or (
                    proc.returncode != 0 and "strace:" in proc.stderr):
                raise Unavailable(f"strace failed: {_last_line(proc.stderr, 'no log')}")
            counts.append(_proc_calls(log))
    return counts[1] - counts[0]


# -- growth across store sizes ----------------------------------------------------------------
def growth(values: dict[int, float], rule: str, tolerance_ms: float) -> tuple[bool | None, str]:
    """Whether ``values`` (ms at each store size) grow as ``rule`` allows.

    ``flat``: the largest store costs at most the median of the smaller stores' figures
    plus ``tolerance_ms`` or 25 % of it (noise), whichever is more.
    ``linear``: from each size to the next the figure grows at most as much as the store
    does, with a factor 2 for noise (a cost that grows with the square of the store grows
    100x from 1000 to 10,000 envs, a linear one at most 10x); a figure below
    ``tolerance_ms`` counts as ``tolerance_ms``. The cost per added env between sizes is
    reported alongside.
    Returns (verdict or None if it cannot be told, how it was judged)."""
    sizes = sorted(n for n, v in values.items() if v is not None)
    if len(sizes) < 2:
        return None, "fewer than two store sizes measured"
    hi = sizes[-1]
    if rule == "flat":
        smaller = sorted(values[n] for n in sizes[:-1])
        mid = len(smaller) // 2
        base = smaller[mid] if len(smaller) % 2 else (smaller[mid - 1] + smaller[mid]) / 2
        allowed = base + max(tolerance_ms, 0.25 * abs(base))
        return values[hi] <= allowed, f"{_f(values[hi])} at {hi:,} vs ≤ {_f(allowed)} allowed"
    ok, worst, slopes = True, 0.0, []
    for a, b in zip(sizes, sizes[1:], strict=False):
        growth_ab = max(values[b], tolerance_ms) / max(values[a], tolerance_ms)
        worst = max(worst, growth_ab / (b / a))
        ok = ok and growth_ab <= 2 * b / a
        slopes.append(f"{(values[b] - values[a]) / (b - a) * 1000:.2f}")
    return ok, (f"{' then '.join(slopes)} µs per added env; at most {worst:.2f}x as fast "
                "as the store (≤ 2 allowed)")


def _f(ms: float) -> str:
    return f"{ms:.1f} ms" if abs(ms) >= 10 else f"{ms:.2f} ms"
