# envman: functions a shell start and a plain `workon` never need (bash and zsh).
# envman.sh defines a stub for each; the first call of any stub sources this file,
# which replaces them all. Rules: envman-core.sh's header.
#
# shellcheck shell=bash disable=SC2154
# (SC2154: __envman_reply and the other globals are envman.sh's.)

# The comment virtualenvwrapper 6.1.1 writes into a new hook file NAME (a second
# "# argument: ..." line for the run hooks that take one), in __envman_reply;
# __envman_hook_comment NAME local: the wording of an env's own bin/ hooks.
__envman_hook_comment() {
    local _em_nl='
'
    if [ "${2-}" = local ]; then
        case "$1" in
            predeactivate) __envman_reply="This hook is sourced before this virtualenv is deactivated." ;;
            postdeactivate) __envman_reply="This hook is sourced after this virtualenv is deactivated." ;;
            preactivate) __envman_reply="This hook is run before this virtualenv is activated." ;;
            postactivate) __envman_reply="This hook is sourced after this virtualenv is activated." ;;
            get_env_details) __envman_reply="This hook is run when the list of virtualenvs is printed in 'long' mode so each name can include details.$_em_nl# argument: environment name" ;;
            *) __envman_reply="envman hook" ;;
        esac
        return 0
    fi
    case "$1" in
        initialize) __envman_reply="This hook is sourced during the startup phase when loading virtualenvwrapper.sh." ;;
        premkvirtualenv) __envman_reply="This hook is run after a new virtualenv is created and before it is activated.$_em_nl# argument: name of new environment" ;;
        postmkvirtualenv) __envman_reply="This hook is sourced after a new virtualenv is activated." ;;
        prermvirtualenv) __envman_reply="This hook is run before a virtualenv is deleted.$_em_nl# argument: full path to environment directory" ;;
        postrmvirtualenv) __envman_reply="This hook is run after a virtualenv is deleted.$_em_nl# argument: full path to environment directory" ;;
        predeactivate) __envman_reply="This hook is sourced before every virtualenv is deactivated." ;;
        postdeactivate) __envman_reply="This hook is sourced after every virtualenv is deactivated." ;;
        preactivate) __envman_reply="This hook is run before every virtualenv is activated.$_em_nl# argument: environment name" ;;
        postactivate) __envman_reply="This hook is sourced after every virtualenv is activated." ;;
        get_env_details) __envman_reply="This hook is run when the list of virtualenvs is printed so each name can include details.$_em_nl# argument: environment name" ;;
        premkproject) __envman_reply="This hook is run after a new project is created and before it is activated." ;;
        postmkproject) __envman_reply="This hook is run after a new project is activated." ;;
        *) __envman_reply="envman hook" ;;
    esac
}

# Create the hook files virtualenvwrapper creates, where missing: DIR NAMES...
# One chmod for the files made here, and none at all when every file exists. A
# symlink in their place (even a dangling one, which -e calls missing) is left
# alone: writing or chmodding through it would touch a file outside the store.
__envman_make_hooks() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions shwordsplit noksharrays
    fi
    local _em_dir="$1" _em_h _em_run="" _em_sourced=""
    [ -d "$_em_dir" ] || return 0
    # shellcheck disable=SC2086  # the list is a fixed set of plain words
    for _em_h in $2; do
        case "$_em_h" in
            # run when the user writes them, never created (as virtualenvwrapper does)
            precpvirtualenv | postcpvirtualenv) continue ;;
        esac
        [ -e "$_em_dir/$_em_h" ] || [ -L "$_em_dir/$_em_h" ] && continue
        __envman_hook_comment "$_em_h" "${3-}"
        \builtin printf '#!%s\n# %s\n\n' "${SHELL:-/bin/sh}" "$__envman_reply" 2>/dev/null >| "$_em_dir/$_em_h" || continue
        case "$_em_h" in
            initialize | postmkvirtualenv | predeactivate | postdeactivate | postactivate)
                _em_sourced="$_em_sourced $_em_h" ;;
            *) _em_run="$_em_run $_em_h" ;;
        esac
    done
    # virtualenvwrapper 6.1.1's modes, whatever the umask: the hooks it runs as
    # programs 0755, the ones it sources 0644; never writable by the group, which
    # could then run code in this shell. (__envman_cd is the core's: loaded here, not
    # in each subshell.)
    if [ -n "$_em_run$_em_sourced" ] && [ -z "${__envman_core_loaded-}" ]; then
        __envman_core || return 0
    fi
    # shellcheck disable=SC2086  # plain words again
    if [ -n "$_em_run" ]; then
        (__envman_cd "$_em_dir" && \command chmod 0755 -- $_em_run 2>/dev/null) || :
    fi
    # shellcheck disable=SC2086
    if [ -n "$_em_sourced" ]; then
        (__envman_cd "$_em_dir" && \command chmod 0644 -- $_em_sourced 2>/dev/null) || :
    fi
    return 0
}

