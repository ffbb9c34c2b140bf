# envman shell integration for bash and zsh: the core, sourced by envman.sh's stubs on
# the first call of workon, deactivate or another function it stubs; never by a user.
# Function definitions only (envman.sh creates every global; the last line sets the
# one saying the core is in). Nothing here starts Python on workon, deactivate or the
# cd helpers.
# The rules of envman.sh and every file it loads: they are sourced into the user's
# shell, so they never call exit, set -e or set -u, and keep working when the user has
# set them; every expansion is quoted; builtins and external programs are called
# through `\builtin` / `\command`, so aliases and functions named cd, ls, rm, grep,
# source cannot hijack them; private helpers are named __envman_*; locals of functions
# that source user hooks are named _em_*, so a hook's assignments cannot clobber them.
#
# shellcheck shell=bash disable=SC2034
# (SC2034: VIRTUAL_ENV_PROMPT, _OLD_VIRTUAL_* and the like are for the user's shell,
# prompt and hooks, not for this file.)

# A key of DIR/pyvenv.cfg, surrounding quotes removed, in __envman_reply; status 1 when
# it is not there. With KEY2, that key's value is in __envman_found (workon wants the
# prompt and the base's home: one read of the file, not two). As Python's venv reads
# it: the first line that is KEY, spaces, `=`, counts. The file is read at once (-N: as
# it is, whatever IFS holds) and searched as one text: only the lines starting with a
# key are taken apart (in bash a loop over every line costs more than the read).
# __envman_cfg_get DIR KEY [KEY2]
__envman_cfg_get() {
    local _em_text _em_key _em_rest _em_value _em_status=1
    __envman_reply=""
    [[ -z "${3-}" ]] || __envman_found=""
    [[ -r "$1/pyvenv.cfg" ]] || return 1
    if [[ -n "${BASH_VERSION-}" ]]; then
        \builtin read -r -N 1000000 _em_text < "$1/pyvenv.cfg" || :
    else
        _em_text="$(<"$1/pyvenv.cfg")"  # (zsh, ksh93: no fork)
    fi
    for _em_key in "$2" ${3+"$3"}; do
        _em_rest=$'\n'"$_em_text"
        while :; do
            case "$_em_rest" in *$'\n'"$_em_key"[\ =]*) ;; *) break ;; esac
            # the text after the next line starting with KEY; its line's rest is
            # spaces, `=`, the value when that line is KEY's
            _em_rest="${_em_rest#*$'\n'"$_em_key"}"
            _em_value="${_em_rest%%$'\n'*}"
            case "$_em_value" in
                " = "[!\ \'\"]*[!\ ] | " = "[!\ \'\"])
                    # `KEY = value`, as venv and uv write it: nothing more to take off
                    # (each expansion costs bash as much as a short line's read)
                    _em_value="${_em_value#" = "}"
                    ;;
                *)
                    _em_value="${_em_value#"${_em_value%%[! ]*}"}"
                    case "$_em_value" in "="*) ;; *) continue ;; esac
                    _em_value="${_em_value#"="}"
                    _em_value="${_em_value#"${_em_value%%[! ]*}"}"
                    _em_value="${_em_value%"${_em_value##*[! ]}"}"
                    case "$_em_value" in
                        \'*\' | \"*\") _em_value="${_em_value#?}"; _em_value="${_em_value%?}" ;;
                    esac
                    ;;
            esac
            if [[ "$_em_key" == "$2" ]]; then
                __envman_reply="$_em_value"
                _em_status=0
            else
                __envman_found="$_em_value"
            fi
            break
        done
    done
    return "$_em_status"
}

# ---------------------------------------------------------------- hooks
#
# virtualenvwrapper's user scripts: "run" hooks are executed as programs with the
# documented arguments and $WORKON_HOME as working directory; "sourced" hooks run in
# this shell. Hook files virtualenvwrapper creates hold only a shebang and a comment;
# executing those would cost a fork and an exec for nothing, so they are skipped.

