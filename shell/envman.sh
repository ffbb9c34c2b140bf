# envman for bash (zsh: envman.zsh), GENERATED from envman-rc.sh: edit that, run generate.py
# shellcheck shell=bash disable=SC2034
# shellcheck disable=SC2317
if [ -z "${BASH_VERSION-}" ]; then
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin eval 'if [[ -o functionargzero ]] && ! [[ -o posixargzero ]] 2>/dev/null &&
            [[ $0 = */* ]]; then \builtin . "${0%/*}/envman.zsh"
        else \builtin . "${${(%):-%x}:h}/envman.zsh"; fi'
        \builtin return
    fi
    \command printf '%s\n' "envman: envman.sh is for bash and zsh (ksh93: envman.ksh; fish: envman.fish)" >&2
    \builtin return 1 2>/dev/null || return 1
fi
__envman_base_loaded="" __envman_auto_busy="" __envman_auto_pwd="${__envman_auto_pwd-}"
__envman_lazy() { __envman_load envman-lazy.sh && __envman_lazy_loaded=1; }
__envman_core() { __envman_load envman-core.sh; }
__envman_load() {
    [[ -n $__envman_base_loaded || $1 = envman-base.sh ]] || __envman_load envman-base.sh || return 1
    if [[ -r $__envman_shell_dir/$1 ]]; then
        \builtin . "$__envman_shell_dir/$1"
    else
        \builtin printf '%s\n' "envman: error: $__envman_shell_dir/$1 is missing (reinstall envman)" >&2
        return 1
    fi
}
__envman_stub_ok() { [[ ${FUNCNAME[3]-} != "${FUNCNAME[1]}" ]] || { \builtin printf '%s\n' "envman: error: ${FUNCNAME[2]} copies a stub (copy it after first use)" >&2; return 1; }; }
__envman_lz() { __envman_stub_ok && __envman_lazy && "${FUNCNAME[1]}" "$@"; }
# shellcheck disable=SC2120
__envman_auto_update() { __envman_lz "$@"; }
envman() { __envman_lz "$@"; }
__envman_make_hooks() { __envman_lz "$@"; }
__envman_co() { __envman_stub_ok && __envman_core && "${FUNCNAME[1]}" "$@"; }
__envman_deactivate() { __envman_co "$@"; }
workon() { __envman_co "$@"; }
__envman_source_hook() { __envman_co "$@"; }
cdvirtualenv() { __envman_co "$@"; }
cdsitepackages() { __envman_co "$@"; }
lssitepackages() { __envman_co "$@"; }
cdproject() { __envman_co "$@"; }
__envman_auto_prompt() {
    local _em_status=$?
    if [[ $PWD != "${__envman_auto_pwd-}" && -z ${__envman_auto_busy-} ]]; then
        __envman_auto_pwd="$PWD"
        case "${ENVMAN_AUTO_ACTIVATE-}" in 1 | true | yes | on) __envman_auto_update ;; esac
    fi
    [[ $_em_status = 0 || $- != *e* ]] || return 0
    return "$_em_status"
}
__envman_lazy_complete() { __envman_load envman-base.sh && __envman_lazy_complete "$@"; }
if [[ -z ${VIRTUAL_ENV-} || ${__envman_active-} = "${VIRTUAL_ENV-}" ]] || ! \builtin typeset -f deactivate >/dev/null 2>&1; then
    deactivate() { __envman_deactivate "$@"; }
fi
__envman_shell_dir="${BASH_SOURCE[0]-}"
case "$__envman_shell_dir" in
    /*/*) ;;
    *) __envman_shell_dir="$PWD/${__envman_shell_dir#./}" ;;
esac
__envman_shell_dir="${__envman_shell_dir%/*}" __envman_comp_dir="${__envman_shell_dir%/*}/completions"
case "${ENVMAN_COMPAT-}" in
    "")
        __envman_compat=1 __envman_found="${ENVMAN_CONFIG:-${XDG_CONFIG_HOME:-${HOME-}/.config}/envman/config.toml}"
        [[ -r $__envman_found || -n ${ENVMAN_CONFIG-}${XDG_CONFIG_HOME-} ]] || __envman_found="${HOME-}/Library/Application Support/envman/config.toml"
        if [[ -r $__envman_found ]]; then
            IFS= \builtin read -r -d '' __envman_reply < "$__envman_found" || :
            case "$__envman_reply" in
                *compat*=*false*) __envman_lazy && __envman_config_compat "$__envman_found" && __envman_compat="$__envman_reply" ;;
            esac
        fi
        ;;
    0 | false | no | off) __envman_compat=0 ;;
    *) __envman_compat=1 ;;
esac
case "${ENVMAN_PROGRAM-}:${__envman_shell_dir%/envman/shell}" in
    :*/lib/python*/*-packages) __envman_reply="${__envman_shell_dir%/lib/python*}/bin/envman" ;;
    *) __envman_reply="" ;;
esac
if [[ -f $__envman_reply && -x $__envman_reply ]]; then
    __envman_program="$__envman_reply"
else
    __envman_lazy && __envman_find_program_elsewhere "$__envman_shell_dir"
fi
if [[ -s $__envman_comp_dir/envman.bash ]]; then
    \builtin complete -F __envman_lazy_complete envman workon deactivate mkvirtualenv mktmpenv lsvirtualenv showvirtualenv rmvirtualenv cpvirtualenv allvirtualenv cdvirtualenv cdsitepackages cdproject lssitepackages wipeenv add2virtualenv mkproject setvirtualenvproject toggleglobalsitepackages virtualenvwrapper 2>/dev/null || :
fi
case "${PROMPT_COMMAND-}" in
    __envman_auto_prompt*) ;;
    "") PROMPT_COMMAND="__envman_auto_prompt" ;;
    *) PROMPT_COMMAND="__envman_auto_prompt"$'\n'"$PROMPT_COMMAND" ;;
esac
__envman_init_hook="" __envman_reply="${WORKON_HOME:-${HOME-}/.virtualenvs}"
case "$__envman_reply" in
    [!/]* | *//* | */./* | */. | */ | *[$'\001'-$'\037'$'\177']*)
        __envman_load envman-base.sh && __envman_store_checked || __envman_init_hook=0 ;;
