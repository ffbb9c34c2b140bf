"""What ``envman ls`` and ``envman show`` print.

Kept free of typer so that fast.py can answer these read-only commands without
importing typer (~50 ms): the typer commands in
commands_env.py and the fast path both call these functions, so their output is the
same by construction (tests/test_fastpath.py checks it byte for byte).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .. import core
from ..errors import UsageError
from ..store import Store
from . import render


def list_view(long: bool, bare: bool, as_json: bool) -> None:
    if bare and (long or as_json):
        raise UsageError("-b cannot be combined with -l or --json")
    store = Store.default()
    envs = core.list_envs(store, with_size=long)
    if as_json:
        render.print_json([e.to_json() for e in envs])
        return
    if bare:
        sys.stdout.write("".join(f"{e.name}\n" for e in envs))
        return
    if not envs:
        render.info(f"no environments in {store.root} (create one with 'envman new NAME')")
        return
    headers = ["name", "python", "created", "last used", "project", "health"]
    rows = []
    for e in envs:
        health = e.health if e.state in ("ready", "unregistered") else e.state
        row = [e.name, e.python_version or "-", render.when(e.created), render.when(e.last_used),
               e.project or "-", health]
        if long:
            row += [str(e.path), render.human_size(e.size)]
        rows.append(row)
    if long:
        headers += ["path", "size"]
    render.table(headers, rows, styles={0: "bold", 5: "health"})


def show_view(name: str, as_json: bool) -> None:
    env = core.get_env(Store.default(), name, with_size=True)
    data = env.to_json()
    if as_json:
        render.print_json(data)
        return
    rows = []
    for key in ("name", "path", "python", "python_version", "backend", "created", "last_used",
                "project", "state", "health", "packages", "system_site_packages", "size"):
        value = data.get(key)
        if key in ("created", "last_used"):
            value = render.when(getattr(env, key))
        elif key == "size":
            value = render.human_size(value)
        elif isinstance(value, list):
            value = ", ".join(value) or "-"
        elif value is None or value == "":
            value = "-"
        rows.append([key.replace("_", " "), str(value)])
    for problem in env.problems:
        rows.append(["problem", problem])
    render.table(["field", "value"], rows, styles={0: "bold"})


def create_options(python: str | None = None, install: Sequence[str] = (),
                   requirements: Sequence[str] = (), system_site_packages: bool = False,
                   no_pip: bool = False, backend: str | None = None,
                   prompt: str | None = None, project: str | None = None) -> core.CreateOptions:
    """The create options of `new`, `tmp` and `project new`, from their command-line
    values; the defaults are `envman new NAME`'s (the fast path's)."""
    return core.CreateOptions(
        python=python, packages=list(install), requirements=list(requirements),
        project=project, system_site_packages=system_site_packages, with_pip=not no_pip,
        backend=backend, prompt=prompt,
    )


def create_view(name: str, opts: core.CreateOptions) -> None:
    """`envman new`: build the env, tell the shell integration its name, say what was made."""
    with render.progress_reporter() as progress:
        status = core.create_env(Store.default(), name, opts, progress)
    render.report_env_name(status.name)
    render.info(
        f"created {status.name} (Python {status.python_version}, "
        f"{status.record.backend if status.record else '?'}) at {status.path}"
    )
