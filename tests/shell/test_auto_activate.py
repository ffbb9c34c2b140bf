"""Auto-activation (ENVMAN_AUTO_ACTIVATE=1) and `workon .` by the .venv rules, in real
bash and zsh (strict mode) and fish, with another tool's prompt and directory hooks
present; the store and the projects live under virtualenv's hostile directory name.

The rules: a directory belongs to the env of the nearest directory at or above it that
holds (a) a .venv symlink into the store, (b) a .venv file naming a store env, (c) a
project-local .venv (only once allowed), (d) nothing but is a registered project.
Only what auto-activation activated is auto-deactivated; a manual workon/deactivate makes
it step aside until a directory without an env.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import logging_hook, sourced_hook, write_hook
from tests.support.auto import SH_OTHER_TOOL, make_world, shown, write_index

SHELLS3 = ["bash", "zsh", "fish"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("auto"))


@pytest.fixture
def fresh(world):
    world.reset()
    yield world
    world.reset()


def ok(result):
    assert result.status == 0, f"status {result.status}\n{result.stdout}\n--- stderr:\n{result.stderr}"
    return result


@pytest.mark.parametrize("shell", SHELLS3)
def test_enter_subdirectory_sibling_registered_leave_pushd_popd(fresh, shell):
    r = ok(fresh.run(shell, [
        "cd p1", "show a",               # a: a .venv symlink into the store
        "cd p1/sub/deeper", "show b",    # a subdirectory: the same env, untouched
        "cd p2", "show c",               # b: a sibling project with a .venv file
        "cd p3", "show d",               # d: a registered project (the index)
        "cd p3/inner", "show e",         # nearest wins: p3/inner/.venv names e1
        "cd plain", "show f",            # no env: auto's own env is deactivated
        "pushd p2", "show g",
        "popd", "show h",
        "cd /", "show i",
    ]))
    seen = shown(fresh, r)
    assert seen == {
        "a": ("/p1", "e1"), "b": ("/p1/sub/deeper", "e1"), "c": ("/p2", "e2"),
        "d": ("/p3", "e3"), "e": ("/p3/inner", "e1"), "f": ("/plain", "none"),
        "g": ("/p2", "e2"), "h": ("/plain", "none"), "i": ("/", "none"),
    }, r.stdout + r.stderr
    assert r.stderr == ""
    # the other tool's hooks all ran: one prompt hook per prompt, and (zsh, fish) its
    # directory hook on every change of directory
    assert r.value("prompts") == "x" * 9
    if shell != "bash":
        assert len(r.value("dirs")) >= 8
    # no process was started for any of it (the stand-in logs every call)
    assert fresh.calls() == []


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_prompt_keeps_the_status_and_prompt_rules(fresh, shell):
    r = ok(fresh.run(shell, [
        "sh PS1='$ '",
        "cd p1",
        "sh echo \"PS1=$PS1\"",
        "cd plain",
        "sh echo \"AFTER=$PS1\"",
        "sh VIRTUAL_ENV_DISABLE_PROMPT=1",
        "cd p2",
        "sh echo \"NOPROMPT=$PS1\"",
        "sh __t_fail() { return 3; }",
        "sh set +e; __t_fail; eval \"$PROMPT_COMMAND\"; __t_seen=${__t_status-}; set -e"
        if shell == "bash" else "sh :",
        "sh echo \"STATUS=${__t_seen-}\"",
    ]))
    assert r.value("PS1") == "(e1) $ "
    assert r.value("AFTER") == "$ "
    assert r.value("NOPROMPT") == "$ "
    if shell == "bash":
        # a PROMPT_COMMAND entry after envman's still sees the command's status
        assert r.value("STATUS") == "3"


def test_bash_prompt_command_array_is_kept(fresh):
    r = ok(fresh.sh.run("bash", """
__t_a() { :; }
__t_b() { :; }
PROMPT_COMMAND=(__t_a __t_b)
\\builtin source "$T_SH_FILE"
\\builtin source "$T_SH_FILE"
declare -p PROMPT_COMMAND
ENVMAN_AUTO_ACTIVATE=1
cd -- "$T_P/p1"
for __t_c in "${PROMPT_COMMAND[@]}"; do eval "$__t_c"; done
echo "VE=${VIRTUAL_ENV-}"
""", load=False))
    # its first element gets envman's hook first; the others stay as they are
    assert "declare -a PROMPT_COMMAND=([0]=$'__envman_auto_prompt\\n__t_a' [1]=\"__t_b\")" in r.stdout
    assert r.value("VE") == str(fresh.store / "e1")


def test_bash_loaded_twice_hooks_once(fresh):
    r = ok(fresh.sh.run("bash", """
