"""locks.file_lock takes flock itself (no filelock package): the lock file is made if
absent and kept, never opened through a symlink; a lock another process holds makes the
caller wait, call give_up between attempts and report the store busy at the deadline;
the lock is released when the holder leaves the block or dies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from envman.errors import EnvmanError, StoreBusy
from envman.locks import file_lock, lock_held


def _holder(path: Path) -> subprocess.Popen:
    code = ("import sys, time\nfrom pathlib import Path\nfrom envman.locks import file_lock\n"
            "with file_lock(Path(sys.argv[1]), 'test'):\n"
            "    print('held', flush=True)\n    time.sleep(300)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_the_lock_file_is_made_held_and_kept(tmp_path):
    path = tmp_path / "x.lock"
    with file_lock(path, "x"):
        assert path.is_file() and lock_held(path)
    assert path.is_file() and not lock_held(path)
    assert path.stat().st_mode & 0o777 == 0o644 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_symlink_in_its_place_is_refused_and_its_target_never_made(tmp_path):
    target = tmp_path / "elsewhere"
    (tmp_path / "x.lock").symlink_to(target)
    with pytest.raises(EnvmanError, match="cannot lock"):
        with file_lock(tmp_path / "x.lock", "x"):
            pass
    assert not target.exists()


def test_a_held_lock_waits_calls_give_up_and_then_is_busy(tmp_path):
    path = tmp_path / "x.lock"
    proc = _holder(path)
    calls = []
    try:
        with pytest.raises(StoreBusy, match="x is busy"):
            with file_lock(path, "x", timeout=0.3, give_up=lambda: calls.append(1)):
                pass
        assert calls  # asked between attempts
        with pytest.raises(RuntimeError, match="stop"):
            with file_lock(path, "x", timeout=5, give_up=_stop):
                pass
    finally:
        proc.kill()
        proc.wait()
    # the kernel released the dead holder's lock
    with file_lock(path, "x", timeout=5):
        assert lock_held(path)


def _stop() -> None:
    raise RuntimeError("stop")


def test_the_lock_is_released_when_the_block_raises(tmp_path):
    path = tmp_path / "x.lock"
    with pytest.raises(ValueError):
        with file_lock(path, "x"):
            raise ValueError
    assert not lock_held(path)
