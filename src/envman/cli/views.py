"""What ``envman ls`` and ``envman show`` print.

Kept free of typer so that fast.py can answer these read-only commands without
importing typer (~50 ms): the typer commands in
commands_env.py and the fast path both call these functions, so their output is the
same by construction (tests/test_fastpath.py checks it byte for byte).
"""

import sys

from ..errors import UsageError
from . import render

# status.py and store.py (dataclasses, pathlib: more than Python's start-up) are
# imported where used: plain `ls` and `ls --json` read the store through listing.py.
# typing.TYPE_CHECKING without importing typing (~5 ms on `ls`'s fast path): False at
# run time, assumed True by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..create import CreateOptions

# Narrow outputs leave columns out in this order (the Column drop numbers below);
# name and health always stay, and -l keeps its path to the last.
LS_DROP_ORDER = ("created", "last used", "python", "project", "size", "path")


def _ls_columns(long: bool) -> list[render.Column]:
    drop = {h: n for n, h in enumerate(LS_DROP_ORDER, 1)}
    columns = [
        render.Column("name", "name", style="bold"),
        render.Column("python", drop=drop["python"]),
        render.Column("created", "time", drop=drop["created"]),
        render.Column("last used", "ago", drop=drop["last used"]),
        render.Column("project", "path", drop=drop["project"]),
        render.Column("health", style="health"),
    ]
    if long:
        columns += [render.Column("path", "path", drop=drop["path"]),
                    render.Column("size", drop=drop["size"])]
    return columns


def list_view(long: bool, bare: bool, as_json: bool) -> None:
    if bare and (long or as_json):
        raise UsageError("-b cannot be combined with -l or --json")
    from .. import listing

    # The quick reading when it applies (listing.py), else the full one: same statuses.
    envs: list | None = None if long else listing.quick_list()
    if envs is None:
        from .. import status
        from ..store import Store

        envs = status.list_envs(Store.default(), with_size=long)
    if as_json:
        if long:  # with each env's size, after the other keys
            render.print_json([e.to_json() for e in envs])
        else:  # no size: the same JSON, without a dict per env
            render.print_json_rows(listing.STATUS_KEYS, [listing.status_values(e) for e in envs])
        return
    if bare:
        sys.stdout.write("".join(f"{e.name}\n" for e in envs))
        return
    if not envs:
        from ..storeroot import store_root_text  # str(Store.default().root)

        render.info(f"no environments in {store_root_text()} (create one with "
                    "'envman new NAME')")
        return
    rows = []
    for e in envs:  # tuples: a third less memory than lists, read once by render.table
        health = e.health if e.state in ("ready", "unregistered") else e.state
        row: tuple = (e.name, e.python_version or "-", e.created, e.last_used, e.project,
                      health)
        if long:
            row += (str(e.path), render.human_size(e.size))
        rows.append(row)
    render.table(_ls_columns(long), rows)


# virtualenvwrapper's per-env hook scripts, in the env's bin/ (the same names as
# lifecycle.HOOKS, which show does not import: it costs ~15 ms on the fast path;
# tests/test_output_width.py checks the two agree).
HOOKS = ("preactivate", "postactivate", "predeactivate", "postdeactivate", "get_env_details")


def hooks_present(env_path: str) -> list[str]:
    """The env's hook scripts that do something: virtualenvwrapper creates every hook
    file holding only a comment, which is not worth reporting."""
    found = []
    for hook in HOOKS:
        try:
            with open(f"{env_path}/bin/{hook}", encoding="utf-8", errors="replace") as fh:
                lines = [ln.strip() for ln in fh]
        except OSError:
            continue
        if any(ln and not ln.startswith("#") for ln in lines):
            found.append(hook)
    return found


def _show_time(value, bounded: bool) -> str:
    if value is None:
        return "never"
    return f"{render.when(value)} ({render.ago(value)})" if bounded else render.when(value)


def show_view(name: str, as_json: bool) -> None:
    from .. import status
    from ..pipconfig import describe_index
    from ..store import Store

    env = status.get_env(Store.default(), name, with_size=True)
    data = env.to_json()
    # Where installs into this env (new -i, import, upgrade) get packages: the user's
    # pip configuration, or explicit uv settings, or the default index.
    data["index"] = describe_index(env.path)
    if as_json:
        render.print_json(data)
        return
    rec = env.record
    bounded = render.width() is not None
    health = env.health if env.state in ("ready", "unregistered") else env.state
    rows = [
        ("name", env.name, "text"),
        ("path", str(env.path), "path"),
        ("python", env.python_version or "-", "text"),
        ("interpreter", (rec.python if rec else "") or "-", "path"),
        ("health", health, "text"),
        ("state", env.state, "text"),
        ("created", _show_time(env.created, bounded) if env.created else "-", "text"),
        ("last used", _show_time(env.last_used, bounded), "text"),
        ("project", env.project or "none", "path" if env.project else "text"),
        ("packages", ", ".join(rec.packages) if rec and rec.packages else "none", "list"),
        ("requirements", ", ".join(rec.requirements) if rec and rec.requirements else "none",
         "paths"),
        ("system site-packages", render.yes_no(rec and rec.system_site_packages), "text"),
        ("temporary", render.yes_no(rec and rec.temporary), "text"),
        ("backend", (rec.backend if rec else "") or "-", "text"),
        # where installs into this env get packages: pip's configuration, uv's, or PyPI
        ("index", data["index"], "text"),
        ("hooks", ", ".join(hooks_present(str(env.path))) or "none", "list"),
        ("size", render.human_size(env.size), "text"),
    ]
    rows += [("problem", problem, "text") for problem in env.problems]
    render.fields(rows)


def create_options(python: str | None = None, install: "Sequence[str]" = (),
                   requirements: "Sequence[str]" = (), system_site_packages: bool = False,
                   no_pip: bool = False, backend: str | None = None,
                   prompt: str | None = None, project: str | None = None,
                   virtualenvwrapper_name: bool = False) -> "CreateOptions":
    """The create options of `new`, `tmp` and `project new`, from their command-line
    values; the defaults are `envman new NAME`'s (the fast path's)."""
    from ..create import CreateOptions

    return CreateOptions(
        python=python, packages=list(install), requirements=list(requirements),
        project=project, system_site_packages=system_site_packages, with_pip=not no_pip,
        backend=backend, prompt=prompt, virtualenvwrapper_name=virtualenvwrapper_name,
    )


def create_view(name: str, opts: "CreateOptions") -> None:
    """`envman new`: build the env, tell the shell integration its name, say what was made."""
    from ..create import create_env
    from ..store import Store

    with render.progress_reporter() as progress:
        made = create_env(Store.default(), name, opts, progress)
    render.report_env_name(made.name)
    render.info(
        f"created {made.name} (Python {made.python_version}, "
        f"{made.record.backend if made.record else '?'}) at {made.path}"
    )