__envman_workon_help() {
    \builtin printf '%s\n' \
        "Usage: workon env_name" \
        "" \
        "           Deactivate any currently activated virtualenv" \
        "           and activate the named environment, triggering" \
        "           any hooks in the process." \
        "" \
        "       workon" \
        "" \
        "           Print a list of available environments." \
        "           (See also lsvirtualenv -b)" \
        "" \
        "       workon (-h|--help)" \
        "" \
        "           Show this help message." \
        "" \
        "       workon (-c|--cd) envname" \
        "" \
        "           After activating the environment, cd to the associated" \
        "           project directory if it is set." \
        "" \
        "       workon (-n|--no-cd) envname" \
        "" \
        "           After activating the environment, do not cd to the" \
        "           associated project directory." \
        "" \
        "       workon ." \
        "" \
        "           Activate the environment linked to the current directory" \
        "           (its project) or named after it." \
        ""
}

# The env for `workon .`: the one auto-activation would pick (rules a-d, nearest
# directory at or above $PWD, a project-local .venv without asking for trust: the user
# asked for it), else the one whose project is $PWD, else the one named after the
# current directory. Name in __envman_reply; a project-local venv's directory in
# __envman_found (empty for an env of the store). Status 1 (said in one line) when the
# nearest .venv is broken.
__envman_env_for_pwd() {
    local _em_rc=0
    __envman_auto_find workon || _em_rc=$?
    case "$_em_rc" in
        0) __envman_found=""; __envman_reply="$__envman_found_name"; return 0 ;;
        3) __envman_found="$__envman_reply"; __envman_reply="$__envman_found_name"; return 0 ;;
        2) __envman_found=""; return 1 ;;
    esac
    __envman_found=""
    __envman_each_env __envman_match_project
    if [ -n "$__envman_found" ]; then
        __envman_reply="$__envman_found"
    else
        __envman_reply="${PWD##*/}"
    fi
    __envman_found=""
}

__envman_match_project() {
    [ -n "$__envman_found" ] && return 0
    __envman_store
    __envman_read_project "$__envman_reply/$1" quiet
    if [ -n "$__envman_reply" ] && [ "${__envman_reply%/}" = "$PWD" ]; then
        __envman_found="$1"
    fi
}

# Run the envman program with ENVMAN_RESULT_FILE set and put the name of the env
# it reports in __envman_reply (empty if none). Status: the program's.
__envman_run_reporting() {
    local _em_file _em_rc
    _em_file="$(\command mktemp "${TMPDIR:-/tmp}/envman-result.XXXXXX")" || return 1
    ENVMAN_RESULT_FILE="$_em_file" __envman_exec "$@"
    _em_rc=$?
    __envman_first_line "$_em_file"
    \command rm -f -- "$_em_file"
    return "$_em_rc"
}

__envman_is_active_name() {
    [ -n "${VIRTUAL_ENV-}" ] || return 1
    __envman_store
    [ "$VIRTUAL_ENV" = "$__envman_reply/$1" ]
}

# Write the marker that makes deactivate remove a temporary env.
__envman_mark_tmp() {
    [ -L "$1/README.tmpenv" ] && return 0
    \builtin printf '%s\n' \
        "This is a temporary environment. It will be deleted when you run 'deactivate'." \
        2>/dev/null >| "$1/README.tmpenv" || :
}

