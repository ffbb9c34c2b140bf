# shellcheck shell=bash disable=SC2154
# GENERATED from shell/src/envman-base.sh: edit that, run completions/generate.py
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
[[ -n ${__envman_vars_saved+set} ]] || __envman_vars_saved=()
case "${BASH_VERSION-}" in [5-9]* | 4.[4-9]*) __envman_bash_attrs=1 ;; esac
__envman_err() {
    \builtin printf '%s\n' "$@" >&2
}
__envman_store() {
    __envman_reply="${WORKON_HOME-}"
    # shellcheck disable=SC2088
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
__envman_has_control() {
    case "$1" in
        *[$'\001'-$'\037'$'\177']*) return 0 ;;
    esac
    return 1
}
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
__envman_is_env() {
    [ -d "$1" ] && [ -f "$1/pyvenv.cfg" ]
}
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
    for _em_n in ${_em_names[@]+"${_em_names[@]}"}; do
        "$@" "$_em_n"
    done
    return 0
}
__envman_print_name() {
    \builtin printf '%s\n' "$1"
}
__envman_base_loaded=1
