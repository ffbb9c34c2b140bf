# shellcheck shell=bash disable=SC2034
# GENERATED from shell/src/envman-more.sh: edit that, run completions/generate.py
__envman_first_line() {
    __envman_reply=""
    if [ -r "$1" ]; then
        IFS= \builtin read -r __envman_reply < "$1" || :
    fi
}
__envman_define_deactivate() {
    # shellcheck disable=SC2317
    deactivate() {
        __envman_deactivate "$@"
    }
}
__envman_hook_dir() {
    if [ -n "${VIRTUALENVWRAPPER_HOOK_DIR-}" ]; then
        __envman_reply="$VIRTUALENVWRAPPER_HOOK_DIR"
    else
        __envman_store
    fi
}
__envman_project_filename() {
    __envman_reply="${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}"
}
__envman_plain_name() {
    case "$1" in
        "" | .* | */* | -*) return 1 ;;
    esac
    return 0
}
__envman_read_project() {
    __envman_reply=""
    [ -f "$1/${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" ] || return 0
    local _em_file="$1/${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" _em_more=""
    [ -r "$_em_file" ] || return 0
    {
        IFS= \builtin read -r __envman_reply || :
        IFS= \builtin read -r _em_more || :
    } < "$_em_file"
    if [ -n "$_em_more" ] || __envman_has_control "$__envman_reply"; then
        __envman_reply=""
        [ -n "${2-}" ] || __envman_err "envman: warning: ignoring the project path in $_em_file: it contains a newline or another control character"
    fi
    return 0
}
__envman_exec() {
    if [ -n "${__envman_program-}" ]; then
        "$__envman_program" "$@"
    elif [ -n "${__envman_python-}" ]; then
        "$__envman_python" -m envman "$@"
    else
        __envman_err "envman: error: the envman program was not found when this shell loaded envman.sh; set ENVMAN_PROGRAM=/path/to/envman before loading it, or load it with: eval \"\$(/path/to/envman init ${ZSH_VERSION:+zsh}${BASH_VERSION:+bash})\""
        return 127
    fi
}
__envman_cd() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin cd -q -- "$1" || return
    else
        \builtin cd -- "$1" || return
    fi
}
__envman_perms_check() {
    __envman_perms_checked=1
    __envman_lazy && __envman_perms_scan
    return 0
}
__envman_run_hook() {
    [ -f "$2" ] || return 0
    local _em_cwd="$1" _em_file="$2"
    shift 2
    __envman_hook_is_empty "$_em_file" && return 0
    [ -n "$__envman_perms_checked" ] || __envman_perms_check
    if [ ! -x "$_em_file" ]; then
        __envman_err "envman: warning: hook $_em_file is not executable; skipped (chmod +x it)"
        return 0
    fi
    (__envman_cd "$_em_cwd" 2>/dev/null || :; "$_em_file" "$@") || :
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions nowarncreateglobal 2>/dev/null
    fi
    __envman_hooks_run=$(( ${__envman_hooks_run-0} + 1 ))
    return 0
}
__envman_source_hook() {
    [ -f "$1" ] || return 0
    if [ -z "$__envman_perms_checked" ]; then
        __envman_hook_is_empty "$1" && return 0
        __envman_perms_check
    fi
    \builtin . "$1"
}
__envman_prompt_quote() {
    __envman_reply="$1"
    __envman_prompt_text=""
    case "$1" in
        *[\\\$\`%!]*) ;;
        *) return 0 ;;
    esac
    if [ -n "${ZSH_VERSION-}" ]; then
        __envman_reply="${__envman_reply//\%/%%}"
        if [[ -o promptbang ]]; then
            __envman_reply="${__envman_reply//!/!!}"
        fi
        if [[ -o promptsubst ]]; then
            __envman_prompt_text="$__envman_reply"
            # shellcheck disable=SC2016
            __envman_reply='${__envman_prompt_text}'
        fi
    elif \builtin shopt -q promptvars 2>/dev/null; then
        __envman_prompt_text="$__envman_reply"
        # shellcheck disable=SC2016
        __envman_reply='${__envman_prompt_text}'
    else
        __envman_reply="${__envman_reply//\\/\\\\}"
    fi
}
__envman_vars_set() {
    local _em_how="$2" _em_attrs=x
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions nowarncreateglobal 2>/dev/null
        if [ -n "$2" ]; then
            \builtin eval '_em_attrs="${(tP)1}"'
            case "$_em_attrs" in *readonly*) _em_attrs=r ;; *export*) _em_attrs=x ;; *) _em_attrs="" ;; esac
        fi
    elif [ -n "$2" ] && [ -n "$__envman_bash_attrs" ]; then
        _em_attrs="${!1@a}"
    fi
    case "$_em_attrs" in
        *r*)
            __envman_err "envman: warning: $1 is read-only in this shell; the env's value is not set"
            return 0
            ;;
        *x*) ;;
        *) _em_how=s ;;
    esac
    __envman_vars_saved+=("$1" "$_em_how" "$3")
    \builtin export -- "$1=$4" || :
}
__envman_remove_tmpenv() {
    \builtin printf '%s\n' "Removing temporary environment: $1"
    if __envman_compat_on; then
        rmvirtualenv "$1" >/dev/null || :
    else
        __envman_exec rm -y -- "$1" >/dev/null || :
    fi
}
__envman_workon_args() {
    local _em_cd="${VIRTUALENVWRAPPER_WORKON_CD:-1}" _em_name="" _em_store _em_dir
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -h | --help) __envman_workon_help; return 0 ;;
            -c | --cd) _em_cd=1 ;;
            -n | --no-cd) _em_cd=0 ;;
            --) shift; [ "$#" -gt 0 ] && _em_name="$1"; break ;;
            *) [ -z "$_em_name" ] && _em_name="$1" ;;
        esac
        shift
    done
    __envman_store_checked || return 2
    _em_store="$__envman_reply"
    if [ -z "$_em_name" ]; then
        __envman_each_env __envman_print_name
        __envman_compat_on && return 1
        return 0
    fi
    _em_dir=""
    if [ "$_em_name" = . ]; then
        __envman_env_for_pwd || return 1
        _em_name="$__envman_reply"
        _em_dir="$__envman_found"  # a project-local .venv, else empty
        __envman_found=""
    fi
    if [ -z "$_em_dir" ]; then
        __envman_workon_name "$_em_store" "$_em_name" || return 1
        _em_name="$__envman_reply"
        _em_dir="$_em_store/$_em_name"
    fi
    __envman_workon_dir "$_em_store" "$_em_dir" "$_em_name" "$_em_cd"
}
__envman_workon_dir() {
    if { [ "$2" = "$1/$3" ] && ! __envman_plain_name "$3"; } || [ ! -d "$2" ] \
        || ! __envman_is_env "$2" || { [ ! -f "$2/bin/activate" ] && [ ! -x "$2/bin/python" ]; }; then
        __envman_workon_bad "$@"
        return 1
    fi
    __envman_warn_base_gone "$2" "$3"
    __envman_activate "$2" "$3" "$4"
}
__envman_workon_bad() {
    if { [ "$2" = "$1/$3" ] && ! __envman_plain_name "$3"; } || [ ! -d "$2" ]; then
        if __envman_compat_on; then
            __envman_err "ERROR: Environment '$3' does not exist. Create it with 'mkvirtualenv $3'."
        else
            __envman_err "envman: error: environment '$3' does not exist (create it with 'envman new $3')"
        fi
    elif ! __envman_is_env "$2"; then
        __envman_err "ERROR: Environment '$2' is not a virtual environment (it has no pyvenv.cfg)."
    else
        __envman_err "ERROR: Environment '$2' does not contain an activate script."
    fi
}
__envman_workon_name() {
    __envman_reply="$2"
    if [ "$2" = - ]; then
        if [ -z "${__envman_prev_env-}" ]; then
            __envman_err "envman: error: no previous environment in this shell (workon - returns to the one deactivated last)"
            return 1
        fi
        __envman_reply="$__envman_prev_env"
        return 0
    fi
    __envman_plain_name "$2" || return 0
    { [ -e "$1/$2" ] || [ -L "$1/$2" ]; } && return 0
    __envman_prefix_match "$1" "$2"
}
__envman_warn_base_gone() {
    if __envman_cfg_get "$1" home && [ -n "$__envman_reply" ] && [ ! -d "$__envman_reply" ]; then
        __envman_err "envman: warning: the Python '$2' was built on is gone ($__envman_reply); run 'envman upgrade $2' to rebuild it"
    fi
    return 0
}
__envman_require_active() {
    if [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "${VIRTUAL_ENV-}" ]; then
        __envman_err "ERROR: no virtualenv active, or active virtualenv is missing"
        return 1
    fi
}
cdvirtualenv() {
    __envman_require_active || return 1
    __envman_cd "$VIRTUAL_ENV/${1-}"
}
cdsitepackages() {
    __envman_require_active || return 1
    if ! __envman_env_site_packages "$VIRTUAL_ENV"; then
        __envman_err "ERROR: currently-active virtualenv does not appear to have a site-packages directory"
        return 1
    fi
    __envman_cd "$__envman_reply/${1-}"
}
lssitepackages() {
    local _em_sp
    __envman_require_active || return 1
    if ! __envman_env_site_packages "$VIRTUAL_ENV"; then
        __envman_err "ERROR: currently-active virtualenv does not appear to have a site-packages directory"
        return 1
    fi
    _em_sp="$__envman_reply"
    \command ls "$@" -- "$_em_sp" || return
    if [ -f "$_em_sp/_virtualenv_path_extensions.pth" ]; then
        \builtin printf '\n%s\n' "_virtualenv_path_extensions.pth:"
        __envman_cat "$_em_sp/_virtualenv_path_extensions.pth"
    fi
}
cdproject() {
    local _em_file
    __envman_require_active || return 1
    __envman_project_filename
    _em_file="$VIRTUAL_ENV/$__envman_reply"
    if [ ! -f "$_em_file" ]; then
        __envman_err "No project set in $_em_file"
        return 1
    fi
    __envman_read_project "$VIRTUAL_ENV"
    if [ ! -d "$__envman_reply" ]; then
        __envman_err "Project directory $__envman_reply does not exist"
        return 1
    fi
    __envman_cd "$__envman_reply"
}
