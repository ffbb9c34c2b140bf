# envman shell integration for bash and zsh.
#
# Load it from ~/.bashrc or ~/.zshrc (no Python starts):
#     source "$(envman init --path bash)"      # once, to find the path; then use
#     source "/the/printed/path/envman.sh"      # the literal path in the rc file
# or, at the price of one Python start per shell:
#     eval "$(envman init bash)"                # or zsh
#
# Defines `envman` (a wrapper: `envman new` activates the new env), `workon`,
# `deactivate`, cdvirtualenv, cdsitepackages, cdproject, lssitepackages and, unless
# ENVMAN_COMPAT=0 or `[shell] compat = false` in config.toml, virtualenvwrapper's
# commands (mkvirtualenv, rmvirtualenv, ...; envman-compat.sh, loaded on first use),
# hooks and variables. bash completion is loaded on the first TAB.
#
# Rules this file follows: it is sourced into the user's shell,
# so it never calls exit, set -e or set -u, and keeps working when the user has set
# them; every expansion is quoted; builtins and external programs are called through
# `\builtin` / `\command` so aliases and functions named cd, ls, rm, grep, source
# cannot hijack them; private helpers are named __envman_*; locals of functions that
# source user hooks are named _em_* so a hook's assignments cannot clobber them.
# Nothing here starts Python on start-up, workon, deactivate or the cd helpers.
#
# shellcheck shell=bash disable=SC2034
# (SC2034: VIRTUAL_ENV_PROMPT, _OLD_VIRTUAL_* and the like are for the user's shell,
# prompt and hooks, not for this file.)

# (Said and stopped in any POSIX shell: ksh93 and dash have no `builtin` command.)
# shellcheck disable=SC2317  # the second return is for those shells
if [ -z "${BASH_VERSION-}" ] && [ -z "${ZSH_VERSION-}" ]; then
    \command printf '%s\n' "envman: envman.sh is for bash and zsh (ksh93: envman.ksh; fish: envman.fish)" >&2
    \builtin return 1 2>/dev/null || return 1
fi

# Private globals, created here at top level so that functions only assign them
# (zsh's warn_create_global complains about globals first created in a function).
__envman_reply="" __envman_found="" __envman_found_name="" __envman_auto_busy=""
__envman_program_prev="${__envman_program-}"  # what an earlier load found
# (kept when this file is loaded again: __envman_active ... __envman_prev_env; the
# auto-activation's state: envman-lazy.sh says what each is; __envman_*_loaded are set
# by the file named)
: "${__envman_active=}" "${__envman_prompt_set=}" "${__envman_ps1_unset=}" \
    "${__envman_prompt_text=}" "${__envman_perms_checked=}" "${__envman_core_loaded=}" \
    "${__envman_compat_loaded=}" "${__envman_lazy_loaded=}" "${__envman_auto_pwd=}" \
    "${__envman_auto_env=}" "${__envman_auto_aside=}" "${__envman_auto_warned=}" \
    "${__envman_prev_env=}"
# What the active env's variables replaced: NAME WAS_SET OLD_VALUE, three words each.
[ -n "${__envman_vars_saved+set}" ] || __envman_vars_saved=()
# bash 4.4 and later can tell whether a variable is exported (${NAME@a}).
__envman_bash_attrs=""
case "${BASH_VERSION-}" in [5-9]* | 4.[4-9]*) __envman_bash_attrs=1 ;; esac
# mkvirtualenv's parsed command line (envman-compat-mk.sh, loaded from inside a function).
__envman_mk_project="" __envman_mk_req="" __envman_mk_python="" __envman_mk_name="" __envman_mk_help=""
__envman_mk_pkgs=() __envman_mk_vargs=() __envman_mk_new=()

# ---------------------------------------------------------------- small helpers

__envman_err() {
    \builtin printf '%s\n' "$@" >&2
}

