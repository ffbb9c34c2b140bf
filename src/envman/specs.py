"""export and import: an env as a small, portable TOML spec.

    envman-spec = 1
    name = "web"
    python = "3.12"
    system-site-packages = false
    pip = true
    packages = ["envman-demo-a==1.0", "tool @ git+https://host/tool@<commit>"]

No machine paths: packages installed from a local file or directory (editable ones
too) are written as ``name==version``; import finds them on the index or in the
``--find-links`` directories given to it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Sequence

from . import backends, packages
from .core import CreateOptions, EnvStatus, check_name_free, create_env
from .errors import EnvmanError, UsageError
from .lifecycle import read_source
from .names import validate_name
from .pythons import resolve
from .store import Store

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPEC_VERSION = 1
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;]+)\s*$")
_DIRECT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*\S+")


def export_spec(store: Store, name: str) -> str:
    import tomli_w

    src = read_source(store, name)
    spec = {
        "envman-spec": SPEC_VERSION,
        "name": name,
        "python": src.major_minor,
        "system-site-packages": src.system_site_packages,
        "pip": src.with_pip,
        "packages": sorted((item.portable() for item in src.packages.values()), key=str.lower),
    }
    return tomli_w.dumps(spec)


def read_spec(file: str) -> dict:
    path = Path(file).expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"spec file {file!r} does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"spec file {file!r} is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read spec file {file!r}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"spec file {file!r} is not valid TOML: {exc}") from None
    version = data.get("envman-spec")
    if not isinstance(version, int):
        raise UsageError(f"{file!r} is not an envman spec (no 'envman-spec' key)",
                         "make one with 'envman export NAME -o FILE'")
    if version > SPEC_VERSION:
        raise UsageError(f"{file!r} uses spec version {version}, newer than this envman's",
                         "upgrade envman")
    pkgs = data.get("packages", [])
    if not isinstance(pkgs, list) or not all(isinstance(p, str) for p in pkgs):
        raise UsageError(f"{file!r}: 'packages' must be a list of requirement strings")
    for line in pkgs:
        if not (_PIN.match(line) or _DIRECT.match(line)):
            raise UsageError(f"{file!r}: {line!r} is not 'name==version' or 'name @ url'")
    for key, kind in (("python", str), ("name", str), ("system-site-packages", bool), ("pip", bool)):
        if key in data and not isinstance(data[key], kind):
            raise UsageError(f"{file!r}: {key!r} must be a {kind.__name__}")
    return data


def import_spec(store: Store, file: str, name: str | None, python: str | None = None,
                find_links: Sequence[str] = (), progress=lambda _: None) -> EnvStatus:  # noqa: ANN001
    from . import pylock

    if pylock.looks_like_lock(file):  # a PEP 751 lock: installed with hash checking
        return pylock.import_lock(store, file, name, python, progress)
    spec = read_spec(file)
    name = name or spec.get("name")
    if not name:
        raise UsageError(f"{file!r} names no environment", "give a NAME")
    validate_name(name)
    check_name_free(store, name)
    links = []
    for link in find_links:
        if not Path(link).expanduser().is_dir():
            raise UsageError(f"--find-links {link!r} is not a directory")
        links.append(str(Path(link).expanduser().resolve()))
    interp = resolve(python or spec.get("python"))
    lines = list(spec.get("packages", []))
    pins = {packages.canonical(m.group(1)): m.group(2)
            for m in map(_PIN.match, lines) if m}

    def populate(path: Path) -> None:
        fresh = packages.snapshot(path)
        # The backend's seeds (pip, ...) are kept at the versions it installed.
        wanted = [ln for ln in lines if not _seed_present(ln, fresh)]
        extra = [arg for link in links for arg in ("--find-links", link)]
        backends.install(path, wanted, backend="uv", extra_args=extra, progress=progress)
        got = packages.snapshot(path)
        wrong = [f"{k}=={v}" for k, v in pins.items()
                 if k not in packages.SEEDS and (k not in got or got[k].version != v)]
        if wrong:
            raise EnvmanError(f"the imported environment lacks {', '.join(wrong)}")

    opts = CreateOptions(
        python=interp.executable, system_site_packages=bool(spec.get("system-site-packages")),
        with_pip=bool(spec.get("pip", True)), after_build=populate,
    )
    return create_env(store, name, opts, progress)


def _seed_present(line: str, fresh: dict) -> bool:
    match = _PIN.match(line) or _DIRECT.match(line)
    key = packages.canonical(match.group(1)) if match else ""
    return key in packages.SEEDS and key in fresh
