"""The one pseudo-terminal driver of the suite: a process on a pty, typed into and read
from. Every read and every wait has a deadline, so a hung child fails its test and never
hangs the suite; the child is killed and reaped when the test is done with it."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from collections.abc import Callable

# How long a terminal may take to show what a test waits for, unless the test says.
DEFAULT_SECONDS = 20


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


def child_exited(pid: int) -> Callable[[], bool]:
    """For read_pty's ``exited``: has child ``pid`` (from pty.fork) exited? It is left
    unreaped, so the caller's os.waitpid still gets its status."""
    def exited() -> bool:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    return exited


class Terminal:
    """A process on a pseudo-terminal. ``Terminal(argv, env, cwd)`` runs ``argv`` with
    the terminal as its controlling terminal and stdin, stdout and stderr (pty.fork: an
    interactive shell, Ctrl-C reaches it); ``Terminal.popen(start)`` lets ``start(fd)``
    start a subprocess.Popen that uses the terminal's other end ``fd`` for what it
    chooses (stderr only, say). Use it as a context manager, or call ``close()``."""

    def __init__(self, argv: list[str], env: dict, cwd: str | os.PathLike | None = None) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the program on the terminal
            try:
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self._setup(fd, pid=pid)

    @classmethod
    def popen(cls, start: Callable[[int], subprocess.Popen]) -> Terminal:
        master, slave = pty.openpty()
        try:
            proc = start(slave)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        term = cls.__new__(cls)
        term._setup(master, proc=proc)
        return term

    def _setup(self, fd: int, *, pid: int | None = None,
               proc: subprocess.Popen | None = None) -> None:
        self.fd = fd
        self.pid = pid if proc is None else proc.pid
        self.proc = proc
        self.output = b""  # shown but not yet consumed by wait_for
        self.shown = b""  # everything the terminal has shown
        self.status: int | None = None  # the exit code, once reaped
        self._closed = False

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the child -------------------------------------------------------------------
    def exited(self) -> bool:
        """Has the child exited? (It is left unreaped: wait() still gets its status.)"""
        if self.status is not None:
            return True
        if self.proc is not None:
            return self.proc.poll() is not None
        return child_exited(self.pid)()

    def wait(self, seconds: float = DEFAULT_SECONDS) -> int:
        """The child's exit code, once it exits; fails the test if it has not within
        ``seconds`` (the child is then killed by close())."""
        if self.status is not None:
            return self.status
        if self.proc is not None:
            try:
                self.status = self.proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"the program on the terminal did not exit in {seconds}s; "
                                     f"it showed: {self.shown!r}") from None
            return self.status
        deadline = time.monotonic() + seconds
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            assert time.monotonic() < deadline, (
                f"the program on the terminal did not exit in {seconds}s; it showed: {self.shown!r}")
            time.sleep(0.01)

    def close(self) -> None:
        """Kill the child if it still runs, reap it, close the terminal."""
        if self._closed:
            return
        self._closed = True
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
        elif self.status is None:  # unreaped: the pid is still this child's
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    # -- the terminal ----------------------------------------------------------------
    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def _read(self, seconds: float, **kw) -> None:
        before = len(self.output)
        self.output = read_pty(self.fd, seconds, shown=self.output, **kw)
        self.shown += self.output[before:]

    def wait_for(self, marker: str, timeout: float = DEFAULT_SECONDS) -> str:
        """What the terminal shows up to and including ``marker`` (what follows stays for
        the next wait); fails the test if ``marker`` has not come within ``timeout``."""
        needle = marker.encode()
        try:
            self._read(timeout, until=needle)
        except AssertionError:
            raise AssertionError(f"{marker!r} never came; output so far:\n"
                                 f"{self.output.decode(errors='replace')}") from None
        assert needle in self.output, (f"{marker!r} never came (the terminal closed); output "
                                       f"so far:\n{self.output.decode(errors='replace')}")
        end = self.output.index(needle) + len(needle)
        text, self.output = self.output[:end], self.output[end:]
        return text.decode(errors="replace")

    def read_to_end(self, seconds: float = DEFAULT_SECONDS, *,
                    answer: tuple[bytes, bytes] | None = None) -> bytes:
        """Everything shown from here until the child exits (or closes the terminal),
        typing ``answer`` = (prompt, reply) once when prompt shows; fails the test if
        the child is still going after ``seconds``."""
        self._read(seconds, exited=self.exited, answer=answer)
        text, self.output = self.output, b""
        return text