# Leave an env that this file did not activate: a venv activated by hand with
# `source bin/activate` (its own deactivate function knows how to undo it), or a
# VIRTUAL_ENV inherited from a parent process (drop its bin from PATH).
__envman_leave_foreign() {
    if \builtin typeset -f deactivate >/dev/null 2>&1; then
        deactivate || :
    fi
    if [ -n "${VIRTUAL_ENV-}" ]; then
        __envman_drop_env_bin
        \builtin unset VIRTUAL_ENV VIRTUAL_ENV_PROMPT
    fi
    __envman_define_deactivate
}

# Remove $VIRTUAL_ENV/bin from PATH (an env this shell did not activate itself).
__envman_drop_env_bin() {
    local _em_bin="$VIRTUAL_ENV/bin"
    PATH=":$PATH:"
    PATH="${PATH//":$_em_bin:"/:}"
    PATH="${PATH#:}"
    PATH="${PATH%:}"
    \builtin export PATH
}

# DIR's site-packages directory (lib/pythonX.Y/site-packages), in __envman_reply.
__envman_env_site_packages() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs noksharrays
    fi
    local _em_sp _em_glob
    __envman_glob_save
    _em_glob="$__envman_reply"
    __envman_reply=""
    for _em_sp in "$1"/lib/python*/site-packages "$1"/Lib/site-packages; do
        if [ -d "$_em_sp" ]; then
            __envman_reply="$_em_sp"
            break
        fi
    done
    __envman_glob_restore "$_em_glob"
    [ -n "$__envman_reply" ]
}

# cat without a fork.
__envman_cat() {
    local _em_line
    while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
        \builtin printf '%s\n' "$_em_line"
    done < "$1"
}

# `[shell] compat = false` in FILE (config.toml) turns the virtualenvwrapper names
# off: __envman_config_compat FILE leaves 1 or 0 in __envman_reply (envman.sh calls
# it when the file mentions compat; loading never starts Python).
__envman_config_compat() {
    local _em_line _em_section="" _em_value
    __envman_reply=1
    [ -r "$1" ] || return 0
    while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
        _em_line="${_em_line%%#*}"
        case "$_em_line" in
            *"["*"]"*)
                _em_section="${_em_line#*\[}"
                _em_section="${_em_section%%\]*}"
                _em_section="${_em_section// /}"
                ;;
            *compat*=*)
                [ "$_em_section" = shell ] || continue
                _em_value="${_em_line#*=}"
                _em_value="${_em_value// /}"
                case "$_em_value" in
                    false) __envman_reply=0 ;;
                    true) __envman_reply=1 ;;
                esac
                ;;
        esac
    done < "$1"
    return 0
}

