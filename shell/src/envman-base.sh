# envman: the helpers every other file of the integration shares (bash and zsh),
# sourced once, before the first of envman-core.sh and envman-lazy.sh, by envman.sh's
# loader; never by a user. Not in envman.sh: each line there is parsed at every shell
# start, and a start only runs these in unusual cases (envman.sh has a quicker test
# for the common one). Rules: envman-core.sh's header.
#
# shellcheck shell=bash disable=SC2154
# (SC2154: __envman_reply and the other globals are envman.sh's.)

# The globals only the loaded files read, made here rather than by envman.sh (each line
# there costs every shell start): this file is sourced before any other and again after
# envman.sh is sourced again. The kept ones are given a value only when unset, so the
# state of an active env survives that. zsh's warn_create_global would warn about a
# global first assigned here (sourced from a function): typeset -g makes them first,
# keeping a value already set.
if [[ -n ${ZSH_VERSION-} ]]; then
    \builtin typeset -g __envman_found __envman_found_name __envman_bash_attrs \
        __envman_mk_project __envman_mk_req __envman_mk_python __envman_mk_name \
        __envman_mk_help __envman_global_hooks __envman_local_hooks __envman_active \
        __envman_prompt_set __envman_ps1_unset __envman_prompt_text __envman_perms_checked \
        __envman_core_loaded __envman_compat_loaded __envman_lazy_loaded __envman_auto_env \
        __envman_auto_aside __envman_auto_warned __envman_prev_env __envman_program \
        __envman_python
    \builtin typeset -ga __envman_mk_pkgs __envman_mk_vargs __envman_mk_new __envman_vars_saved
fi
__envman_found_name="" __envman_bash_attrs="" __envman_mk_project="" __envman_mk_req="" \
    __envman_mk_python="" __envman_mk_name="" __envman_mk_help=""
__envman_mk_pkgs=() __envman_mk_vargs=() __envman_mk_new=()
__envman_global_hooks="initialize premkvirtualenv postmkvirtualenv precpvirtualenv postcpvirtualenv prermvirtualenv postrmvirtualenv predeactivate postdeactivate preactivate postactivate get_env_details premkproject postmkproject"
__envman_local_hooks="predeactivate postdeactivate preactivate postactivate get_env_details"
: "${__envman_found=}" "${__envman_active=}" "${__envman_prompt_set=}" \
    "${__envman_ps1_unset=}" "${__envman_prompt_text=}" "${__envman_perms_checked=}" \
    "${__envman_core_loaded=}" "${__envman_compat_loaded=}" "${__envman_lazy_loaded=}" \
    "${__envman_auto_env=}" "${__envman_auto_aside=}" "${__envman_auto_warned=}" \
    "${__envman_prev_env=}"
# what the active env's variables replaced: NAME WAS_SET OLD_VALUE, ...
[[ -n ${__envman_vars_saved+set} ]] || __envman_vars_saved=()
# bash >= 4.4 tells whether a variable is exported (${NAME@a})
case "${BASH_VERSION-}" in [5-9]* | 4.[4-9]*) __envman_bash_attrs=1 ;; esac

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

# bash's first TAB on a name envman.sh registered: load the completion file (without
# the user's -e/-u, given back after) and complete with it.
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

# The env rule, as store.py's is_env_dir has it: an entry of the store is an
# environment when it is a directory (a symlink to one counts) holding a pyvenv.cfg
# file, under a name not starting with a dot. Files (virtualenvwrapper's hook scripts),
# dot-dirs (.envman/) and directories without pyvenv.cfg (virtualenv < 20) never are.
__envman_is_env() {
    [ -d "$1" ] && [ -f "$1/pyvenv.cfg" ]
}

# bash: make one glob work whatever the user set (set -f, failglob); the code to
# give the settings back is left in __envman_reply for __envman_glob_restore.
# (zsh callers use `setopt localoptions glob nullglob` instead, which undoes itself.)
__envman_glob_save() {
    __envman_reply=""
    [ -n "${ZSH_VERSION-}" ] && return 0
    case "$-" in
        *f*) __envman_reply="f"; set +f ;;
    esac
    if \builtin shopt -q failglob 2>/dev/null; then
        __envman_reply="${__envman_reply}F"
        \builtin shopt -u failglob
    fi
    return 0
}

__envman_glob_restore() {
    case "$1" in *f*) set -f ;; esac
    case "$1" in *F*) \builtin shopt -s failglob ;; esac
    return 0
}

# Call "$@" NAME for each environment in the store, in glob (sorted) order.
__envman_each_env() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs noksharrays
    fi
    local _em_store _em_d _em_n _em_glob
    local -a _em_names
    _em_names=()
    __envman_store
    _em_store="$__envman_reply"
    __envman_glob_save
    _em_glob="$__envman_reply"
    for _em_d in "$_em_store"/*/; do
        _em_d="${_em_d%/}"
        _em_n="${_em_d##*/}"
        case "$_em_n" in .*) continue ;; esac
        __envman_is_env "$_em_d" || continue
        _em_names+=("$_em_n")
    done
    __envman_glob_restore "$_em_glob"
    # Empty arrays stay safe under set -u in bash < 4.4 written this way.
    for _em_n in ${_em_names[@]+"${_em_names[@]}"}; do
        "$@" "$_em_n"
    done
    return 0
}

__envman_print_name() {
    \builtin printf '%s\n' "$1"
}

__envman_base_loaded=1