# Whether hook file $1 may hold something to run. A hook file as virtualenvwrapper and
# envman make it holds only comments, and sourcing or running it would do nothing:
# workon and deactivate skip it here, in one call instead of the two the functions
# that run or source hooks make. Those decide the rest: a file that cannot be read
# (they say so) and a read that stops before the end (status 0). -N: the file as it
# is, whatever IFS holds (an `IFS=` before `\builtin read` costs bash more than the read).
__envman_hook_worth() {
    [[ -f "$1" ]] || return 1
    [[ -r "$1" ]] || return 0
    if [[ -n "${BASH_VERSION-}" ]]; then
        \builtin read -r -N 1000000 __envman_reply < "$1" && return 0
    else
        __envman_reply="$(<"$1")"  # (zsh, ksh93: no fork)
    fi
    case $'\n'"$__envman_reply" in *$'\n'[!#$'\n']*) return 0 ;; esac
    return 1
}

# The variable changes of an activation: DIR PROMPT_TEXT PS1_PREFIX. No user code
# runs here, so zsh's warn_create_global can be silenced locally without hiding
# anything a hook does.
__envman_apply_activation() {
    if [[ -n "${ZSH_VERSION-}" ]]; then
        \builtin setopt localoptions nowarncreateglobal 2>/dev/null
    fi
    _OLD_VIRTUAL_PATH="$PATH"
    \builtin unset _OLD_VIRTUAL_PYTHONHOME
    if [[ -n "${PYTHONHOME-}" ]]; then
        _OLD_VIRTUAL_PYTHONHOME="$PYTHONHOME"
    fi
    __envman_prompt_set=""
    if [[ -z "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]]; then
        if [[ -n "${PS1+set}" ]]; then
            __envman_ps1_unset=""
        else
            __envman_ps1_unset=1
        fi
        _OLD_VIRTUAL_PS1="${PS1-}"
    fi
    VIRTUAL_ENV="$1" VIRTUAL_ENV_PROMPT="$2"
    \builtin export VIRTUAL_ENV VIRTUAL_ENV_PROMPT
    __envman_active="$1"
    # (__envman_define_deactivate, inline)
    # shellcheck disable=SC2317  # called by the user
    deactivate() {
        __envman_deactivate "$@"
    }
    [[ -n "${_OLD_VIRTUAL_PYTHONHOME+set}" ]] && \builtin unset PYTHONHOME
    PATH="$1/bin:$PATH"
    \builtin export PATH
    if [[ -z "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]]; then
        __envman_prompt_set=1
        PS1="($3) ${PS1-}"
    fi
    # No `hash -r` or `rehash`: assigning PATH above already emptied the shell's table
    # of command paths (bash, zsh and ksh93 alike), and the call with its 2>/dev/null
    # was ~10 system calls per activation.
}

# Undo __envman_apply_activation (or a hand-activated venv's variables).
# OURS is 1 when this file activated the env; LAST, virtualenvwrapper's
# VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV for the deactivate hooks (set here, where zsh's
# warn_create_global is off for no user code). __envman_restore_shell OURS [LAST]
__envman_restore_shell() {
    if [[ -n "${ZSH_VERSION-}" ]]; then
        \builtin setopt localoptions nowarncreateglobal 2>/dev/null
    fi
    if [[ -n "${_OLD_VIRTUAL_PATH+set}" ]]; then
        PATH="$_OLD_VIRTUAL_PATH"
        \builtin export PATH
        \builtin unset _OLD_VIRTUAL_PATH
    elif [[ "$1" != 1 && -n "${VIRTUAL_ENV-}" ]]; then
        __envman_drop_env_bin  # inherited from a parent process: nothing was saved
    fi
    if [[ -n "${_OLD_VIRTUAL_PYTHONHOME+set}" ]]; then
        PYTHONHOME="$_OLD_VIRTUAL_PYTHONHOME"
        \builtin export PYTHONHOME
        \builtin unset _OLD_VIRTUAL_PYTHONHOME
    fi
    if [[ -n "${__envman_prompt_set-}" ]]; then
        if [[ -n "${__envman_ps1_unset-}" ]]; then
            \builtin unset PS1
        else
            PS1="${_OLD_VIRTUAL_PS1-}"
        fi
    elif [[ "$1" != 1 && -n "${_OLD_VIRTUAL_PS1-}" ]]; then
        PS1="$_OLD_VIRTUAL_PS1"
    fi
    \builtin unset _OLD_VIRTUAL_PS1 VIRTUAL_ENV VIRTUAL_ENV_PROMPT
    __envman_prompt_set="" __envman_ps1_unset="" __envman_prompt_text="" __envman_active=""
    [[ -z "${2-}" ]] || VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV="$2"
    # No `hash -r` or `rehash`: see __envman_apply_activation (PATH, when it changed,
    # was assigned above, which empties the table of command paths).
}

# Last used, for `envman ls`: the mtime of STORE/.envman/used/NAME, set by opening it
# with truncation (a builtin redirection, no fork). Only ever an empty regular file of
# our own: a symlink, a FIFO, or a file with content (a hard link to something else)
# in its place is left alone, and so are symlinked .envman and used directories.
# A read-only or foreign store is fine.
__envman_stamp_used() {
    local _em_state="$1/.envman" _em_file="$1/.envman/used/$2"
    [[ -d "$_em_state" && ! -L "$_em_state" ]] || return 0
    if [[ ! -e "$_em_state/used" && ! -L "$_em_state/used" ]]; then
        \command mkdir -- "$_em_state/used" 2>/dev/null || :  # once per store
    fi
    [[ -d "$_em_state/used" && ! -L "$_em_state/used" ]] || return 0
    if [[ -L "$_em_file" ]]; then
        return 0
    elif [[ -e "$_em_file" ]]; then
        [[ -f "$_em_file" && ! -s "$_em_file" ]] || return 0
    fi
    : 2>/dev/null >| "$_em_file" || :
}

# ---------------------------------------------------------------- per-env variables
#
# `envman vars` writes ENV/.envman-vars.sh (envvars.py): one line per variable,
#     __envman_vars_set NAME "${NAME+x}" "${NAME-}" 'VALUE'
# so the state each variable had is read by the sourced line itself (no indirection)
# and kept here until deactivate gives it back: the old value byte for byte, or unset
# again. What is kept is what this activation changed, whatever `envman vars` does
# to the files meanwhile.

# __envman_vars_apply DIR: export DIR's variables (none: one test, nothing else).
__envman_vars_apply() {
    # Left over from an activation that was cut short, or from an env a venv's own
    # activate script took over (it replaces `deactivate` before calling it, so ours
    # never ran): given back first. (the test before __envman_vars_undo)
    [ -z "${__envman_vars_saved[*]+set}" ] || __envman_vars_undo
    [ -f "$1/.envman-vars.sh" ] && [ ! -L "$1/.envman-vars.sh" ] || return 0
    if [ -n "${ZSH_VERSION-}" ]; then
        # the snippet is parsed under zsh's defaults (rc_quotes would change its quoting)
        \builtin emulate -L zsh
    fi
    \builtin . "$1/.envman-vars.sh"
}

# Give back what __envman_vars_apply changed, in reverse order of setting. Its callers
# test first that anything was saved (twice a cycle: no call when nothing was).
__envman_vars_undo() {
    local _em_i
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions nowarncreateglobal noksharrays 2>/dev/null
        _em_i=$(( ${#__envman_vars_saved[@]} - 2 ))
    else
        _em_i=$(( ${#__envman_vars_saved[@]} - 3 ))
    fi
    # bash arrays count from 0, zsh's from 1: _em_i is the NAME of the last triple.
    while [ "$_em_i" -ge 0 ] && [ -n "${__envman_vars_saved[$_em_i]+set}" ]; do
        if [ -n "${__envman_vars_saved[$_em_i + 1]}" ]; then
            \builtin export -- "${__envman_vars_saved[$_em_i]}=${__envman_vars_saved[$_em_i + 2]}" || :
            if [ "${__envman_vars_saved[$_em_i + 1]}" = s ]; then
                if [ -n "${ZSH_VERSION-}" ]; then
                    \builtin typeset -g +x -- "${__envman_vars_saved[$_em_i]}" || :
                else
                    \builtin export -n -- "${__envman_vars_saved[$_em_i]}" || :
                fi
            fi
        else
            \builtin unset -- "${__envman_vars_saved[$_em_i]}" || :
        fi
        _em_i=$(( _em_i - 3 ))
    done
    __envman_vars_saved=()
}

# __envman_activate DIR NAME CD(0|1) [auto] [STORE] [=PROMPT]: deactivate whatever is
# active, run the activate hooks, switch PATH/VIRTUAL_ENV/prompt, cd to the project if
# asked. "auto": auto-activation's (project hook files are then sourced only when
# allowed). STORE and =PROMPT (pyvenv.cfg's prompt, as workon read it with the base's
# home) save work already done; the file is read again when a hook ran in between.
# A hook file that is not there costs a test here, not a call (bash copies a
# function's body at every call).
__envman_activate() {
    local _em_dir="$1" _em_name="$2" _em_cd="$3" _em_store="${5-}" _em_prompt="${6-}" _em_hooks _em_project="" _em_runs

    if [[ -n "${VIRTUAL_ENV-}" ]]; then
        _em_prompt=""  # (the hooks of the env left run first)
        if [[ "${__envman_active-}" == "$VIRTUAL_ENV" ]]; then
            # shellcheck disable=SC2119  # no arguments: a plain deactivate
            __envman_deactivate || :
        else
            __envman_leave_foreign
        fi
    fi

    if [[ -z "$_em_store" ]]; then
        __envman_store
        _em_store="$__envman_reply"
    fi
    _em_hooks="${VIRTUALENVWRAPPER_HOOK_DIR:-$_em_store}"  # (__envman_hook_dir, inline)

    _em_runs="${__envman_hooks_run-0}"
    ! __envman_hook_worth "$_em_hooks/preactivate" \
        || __envman_run_hook "$_em_store" "$_em_hooks/preactivate" "$_em_name"
    [[ ! -f "$_em_dir/bin/preactivate" ]] || __envman_run_hook "$_em_store" "$_em_dir/bin/preactivate" "$_em_name"

    # Ctrl-C safety without traps (saving a bash trap needs a fork): the order makes
    # every prefix of this sequence something `deactivate` undoes exactly. First the
    # saved values (harmless alone), then the markers deactivate reads, then the
    # changes themselves.
    if [[ -z "$_em_prompt" || "${__envman_hooks_run-0}" != "$_em_runs" ]]; then
        __envman_cfg_get "$_em_dir" prompt || :
        _em_prompt="=$__envman_reply"
    fi
    _em_prompt="${_em_prompt#=}"
    [[ -n "$_em_prompt" ]] || _em_prompt="$_em_name"
    case "$_em_prompt" in
        *[\\\$\`%!]*) __envman_prompt_quote "$_em_prompt" ;;
        *) __envman_reply="$_em_prompt" __envman_prompt_text="" ;;  # (its usual case, inline)
    esac

    __envman_apply_activation "$_em_dir" "$_em_prompt" "$__envman_reply"
    # auto-activation's mark: whose activation this is
    if [[ "${4-}" == auto ]]; then
        __envman_auto_env="$_em_dir"
    else
        __envman_auto_env="" __envman_auto_aside=1
    fi
    # (__envman_vars_apply's own first tests, inline)
    if [[ -n "${__envman_vars_saved[*]+set}" || -f "$_em_dir/.envman-vars.sh" ]]; then
        __envman_vars_apply "$_em_dir"
    fi

    [[ "$_em_dir" != "$_em_store/$_em_name" ]] || __envman_stamp_used "$_em_store" "$_em_name"

    # virtualenvwrapper's order: the project plugin (cd, project hook), then the
    # global and the env's own postactivate.
    if [[ -f "$_em_dir/${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" ]]; then
        __envman_read_project "$_em_dir"
        _em_project="$__envman_reply"
    fi
    if [[ -n "$_em_project" && -d "$_em_project" ]]; then
        if [[ "$_em_cd" == 1 ]]; then
            __envman_cd "$_em_project" || :
        fi
        __envman_auto_hook_ok "$_em_dir" "$_em_project" postactivate \
            && __envman_source_hook "$_em_project/.virtualenvwrapper/postactivate"
    fi
    ! __envman_hook_worth "$_em_hooks/postactivate" || __envman_source_hook "$_em_hooks/postactivate"
    [[ ! -f "$_em_dir/bin/postactivate" ]] || __envman_source_hook "$_em_dir/bin/postactivate"
    return 0
}

# shellcheck disable=SC2120  # deactivate (envman.sh) passes its arguments
__envman_deactivate() {
    local _em_mode="${1-}" _em_dir _em_name _em_store _em_hooks _em_project="" _em_ours=""

    if [[ -z "${VIRTUAL_ENV-}" ]]; then
        [[ "$_em_mode" == nondestructive ]] && return 0
        __envman_err "deactivate: no virtual environment is active"
        return 1
    fi
    _em_dir="$VIRTUAL_ENV"
    _em_name="${_em_dir##*/}"
    [[ "${__envman_active-}" == "$_em_dir" ]] && _em_ours=1
    # The store: a WORKON_HOME that is an absolute path with nothing to tidy is one
    # already (__envman_store gives it back as it is), no call needed.
    _em_store="${WORKON_HOME:-${HOME-}/.virtualenvs}"
    case "$_em_store" in
        [!/]* | *//* | */./* | */. | */)
            __envman_store
            _em_store="$__envman_reply"
            ;;
    esac
    _em_hooks="${VIRTUALENVWRAPPER_HOOK_DIR:-$_em_store}"  # (__envman_hook_dir, inline)

    if [[ -n "$_em_ours" ]]; then
        # virtualenvwrapper 6.1.1's order: the project's hook, then the env's, then
        # the global one (its projects plugin runs before its user-scripts plugin).
        if [[ -f "$_em_dir/${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" ]]; then
            __envman_read_project "$_em_dir"
            _em_project="$__envman_reply"
        fi
        if [[ -n "$_em_project" ]] && __envman_auto_hook_ok "$_em_dir" "$_em_project" predeactivate; then
            __envman_source_hook "$_em_project/.virtualenvwrapper/predeactivate"
        fi
        [[ ! -f "$_em_dir/bin/predeactivate" ]] || __envman_source_hook "$_em_dir/bin/predeactivate"
        ! __envman_hook_worth "$_em_hooks/predeactivate" || __envman_source_hook "$_em_hooks/predeactivate"
    fi

    [[ -z "${__envman_vars_saved[*]+set}" ]] || __envman_vars_undo
    if [[ -n "$_em_ours" ]]; then
        __envman_prev_env="$_em_name"  # for `workon -`
        # (with virtualenvwrapper's VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV for the hooks)
        __envman_restore_shell 1 "$_em_store/$_em_name"
        [[ ! -f "$_em_dir/bin/postdeactivate" ]] || __envman_source_hook "$_em_dir/bin/postdeactivate"
        ! __envman_hook_worth "$_em_hooks/postdeactivate" || __envman_source_hook "$_em_hooks/postdeactivate"
        \builtin unset VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
        # A temporary env (mktmpenv, envman tmp) goes away with its activation.
        if [[ -f "$_em_dir/README.tmpenv" && "$_em_dir" == "$_em_store/$_em_name" ]]; then
            __envman_remove_tmpenv "$_em_name"
        fi
    else
        __envman_restore_shell 0
    fi
    return 0
}

# The usual `workon NAME` (an env of the store by its exact name, a WORKON_HOME that
# needs no tidying) in this one function: bash copies a function's body at every call,
# and each call of a helper costs more than the tests it runs. Anything else (options,
# `-`, `.`, a prefix, an error to say, an unusual WORKON_HOME) is __envman_workon_args's,
# which gives the same result the long way.
workon() {
    local _em_store="${WORKON_HOME:-${HOME-}/.virtualenvs}" _em_dir
    if [[ "$#" == 1 ]]; then
        case "$1" in "" | .* | */* | -*) _em_store="" ;; esac
        case "$_em_store" in
            "" | [!/]* | *//* | */./* | */. | */ | *[$'\001'-$'\037'$'\177']*) ;;
            *)
                _em_dir="$_em_store/$1"
                if [[ -d "$_em_dir" && -f "$_em_dir/pyvenv.cfg" \
                    && ( -f "$_em_dir/bin/activate" || -x "$_em_dir/bin/python" ) ]]; then
                    # the prompt and the base's home (__envman_warn_base_gone's check)
                    __envman_cfg_get "$_em_dir" prompt home || :
                    if [[ -n "$__envman_found" && ! -d "$__envman_found" ]]; then
                        __envman_err "envman: warning: the Python '$1' was built on is gone ($__envman_found); run 'envman upgrade $1' to rebuild it"
                    fi
                    __envman_found=""
                    __envman_activate "$_em_dir" "$1" "${VIRTUALENVWRAPPER_WORKON_CD:-1}" "" \
                        "$_em_store" "=$__envman_reply"
                    return
                fi
                ;;
        esac
    fi
    __envman_workon_args "$@"
}

__envman_auto_hook_ok() { [ "$1" != "${__envman_auto_env-}" ] || { __envman_lazy && __envman_auto_hook_ok "$@"; }; }


# envman-more.sh's functions, as stubs until it is in: a plain workon never calls them
# (~10 KB of bash and zsh to parse less on the first workon of a shell). Defined each
# time this file loads: it loads again only after envman.sh was sourced again, whose
# stubs of the public ones would otherwise call themselves (the rest stays right: a
# stub loads envman-more.sh again, once).
__envman_more() { __envman_load envman-more.sh; }
# >>> generated: more stubs
__envman_first_line() { __envman_more && __envman_first_line "$@"; }
__envman_define_deactivate() { __envman_more && __envman_define_deactivate "$@"; }
__envman_hook_dir() { __envman_more && __envman_hook_dir "$@"; }
__envman_project_filename() { __envman_more && __envman_project_filename "$@"; }
__envman_plain_name() { __envman_more && __envman_plain_name "$@"; }
__envman_read_project() { __envman_more && __envman_read_project "$@"; }
__envman_exec() { __envman_more && __envman_exec "$@"; }
__envman_cd() { __envman_more && __envman_cd "$@"; }
__envman_perms_check() { __envman_more && __envman_perms_check "$@"; }
__envman_run_hook() { __envman_more && __envman_run_hook "$@"; }
__envman_source_hook() { __envman_more && __envman_source_hook "$@"; }
__envman_prompt_quote() { __envman_more && __envman_prompt_quote "$@"; }
__envman_vars_set() { __envman_more && __envman_vars_set "$@"; }
__envman_remove_tmpenv() { __envman_more && __envman_remove_tmpenv "$@"; }
__envman_workon_args() { __envman_more && __envman_workon_args "$@"; }
__envman_workon_dir() { __envman_more && __envman_workon_dir "$@"; }
__envman_workon_bad() { __envman_more && __envman_workon_bad "$@"; }
__envman_workon_name() { __envman_more && __envman_workon_name "$@"; }
__envman_warn_base_gone() { __envman_more && __envman_warn_base_gone "$@"; }
__envman_require_active() { __envman_more && __envman_require_active "$@"; }
cdvirtualenv() { __envman_more && cdvirtualenv "$@"; }
cdsitepackages() { __envman_more && cdsitepackages "$@"; }
lssitepackages() { __envman_more && lssitepackages "$@"; }
cdproject() { __envman_more && cdproject "$@"; }
# <<< generated: more stubs

# For a shell whose envman.sh is older than this file (envman upgraded under it): its
# stubs of virtualenvwrapper's names call these, through a stub that loads this file
# (generate.py's COMPAT_LOADS, as ksh93's rc file defines them).
# >>> generated: compat loaders
__envman_compat_load() { __envman_load envman-compat.sh && "$@"; }
__envman_compat_mk() { { [[ -n ${__envman_compat_loaded-} ]] || __envman_load envman-compat.sh; } && __envman_load envman-compat-mk.sh && "$@"; }
# <<< generated: compat loaders

# envman-lazy.sh's other stubs (envman.sh: "loaded on first use"), unless that file is
# in already (a shell start loads it for an unusual install or auto-activation).
if [ -z "${__envman_lazy_loaded-}" ]; then
    __envman_workon_help() { __envman_lazy && __envman_workon_help "$@"; }
    __envman_env_for_pwd() { __envman_lazy && __envman_env_for_pwd "$@"; }
    __envman_run_reporting() { __envman_lazy && __envman_run_reporting "$@"; }
    __envman_mark_tmp() { __envman_lazy && __envman_mark_tmp "$@"; }
    __envman_leave_foreign() { __envman_lazy && __envman_leave_foreign "$@"; }
    __envman_drop_env_bin() { __envman_lazy && __envman_drop_env_bin "$@"; }
    __envman_env_site_packages() { __envman_lazy && __envman_env_site_packages "$@"; }
    __envman_cat() { __envman_lazy && __envman_cat "$@"; }
    __envman_prefix_match() { __envman_lazy && __envman_prefix_match "$@"; }
fi

# The core is in: envman-compat.sh, loaded after it, finds every function here.
__envman_core_loaded=1
