# shellcheck shell=bash disable=SC2034
# GENERATED from shell/src/envman-core.sh: edit that, run completions/generate.py
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
            _em_rest="${_em_rest#*$'\n'"$_em_key"}"
            _em_value="${_em_rest%%$'\n'*}"
            case "$_em_value" in
                " = "[!\ \'\"]*[!\ ] | " = "[!\ \'\"])
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
    # shellcheck disable=SC2317
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
}
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
}
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
__envman_vars_apply() {
    [ -z "${__envman_vars_saved[*]+set}" ] || __envman_vars_undo
    [ -f "$1/.envman-vars.sh" ] && [ ! -L "$1/.envman-vars.sh" ] || return 0
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin emulate -L zsh
    fi
    \builtin . "$1/.envman-vars.sh"
}
__envman_vars_undo() {
    local _em_i
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions nowarncreateglobal noksharrays 2>/dev/null
        _em_i=$(( ${#__envman_vars_saved[@]} - 2 ))
    else
        _em_i=$(( ${#__envman_vars_saved[@]} - 3 ))
    fi
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
__envman_activate() {
    local _em_dir="$1" _em_name="$2" _em_cd="$3" _em_store="${5-}" _em_prompt="${6-}" _em_hooks _em_project="" _em_runs
    if [[ -n "${VIRTUAL_ENV-}" ]]; then
        _em_prompt=""  # (the hooks of the env left run first)
        if [[ "${__envman_active-}" == "$VIRTUAL_ENV" ]]; then
            # shellcheck disable=SC2119
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
    if [[ "${4-}" == auto ]]; then
        __envman_auto_env="$_em_dir"
    else
        __envman_auto_env="" __envman_auto_aside=1
    fi
    if [[ -n "${__envman_vars_saved[*]+set}" || -f "$_em_dir/.envman-vars.sh" ]]; then
        __envman_vars_apply "$_em_dir"
    fi
    [[ "$_em_dir" != "$_em_store/$_em_name" ]] || __envman_stamp_used "$_em_store" "$_em_name"
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
# shellcheck disable=SC2120
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
    _em_store="${WORKON_HOME:-${HOME-}/.virtualenvs}"
    case "$_em_store" in
        [!/]* | *//* | */./* | */. | */)
            __envman_store
            _em_store="$__envman_reply"
            ;;
    esac
    _em_hooks="${VIRTUALENVWRAPPER_HOOK_DIR:-$_em_store}"  # (__envman_hook_dir, inline)
    if [[ -n "$_em_ours" ]]; then
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
        __envman_restore_shell 1 "$_em_store/$_em_name"
        [[ ! -f "$_em_dir/bin/postdeactivate" ]] || __envman_source_hook "$_em_dir/bin/postdeactivate"
        ! __envman_hook_worth "$_em_hooks/postdeactivate" || __envman_source_hook "$_em_hooks/postdeactivate"
        \builtin unset VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
        if [[ -f "$_em_dir/README.tmpenv" && "$_em_dir" == "$_em_store/$_em_name" ]]; then
            __envman_remove_tmpenv "$_em_name"
        fi
    else
        __envman_restore_shell 0
    fi
    return 0
}
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
__envman_more() { __envman_load envman-more.sh; }
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
__envman_compat_load() { __envman_load envman-compat.sh && "$@"; }
__envman_compat_mk() { { [[ -n ${__envman_compat_loaded-} ]] || __envman_load envman-compat.sh; } && __envman_load envman-compat-mk.sh && "$@"; }
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
__envman_core_loaded=1