# __envman_find_program_elsewhere SHELLDIR: when envman.sh's quick look beside this
# install found nothing (or ENVMAN_PROGRAM is set), from, in order: $ENVMAN_PROGRAM, the user's override; the install
# this file belongs to (a wheel puts it in PREFIX/lib/pythonX.Y/site-packages/envman/
# shell/ and the program in PREFIX/bin/; also Debian's dist-packages and ~/.local);
# what `envman init SHELL` recorded (the program that printed the rc code); an
# earlier load's; PATH, searched with builtins (`type -P` would need a command
# substitution, a fork, to hand its answer back). Says so in one line when none is.
# (envman.sh leaves the earlier load's program in __envman_program for this)
__envman_find_program_elsewhere() {
    local _em_p="${ENVMAN_PROGRAM-}" _em_prev="${__envman_program-}" _em_rest _em_lib
    __envman_program="" __envman_python=""
    case "$_em_p" in
        "" | /*) ;;
        *) _em_p="$PWD/$_em_p" ;;
    esac
    if [ -n "$_em_p" ]; then
        [ -f "$_em_p" ] && [ -x "$_em_p" ] && __envman_program="$_em_p" && return 0
        __envman_err "envman: warning: ENVMAN_PROGRAM=$ENVMAN_PROGRAM is not an executable file; looking for envman elsewhere"
    fi
    # (suffix removals, cheaper than one */lib/python*/... pattern in bash)
    _em_lib="${1%/envman/shell}"
    _em_rest="${_em_lib%/*-packages}"
    case "${_em_lib##*/}/${_em_rest##*/}/${_em_rest%/*}" in
        site-packages/python*/*/lib | dist-packages/python*/*/lib | site-packages/python*/*/lib64)
            _em_lib="${_em_rest%/*/*}/bin/envman"
            [ -f "$_em_lib" ] && [ -x "$_em_lib" ] && __envman_program="$_em_lib" && return 0
            ;;
    esac
    if [ -n "${__envman_init_program-}" ] && [ -f "$__envman_init_program" ] && [ -x "$__envman_init_program" ]; then
        __envman_program="$__envman_init_program"
    elif [ -n "${__envman_init_python-}" ] && [ -f "$__envman_init_python" ] && [ -x "$__envman_init_python" ]; then
        __envman_python="$__envman_init_python"
    elif [ -n "$_em_prev" ] && [ -f "$_em_prev" ] && [ -x "$_em_prev" ]; then
        __envman_program="$_em_prev"
    else
        # PATH, a builtin walk; relative entries would name another program after a cd
        _em_rest="${PATH-}:"
        while [ -n "$_em_rest" ]; do
            _em_p="${_em_rest%%:*}/envman"
            _em_rest="${_em_rest#*:}"
            case "$_em_p" in /*) ;; *) continue ;; esac
            [ -f "$_em_p" ] && [ -x "$_em_p" ] && __envman_program="$_em_p" && return 0
        done
        __envman_err "envman: warning: the envman program was not found (not installed beside $1, not on PATH); set ENVMAN_PROGRAM=/path/to/envman before this rc line, or load envman with: eval \"\$(/path/to/envman init ${ZSH_VERSION:+zsh}${BASH_VERSION:+bash})\""
    fi
    return 0
}

# Hooks run code in this shell, so whoever can write the store, its .envman
# directory, the hook directory or a global hook file can run code as this user.
# Say so once per shell, with the fix, as ssh does for keys. Writable by others
# counts; writable by the group only when it is not the user's own primary group (a
# user-private group under umask 002 is not a stranger). `envman doctor` applies the
# same rule and lists every path.
# When: just before the first hook file is sourced or run in this shell (a run hook
# only when it has content): before any code could come in through a hook, and never
# in a shell that runs none. Not at load: bash has no builtin that reads a mode, and
# a fork (find) would cost more than the whole load; zsh reads modes with glob
# qualifiers (no fork), but parsing this code at every start would cost more than
# envman's start-up budget too. Not "is this hook empty?" before every sourced hook
# either: that read loop would cost every workon more than the check costs once.
__envman_perms_scan() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob shwordsplit noksharrays noshglob bareglobqual
    fi
    local _em_store _em_hooks _em_h _em_p _em_bad=""
    local -a _em_paths
    __envman_store
    _em_store="$__envman_reply"
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    [ -d "$_em_store" ] || return 0
    _em_paths=("$_em_store")
    [ -d "$_em_store/.envman" ] && _em_paths+=("$_em_store/.envman")
    [ "$_em_hooks" != "$_em_store" ] && [ -d "$_em_hooks" ] && _em_paths+=("$_em_hooks")
    for _em_h in $__envman_global_hooks; do
        [ -f "$_em_hooks/$_em_h" ] && _em_paths+=("$_em_hooks/$_em_h")
    done
    local -a _em_only
    _em_only=()
    if [ -n "${ZSH_VERSION-}" ]; then
        for _em_p in "${_em_paths[@]}"; do
            # -: the mode of a symlink's target, the file that is sourced
            \builtin eval '_em_only+=( "$_em_p"(N-f:o+w:,-f:g+w:^g$GID) )'
        done
    else
        # -H: the mode of a symlink's target, the file that is sourced
        _em_bad="$(\command find -H "${_em_paths[@]}" -prune \( -perm -002 -o \( -perm -020 ! -group "${GROUPS[0]-0}" \) \) -print 2>/dev/null)" || :
        while IFS= \builtin read -r _em_p; do
            [ -n "$_em_p" ] && _em_only+=("$_em_p")
        done <<< "$_em_bad"
    fi
    __envman_perms_warn ${_em_only[@]+"${_em_only[@]}"}
    return 0
}

# One line, whatever the number of PATHS: __envman_perms_warn PATH... (the first
# named, the rest counted; `envman doctor` lists them all).
__envman_perms_warn() {
    case "$#" in
        0) return 0 ;;
        1) __envman_err "envman: warning: '$1' is writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w '$1'" ;;
        *) __envman_err "envman: warning: '$1' and $(($# - 1)) more paths are writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w on each ('envman doctor' lists them)" ;;
    esac
}


# ---------------------------------------------------------------- auto-activation
#
# ENVMAN_AUTO_ACTIVATE=1 (or true/yes/on), set before or after the rc line: a change of
# directory activates the env of the nearest project and leaving it deactivates it.
# envman.sh hooks in at load whatever the variable says then (it may be set later):
# first in bash's PROMPT_COMMAND (what other tools put there stays; in bash 5.1+, when it
# is an array, in its first element), zsh's chpwd_functions and precmd_functions (the
# directory the shell starts in, a `cd -q`). At a prompt in an unchanged directory that
# is one string comparison; everything here runs only when the directory changed.
# State (envman.sh's globals): __envman_auto_pwd the directory last looked at;
# __envman_auto_env the env auto-activation activated (empty when the active env is not
# its own); __envman_auto_aside set after a manual workon/deactivate, until a directory
# without an env; __envman_auto_warned the .venv last said to be broken or not allowed
# (said once); __envman_auto_busy set (a local) during an activation: a hook's cd is
# not followed (the directory is looked at again after it).
# __envman_activate DIR NAME 0 auto marks its activation as auto's.
#
# Which env a directory belongs to, for auto-activation and `workon .`: the nearest
# directory at or above $PWD that holds
#   a. a .venv symlink or directory that resolves into the store: that env;
#   b. a .venv file whose first line is the name of an env of the store;
#   c. a .venv venv directory outside the store (a project-local env);
#   d. nothing, but is an env's registered project (the store's project index).
# Builtins only: symlinks are matched with `test -ef` (same file), not resolved.

# __envman_auto_find MODE(auto|workon): status 0 an env of the store, 3 a project-local
# venv (its directory in __envman_reply, a name in __envman_found_name); 1 none; 2 the
# nearest .venv is broken (said in one line; in auto mode once per .venv).
__envman_auto_find() {
    local _em_store _em_d="$PWD" _em_v _em_n _em_why="" _em_idir _em_iname
    __envman_store
    _em_store="$__envman_reply"
    __envman_auto_index "$_em_store" "$PWD"
    _em_idir="$__envman_reply" _em_iname="$__envman_found_name"
    __envman_reply="" __envman_found_name=""
    while :; do
        _em_v="${_em_d%/}/.venv"
        if [ -L "$_em_v" ] || [ -e "$_em_v" ]; then
            if [ ! -e "$_em_v" ]; then
                _em_why="is a broken symlink"
            elif [ -f "$_em_v" ]; then
                __envman_first_line "$_em_v"
                _em_n="$__envman_reply"
                if __envman_plain_name "$_em_n" && __envman_is_env "$_em_store/$_em_n"; then
                    __envman_reply="$_em_store/$_em_n" __envman_found_name="$_em_n"
                    return 0
                fi
                __envman_has_control "$_em_n" && _em_n="?"
                _em_why="names '$_em_n', which is not an environment in $_em_store"
            elif [ -d "$_em_v" ]; then
                __envman_found=""
                for _em_n in "$_em_iname" "${_em_d##*/}"; do
                    if [ -n "$_em_n" ] && __envman_plain_name "$_em_n" && [ "$_em_v" -ef "$_em_store/$_em_n" ]; then
                        __envman_found="$_em_n"
                        break
                    fi
                done
                if [ -z "$__envman_found" ] && [ -L "$_em_v" ]; then
                    __envman_each_env __envman_auto_same "$_em_v" "$_em_store"
                fi
                _em_n="$__envman_found"
                __envman_found=""
                if [ -n "$_em_n" ] && __envman_is_env "$_em_store/$_em_n"; then
                    __envman_reply="$_em_store/$_em_n" __envman_found_name="$_em_n"
                    return 0
                elif __envman_is_env "$_em_v"; then
                    _em_n="${_em_d##*/}"
                    __envman_reply="$_em_v" __envman_found_name="${_em_n:-/}"
                    return 3
                fi
                _em_why="is not a virtual environment (it has no pyvenv.cfg)"
            else
                _em_why="is neither a directory nor a file"
            fi
            if [ "$1" != auto ] || [ "${__envman_auto_warned-}" != "$_em_v" ]; then
                __envman_err "envman: $_em_v $_em_why; no environment activated"
            fi
            [ "$1" = auto ] && __envman_auto_warned="$_em_v"
            __envman_reply=""
            return 2
        fi
        if [ -n "$_em_idir" ] && [ "$_em_d" = "$_em_idir" ]; then
            __envman_reply="$_em_store/$_em_iname" __envman_found_name="$_em_iname"
            return 0
        fi
        [ "$_em_d" = / ] && break
        _em_d="${_em_d%/*}"
        [ -n "$_em_d" ] || _em_d=/
    done
    return 1
}

