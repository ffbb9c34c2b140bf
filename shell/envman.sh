# envman shell integration for bash and zsh. In ~/.bashrc or ~/.zshrc:
#     source "/the/path/printed/by/envman init --path bash"   # no Python starts
# or `eval "$(envman init bash)"` (one Python start per shell). Defines envman, workon,
# deactivate, the cd helpers and, unless ENVMAN_COMPAT=0 or `[shell] compat = false`,
# virtualenvwrapper's names, hooks and variables. What they run is in envman-core.sh,
# envman-lazy.sh and envman-compat*.sh, sourced on first use: every line here is
# parsed at every shell start, comments too (keep them short). The rules all these
# files follow are in envman-core.sh's header.
# shellcheck shell=bash disable=SC2034  # _OLD_VIRTUAL_* and the like are the user's

# (said in any POSIX shell: ksh93 and dash have no `builtin`)
# shellcheck disable=SC2317  # the second return is for those shells
if [ -z "${BASH_VERSION-}" ] && [ -z "${ZSH_VERSION-}" ]; then
    \command printf '%s\n' "envman: envman.sh is for bash and zsh (ksh93: envman.ksh; fish: envman.fish)" >&2
    \builtin return 1 2>/dev/null || return 1
fi

# Globals made here, not in functions (zsh's warn_create_global).
__envman_reply="" __envman_found="" __envman_found_name="" __envman_auto_busy=""
__envman_program_prev="${__envman_program-}"  # what an earlier load found
# kept when loaded again (__envman_auto_*: envman-lazy.sh says what each is)
: "${__envman_active=}" "${__envman_prompt_set=}" "${__envman_ps1_unset=}" \
    "${__envman_prompt_text=}" "${__envman_perms_checked=}" "${__envman_core_loaded=}" \
    "${__envman_compat_loaded=}" "${__envman_lazy_loaded=}" "${__envman_auto_pwd=}" \
    "${__envman_auto_env=}" "${__envman_auto_aside=}" "${__envman_auto_warned=}" \
    "${__envman_prev_env=}"
# what the active env's variables replaced: NAME WAS_SET OLD_VALUE, ...
[ -n "${__envman_vars_saved+set}" ] || __envman_vars_saved=()
# bash >= 4.4 tells whether a variable is exported (${NAME@a})
__envman_bash_attrs=""
case "${BASH_VERSION-}" in [5-9]* | 4.[4-9]*) __envman_bash_attrs=1 ;; esac
# mkvirtualenv's parsed command line (envman-compat-mk.sh)
__envman_mk_project="" __envman_mk_req="" __envman_mk_python="" __envman_mk_name="" __envman_mk_help=""
__envman_mk_pkgs=() __envman_mk_vargs=() __envman_mk_new=()

# ---------------------------------------------------------------- small helpers

__envman_err() {
    \builtin printf '%s\n' "$@" >&2
}

# The store in __envman_reply: $WORKON_HOME (from $HOME when relative, ~ expanded),
# else ~/.virtualenvs, spelled as Python's pathlib does (no //, /./ or trailing /).
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

# A control character in $1? (a range: bash's [[:cntrl:]] is 5x slower in UTF-8)
__envman_has_control() {
    case "$1" in
        *[$'\001'-$'\037'$'\177']*) return 0 ;;
    esac
    return 1
}

# __envman_store, refusing a path fish would split (status 2, said)
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
# Each stub sources its file, which replaces the stubs, then runs the real function:
# envman-lazy.sh (what a start and a plain workon never need; the core stubs the rest)
__envman_lazy() {
    if [ ! -r "$__envman_shell_dir/envman-lazy.sh" ]; then
        __envman_err "envman: error: $__envman_shell_dir/envman-lazy.sh is missing (reinstall envman)"
        return 1
    fi
    \builtin . "$__envman_shell_dir/envman-lazy.sh" && __envman_lazy_loaded=1
}
__envman_auto_update() { __envman_lazy && __envman_auto_update "$@"; }
envman() { __envman_lazy && envman "$@"; }
__envman_make_hooks() { __envman_lazy && __envman_make_hooks "$@"; }

