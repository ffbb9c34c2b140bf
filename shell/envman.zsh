# envman for zsh, GENERATED from envman-rc.sh: edit that, run generate.py
if [ -z "${ZSH_VERSION-}" ]; then
    \command printf '%s\n' "envman: envman.zsh is for zsh (bash: envman.sh; ksh93: envman.ksh; fish: envman.fish)" >&2
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
function __envman_auto_update envman __envman_make_hooks { __envman_lazy && "${funcstack[@]:0:1}" "$@"; }
function __envman_source_hook __envman_deactivate workon cdvirtualenv cdsitepackages lssitepackages cdproject __envman_compat_load __envman_compat_mk { __envman_core && "${funcstack[@]:0:1}" "$@"; }
__envman_auto_prompt() {
    local _em_status=$?
    if [[ $PWD != "${__envman_auto_pwd-}" && -z ${__envman_auto_busy-} ]]; then
        __envman_auto_pwd="$PWD"
        case "${ENVMAN_AUTO_ACTIVATE-}" in 1 | true | yes | on) __envman_auto_update ;; esac
    fi
    return "$_em_status"
}
if [[ -z ${VIRTUAL_ENV-} || ${__envman_active-} = "${VIRTUAL_ENV-}" ]] || ! \builtin typeset -f deactivate >/dev/null 2>&1; then
    deactivate() { __envman_deactivate "$@"; }
fi
if [[ -o functionargzero ]] && ! [[ -o posixargzero ]] 2>/dev/null && [[ "$0" = */* ]]; then
    __envman_shell_dir="$0"
else
    \builtin eval '__envman_shell_dir="${(%):-%x}"'
fi
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
            __envman_reply="$(<"$__envman_found")"
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
if [[ -s $__envman_comp_dir/_envman ]]; then
    () { \builtin setopt localoptions noksharrays; (( ${fpath[(Ie)$__envman_comp_dir]} )) || fpath[1,0]=("$__envman_comp_dir"); }
    if [[ -n ${_comps+set} ]] || \builtin typeset -f compdef >/dev/null 2>&1; then
        \builtin eval '() {
            \builtin setopt localoptions noksharrays; \builtin unsetopt errexit nounset
            local _em_names="" _em_name; IFS= \builtin read -r _em_names < "$__envman_comp_dir/_envman" || :
            case "$_em_names" in "#compdef "*) _em_names="${_em_names#"#compdef "}" ;; *) _em_names="envman" ;; esac
            \builtin autoload -Uz _envman 2>/dev/null || :
            if [[ ${(t)_comps-} = association* ]]; then for _em_name in ${=_em_names}; do _comps[$_em_name]=_envman; done
            else compdef _envman ${=_em_names} 2>/dev/null || :; fi
        }'
    fi
fi
\builtin typeset -ga chpwd_functions precmd_functions
() { \builtin setopt localoptions noksharrays; (( ${chpwd_functions[(Ie)__envman_auto_prompt]} )) || chpwd_functions+=(__envman_auto_prompt); (( ${precmd_functions[(Ie)__envman_auto_prompt]} )) || precmd_functions=(__envman_auto_prompt "${precmd_functions[@]}"); }
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
            __envman_lazy && __envman_make_hooks "$__envman_reply" "$__envman_global_hooks"
        fi
        if [[ -f $VIRTUALENVWRAPPER_HOOK_DIR/initialize ]]; then
            __envman_reply="$(<"$VIRTUALENVWRAPPER_HOOK_DIR/initialize")"
            case $'\n'"$__envman_reply" in *$'\n'[!#$'\n']*) __envman_init_hook=1 ;; esac
        fi
    fi
fi
if [[ $__envman_compat != 1 || ! -r $__envman_shell_dir/envman-compat.sh ]]; then
    [[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
    \builtin unset __envman_init_hook
    \builtin return 0
fi
function lsvirtualenv showvirtualenv allvirtualenv wipeenv add2virtualenv toggleglobalsitepackages virtualenvwrapper virtualenvwrapper_cd virtualenvwrapper_verify_workon_home virtualenvwrapper_verify_workon_environment virtualenvwrapper_verify_active_environment virtualenvwrapper_verify_resource virtualenvwrapper_verify_virtualenv virtualenvwrapper_verify_virtualenv_clone virtualenvwrapper_verify_project_home virtualenvwrapper_show_workon_options virtualenvwrapper_get_python_version virtualenvwrapper_get_site_packages_dir virtualenvwrapper_setup_tab_completion virtualenvwrapper_workon_help _lsvirtualenv_usage _virtualenvwrapper_version { __envman_compat_load "${funcstack[@]:0:1}" "$@"; }
function mkvirtualenv mktmpenv rmvirtualenv cpvirtualenv mkproject setvirtualenvproject virtualenvwrapper_expandpath virtualenvwrapper_absolutepath virtualenvwrapper_derive_workon_home virtualenvwrapper_mktemp virtualenvwrapper_tempfile virtualenvwrapper_run_hook virtualenvwrapper_initialize virtualenvwrapper_mkvirtualenv_help virtualenvwrapper_mkproject_help { __envman_compat_mk "${funcstack[@]:0:1}" "$@"; }
[[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
\builtin unset __envman_init_hook