# __envman_each_env callback: LINK STORE NAME; NAME in __envman_found when LINK is it.
__envman_auto_same() {
    [ -z "$__envman_found" ] && [ "$1" -ef "$2/$3" ] && __envman_found="$3"
    return 0
}

# __envman_auto_index STORE DIR: from the store's project index, the registered project
# directory nearest at or above DIR (in __envman_reply) and its env (__envman_found_name).
# An entry counts only when its env exists and the env's .project still says that
# directory: the index is a cache, the .project files are the truth.
__envman_auto_index() {
    local _em_file="$1/.envman/projects" _em_line="" _em_dir _em_name _em_best="" _em_bname="" _em_tab=$'\t'
    __envman_reply="" __envman_found_name=""
    [ -f "$_em_file" ] && [ -r "$_em_file" ] || return 0
    {
        IFS= \builtin read -r _em_line || :
        if [ "$_em_line" = "# envman project index 1" ]; then
            while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
                case "$_em_line" in *"$_em_tab"*) ;; *) continue ;; esac
                _em_dir="${_em_line%%"$_em_tab"*}"
                _em_name="${_em_line#*"$_em_tab"}"
                case "$2/" in "${_em_dir%/}"/*) ;; *) continue ;; esac
                [ "${#_em_dir}" -gt "${#_em_best}" ] || continue
                __envman_plain_name "$_em_name" || continue
                __envman_is_env "$1/$_em_name" || continue
                __envman_read_project "$1/$_em_name" quiet
                [ "${__envman_reply%/}" = "${_em_dir%/}" ] || continue
                _em_best="$_em_dir" _em_bname="$_em_name"
            done
        fi
    } < "$_em_file"
    __envman_reply="$_em_best" __envman_found_name="$_em_bname"
}

# __envman_auto_hook_ok ENVDIR PROJECT WHICH for the env auto-activation activated (workon
# never gets here: envman.sh's stub says yes at once): the project's hook file is
# sourced only when the project is allowed, and a process is spent asking only when the
# file exists.
__envman_auto_hook_ok() {
    [ "$1" = "${__envman_auto_env-}" ] || return 0
    [ -f "$2/.virtualenvwrapper/$3" ] || return 0
    __envman_auto_trusted "$2" && return 0
    __envman_err "envman: not sourcing $2/.virtualenvwrapper/$3: the project is not allowed (run 'envman allow $2')"
    return 1
}

# Is DIR allowed (`envman allow`), unchanged since? The one process auto-activation may
# start, and only on entering a project that needs it.
__envman_auto_trusted() {
    __envman_exec allow --check -- "$1" >/dev/null 2>&1
}

# A change of directory in auto mode. A hook that cds (zsh's chpwd, fish's PWD event)
# does not come back in here; the new directory is looked at again right after.
__envman_auto_update() {
    # local: seen by the calls nested in this one (dynamic scope), gone with it, even when
    # Ctrl-C cuts it short
    local _em_i=0 _em_pwd __envman_auto_busy=1
    while [ "$_em_i" -lt 3 ]; do
        _em_pwd="$PWD"
        __envman_auto_pwd="$PWD"
        __envman_auto_step
        [ "$PWD" = "$_em_pwd" ] && break
        _em_i=$((_em_i + 1))
    done
    return 0
}

__envman_auto_step() {
    local _em_ve="${VIRTUAL_ENV-}" _em_rc _em_dir _em_name _em_proj
    if [ -n "$__envman_auto_env" ] && [ "$_em_ve" != "$__envman_auto_env" ]; then
        # its env was deactivated or replaced by hand: step aside
        __envman_auto_env="" __envman_auto_aside=1
    fi
    _em_rc=0
    __envman_auto_find auto || _em_rc=$?
    _em_dir="$__envman_reply" _em_name="$__envman_found_name"
    if [ "$_em_rc" -eq 0 ] || [ "$_em_rc" -eq 3 ]; then
        # only ever replace nothing or an env of its own
        [ -z "$__envman_auto_aside" ] || return 0
        [ -z "$_em_ve" ] || [ "$_em_ve" = "$__envman_auto_env" ] || return 0
        [ "$_em_ve" != "$_em_dir" ] || return 0
        if [ "$_em_rc" -eq 3 ]; then
            _em_proj="${_em_dir%/.venv}"
            if [ "${__envman_auto_warned-}" = "$_em_dir" ] || ! __envman_auto_trusted "${_em_proj:-/}"; then
                [ "${__envman_auto_warned-}" = "$_em_dir" ] \
                    || __envman_err "envman: $_em_dir is a project-local environment, not activated until you allow it: envman allow ${_em_proj:-/}"
                __envman_auto_warned="$_em_dir"
                _em_rc=2
            fi
        fi
        if [ "$_em_rc" -ne 2 ]; then
            __envman_warn_base_gone "$_em_dir" "$_em_name"
            __envman_activate "$_em_dir" "$_em_name" 0 auto
            return 0
        fi
    fi
    if [ "$_em_rc" -eq 1 ]; then
        __envman_auto_aside="" __envman_auto_warned=""
    fi
    # no env here that may be activated: leave the one auto-activation activated
    if [ -n "$__envman_auto_env" ]; then
        __envman_deactivate || :
        __envman_auto_env=""
    fi
    return 0
}
# workon PREFIX, when no entry of STORE is called PREFIX: the one env whose name starts
# with it, in __envman_reply (PREFIX itself when none does: workon then says it does
# not exist). Several: one line saying so, the candidates, status 1.
# __envman_prefix_match STORE PREFIX
__envman_prefix_match() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs noksharrays noglobsubst
    fi
    local _em_d _em_n _em_glob _em_count=0 _em_match=""
    local -a _em_names
    _em_names=()
    __envman_glob_save
    _em_glob="$__envman_reply"
    # Every entry, the prefix compared by `case` (quoted: *, ? and [ in it match
    # themselves): ksh93 mis-quotes a glob word whose quoted part holds some non-ASCII
    # characters, and a store path may hold them.
    for _em_d in "$1"/*/; do
        _em_d="${_em_d%/}"
        _em_n="${_em_d##*/}"
        case "$_em_n" in "$2"*) ;; *) continue ;; esac
        case "$_em_n" in .*) continue ;; esac
        __envman_is_env "$_em_d" || continue
        _em_names+=("$_em_n")
        _em_match="$_em_n"
        _em_count=$((_em_count + 1))
    done
    __envman_glob_restore "$_em_glob"
    __envman_reply="$2"
    case "$_em_count" in
        0) return 0 ;;
        1) __envman_reply="$_em_match"; return 0 ;;
    esac
    __envman_err "envman: error: '$2' is the start of $_em_count environments; type more of the name:"
    for _em_n in "${_em_names[@]}"; do
        __envman_err "  $_em_n"
    done
    return 1
}