# The store: $WORKON_HOME (relative to $HOME when relative, ~ expanded), else
# ~/.virtualenvs. Spelled as Python's pathlib spells it (no //, no /./, no trailing
# slash; symlinks and .. kept as they are), so "$store/$name" is the very path Python
# prints for `envman path NAME`. Result in __envman_reply (no subshell, no fork).
__envman_store() {
    __envman_reply="${WORKON_HOME-}"
    # shellcheck disable=SC2088  # "~/": a literal ~ kept by a quoted assignment
    case "$__envman_reply" in
        "") __envman_reply="${HOME-}/.virtualenvs" ;;
        "~") __envman_reply="${HOME-}" ;;
        "~/"*) __envman_reply="${HOME-}/${__envman_reply#"~/"}" ;;
        /*) ;;
        *) __envman_reply="${HOME-}/$__envman_reply" ;;
    esac
    while :; do
        case "$__envman_reply" in
            *//*) __envman_reply="${__envman_reply%%//*}/${__envman_reply#*//}" ;;
            */./*) __envman_reply="${__envman_reply%%/./*}/${__envman_reply#*/./}" ;;
            ?*/.) __envman_reply="${__envman_reply%/.}" ;;
            ?*/) __envman_reply="${__envman_reply%/}" ;;
            *) break ;;
        esac
    done
}

# True when the text holds a newline or another control character: such a path
# cannot be printed, read back a line at a time, or split by fish the same way.
# (A range, not [[:cntrl:]]: bash matches that class 5x slower in a UTF-8 locale.)
__envman_has_control() {
    case "$1" in
        *[$'\001'-$'\037'$'\177']*) return 0 ;;
    esac
    return 1
}

# __envman_store, refusing a store path the shells cannot carry intact (fish would
# split it at a newline): one line, status 2.
__envman_store_checked() {
    __envman_store
    if __envman_has_control "$__envman_reply"; then
        __envman_err "envman: error: WORKON_HOME contains a newline or another control character; set it to a directory path without one"
        return 2
    fi
}

__envman_compat_on() {
    [ "${__envman_compat-1}" = 1 ]
}

# ---------------------------------------------------------------- loaded on first use
#
# Functions a shell start and a plain `workon` never need live in envman-lazy.sh
# (bash parses every line it sources, ~2 µs each): each stub (envman-core.sh has the
# others) loads that file, which replaces all of them, then runs the real one.
__envman_lazy() {
    if [ ! -r "$__envman_shell_dir/envman-lazy.sh" ]; then
        __envman_err "envman: error: $__envman_shell_dir/envman-lazy.sh is missing (reinstall envman)"
        return 1
    fi
    \builtin . "$__envman_shell_dir/envman-lazy.sh" && __envman_lazy_loaded=1
}
__envman_auto_update() { __envman_lazy && __envman_auto_update "$@"; }
envman() { __envman_lazy && envman "$@"; }

# ---------------------------------------------------------------- the core, on first use
#
# workon, deactivate, the envman wrapper, the cd helpers and what they share live in
# envman-core.sh, sourced by the first call of any of them (bash parses every line it
# sources, comments included, ~2 µs each: a shell start parses only this file). Each
# stub loads that file, which replaces all of them, then runs the real function.
__envman_core() {
    if [ ! -r "$__envman_shell_dir/envman-core.sh" ]; then
        __envman_err "envman: error: $__envman_shell_dir/envman-core.sh is missing (reinstall envman)"
        return 1
    fi
    \builtin . "$__envman_shell_dir/envman-core.sh"
}
# >>> generated: core stubs
__envman_source_hook() { __envman_core && __envman_source_hook "$@"; }
__envman_make_hooks() { __envman_core && __envman_make_hooks "$@"; }
__envman_deactivate() { __envman_core && __envman_deactivate "$@"; }
workon() { __envman_core && workon "$@"; }
cdvirtualenv() { __envman_core && cdvirtualenv "$@"; }
cdsitepackages() { __envman_core && cdsitepackages "$@"; }
lssitepackages() { __envman_core && lssitepackages "$@"; }
cdproject() { __envman_core && cdproject "$@"; }
__envman_compat_load() { __envman_core && __envman_compat_load "$@"; }
__envman_compat_mk() { __envman_core && __envman_compat_mk "$@"; }
# <<< generated: core stubs

