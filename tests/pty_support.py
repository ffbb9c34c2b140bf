"""Reading a pseudo-terminal with a deadline: one reader for every test that runs
something on a pty (a hung child fails the test, it never hangs the suite)."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable


def child_exited(pid: int) -> Callable[[], bool]:
    """For read_pty's ``exited``: has child ``pid`` (from pty.fork) exited? It is left
    unreaped, so the caller's os.waitpid still gets its status."""
    def exited() -> bool:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    return exited


def read_pty(fd: int, seconds: float, *, until: bytes | None = None,
             exited: Callable[[], bool] | None = None,
             answer: tuple[bytes, bytes] | None = None, shown: bytes = b"") -> bytes:
    """What the terminal ``fd`` shows, appended to ``shown`` (read before), until the
    other side closes it, until ``until`` is in it, or until ``exited()`` says the child
    is gone and nothing is left to read. ``answer`` = (prompt, reply): type reply once,
    when prompt shows. Fails the test if none of that happens within ``seconds``."""
    deadline = time.monotonic() + seconds
    answered = answer is None
    while True:
        if until is not None and until in shown:
            return shown
        left = deadline - time.monotonic()
        assert left > 0, f"the terminal never finished in {seconds}s; it showed: {shown!r}"
        ready, _, _ = select.select([fd], [], [], min(left, 0.1))
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the other side closed the terminal
                return shown
            if not chunk:
                return shown
            shown += chunk
            if not answered and answer[0] in shown:
                os.write(fd, answer[1])
                answered = True
        elif exited is not None and exited():
            return shown