\\builtin source "$T_SH_FILE"
printf '%s\\n' "PC=$PROMPT_COMMAND" | tr '\\n' ' '
echo
""", prelude=SH_OTHER_TOOL["bash"]))
    assert r.stdout.count("__envman_auto_prompt") == 1
    assert "__t_other" in r.stdout


@pytest.mark.parametrize("shell", SHELLS3)
def test_manual_workon_and_deactivate_make_auto_step_aside(fresh, shell):
    r = ok(fresh.run(shell, [
        "cd p1", "show a",
        "deactivate", "show b",
        "cd p1/sub", "show c",          # still aside: the user turned it off here
        "cd plain", "show d",           # a directory with no env: auto is back
        "cd p1", "show e",
        "workon -n e2", "show f",       # manual: kept in the project ...
        "cd p3", "show g",              # ... and in another project ...
        "cd plain", "show h",           # ... and outside (never auto-deactivated)
        "deactivate", "cd p2", "show i",
    ]))
    assert shown(fresh, r) == {
        "a": ("/p1", "e1"), "b": ("/p1", "none"), "c": ("/p1/sub", "none"),
        "d": ("/plain", "none"), "e": ("/p1", "e1"), "f": ("/p1", "e2"),
        "g": ("/p3", "e2"), "h": ("/plain", "e2"), "i": ("/p2", "e2"),
    }, r.stdout + r.stderr


@pytest.mark.parametrize("shell", SHELLS3)
def test_broken_targets_say_one_line_and_activate_nothing(fresh, shell):
    r = ok(fresh.run(shell, [
        "cd p1", "show a",
        "cd p5", "show b",              # a dangling .venv symlink: leaves p1's env too
        "cd p6", "show c",              # a .venv file naming no env
        "cd p6/sub", "show d",          # said once per .venv, not at every cd
        "cd p6", "show e",
    ]))
    seen = shown(fresh, r)
    assert seen == {"a": ("/p1", "e1"), "b": ("/p5", "none"), "c": ("/p6", "none"),
                    "d": ("/p6/sub", "none"), "e": ("/p6", "none")}, r.stdout + r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0] == f"envman: {fresh.projects}/p5/.venv is a broken symlink; no environment activated"
    assert lines[1] == (f"envman: {fresh.projects}/p6/.venv names 'nosuch', which is not an "
                        f"environment in {fresh.store}; no environment activated")


@pytest.mark.parametrize("shell", SHELLS3)
def test_project_local_venv_untrusted_allowed_then_edited(fresh, shell):
    local = fresh.projects / "p4" / ".venv"
    edited = local / "bin" / "added-later"
    edited.unlink(missing_ok=True)
    try:
        r = ok(fresh.run(shell, [
            "cd p4", "show a",          # not allowed: one line, nothing activated
            "cd plain", "cd p4", "show b",
            "allow p4", "show c",       # allowed: active from the next prompt
            "cd plain", "show d",
            "sh touch \"$T_P/p4/.venv/bin/added-later\"",
            "fish touch \"$T_P/p4/.venv/bin/added-later\"",
            "cd p4", "show e",          # changed since allowed: not activated
        ]))
    finally:
        edited.unlink(missing_ok=True)
    assert shown(fresh, r) == {
        "a": ("/p4", "none"), "b": ("/p4", "none"), "c": ("/p4", "p4/.venv"),
        "d": ("/plain", "none"), "e": ("/p4", "none"),
    }, r.stdout + r.stderr
    said = (f"envman: {local} is a project-local environment, not activated until you "
            f"allow it: envman allow {fresh.projects}/p4")
    assert r.stderr.splitlines() == [said, said, said], r.stderr
    # one short process per entry into the project, none elsewhere
    assert fresh.calls().count("allow --check") == 4
    assert [c for c in fresh.calls() if not c.startswith("allow")] == []


def _hooks(world, shell):
    """Global and env hooks that log each call, and a project hook file in ph."""
    store, log_hooks = world.store, []
    project_hooks = world.projects / "ph" / ".virtualenvwrapper"
    if shell == "fish":
        body = 'echo "{0} $argv" >> $T_LOG\n'
        for path, label in ((store / "preactivate.fish", "g-pre"),
                            (store / "postactivate.fish", "g-post"),
                            (store / "predeactivate.fish", "g-predeact"),
                            (store / "postdeactivate.fish", "g-postdeact"),
                            (store / "hk" / "bin" / "postactivate.fish", "e-post"),
                            (project_hooks / "postactivate.fish", "p-post"),
                            (project_hooks / "predeactivate.fish", "p-predeact")):
            write_hook(path, body.format(label), executable=False)
            log_hooks.append(path)
        return log_hooks
    for path, body, executable in (
            (store / "preactivate", logging_hook("g-pre"), True),
            (store / "postactivate", sourced_hook("g-post"), False),
            (store / "predeactivate", sourced_hook("g-predeact"), False),
            (store / "postdeactivate", sourced_hook("g-postdeact"), False),
            (store / "hk" / "bin" / "postactivate", sourced_hook("e-post"), False),
            (project_hooks / "postactivate", sourced_hook("p-post"), False),
            (project_hooks / "predeactivate", sourced_hook("p-predeact"), False)):
        write_hook(path, body, executable=executable)
        log_hooks.append(path)
    return log_hooks


@pytest.mark.parametrize("shell", SHELLS3)
def test_hooks_run_once_each_and_project_hooks_only_when_allowed(fresh, shell):
    log = Path(fresh.sh.env["T_LOG"])
    log.unlink(missing_ok=True)
    written = _hooks(fresh, shell)
    try:
        r = ok(fresh.run(shell, [
            "cd ph", "show a", "sh echo ENTERED >> \"$T_LOG\"", "fish echo ENTERED >> $T_LOG",
            "cd ph", "show b",
            "cd plain", "show c", "sh echo LEFT >> \"$T_LOG\"", "fish echo LEFT >> $T_LOG",
            "allow ph",
            "cd ph", "show d",
            "cd plain", "show e",
        ]))
        text = log.read_text()
    finally:
        for path in written:
            path.unlink(missing_ok=True)
        log.unlink(missing_ok=True)
    assert shown(fresh, r) == {"a": ("/ph", "hk"), "b": ("/ph", "hk"), "c": ("/plain", "none"),
                               "d": ("/ph", "hk"), "e": ("/plain", "none")}
    labels = [line.split(" ")[0] for line in text.splitlines()]
    assert labels == [
        # entering, not allowed: every hook but the project's, once each
        "g-pre", "g-post", "e-post", "ENTERED",
        "g-predeact", "g-postdeact", "LEFT",
        # allowed: the project's hooks too, in workon's order
        "g-pre", "p-post", "g-post", "e-post",
        "p-predeact", "g-predeact", "g-postdeact",
    ], text
    ext = ".fish" if shell == "fish" else ""
    project = fresh.projects / "ph"
    assert r.stderr.splitlines() == [
        f"envman: not sourcing {project}/.virtualenvwrapper/postactivate{ext}: the project is "
        f"not allowed (run 'envman allow {project}')",
        f"envman: not sourcing {project}/.virtualenvwrapper/predeactivate{ext}: the project is "
        f"not allowed (run 'envman allow {project}')",
    ]


@pytest.mark.parametrize("shell", SHELLS3)
def test_off_unless_asked_and_may_be_set_after_loading(fresh, shell):
    r = ok(fresh.run(shell, ["cd p1", "show a"], auto=False))
    assert shown(fresh, r) == {"a": ("/p1", "none")}
    # set after the rc line: the first prompt (or change of directory) sees it
    turn_on = ("set -g ENVMAN_AUTO_ACTIVATE 1\n" if shell == "fish"
               else "ENVMAN_AUTO_ACTIVATE=1\n")
    r = ok(fresh.run(shell, ["cd p2", "sh " + turn_on.strip(), "fish " + turn_on.strip(),
                             "cd p1", "show a"], auto=False))
    assert shown(fresh, r) == {"a": ("/p1", "e1")}


@pytest.mark.parametrize("shell", SHELLS3)
def test_shell_started_inside_a_project(fresh, shell):
    r = ok(fresh.run(shell, ["show a", "sh :", "fish true", "show b"],
                     cwd=fresh.projects / "p1" / "sub"))
    seen = shown(fresh, r)
    assert seen["b"] == ("/p1/sub", "e1")


@pytest.mark.parametrize("shell", SHELLS3)
def test_init_auto_turns_it_on(fresh, shell):
    if shell == "fish":
        load = "envman init fish --auto | source\n"
    else:
        load = f'eval "$(envman init {shell} --auto)"\n'
    r = ok(fresh.run(shell, ["cd p1", "show a"], auto=False, extra=load))
    assert shown(fresh, r) == {"a": ("/p1", "e1")}


@pytest.mark.parametrize("shell", SHELLS3)
def test_workon_dot_follows_the_rules(fresh, shell):
    r = ok(fresh.run(shell, [
        "cd p1/sub/deeper", "workon -n .", "show a",   # nearest .venv above: a symlink
        "cd p2", "workon .", "show b",                 # a .venv file
        "cd p3/inner", "workon .", "show c",           # nearer than the registration
        "cd p3", "workon -n .", "show d",              # a registered project
        "cd p4", "workon .", "show e",                 # project-local: the user asked
        "deactivate",
    ], auto=False))
    assert shown(fresh, r) == {
        "a": ("/p1/sub/deeper", "e1"), "b": ("/p2", "e2"), "c": ("/p3/inner", "e1"),
        "d": ("/p3", "e3"), "e": ("/p4", "p4/.venv"),
    }, r.stdout + r.stderr
    assert r.stderr == ""
    assert fresh.calls() == []  # no trust asked for an explicit workon


@pytest.mark.parametrize("shell", SHELLS3)
def test_workon_dot_on_a_broken_venv_says_so(fresh, shell):
    r = ok(fresh.run(shell, ["cd p5", "sh workon . || echo \"status=$?\"",
                             "fish workon .; or echo status=$status", "show a"], auto=False))
    assert r.value("status") == "1"
    assert shown(fresh, r) == {"a": ("/p5", "none")}
    assert r.stderr == f"envman: {fresh.projects}/p5/.venv is a broken symlink; no environment activated\n"


@pytest.mark.parametrize("shell", SHELLS3)
def test_stale_index_entry_is_not_trusted(fresh, shell):
    """An index line whose env's .project says another directory is ignored."""
    store = fresh.store
    try:
        write_index(store, [(fresh.projects / "p3", "e3"), (fresh.projects / "ph", "hk"),
                            (fresh.projects / "plain", "e2")])
        r = ok(fresh.run(shell, ["cd plain", "show a", "cd p3", "show b"]))
    finally:
        write_index(store, [(fresh.projects / "p3", "e3"), (fresh.projects / "ph", "hk")])
    assert shown(fresh, r) == {"a": ("/plain", "none"), "b": ("/p3", "e3")}


@pytest.mark.parametrize("shell", SHELLS3)
def test_a_hook_that_changes_directory_is_not_followed_twice(fresh, shell):
    """e1's postactivate cds into a subdirectory (zsh's chpwd and fish's PWD event fire
    inside the activation): the env is activated once, and stays."""
    log = Path(fresh.sh.env["T_LOG"])
    log.unlink(missing_ok=True)
    if shell == "fish":
        hook = fresh.store / "e1" / "bin" / "postactivate.fish"
        body = 'echo post >> $T_LOG; cd "$T_P/p1/sub"\n'
    else:
        hook = fresh.store / "e1" / "bin" / "postactivate"
        body = 'echo post >> "$T_LOG"; cd -- "$T_P/p1/sub"\n'
    write_hook(hook, body, executable=False)
    try:
        r = ok(fresh.run(shell, ["cd plain", "cd p1", "show a", "cd p1/sub/deeper", "show b"]))
        text = log.read_text()
    finally:
        hook.unlink(missing_ok=True)
        log.unlink(missing_ok=True)
    assert shown(fresh, r) == {"a": ("/p1/sub", "e1"), "b": ("/p1/sub/deeper", "e1")}
    assert text == "post\n"