# ---------------------------------------------------------------- hooks (envman-core.sh)

# The whole of FILE, its lines joined by newlines, in __envman_reply, read at once:
# zsh's $(<file) needs no fork; bash's mapfile reads in blocks (read -d '' costs
# twice as much, a loop more).
__envman_slurp() {
    local IFS=$'\n'
    local -a _em_lines
    if [ -n "${ZSH_VERSION-}" ]; then
        __envman_reply="$(<"$1")"
    else
        \builtin mapfile -t _em_lines < "$1" || :
        __envman_reply="${_em_lines[*]-}"
    fi
}

# True when every line is empty or a comment (a line starting with a blank counts as
# content: the rare indented comment costs a run, never a skipped hook).
__envman_hook_is_empty() {
    __envman_slurp "$1"
    case $'\n'"$__envman_reply" in
        *$'\n'[!#$'\n']*) return 1 ;;
    esac
    return 0
}

__envman_global_hooks="initialize premkvirtualenv postmkvirtualenv precpvirtualenv postcpvirtualenv prermvirtualenv postrmvirtualenv predeactivate postdeactivate preactivate postactivate get_env_details premkproject postmkproject"
__envman_local_hooks="predeactivate postdeactivate preactivate postactivate get_env_details"

# ---------------------------------------------------------------- auto-activation
#
# Only what a prompt runs (one string comparison, $? kept) and workon needs; the rest,
# ENVMAN_AUTO_ACTIVATE's rules, is envman-lazy.sh's (loaded at the first cd in auto mode).
__envman_auto_prompt() {
    local _em_status=$?
    if [[ "$PWD" != "${__envman_auto_pwd-}" ]] && [ -z "${__envman_auto_busy-}" ]; then
        __envman_auto_pwd="$PWD"
        case "${ENVMAN_AUTO_ACTIVATE-}" in 1 | true | yes | on) __envman_auto_update ;; esac
    fi
    return "$_em_status"
}

# ---------------------------------------------------------------- loading

# bash, first TAB on any of the names registered below: load the completion file (which
# registers its own function for the next TABs) and complete this TAB with it.
__envman_lazy_complete() {
    local _em_flags="$-"
    # Another file, loaded under the user's -e/-u could end the shell on one slip:
    # load it without them, then give the user's flags back.
    set +eu
    \builtin . "$__envman_comp_dir/envman.bash" || :
    case "$_em_flags" in *e*) set -e ;; esac
    case "$_em_flags" in *u*) set -u ;; esac
    if \builtin typeset -f __envman_comp_complete >/dev/null 2>&1; then
        __envman_comp_complete "$@"
    fi
}

# (Top-level code, not a function: bash copies a function's body to define it and
# again to run it.)

# Keep our deactivate unless a venv activated by hand owns the name right now.
if [ -z "${VIRTUAL_ENV-}" ] || [ "${__envman_active-}" = "${VIRTUAL_ENV-}" ] \
    || ! \builtin typeset -f deactivate >/dev/null 2>&1; then
    # (the venv contract: envman-core.sh's define_deactivate)
    deactivate() {
        __envman_deactivate "$@"
    }
fi

# This file's directory, absolute: what is found through it (the program, the files
# loaded on first use, completions in ../completions) must still be found after a cd.
if [ -n "${ZSH_VERSION-}" ]; then
    # $0 is this file while it is sourced under FUNCTION_ARGZERO (zsh's default), as
    # given to `.`: with a slash, not looked up in $path; else %x (a prompt expansion
    # that costs more than this whole block).
    if [[ -o functionargzero ]] && [[ "$0" = */* ]]; then
        __envman_shell_dir="$0"
    else
        \builtin eval '__envman_shell_dir="${(%):-%x}"'
    fi
else
    __envman_shell_dir="${BASH_SOURCE[0]-}"
fi
case "$__envman_shell_dir" in
    */*) __envman_shell_dir="${__envman_shell_dir%/*}" ;;
    *) __envman_shell_dir="." ;;
