"""storeroot.py spells paths as pathlib does without importing it (the fast path's
`envman path NAME`): its text must be pathlib's for every input, and the store root it
computes must be store.py's."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from envman import storeroot
from envman.errors import UsageError
from envman.store import store_root

# Slashes, dots and a few letters: the parts pathlib treats specially, densely mixed.
PATHS = st.text(alphabet="/.ab~", max_size=12)


@given(PATHS)
def test_pathlib_text_is_pathlibs_spelling(value):
    assert storeroot.pathlib_text(value) == str(PurePosixPath(value))


@given(PATHS, PATHS)
def test_join_text_is_pathlibs_join(base, child):
    assert storeroot.join_text(base, child) == str(PurePosixPath(base) / child)


@pytest.mark.parametrize("home, workon_home", [
    ("/home/u", None), ("/home/u/", None), ("//home//u/", None), ("/", None),
    ("/home/u", "/srv//envs/"), ("/home/u", "envs/./x"), ("/home/u", "~/e/../f"),
    ("/home/u", "."), ("/home/u", "//net/envs"), ("/home/u", "/"), ("/home/u", ""),
])
def test_store_root_text_is_store_roots(monkeypatch, home, workon_home):
    monkeypatch.setenv("HOME", home)
    if workon_home is None:
        monkeypatch.delenv("WORKON_HOME", raising=False)
    else:
        monkeypatch.setenv("WORKON_HOME", workon_home)
    text = storeroot.store_root_text()
    assert text == str(store_root())
    # the rule as it was written with pathlib before storeroot.py
    home_path = Path(os.path.expanduser("~"))
    if not workon_home:
        expected = home_path / ".virtualenvs"
    else:
        value = Path(os.path.expanduser(workon_home))
        expected = value if value.is_absolute() else home_path / value
    assert text == str(expected)


def test_store_root_text_refuses_control_characters(monkeypatch):
    monkeypatch.setenv("WORKON_HOME", "/tmp/a\nb")
    with pytest.raises(UsageError, match="control character"):
        storeroot.store_root_text()


def test_is_env_dir_takes_text_and_paths(tmp_path):
    (tmp_path / "env").mkdir()
    assert not storeroot.is_env_dir(str(tmp_path / "env"))
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert storeroot.is_env_dir(str(tmp_path / "env")) and storeroot.is_env_dir(tmp_path / "env")
