"""Hashed locks: an env's exact package set as a PEP 751 ``pylock.toml``, and back.

Writing (``envman lock``, ``export --format pylock``): every package the user installed
gets the file it came from and that file's sha256.

- installed from a local wheel or sdist (PEP 610 ``direct_url.json`` names a file):
  that file, hashed here; it must still exist, since the lock promises it;
- installed from a remote archive: its URL and the hash the installer recorded;
- installed from an index or find-links directory (no ``direct_url.json``): uv resolves
  the same ``name==version`` again with the user's configuration (``uv pip compile
  --format pylock.toml --no-deps``) and gives every file of that release with its hash;
- a directory, an editable or a VCS checkout has no file to hash: locking refuses it.

The seed tools (pip, setuptools, wheel, packaging) are left out, as export/import do:
a rebuilt env gets its backend's own.

Reading (``new --from``, ``import``, ``sync``): ``packaging.pylock`` validates the file
and picks, for the target env's own interpreter (markers and wheel tags, asked of that
interpreter), the one file of each package to install. Those become a requirements list
of ``name @ url --hash=...`` lines installed with ``--require-hashes --no-deps``: the
installer checks every file against the lock and resolves nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from . import backends, packages
from .envinfo import site_packages
from .errors import EnvmanError, UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:  # ~75 ms to import: only the functions that read a lock do
    from packaging.markers import Environment
    from packaging.pylock import Pylock
    from packaging.tags import Tag

CREATED_BY = "envman"
# What pip and uv accept in --hash (PEP 751 allows any hashlib name).
INSTALL_HASHES = ("sha256", "sha384", "sha512")


@dataclass(frozen=True)
class Wanted:
    """One package a lock or spec asks for: what diff and sync compare."""
    name: str
    version: str

    @property
    def key(self) -> str:
        return packages.canonical(self.name)


# -- reading ------------------------------------------------------------------------------
def looks_like_lock(file: str) -> bool:
    """A pylock file by its name (PEP 751: ``pylock.toml`` / ``pylock.NAME.toml``) or by
    its ``lock-version`` key; anything else is left to the envman spec reader."""
    base = os.path.basename(file)
    if base.startswith("pylock.") and base.endswith(".toml"):
        return True
    try:
        with open(os.path.expanduser(file), "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return any(line.strip().startswith(b"lock-version") for line in head.splitlines())


@dataclass
class Lock:
    path: Path
    pylock: Pylock

    @property
    def python(self) -> str | None:
        """The Python the locked env ran (X.Y.Z), else the X.Y of requires-python."""
        tool = (self.pylock.tool or {}).get("envman") or {}
        if isinstance(tool.get("python"), str):
            return tool["python"]
        spec = str(self.pylock.requires_python or "")
        if spec.startswith("==") and spec.endswith(".*"):
            return spec[2:-2]
        return None

    @property
    def settings(self) -> dict:
        tool = (self.pylock.tool or {}).get("envman")
        return tool if isinstance(tool, dict) else {}

    def wanted(self) -> dict[str, Wanted]:
        found = {}
        for pkg in self.pylock.packages:
            if pkg.version is None:
                raise UsageError(f"{str(self.path)!r}: package {pkg.name!r} has no version",
                                 "envman installs locked versions only")
            item = Wanted(str(pkg.name), str(pkg.version))
            found[item.key] = item
        return found


def read_lock(file: str) -> Lock:
    from packaging.pylock import (
        Pylock,
        PylockUnsupportedVersionError,
        PylockValidationError,
    )

    from .specs import read_toml_file

    data = read_toml_file(file, "lock file")
    try:
        lock = Pylock.from_dict(data)
    except PylockUnsupportedVersionError as exc:
        raise UsageError(f"{file!r}: {exc}", "upgrade envman") from None
    except PylockValidationError as exc:
        raise UsageError(f"{file!r} is not a valid pylock.toml: {exc}") from None
    return Lock(Path(file).expanduser().resolve(), lock)


# -- installing -----------------------------------------------------------------------------
_TARGET = """
import json, sys
sys.path.insert(0, sys.argv[1])
from packaging import markers, tags
print(json.dumps({"env": markers.default_environment(),
                  "tags": [str(t) for t in tags.sys_tags()]}))