esac
if [[ $__envman_compat = 1 ]]; then
    \builtin export WORKON_HOME="$__envman_reply" VIRTUALENVWRAPPER_HOOK_DIR="${VIRTUALENVWRAPPER_HOOK_DIR:-$__envman_reply}" VIRTUALENVWRAPPER_PROJECT_FILENAME="${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" VIRTUALENVWRAPPER_WORKON_CD="${VIRTUALENVWRAPPER_WORKON_CD:-1}"
    VIRTUALENVWRAPPER_SCRIPT="${VIRTUALENVWRAPPER_SCRIPT:-$__envman_shell_dir/envman.sh}" __envman_reply="$VIRTUALENVWRAPPER_HOOK_DIR"
    if [[ -z $__envman_init_hook && -d $__envman_reply ]]; then
        if ! [[ -e $__envman_reply/initialize && -e $__envman_reply/premkvirtualenv && -e $__envman_reply/postmkvirtualenv && -e $__envman_reply/prermvirtualenv && -e $__envman_reply/postrmvirtualenv && -e $__envman_reply/predeactivate && -e $__envman_reply/postdeactivate && -e $__envman_reply/preactivate && -e $__envman_reply/postactivate && -e $__envman_reply/get_env_details && -e $__envman_reply/premkproject && -e $__envman_reply/postmkproject ]]; then
            # shellcheck disable=SC2154
            __envman_lazy && __envman_make_hooks "$__envman_reply" "$__envman_global_hooks"
        fi
        if [[ -f $VIRTUALENVWRAPPER_HOOK_DIR/initialize ]]; then
            IFS= \builtin read -r -d '' __envman_reply < "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
            case $'\n'"$__envman_reply" in *$'\n'[!#$'\n']*) __envman_init_hook=1 ;; esac
        fi
    fi
fi
if [[ $__envman_compat != 1 || ! -r $__envman_shell_dir/envman-compat.sh ]]; then
    [[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
    \builtin unset __envman_init_hook
    \builtin return 0
fi
__envman_cl() { __envman_stub_ok && __envman_load envman-compat.sh && "${FUNCNAME[1]}" "$@"; }
__envman_cm() { __envman_stub_ok && { [[ -n ${__envman_compat_loaded-} ]] || __envman_load envman-compat.sh; } && __envman_load envman-compat-mk.sh && "${FUNCNAME[1]}" "$@"; }
mkvirtualenv() { __envman_cm "$@"; }
mktmpenv() { __envman_cm "$@"; }
lsvirtualenv() { __envman_cl "$@"; }
showvirtualenv() { __envman_cl "$@"; }
rmvirtualenv() { __envman_cm "$@"; }
cpvirtualenv() { __envman_cm "$@"; }
allvirtualenv() { __envman_cl "$@"; }
wipeenv() { __envman_cl "$@"; }
add2virtualenv() { __envman_cl "$@"; }
mkproject() { __envman_cm "$@"; }
setvirtualenvproject() { __envman_cm "$@"; }
toggleglobalsitepackages() { __envman_cl "$@"; }
virtualenvwrapper() { __envman_cl "$@"; }
virtualenvwrapper_cd() { __envman_cl "$@"; }
virtualenvwrapper_expandpath() { __envman_cm "$@"; }
virtualenvwrapper_absolutepath() { __envman_cm "$@"; }
virtualenvwrapper_derive_workon_home() { __envman_cm "$@"; }
virtualenvwrapper_verify_workon_home() { __envman_cl "$@"; }
virtualenvwrapper_verify_workon_environment() { __envman_cl "$@"; }
virtualenvwrapper_verify_active_environment() { __envman_cl "$@"; }
virtualenvwrapper_verify_resource() { __envman_cl "$@"; }
virtualenvwrapper_verify_virtualenv() { __envman_cl "$@"; }
virtualenvwrapper_verify_virtualenv_clone() { __envman_cl "$@"; }
virtualenvwrapper_verify_project_home() { __envman_cl "$@"; }
virtualenvwrapper_show_workon_options() { __envman_cl "$@"; }
virtualenvwrapper_get_python_version() { __envman_cl "$@"; }
virtualenvwrapper_get_site_packages_dir() { __envman_cl "$@"; }
virtualenvwrapper_mktemp() { __envman_cm "$@"; }
virtualenvwrapper_tempfile() { __envman_cm "$@"; }
virtualenvwrapper_run_hook() { __envman_cm "$@"; }
virtualenvwrapper_initialize() { __envman_cm "$@"; }
virtualenvwrapper_setup_tab_completion() { __envman_cl "$@"; }
virtualenvwrapper_mkvirtualenv_help() { __envman_cm "$@"; }
virtualenvwrapper_workon_help() { __envman_cl "$@"; }
virtualenvwrapper_mkproject_help() { __envman_cm "$@"; }
_lsvirtualenv_usage() { __envman_cl "$@"; }
_virtualenvwrapper_version() { __envman_cl "$@"; }
[[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
\builtin unset __envman_init_hook
