"""Projects in tests: the store's project index as text (the format projindex.py writes
and the shells read) and project directories beside a box's store."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_HEADER = "# envman project index 1\n"


def read_index(store: Path) -> str:
    return (store / ".envman" / "projects").read_text(encoding="utf-8")


def write_index(store: Path, entries: list[tuple[Path, str]]) -> None:
    """An index as projindex writes it (atomically), for tests that set one up by hand."""
    state = store / ".envman"
    state.mkdir(exist_ok=True)
    tmp = state / "projects.tmp"
    tmp.write_text(INDEX_HEADER + "".join(f"{d}\t{n}\n" for d, n in entries))
    os.replace(tmp, state / "projects")


def make_project_dir(root: Path, name: str, parent: str = "projects") -> Path:
    path = root / parent / name
    path.mkdir(parents=True)
    return path