# and envman-core.sh (workon, deactivate, the cd helpers and what they share).
__envman_core() {
    if [ ! -r "$__envman_shell_dir/envman-core.sh" ]; then
        __envman_err "envman: error: $__envman_shell_dir/envman-core.sh is missing (reinstall envman)"
        return 1
    fi
    \builtin . "$__envman_shell_dir/envman-core.sh"
}
# >>> generated: core stubs
__envman_source_hook() { __envman_core && __envman_source_hook "$@"; }
__envman_deactivate() { __envman_core && __envman_deactivate "$@"; }
workon() { __envman_core && workon "$@"; }
cdvirtualenv() { __envman_core && cdvirtualenv "$@"; }
cdsitepackages() { __envman_core && cdsitepackages "$@"; }
lssitepackages() { __envman_core && lssitepackages "$@"; }
cdproject() { __envman_core && cdproject "$@"; }
__envman_compat_load() { __envman_core && __envman_compat_load "$@"; }
__envman_compat_mk() { __envman_core && __envman_compat_mk "$@"; }
# <<< generated: core stubs

# ---------------------------------------------------------------- hooks

# Every line of FILE empty or a comment? (an indented comment counts as content) Leaves
# the file's lines, joined by newlines, in __envman_reply (no fork: mapfile, zsh's $(<)).
__envman_hook_is_empty() {
    if [ -n "${ZSH_VERSION-}" ]; then
        __envman_reply="$(<"$1")"
    else
        local IFS=$'\n'
        local -a _em_text
        \builtin mapfile -t _em_text < "$1" || :
        __envman_reply="${_em_text[*]-}"
    fi
    case $'\n'"$__envman_reply" in
        *$'\n'[!#$'\n']*) return 1 ;;
    esac
    return 0
}

__envman_global_hooks="initialize premkvirtualenv postmkvirtualenv precpvirtualenv postcpvirtualenv prermvirtualenv postrmvirtualenv predeactivate postdeactivate preactivate postactivate get_env_details premkproject postmkproject"
__envman_local_hooks="predeactivate postdeactivate preactivate postactivate get_env_details"

# ---------------------------------------------------------------- auto-activation
# A prompt: one comparison, $? kept; the rest is envman-lazy.sh's.
__envman_auto_prompt() {
    local _em_status=$?
    if [[ "$PWD" != "${__envman_auto_pwd-}" ]] && [ -z "${__envman_auto_busy-}" ]; then
        __envman_auto_pwd="$PWD"
        case "${ENVMAN_AUTO_ACTIVATE-}" in 1 | true | yes | on) __envman_auto_update ;; esac
    fi
    return "$_em_status"
}

# ---------------------------------------------------------------- loading

# bash's first TAB on a name registered below: load the completion file (without the
# user's -e/-u, given back after) and complete with it.
__envman_lazy_complete() {
    local _em_flags="$-"
    set +eu
    \builtin . "$__envman_comp_dir/envman.bash" || :
    case "$_em_flags" in *e*) set -e ;; esac
    case "$_em_flags" in *u*) set -u ;; esac
    if \builtin typeset -f __envman_comp_complete >/dev/null 2>&1; then
        __envman_comp_complete "$@"
    fi
}

# (Top level, not a function: bash copies a function's body to define and to run it.)
# Our deactivate, unless a venv activated by hand owns the name right now.
if [ -z "${VIRTUAL_ENV-}" ] || [ "${__envman_active-}" = "${VIRTUAL_ENV-}" ] \
    || ! \builtin typeset -f deactivate >/dev/null 2>&1; then
    deactivate() {
        __envman_deactivate "$@"
    }
fi

