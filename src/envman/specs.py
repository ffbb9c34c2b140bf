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

Each package line is a PEP 508 requirement, parsed by ``packaging``, that names exactly
one version: pinned with ``==`` or ``===`` (extras and markers allowed), or a direct
reference ``name @ url``. Anything looser would make import rebuild a different env.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion

from . import backends, packages
from .core import CreateOptions, EnvStatus, check_name_free, create_env
from .errors import EnvmanError, UsageError
from .lifecycle import read_source
from .pythons import resolve
from .store import Store

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPEC_VERSION = 1


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


def read_toml_file(file: str, what: str) -> dict:
    """The TOML document in ``file`` (a ``what``: "spec file", "lock file"), or a
    UsageError saying why it cannot be read."""
    path = Path(file).expanduser()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{what} {file!r} does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {file!r} is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {what} {file!r}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{what} {file!r} is not valid TOML: {exc}") from None


def read_spec(file: str) -> dict:
    data = read_toml_file(file, "spec file")
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
        parse_package_line(line, file)
    types = (("python", str), ("name", str), ("system-site-packages", bool), ("pip", bool))
    for key, kind in types:
        if key in data and not isinstance(data[key], kind):
            raise UsageError(f"{file!r}: {key!r} must be a {kind.__name__}")
    return data


def import_spec(store: Store, file: str, name: str | None, python: str | None = None,
                find_links: Sequence[str] = (),
                progress: Callable[[str], None] = lambda _: None) -> EnvStatus:
    from . import pylock

    if pylock.looks_like_lock(file):  # a PEP 751 lock: installed with hash checking
        return pylock.import_lock(store, file, name, python, progress)
    spec = read_spec(file)
    name = name or spec.get("name")
    if not name:
        raise UsageError(f"{file!r} names no environment", "give a NAME")
    name = store.new_name(name)
    check_name_free(store, name)
    links = []
    for link in find_links:
        if not Path(link).expanduser().is_dir():
            raise UsageError(f"--find-links {link!r} is not a directory")
        links.append(str(Path(link).expanduser().resolve()))
    interp = resolve(python or spec.get("python"))
    lines = list(spec.get("packages", []))
    # What the new env must hold afterwards: every pinned line that applies to its Python
    # (a line whose marker is false for it, e.g. `; python_version < "3.11"`, installs
    # nothing). Direct references are checked by the installer itself.
    pins = [req for req in (parse_package_line(line, file) for line in lines)
            if not req.url and applies_to(req, interp.version)]

    def populate(path: Path) -> None:
        fresh = packages.snapshot(path)
        # The backend's seeds (pip, ...) are kept at the versions it installed.
        wanted = [ln for ln in lines if not _seed_present(ln, fresh)]
        extra = [arg for link in links for arg in ("--find-links", link)]
        backends.install(path, wanted, backend="uv", extra_args=extra, progress=progress)
        got = packages.snapshot(path)
        wrong = [str(req) for req in pins if not _satisfied(req, got)]
        if wrong:
            raise EnvmanError(f"the imported environment lacks {', '.join(wrong)}")

    opts = CreateOptions(
        python=interp.executable, system_site_packages=bool(spec.get("system-site-packages")),
        with_pip=bool(spec.get("pip", True)), after_build=populate,
    )
    return create_env(store, name, opts, progress)


def parse_package_line(line: str, file: str) -> Requirement:
    """One ``packages`` line as a requirement naming exactly one version; a line that is
    not one is a UsageError saying which line and why, on one line."""
    try:
        req = Requirement(line)
    except InvalidRequirement as exc:
        reason = str(exc).splitlines()[0]
        raise UsageError(f"{file!r}: {line!r} is not a valid requirement: {reason}") from None
    if req.url:
        return req
    pinned = [s for s in req.specifier if s.operator in ("==", "===") and "*" not in s.version]
    if len(req.specifier) != 1 or not pinned:
        raise UsageError(f"{file!r}: {line!r} does not pin one version",
                         "write 'name==version' or 'name @ url'")
    return req


def applies_to(req: Requirement, python_version: str) -> bool:
    """Whether ``req``'s marker holds for an env on Python ``python_version`` (X.Y.Z) on
    this machine (the other marker variables are this machine's)."""
    if req.marker is None:
        return True
    major_minor = ".".join(python_version.split(".")[:2])
    return req.marker.evaluate({"python_version": major_minor,
                                "python_full_version": python_version})


def _satisfied(req: Requirement, installed: dict) -> bool:
    key = canonicalize_name(req.name)
    if key in packages.SEEDS:
        return True  # the backend's seeds stay at the versions it installed
    item = installed.get(key)
    if item is None:
        return False
    try:
        return req.specifier.contains(item.version, prereleases=True)
    except InvalidVersion:  # a pre-PEP 440 version string: only `===` can name it
        return any(s.operator == "===" and s.version == item.version for s in req.specifier)


def _seed_present(line: str, fresh: dict) -> bool:
    key = canonicalize_name(Requirement(line).name)
    return key in packages.SEEDS and key in fresh
