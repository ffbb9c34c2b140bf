"""fsutil.atomic_write's temp files (made without the tempfile module): beside the
target as ``.<name>.<8 hex>.tmp`` (the pattern doctor looks for), new and 0600 until the
rename, never through a symlink, and gone after a write or a failed one."""

from __future__ import annotations

import os
import re

import pytest

from envman import fsutil


def test_temp_file_name_mode_and_cleanup(tmp_path, monkeypatch):
    target = tmp_path / "registry.toml"
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((os.path.basename(src), os.stat(src).st_mode & 0o777))
        return real_replace(src, dst)

    fd, tmp = fsutil._mkstemp(target)
    os.close(fd)
    assert re.fullmatch(r"\.registry\.toml\.[0-9a-f]{8}\.tmp", os.path.basename(tmp))
    assert os.stat(tmp).st_mode & 0o777 == 0o600
    os.unlink(tmp)
    monkeypatch.setattr(fsutil.os, "replace", spy)
    fsutil.atomic_write(target, b"x = 1\n", mode=0o640)
    assert target.read_bytes() == b"x = 1\n" and target.stat().st_mode & 0o777 == 0o640
    assert len(seen) == 1 and seen[0][1] == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.toml"]


def test_a_taken_name_is_skipped_and_a_link_never_followed(tmp_path, monkeypatch):
    target = tmp_path / "f"
    names = iter([b"\x00\x00\x00\x01", b"\x00\x00\x00\x02"])
    monkeypatch.setattr(fsutil.os, "urandom", lambda n: next(names))
    (tmp_path / ".f.00000001.tmp").symlink_to(tmp_path / "outside")
    fd, tmp = fsutil._mkstemp(target)
    os.close(fd)
    assert os.path.basename(tmp) == ".f.00000002.tmp"
    assert not (tmp_path / "outside").exists()


def test_a_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def boom(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", boom)
    with pytest.raises(OSError):
        fsutil.atomic_write(tmp_path / "f", b"data")
    assert list(tmp_path.iterdir()) == []