# This file's directory, absolute (still right after a cd).
if [ -n "${ZSH_VERSION-}" ]; then
    # $0 under FUNCTION_ARGZERO (the default; not POSIX_ARGZERO) when `.` was given a
    # path; else %x (a prompt expansion, which costs more than this whole block)
    if [[ -o functionargzero ]] && ! [[ -o posixargzero ]] 2>/dev/null && [[ "$0" = */* ]]; then
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
    # `[shell] compat = false` in config.toml (parsed by envman-lazy.sh if mentioned)
    if [ -n "${ENVMAN_CONFIG-}" ]; then
        __envman_found="$ENVMAN_CONFIG"
    elif [ -n "${XDG_CONFIG_HOME-}" ]; then
        __envman_found="$XDG_CONFIG_HOME/envman/config.toml"
    else
        __envman_found="${HOME-}/.config/envman/config.toml"
        [ -r "$__envman_found" ] || __envman_found="${HOME-}/Library/Application Support/envman/config.toml"
    fi
    if [ -r "$__envman_found" ]; then
        __envman_hook_is_empty "$__envman_found" || :  # (for its reading of the file)
        case "$__envman_reply" in  # (only `compat = false` turns anything off)
            *compat*=*false*) __envman_lazy && __envman_config_compat "$__envman_found" && __envman_compat="$__envman_reply" ;;
        esac
    fi
fi

# The envman program, by absolute path (its venv's bin/ may leave PATH). Here the
# wheel's case (PREFIX/lib/pythonX.Y/site-packages/envman/shell/ and PREFIX/bin/);
# anything else is envman-lazy.sh's.
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
    # ../completions in fpath; after compinit, compdef the #compdef line's names
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
    # the completion file is sourced on the first TAB (names: generate.py's list)
    # >>> generated: bash lazy completion
        \builtin complete -F __envman_lazy_complete envman workon deactivate mkvirtualenv \
            mktmpenv lsvirtualenv showvirtualenv rmvirtualenv cpvirtualenv allvirtualenv \
            cdvirtualenv cdsitepackages cdproject lssitepackages wipeenv add2virtualenv \
            mkproject setvirtualenvproject toggleglobalsitepackages virtualenvwrapper 2>/dev/null || :
    # <<< generated: bash lazy completion
fi

# auto-activation's hooks, whatever ENVMAN_AUTO_ACTIVATE says now (envman-lazy.sh)
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

# a store path the shells cannot carry: said once; no hook file made or sourced
__envman_store_bad="" __envman_init_hook=""
__envman_store_checked || __envman_store_bad=1

if [ "$__envman_compat" = 1 ]; then
    # virtualenvwrapper's variables, exported at load
    WORKON_HOME="$__envman_reply"  # (the store, from __envman_store_checked)
    \builtin export WORKON_HOME
    VIRTUALENVWRAPPER_HOOK_DIR="${VIRTUALENVWRAPPER_HOOK_DIR:-$WORKON_HOME}"
    VIRTUALENVWRAPPER_PROJECT_FILENAME="${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}"
    VIRTUALENVWRAPPER_WORKON_CD="${VIRTUALENVWRAPPER_WORKON_CD:-1}"
    \builtin export VIRTUALENVWRAPPER_HOOK_DIR VIRTUALENVWRAPPER_PROJECT_FILENAME VIRTUALENVWRAPPER_WORKON_CD
    if [ -n "${__envman_shell_dir-}" ]; then
        VIRTUALENVWRAPPER_SCRIPT="${VIRTUALENVWRAPPER_SCRIPT:-$__envman_shell_dir/envman.sh}"
    fi
    # the hook files virtualenvwrapper makes (all global ones but the two cp ones)
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
    # initialize as made (comments only) is skipped: no permission check at start;
    # else it is sourced at the end, after the stubs
    if [ -z "$__envman_store_bad" ] && [ -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" ] \
        && ! __envman_hook_is_empty "$VIRTUALENVWRAPPER_HOOK_DIR/initialize"; then
        __envman_init_hook=1
    fi
fi
# The stubs (see "loaded on first use"; names: generate.py's list) are defined at top
# level, after a return: one inside an `if` costs more to parse.
if [ "$__envman_compat" != 1 ] || [ -z "${__envman_shell_dir-}" ] \
    || ! [ -r "$__envman_shell_dir/envman-compat.sh" ]; then
    if [ -n "$__envman_init_hook" ]; then
        __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
    fi
    \builtin unset __envman_store_bad __envman_init_hook
    \builtin return 0
fi
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
if [ -n "$__envman_init_hook" ]; then
    __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
fi
\builtin unset __envman_store_bad __envman_init_hook
