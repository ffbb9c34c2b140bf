"""Helpers for the lifecycle tests: an editable project that installs offline.

A pyproject.toml whose build backend is a 40-line module inside the project itself
(``backend-path``), with no build requirements: uv and pip build it without any
network (hatchling or setuptools would have to be downloaded first).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def registry(sandbox) -> dict:
    return tomllib.loads((sandbox.store / ".envman" / "registry.toml").read_text())["envs"]


def wheel(wheels: Path, project: str, version: str = "") -> Path:
    """The tiny local wheel of envman-demo-``project`` (``version``: any when empty)."""
    return next(wheels.glob(f"envman_demo_{project}-{version or '*'}-*.whl"))


def wait_for(path: Path, proc: subprocess.Popen, seconds: float = 30) -> bool:
    """Wait until ``path`` exists (a marker the child writes) or the child exits."""
    deadline = time.monotonic() + seconds
    while not path.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.exists()


BACKEND = '''
import base64, hashlib, os, zipfile

NAME, VERSION = "envman-edit", "0.1"
HERE = os.path.dirname(os.path.abspath(__file__))
DIST = "envman_edit-" + VERSION + ".dist-info"


def _wheel(directory, files):
    files[DIST + "/METADATA"] = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (NAME, VERSION)
    files[DIST + "/WHEEL"] = ("Wheel-Version: 1.0\\nGenerator: tests\\nRoot-Is-Purelib: true\\n"
                              "Tag: py3-none-any\\n")
    files[DIST + "/entry_points.txt"] = "[console_scripts]\\nedit-tool = envman_edit:main\\n"
    name = "envman_edit-%s-py3-none-any.whl" % VERSION
    record = []
    with zipfile.ZipFile(os.path.join(directory, name), "w") as zf:
        for arc, text in files.items():
            data = text.encode()
            zf.writestr(arc, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arc, digest, len(data)))
        record.append(DIST + "/RECORD,,")
        zf.writestr(DIST + "/RECORD", "\\n".join(record) + "\\n")
    return name


def get_requires_for_build_wheel(config_settings=None):
    return []


get_requires_for_build_editable = get_requires_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with open(os.path.join(HERE, "envman_edit.py")) as fh:
        return _wheel(wheel_directory, {"envman_edit.py": fh.read()})


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, {"envman_edit.pth": HERE + "\\n"})
'''


def make_editable_project(root: Path, message: str = "edit-tool works") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = []\nbuild-backend = "editback"\nbackend-path = ["."]\n')
    (root / "editback.py").write_text(BACKEND)
    (root / "envman_edit.py").write_text(f"def main():\n    print({message!r})\n")
    return root


def installed(env: Path) -> dict[str, str]:
    """name -> version, as the env's own pip reports it."""
    out = subprocess.run([env / "bin" / "python", "-m", "pip", "list", "--format=freeze",
                          "--disable-pip-version-check"], capture_output=True, text=True, check=True)
    pairs = (line.split("==") for line in out.stdout.split() if "==" in line)
    return {name.lower(): version for name, version in pairs}