esac
case "$__envman_shell_dir" in
    /*) ;;
    .) __envman_shell_dir="$PWD" ;;
    *) __envman_shell_dir="$PWD/$__envman_shell_dir" ;;
esac
__envman_comp_dir="${__envman_shell_dir%/*}/completions"

__envman_compat=1
if [ -n "${ENVMAN_COMPAT-}" ]; then
    case "$ENVMAN_COMPAT" in 0 | false | no | off) __envman_compat=0 ;; esac
else
    # `[shell] compat = false` in config.toml turns the virtualenvwrapper names off:
    # read in shell (envman-lazy.sh), never by Python, and only when the file
    # mentions compat at all.
    if [ -n "${ENVMAN_CONFIG-}" ]; then
        __envman_found="$ENVMAN_CONFIG"
    elif [ -n "${XDG_CONFIG_HOME-}" ]; then
        __envman_found="$XDG_CONFIG_HOME/envman/config.toml"
    else
        __envman_found="${HOME-}/.config/envman/config.toml"
        [ -r "$__envman_found" ] || __envman_found="${HOME-}/Library/Application Support/envman/config.toml"
    fi
    if [ -r "$__envman_found" ]; then
        __envman_slurp "$__envman_found"
        case "$__envman_reply" in
            *compat*) __envman_lazy && __envman_config_compat "$__envman_found" && __envman_compat="$__envman_reply" ;;
        esac
    fi
fi

# The envman program, found once as an absolute path and always called by it
# (envman-core.sh's exec helper): envman often lives in a venv whose bin/ leaves PATH
# at the first `workon other`. The usual case here (no ENVMAN_PROGRAM, this file in a
# wheel's PREFIX/lib/pythonX.Y/site-packages/envman/shell/, the program in
# PREFIX/bin/); anything else is envman-lazy.sh's. No fork either way.
__envman_program="" __envman_python=""
__envman_found="${__envman_shell_dir%/envman/shell}"
case "${ENVMAN_PROGRAM-}:$__envman_found" in
    :*/lib/python*/*-packages) __envman_found="${__envman_found%/lib/python*}/bin/envman" ;;
    *) __envman_found="" ;;
esac
if [ -n "$__envman_found" ] && [ -f "$__envman_found" ] && [ -x "$__envman_found" ]; then
    __envman_program="$__envman_found"
else
    __envman_lazy && __envman_find_program_elsewhere "$__envman_shell_dir"
fi
__envman_found=""

if [ -n "${ZSH_VERSION-}" ]; then
    # fpath gets ../completions; when compinit already ran, it did not see that
    # directory: every name the file's #compdef line claims (envman, workon, ...) is
    # registered here. (Strings: bash never parses them.)
    if [ -s "$__envman_comp_dir/_envman" ]; then
        \builtin eval 'case " ${fpath[*]} " in *" $__envman_comp_dir "*) ;; *) fpath=("$__envman_comp_dir" "${fpath[@]}") ;; esac'
        \builtin typeset -f compdef >/dev/null 2>&1 && \builtin eval '() {
            \builtin setopt localoptions
            \builtin unsetopt errexit nounset
            local _em_names=""
            IFS= \builtin read -r _em_names < "$__envman_comp_dir/_envman" || :
            case "$_em_names" in
                "#compdef "*) _em_names="${_em_names#"#compdef "}" ;;
                *) _em_names="envman" ;;
            esac
            \builtin autoload -Uz _envman 2>/dev/null || :
            compdef _envman ${=_em_names} 2>/dev/null || :
        }'
    fi
elif [ -s "$__envman_comp_dir/envman.bash" ]; then
    # The completion file is sourced on the first TAB, not at every start.
    # The names are the ones the file registers itself (envman and the shell
    # functions), written here by completions/generate.py from the same list.
    # >>> generated: bash lazy completion
        \builtin complete -F __envman_lazy_complete envman workon deactivate mkvirtualenv \
            mktmpenv lsvirtualenv showvirtualenv rmvirtualenv cpvirtualenv allvirtualenv \
            cdvirtualenv cdsitepackages cdproject lssitepackages wipeenv add2virtualenv \
            mkproject setvirtualenvproject toggleglobalsitepackages virtualenvwrapper 2>/dev/null || :
    # <<< generated: bash lazy completion
fi

# Auto-activation's hooks, whatever ENVMAN_AUTO_ACTIVATE says now (envman-lazy.sh: why).
if [ -n "${ZSH_VERSION-}" ]; then
    \builtin typeset -ga chpwd_functions precmd_functions
    \builtin eval '(( ${chpwd_functions[(Ie)__envman_auto_prompt]} )) || chpwd_functions+=(__envman_auto_prompt)
        (( ${precmd_functions[(Ie)__envman_auto_prompt]} )) || precmd_functions=(__envman_auto_prompt "${precmd_functions[@]}")'
else
    case "${PROMPT_COMMAND-}" in
        __envman_auto_prompt*) ;;
        "") PROMPT_COMMAND="__envman_auto_prompt" ;;
        *) PROMPT_COMMAND="__envman_auto_prompt"$'\n'"$PROMPT_COMMAND" ;;
    esac
fi

# A store path the shells cannot carry is said once here; workon and the commands
# refuse it too, and no hook file is made or sourced for it.
__envman_store_bad=""
__envman_store_checked || __envman_store_bad=1

if __envman_compat_on; then
    # virtualenvwrapper exports these at load; hooks and scripts read them.
    __envman_store
    WORKON_HOME="$__envman_reply"
    \builtin export WORKON_HOME
    VIRTUALENVWRAPPER_HOOK_DIR="${VIRTUALENVWRAPPER_HOOK_DIR:-$WORKON_HOME}"
    VIRTUALENVWRAPPER_PROJECT_FILENAME="${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}"
    VIRTUALENVWRAPPER_WORKON_CD="${VIRTUALENVWRAPPER_WORKON_CD:-1}"
    \builtin export VIRTUALENVWRAPPER_HOOK_DIR VIRTUALENVWRAPPER_PROJECT_FILENAME VIRTUALENVWRAPPER_WORKON_CD
    if [ -n "${__envman_shell_dir-}" ]; then
        VIRTUALENVWRAPPER_SCRIPT="${VIRTUALENVWRAPPER_SCRIPT:-$__envman_shell_dir/envman.sh}"
    fi
    if [ -n "${__envman_shell_dir-}" ] && [ -r "$__envman_shell_dir/envman-compat.sh" ]; then
        # Defined on first use: each name loads envman-compat.sh, which replaces
        # all of them with the real functions, then runs the real one. A shell
        # start no longer parses those ~600 lines. (The names: completions/generate.py's
        # list of shell functions.)
        # >>> generated: compat stubs
        mkvirtualenv() { __envman_compat_mk mkvirtualenv "$@"; }
        mktmpenv() { __envman_compat_mk mktmpenv "$@"; }
        lsvirtualenv() { __envman_compat_load lsvirtualenv "$@"; }
        showvirtualenv() { __envman_compat_load showvirtualenv "$@"; }
        rmvirtualenv() { __envman_compat_mk rmvirtualenv "$@"; }
        cpvirtualenv() { __envman_compat_mk cpvirtualenv "$@"; }
        allvirtualenv() { __envman_compat_load allvirtualenv "$@"; }
        wipeenv() { __envman_compat_load wipeenv "$@"; }
        add2virtualenv() { __envman_compat_load add2virtualenv "$@"; }
        mkproject() { __envman_compat_mk mkproject "$@"; }
        setvirtualenvproject() { __envman_compat_mk setvirtualenvproject "$@"; }
        toggleglobalsitepackages() { __envman_compat_load toggleglobalsitepackages "$@"; }
        virtualenvwrapper() { __envman_compat_load virtualenvwrapper "$@"; }
        virtualenvwrapper_cd() { __envman_compat_load virtualenvwrapper_cd "$@"; }
        virtualenvwrapper_expandpath() { __envman_compat_mk virtualenvwrapper_expandpath "$@"; }
        virtualenvwrapper_absolutepath() { __envman_compat_mk virtualenvwrapper_absolutepath "$@"; }
        virtualenvwrapper_derive_workon_home() { __envman_compat_mk virtualenvwrapper_derive_workon_home "$@"; }
        virtualenvwrapper_verify_workon_home() { __envman_compat_load virtualenvwrapper_verify_workon_home "$@"; }
        virtualenvwrapper_verify_workon_environment() { __envman_compat_load virtualenvwrapper_verify_workon_environment "$@"; }
        virtualenvwrapper_verify_active_environment() { __envman_compat_load virtualenvwrapper_verify_active_environment "$@"; }
        virtualenvwrapper_verify_resource() { __envman_compat_load virtualenvwrapper_verify_resource "$@"; }
        virtualenvwrapper_verify_virtualenv() { __envman_compat_load virtualenvwrapper_verify_virtualenv "$@"; }
        virtualenvwrapper_verify_virtualenv_clone() { __envman_compat_load virtualenvwrapper_verify_virtualenv_clone "$@"; }
        virtualenvwrapper_verify_project_home() { __envman_compat_load virtualenvwrapper_verify_project_home "$@"; }
        virtualenvwrapper_show_workon_options() { __envman_compat_load virtualenvwrapper_show_workon_options "$@"; }
        virtualenvwrapper_get_python_version() { __envman_compat_load virtualenvwrapper_get_python_version "$@"; }
        virtualenvwrapper_get_site_packages_dir() { __envman_compat_load virtualenvwrapper_get_site_packages_dir "$@"; }
        virtualenvwrapper_mktemp() { __envman_compat_mk virtualenvwrapper_mktemp "$@"; }
        virtualenvwrapper_tempfile() { __envman_compat_mk virtualenvwrapper_tempfile "$@"; }
        virtualenvwrapper_run_hook() { __envman_compat_mk virtualenvwrapper_run_hook "$@"; }
        virtualenvwrapper_initialize() { __envman_compat_mk virtualenvwrapper_initialize "$@"; }
        virtualenvwrapper_setup_tab_completion() { __envman_compat_load virtualenvwrapper_setup_tab_completion "$@"; }
        virtualenvwrapper_mkvirtualenv_help() { __envman_compat_mk virtualenvwrapper_mkvirtualenv_help "$@"; }
        virtualenvwrapper_workon_help() { __envman_compat_load virtualenvwrapper_workon_help "$@"; }
        virtualenvwrapper_mkproject_help() { __envman_compat_mk virtualenvwrapper_mkproject_help "$@"; }
        _lsvirtualenv_usage() { __envman_compat_load _lsvirtualenv_usage "$@"; }
        _virtualenvwrapper_version() { __envman_compat_load _virtualenvwrapper_version "$@"; }
        # <<< generated: compat stubs
    fi
    # The hook files virtualenvwrapper makes (__envman_global_hooks but the two cp
    # ones): one test when all exist, as at every start but the first.
    __envman_reply="$VIRTUALENVWRAPPER_HOOK_DIR"
    if [ -z "$__envman_store_bad" ] && [ -d "$__envman_reply" ] && ! [[ -e "$__envman_reply/initialize" \
        && -e "$__envman_reply/premkvirtualenv" && -e "$__envman_reply/postmkvirtualenv" \
        && -e "$__envman_reply/prermvirtualenv" && -e "$__envman_reply/postrmvirtualenv" \
        && -e "$__envman_reply/predeactivate" && -e "$__envman_reply/postdeactivate" \
        && -e "$__envman_reply/preactivate" && -e "$__envman_reply/postactivate" \
        && -e "$__envman_reply/get_env_details" && -e "$__envman_reply/premkproject" \
        && -e "$__envman_reply/postmkproject" ]]; then
        __envman_make_hooks "$VIRTUALENVWRAPPER_HOOK_DIR" "$__envman_global_hooks"
    fi
fi
# The initialize hook as virtualenvwrapper makes it (comments only) does nothing:
# skipping it also keeps the once-per-shell permission check off every start.
if [ -z "$__envman_store_bad" ] && __envman_compat_on \
    && [ -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" ] \
    && ! __envman_hook_is_empty "$VIRTUALENVWRAPPER_HOOK_DIR/initialize"; then
    __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize"
fi
\builtin unset __envman_store_bad