"""


def _target(python: Path) -> tuple[Environment, list[Tag]]:
    """The marker environment and wheel tags of the env's interpreter (not envman's:
    they may be different Pythons). ``packaging`` is pure Python, so the env's
    interpreter runs envman's copy of it, isolated from everything else."""
    import packaging
    from packaging.tags import Tag

    where = str(Path(packaging.__file__).resolve().parent.parent)
    try:
        proc = subprocess.run([str(python), "-I", "-c", _TARGET, where], check=False,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=60)
        found = json.loads(proc.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        raise EnvmanError(f"cannot ask {python} for its platform tags") from None
    tags = [Tag(*t.split("-", 2)) for t in found["tags"]]
    return found["env"], tags


def requirement_lines(lock: Lock, python: Path, only: Iterable[str] | None = None) -> list[str]:
    """``name @ url --hash=...`` for the file of each locked package (or of those in
    ``only``, canonical names) that suits ``python``."""
    from packaging.pylock import (
        PackageArchive,
        PackageDirectory,
        PackageVcs,
        PylockSelectError,
    )

    keep = None if only is None else set(only)
    environment, tags = _target(python)
    try:
        chosen = list(lock.pylock.select(environment=environment, tags=tags))
    except PylockSelectError as exc:
        raise UsageError(f"{str(lock.path)!r} does not suit {python}: {exc}") from None
    lines = []
    for pkg, dist in chosen:
        if keep is not None and packages.canonical(str(pkg.name)) not in keep:
            continue
        if isinstance(dist, (PackageVcs, PackageDirectory)):
            raise UsageError(f"{str(lock.path)!r}: {pkg.name} comes from a "
                             f"{'VCS' if isinstance(dist, PackageVcs) else 'directory'}, "
                             "which cannot be installed with hash checking")
        hashes = [f"--hash={algo}:{value}" for algo, value in dist.hashes.items()
                  if algo in INSTALL_HASHES]
        if not hashes:
            raise UsageError(f"{str(lock.path)!r}: {pkg.name} has no sha256/sha384/sha512 hash")
        if dist.url:
            where = dist.url
        elif dist.path:
            where = (lock.path.parent / dist.path).resolve().as_uri()
        else:  # pragma: no cover - packaging's validation requires url or path
            raise UsageError(f"{str(lock.path)!r}: {pkg.name} has neither url nor path")
        if isinstance(dist, PackageArchive) and dist.subdirectory:
            where += f"#subdirectory={dist.subdirectory}"
        lines.append(" ".join([f"{pkg.name} @ {where}", *hashes]))
    return lines


def install_lock(env: Path, lock: Lock, backend: str, only: Iterable[str] | None = None,
                 progress: Callable[[str], None] = lambda _: None) -> None:
    """Install the locked files into ``env``, every one checked against its hash."""
    lines = requirement_lines(lock, backends.env_python(env), only)
    if not lines:
        return
    tmp = Path(tempfile.mkdtemp(prefix="envman-lock-"))
    try:
        reqs = tmp / "requirements.txt"
        reqs.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        progress(f"installing {len(lines)} locked packages")
        try:
            # The lock names every file and its hash, so it already decides the whole
            # install: the constraint files of the user's pip configuration have
            # nothing left to limit, and uv refuses them in --require-hashes mode
            # unless every line is pinned with == ("torch<=2.14.1" is not).
            backends.install(env, requirements=[str(reqs)], backend=backend,
                             extra_args=["--require-hashes", "--no-deps"],
                             constraints=False)
        except EnvmanError as exc:
            raise _install_failure(lock, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # made by mkdtemp above, in this run


def _install_failure(lock: Lock, exc: EnvmanError) -> EnvmanError:
    """One line naming the lock (not the temporary requirements file made from it) and,
    for a file that is not the one locked, the installer's hash-mismatch line."""
    output = getattr(exc, "output", "") or exc.message
    for line in output.splitlines():
        text = line.strip().removeprefix("cause:").strip()
        if "hash mismatch" in text.lower() or "do not match the hashes" in text.lower():
            return EnvmanError(f"installing from {lock.path} failed: {text}",
                               "the file is not the one that was locked")
    cause = exc.message.splitlines()[0].split(" failed: ", 1)[-1].removeprefix("error: ")
    return EnvmanError(f"installing from {lock.path} failed: {cause}", exc.hint)


def import_lock(store, file: str, name: str | None, python: str | None = None,
                progress: Callable[[str], None] = lambda _: None):
    """A new env ``name`` holding exactly the locked packages (``import``, ``new --from``).
    Everything is checked before the env is reserved; any failure (a hash mismatch
    first of all) removes the env again through create_env."""
    from .core import CreateOptions, check_name_free, create_env
    from .pythons import resolve

    lock = read_lock(file)
    settings = lock.settings
    name = name or (settings.get("name") if isinstance(settings.get("name"), str) else None)
    if not name:
        raise UsageError(f"{file!r} names no environment", "give a NAME")
    name = store.new_name(name)
    check_name_free(store, name)
    wanted = lock.wanted()
    wanted_python = python or _major_minor(lock.python)
    interp = resolve(wanted_python)
    needs = lock.pylock.requires_python
    if needs is not None and not needs.contains(interp.version, prereleases=True):
        raise UsageError(f"{file!r} needs Python {needs}; {interp.executable} is {interp.version}",
                         "give a matching interpreter with -p")

    def populate(path: Path) -> None:
        install_lock(path, lock, "uv", progress=progress)
        problems = mismatches(wanted, packages.snapshot(path))
        if problems:
            raise EnvmanError("the new environment does not match the lock: " + "; ".join(problems))

    opts = CreateOptions(
        python=interp.executable,
        system_site_packages=settings.get("system-site-packages") is True,
        with_pip=settings.get("pip", True) is not False, after_build=populate,
    )
    return create_env(store, name, opts, progress)


def mismatches(wanted: dict[str, Wanted], got: dict[str, packages.Installed]) -> list[str]:
    problems = []
    for key, item in wanted.items():
        have = got.get(key)
        if have is None:
            problems.append(f"{item.name} is missing")
        elif not same_version(have.version, item.version):
            problems.append(f"{item.name} is {have.version}, expected {item.version}")
    return problems


def same_version(a: str, b: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _major_minor(version: str | None) -> str | None:
    return ".".join(version.split(".")[:2]) if version else None


# -- writing -----------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _direct_urls(site: Path | None) -> dict[str, dict]:
    """PEP 610 ``direct_url.json`` of every package in ``site``, by canonical name
    (read once: packages.Installed keeps only the fields cp/mv need, not the hashes)."""
    found: dict[str, dict] = {}
    for dist in metadata.distributions(path=[str(site)] if site else []):
        name = dist.metadata["Name"] if dist.metadata else None
        if not name:
            continue
        raw = dist.read_text("direct_url.json")
        if raw:
            try:
                found.setdefault(packages.canonical(name), json.loads(raw))
            except ValueError:
                pass
    return found


def _direct_entry(item: packages.Installed, info: dict) -> dict:
    """The lock entry of a package installed from a file or URL (PEP 610)."""
    base: dict[str, object] = {"name": item.name, "version": item.version}
    if item.editable or item.vcs or "dir_info" in info:
        what = "an editable install" if item.editable else (
            "a VCS checkout" if item.vcs else "a directory")
        raise EnvmanError(f"cannot lock {item.name}: it was installed from {what}, "
                          "which has no file to hash",
                          "install it from a wheel, an sdist or an index")
    archive = info.get("archive_info") or {}
    recorded = dict(archive.get("hashes") or {})
    if not recorded and isinstance(archive.get("hash"), str) and "=" in archive["hash"]:
        algo, value = archive["hash"].split("=", 1)
        recorded[algo] = value
    path = item.local_path
    if path:
        if not os.path.isfile(path):
            raise EnvmanError(f"cannot lock {item.name}: the file it was installed from, "
                              f"{path}, is gone", "reinstall it from a file or an index")
        digest = _sha256(Path(path))
        if recorded.get("sha256") and recorded["sha256"] != digest:
            raise EnvmanError(f"cannot lock {item.name}: {path} changed since it was installed")
        entry: dict[str, object] = {"path": os.path.abspath(path),
                                    "hashes": {"sha256": digest}}
        where = path
    else:
        if not recorded:
            raise EnvmanError(f"cannot lock {item.name}: its installer recorded no hash "
                              f"for {item.url}", "reinstall it from an index")
        entry = {"url": item.url, "hashes": recorded}
        where = item.url or ""
    if where.endswith(".whl"):
        base["wheels"] = [entry]
    else:
        base["sdist"] = entry
    return base


def _index_entries(env: Path, pins: Sequence[str], find_links: Sequence[str]) -> dict[str, dict]:
    """The lock entries uv gives for ``pins`` (``name==version`` installed from an
    index), by canonical name: every file of each release, with its hash."""
    if not pins:
        return {}
    tmp = Path(tempfile.mkdtemp(prefix="envman-lock-"))
    try:
        req = tmp / "requirements.in"
        req.write_text("".join(p + "\n" for p in pins), encoding="utf-8")
        out = tmp / "pylock.toml"
        extra = [arg for link in find_links for arg in ("--find-links", link)]
        backends.uv_pip(env, ["compile", "--format", "pylock.toml", "--no-deps", "--no-header",
                              *extra, str(req), "-o", str(out)],
                        "finding the hashes of the packages installed from an index")
        data = tomllib.loads(out.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # made by mkdtemp above, in this run
    return {packages.canonical(p["name"]): p for p in data.get("packages", [])}


def lock_data(store, name: str, find_links: Sequence[str] = ()) -> dict:
    """The pylock.toml of env ``name``, as a dict, validated by ``packaging``."""
    from packaging.pylock import Pylock, PylockValidationError

    from .lifecycle import read_source

    for link in find_links:
        if not Path(link).expanduser().is_dir():
            raise UsageError(f"--find-links {link!r} is not a directory")
    links = [str(Path(link).expanduser().resolve()) for link in find_links]
    src = read_source(store, name)
    direct = _direct_urls(site_packages(src.path))
    entries: dict[str, dict] = {}
    pins = []
    for key, item in sorted(packages.user_packages(src.packages).items()):
        if item.url:
            entries[key] = _direct_entry(item, direct.get(key, {}))
        else:
            pins.append(f"{item.name}=={item.version}")
    found = _index_entries(src.path, pins, links)
    for pin in pins:
        pname, version = pin.split("==", 1)
        key = packages.canonical(pname)
        entry = found.get(key)
        if entry is None or not same_version(str(entry.get("version")), version):
            raise EnvmanError(f"cannot lock {pin}: the index has no file for it",
                              "check the index in your pip configuration, or give -f DIR")
        entries[key] = entry
    data = {
        "lock-version": "1.0",
        "created-by": CREATED_BY,
        "requires-python": f"=={src.major_minor}.*",
        "packages": [entries[k] for k in sorted(entries)],
        "tool": {"envman": {"name": name, "python": src.version, "pip": src.with_pip,
                            "system-site-packages": src.system_site_packages}},
    }
    try:
        Pylock.from_dict(data)
    except PylockValidationError as exc:  # a bug here, not the user's input
        raise EnvmanError(f"the lock of {name!r} came out invalid: {exc}") from None
    return data


def lock_text(store, name: str, find_links: Sequence[str] = ()) -> str:
    import tomli_w

    return tomli_w.dumps(lock_data(store, name, find_links))