# ---------------------------------------------------------------- the envman wrapper
#
# `envman new` and `envman tmp` activate what they made, `envman rm` refuses the active
# env, `envman vars` shows its change here at once; the rest goes to the program (which
# starts Python anyway, so this is loaded by envman.sh's stub, not with the core).

# After `envman vars NAME set|unset ...` succeeded: when NAME is the env active in this
# shell, give back what its activation set and apply the new snippet, so the change
# shows here at once (other shells see it at their next activation).
__envman_vars_refresh() {
    case "${2-}" in set | unset) ;; *) return 0 ;; esac
    [ -n "${__envman_active-}" ] && [ "${__envman_active-}" = "${VIRTUAL_ENV-}" ] || return 0
    __envman_store
    [ "$__envman_reply/$1" = "$__envman_active" ] || return 0
    __envman_vars_apply "$__envman_active"
}

envman() {
    local _em_arg _em_no_activate="" _em_rc _em_name
    case "${1-}" in
        workon) shift; workon "$@"; return ;;
        deactivate) shift; deactivate "$@"; return ;;
        new)
            for _em_arg in "$@"; do
                case "$_em_arg" in
                    --no-activate | -h | --help) _em_no_activate=1 ;;
                esac
            done
            if [ -n "$_em_no_activate" ]; then
                __envman_exec "$@"
                return
            fi
            __envman_run_reporting "$@"
            _em_rc=$?
            _em_name="$__envman_reply"
            [ "$_em_rc" -eq 0 ] || return "$_em_rc"
            if [ -n "$_em_name" ]; then
                workon -n "$_em_name"
                return
            fi
            return 0
            ;;
        tmp)
            for _em_arg in "$@"; do
                case "$_em_arg" in
                    -h | --help) __envman_exec "$@"; return ;;
                esac
            done
            shift
            __envman_run_reporting tmp --owner-pid "$$" "$@"
            _em_rc=$?
            _em_name="$__envman_reply"
            [ "$_em_rc" -eq 0 ] || return "$_em_rc"
            [ -n "$_em_name" ] || return 0
            __envman_store
            __envman_mark_tmp "$__envman_reply/$_em_name"
            workon -n "$_em_name"
            return
            ;;
        allow | deny) __envman_auto_pwd="" __envman_auto_warned="" ;;  # seen at the next prompt
        vars)
            __envman_exec "$@" || return
            __envman_vars_refresh "${2-}" "${3-}"
            return 0
            ;;
        rm)
            for _em_arg in "$@"; do
                if [ "$_em_arg" != rm ] && __envman_is_active_name "$_em_arg"; then
                    __envman_err "envman: error: environment '$_em_arg' is active in this shell (run 'deactivate' first)"
                    return 1
                fi
            done
            ;;
    esac
    __envman_exec "$@"
}

# The core's functions this file calls, as stubs (envman.sh: "the core, on first use")
# when the core is not in yet: a shell start can load this file without it.
if [ -z "${__envman_core_loaded-}" ]; then
    # >>> generated: core stubs
    __envman_vars_apply() { __envman_core && __envman_vars_apply "$@"; }
    __envman_activate() { __envman_core && __envman_activate "$@"; }
    __envman_first_line() { __envman_core && __envman_first_line "$@"; }
    __envman_define_deactivate() { __envman_core && __envman_define_deactivate "$@"; }
    __envman_hook_dir() { __envman_core && __envman_hook_dir "$@"; }
    __envman_plain_name() { __envman_core && __envman_plain_name "$@"; }
    __envman_read_project() { __envman_core && __envman_read_project "$@"; }
    __envman_exec() { __envman_core && __envman_exec "$@"; }
    __envman_cd() { __envman_core && __envman_cd "$@"; }
    __envman_warn_base_gone() { __envman_core && __envman_warn_base_gone "$@"; }
    # <<< generated: core stubs
    :
fi
