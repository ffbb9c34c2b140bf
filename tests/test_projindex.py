"""The project index (<store>/.envman/projects): its exact format, rebuilt after every
change of a project through the real CLI, reported stale or missing by doctor and
rebuilt by doctor --fix, never written through a link."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.projects import INDEX_HEADER, make_project_dir, read_index


def test_format_and_every_project_change(sandbox):
    p1, p2 = make_project_dir(sandbox.root, "one"), make_project_dir(sandbox.root, "two words")
    sandbox.ok("new", "--no-pip", "-a", str(p1), "a1")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n"
    sandbox.ok("new", "--no-pip", "b1")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n"  # an env without a project: no line
    sandbox.ok("project", "set", "b1", str(p2))
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n{p2}\tb1\n"
    sandbox.ok("project", "set", "b1", str(p1))  # two envs, one directory: both listed
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n{p1}\tb1\n"
    sandbox.ok("rm", "-y", "a1")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\tb1\n"
    sandbox.ok("doctor")  # in step with the .project files: nothing to report


@pytest.mark.slow
def test_mv_and_cp_carry_the_project_into_the_index(sandbox):
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.ok("new", "--no-pip", "-a", str(p1), "a1")
    sandbox.ok("mv", "a1", "a2")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta2\n"
    sandbox.ok("cp", "a2", "a3")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta2\n{p1}\ta3\n"


def test_project_new_is_indexed(sandbox):
    home = sandbox.root / "projects"
    home.mkdir()
    sandbox.ok("project", "new", "--no-pip", "web", env={"PROJECT_HOME": str(home)})
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{home / 'web'}\tweb\n"


def test_adopted_env_with_a_project_file_is_indexed(sandbox):
    """A virtualenvwrapper env made by hand, with its .project: the next transaction
    (here `envman adopt`) indexes it."""
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.store.mkdir()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(sandbox.store / "vw")],
                   check=True)
    (sandbox.store / "vw" / ".project").write_text(f"{p1}\n")
    sandbox.ok("adopt", "vw")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\tvw\n"


def test_unusable_project_paths_are_left_out(sandbox):
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.ok("new", "--no-pip", "a1")
    sandbox.ok("new", "--no-pip", "-a", str(p1), "b1")
    (sandbox.store / "a1" / ".project").write_text("relative/dir\n")
    sandbox.run("doctor", "--fix")  # exits 1: a1's project directory does not exist
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\tb1\n"


@pytest.mark.parametrize("damage", ["missing", "stale"])
def test_doctor_reports_then_fix_rebuilds(sandbox, damage):
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.ok("new", "--no-pip", "-a", str(p1), "a1")
    path = sandbox.store / ".envman" / "projects"
    good = path.read_bytes()
    if damage == "missing":
        path.unlink()
    else:
        path.write_text(f"{INDEX_HEADER}/elsewhere\ta1\n")
    before = sandbox.snapshot()
    proc = sandbox.run("doctor", "--json")
    assert proc.returncode == 1
    kinds = [f["kind"] for f in json.loads(proc.stdout)["findings"]]
    assert kinds == [f"project-index-{damage}"]
    assert sandbox.snapshot() == before  # checking changes nothing
    sandbox.ok("doctor", "--fix")
    assert path.read_bytes() == good
    sandbox.ok("doctor")


def test_no_index_needed_without_projects(sandbox):
    sandbox.ok("new", "--no-pip", "a1")
    path = sandbox.store / ".envman" / "projects"
    path.unlink()
    sandbox.ok("doctor")  # nothing to index: absent is fine


def test_a_link_in_place_of_the_index_is_never_written_through(sandbox):
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.ok("new", "--no-pip", "a1")
    victim = sandbox.root / "victim"
    victim.write_text("keep me\n")
    path = sandbox.store / ".envman" / "projects"
    path.unlink()
    os.symlink(victim, path)
    proc = sandbox.run("project", "set", "a1", str(p1))
    assert proc.returncode == 0  # the project change stands; the index is reported
    assert "project index" in proc.stderr
    assert victim.read_text() == "keep me\n" and path.is_symlink()
    proc = sandbox.run("doctor", "--fix")
    assert proc.returncode == 1
    assert "symbolic link" in proc.stdout
    assert victim.read_text() == "keep me\n"


def test_rm_then_restore_from_the_trash(sandbox):
    p1 = make_project_dir(sandbox.root, "one")
    sandbox.ok("new", "--no-pip", "-a", str(p1), "a1")
    p1.rmdir()  # an orphaned env: prune moves it to the trash
    sandbox.ok("prune", "--orphaned", "--yes")
    assert not (sandbox.store / "a1").exists()
    assert read_index(sandbox.store) == INDEX_HEADER
    sandbox.ok("restore", "a1")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n"


def test_hostile_project_directory(sandbox):
    from tests.support import HOSTILE

    p1 = make_project_dir(sandbox.root, HOSTILE)
    sandbox.ok("new", "--no-pip", "-a", str(p1), "a1")
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n"
    sandbox.ok("link", "a1", str(p1))
    assert read_index(sandbox.store) == f"{INDEX_HEADER}{p1}\ta1\n"
    sandbox.ok("doctor")
