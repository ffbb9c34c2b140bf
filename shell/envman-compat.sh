# shellcheck shell=bash disable=SC2154,SC2030,SC2031
# GENERATED from shell/src/envman-compat.sh: edit that, run completions/generate.py
__envman_verify_store() {
    __envman_store_checked || return 2
    if [ ! -d "$__envman_reply/" ]; then
        __envman_err "NOTE: Virtual environments directory $__envman_reply does not exist. Creating..."
        \command mkdir -p -- "$__envman_reply" || return 1
    fi
    return 0
}
__envman_lsvirtualenv_usage() {
    \builtin printf '%s\n' "lsvirtualenv [-blh]" "  -b -- brief mode" "  -l -- long mode" \
        "  -h -- this help message"
}
__envman_underlined() {
    local _em_line="" _em_i=0
    while [ "$_em_i" -lt "${#1}" ]; do
        _em_line="$_em_line="
        _em_i=$((_em_i + 1))
    done
    \builtin printf '%s\n%s\n' "$1" "$_em_line"
}
lsvirtualenv() {
    local _em_long=1 _em_opt OPTIND=1 OPTARG
    while \builtin getopts ":blh" _em_opt "$@"; do
        case "$_em_opt" in
            l) _em_long=1 ;;
            b) _em_long=0 ;;
            h) __envman_lsvirtualenv_usage; return 1 ;;
            *)
                __envman_err "Invalid option: -$OPTARG"
                __envman_lsvirtualenv_usage
                return 1
                ;;
        esac
    done
    __envman_verify_store || return
    if [ "$_em_long" = 1 ]; then
        __envman_each_env __envman_run_in showvirtualenv
    else
        __envman_each_env __envman_print_name
    fi
}
showvirtualenv() {
    local _em_name="${1-}" _em_store
    if [ -z "$_em_name" ]; then
        if [ -z "${VIRTUAL_ENV-}" ]; then
            \builtin printf '%s\n' "showvirtualenv [env]"
            return 1
        fi
        _em_name="${VIRTUAL_ENV##*/}"
    fi
    __envman_store
    _em_store="$__envman_reply"
    __envman_hook_dir
    __envman_run_hook "$_em_store" "$__envman_reply/get_env_details" "$_em_name"
    __envman_run_hook "$_em_store" "$_em_store/$_em_name/bin/get_env_details" "$_em_name"
    \builtin printf '\n'
}
allvirtualenv() {
    __envman_verify_store || return
    __envman_each_env __envman_run_in "$@"
    return 0
}
__envman_run_in() {
    local _em_name
    for _em_name in "$@"; do :; done
    __envman_underlined "$_em_name"
    __envman_store
    (
        if [ -n "${ZSH_VERSION-}" ]; then
            \builtin setopt nowarncreateglobal 2>/dev/null
        fi
        VIRTUAL_ENV="$__envman_reply/$_em_name"
        PATH="$VIRTUAL_ENV/bin:$PATH"
        \builtin export VIRTUAL_ENV PATH
        \builtin unset PYTHONHOME
        __envman_cd "$VIRTUAL_ENV" || exit 1
        __envman_run_but_last "$@"
    )
    \builtin printf '\n'
}
__envman_run_but_last() {
    local -a _em_cmd
    _em_cmd=()
    while [ "$#" -gt 1 ]; do
        _em_cmd+=("$1")
        shift
    done
    [ "${#_em_cmd[@]}" -gt 0 ] || return 0
    ${_em_cmd[@]+"${_em_cmd[@]}"}
}
wipeenv() {
    __envman_verify_store || return
    __envman_require_active || return 1
    __envman_exec wipe -- "${VIRTUAL_ENV##*/}"
}
add2virtualenv() {
    local _em_sp _em_remove="" _em_line
    __envman_verify_store || return
    __envman_require_active || return 1
    if ! __envman_env_site_packages "$VIRTUAL_ENV"; then
        __envman_err "ERROR: currently-active virtualenv does not appear to have a site-packages directory"
        return 1
    fi
    _em_sp="$__envman_reply"
    if [ "$#" -eq 0 ]; then
        \builtin printf '%s\n' "Usage: add2virtualenv dir [dir ...]"
        if [ -f "$_em_sp/_virtualenv_path_extensions.pth" ]; then
            \builtin printf '\n%s\n' "Existing paths:"
            while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
                case "$_em_line" in import*) continue ;; esac
                \builtin printf '%s\n' "$_em_line"
            done < "$_em_sp/_virtualenv_path_extensions.pth"
        fi
        return 1
    fi
    if [ "$1" = -d ]; then
        _em_remove=1
        shift
    fi
    if [ -n "$_em_remove" ]; then
        __envman_exec add-path --remove -- "${VIRTUAL_ENV##*/}" "$@" >/dev/null
    else
        __envman_exec add-path -- "${VIRTUAL_ENV##*/}" "$@" >/dev/null
    fi
}
toggleglobalsitepackages() {
    local _em_mode
    __envman_verify_store || return
    __envman_require_active || return 1
    if __envman_cfg_get "$VIRTUAL_ENV" include-system-site-packages && [ "$__envman_reply" = true ]; then
        _em_mode=off
    else
        _em_mode=on
    fi
    __envman_exec global-site-packages -- "${VIRTUAL_ENV##*/}" "$_em_mode" >/dev/null || return
    if [ "${1-}" != -q ]; then
        if [ "$_em_mode" = on ]; then
            \builtin printf '%s\n' "Enabled global site-packages"
        else
            \builtin printf '%s\n' "Disabled global site-packages"
        fi
    fi
}
virtualenvwrapper() {
    __envman_store
    \builtin printf '%s\n' \
        "" \
        "virtualenvwrapper is a set of extensions to virtual environments:" \
        "wrappers for creating and deleting virtual environments and otherwise" \
        "managing your development workflow, making it easier to work on more" \
        "than one project at a time without introducing conflicts in their" \
        "dependencies. Here it is provided by envman (envman --help)." \
        "" \
        "Script: ${VIRTUALENVWRAPPER_SCRIPT-}" \
        "WORKON_HOME: $__envman_reply" \
        "PROJECT_HOME: ${PROJECT_HOME-}" \
        "" \
        "Commands available:" \
        "" \
        "  add2virtualenv: add directory to the import path" \
        "" \
        "  allvirtualenv: run a command in all virtualenvs" \
        "" \
        "  cdproject: change directory to the active project" \
        "" \
        "  cdsitepackages: change to the site-packages directory" \
        "" \
        "  cdvirtualenv: change to the \$VIRTUAL_ENV directory" \
        "" \
        "  cpvirtualenv: duplicate the named virtualenv to make a new one" \
        "" \
        "  lssitepackages: list contents of the site-packages directory" \
        "" \
        "  lsvirtualenv: list virtualenvs" \
        "" \
        "  mkproject: create a new project directory and its associated virtualenv" \
        "" \
        "  mktmpenv: create a temporary virtualenv" \
        "" \
        "  mkvirtualenv: Create a new virtualenv in \$WORKON_HOME" \
        "" \
        "  rmvirtualenv: Remove a virtualenv" \
        "" \
        "  setvirtualenvproject: associate a project directory with a virtualenv" \
        "" \
        "  showvirtualenv: show details of a single virtualenv" \
        "" \
        "  toggleglobalsitepackages: turn access to global site-packages on/off" \
        "" \
        "  virtualenvwrapper: show this help message" \
        "" \
        "  wipeenv: remove all packages installed in the current virtualenv" \
        "" \
        "  workon: list or change working virtualenvs" \
        ""
}
virtualenvwrapper_cd() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin cd -q "$@" || return
    else
        \builtin cd "$@" || return
    fi
}
# shellcheck disable=SC2120
virtualenvwrapper_verify_workon_home() {
    if [ ! -d "${WORKON_HOME-}/" ]; then
        if [ "${1-}" != "-q" ]; then
            __envman_err "NOTE: Virtual environments directory ${WORKON_HOME-} does not exist. Creating..."
        fi
        \command mkdir -p -- "${WORKON_HOME-}" || return
    fi
    return 0
}
virtualenvwrapper_setup_tab_completion() {
    return 0
}
virtualenvwrapper_verify_resource() {
    local _em_path=""
    case "${1-}" in
        */*) [ -f "$1" ] && [ -x "$1" ] && _em_path="$1" ;;
    esac
    if [ -n "$_em_path" ]; then
        :
    elif [ -n "${ZSH_VERSION-}" ]; then
        \builtin eval '_em_path="${commands[${1-}]-}"'
    else
        _em_path="$(\builtin type -P -- "${1-}" 2>/dev/null)" || _em_path=""
    fi
    if [ -z "$_em_path" ]; then
        __envman_err "ERROR: virtualenvwrapper could not find ${1-} in your path"
        return 1
    fi
    if [ ! -e "$_em_path" ]; then
        __envman_err "ERROR: Found ${1-} in path as \"$_em_path\" but that does not exist"
        return 1
    fi
    return 0
}
virtualenvwrapper_verify_virtualenv() {
    virtualenvwrapper_verify_resource "${VIRTUALENVWRAPPER_VIRTUALENV:-virtualenv}"
}
virtualenvwrapper_verify_virtualenv_clone() {
    virtualenvwrapper_verify_resource "${VIRTUALENVWRAPPER_VIRTUALENV_CLONE:-virtualenv-clone}"
}
virtualenvwrapper_verify_workon_environment() {
    if [ ! -d "${WORKON_HOME-}/${1-}" ]; then
        __envman_err "ERROR: Environment '${1-}' does not exist. Create it with 'mkvirtualenv ${1-}'."
        return 1
    fi
    return 0
}
virtualenvwrapper_verify_active_environment() {
    if [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "${VIRTUAL_ENV-}" ]; then
        __envman_err "ERROR: no virtualenv active, or active virtualenv is missing"
        return 1
    fi
    return 0
}
# shellcheck disable=SC2120
virtualenvwrapper_verify_project_home() {
    if [ -z "${PROJECT_HOME-}" ]; then
        __envman_err "ERROR: Set the PROJECT_HOME shell variable to the name of the directory where projects should be created."
        return 1
    fi
    if [ ! -d "$PROJECT_HOME" ]; then
        [ "${1-}" != "-q" ] && __envman_err "ERROR: Project directory '$PROJECT_HOME' does not exist.  Create it or set PROJECT_HOME to an existing directory."
        return 1
    fi
    return 0
}
virtualenvwrapper_show_workon_options() {
    # shellcheck disable=SC2119
    virtualenvwrapper_verify_workon_home || return 1
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs
    fi
    local _em_d _em_glob _em_found=1
    __envman_glob_save
    _em_glob="$__envman_reply"
    for _em_d in "${WORKON_HOME-}"/*/bin/activate; do
        [ -e "$_em_d" ] || continue
        _em_d="${_em_d%/bin/activate}"
        \builtin printf '%s\n' "${_em_d##*/}"
        _em_found=0
    done
    __envman_glob_restore "$_em_glob"
    return "$_em_found"
}
virtualenvwrapper_get_python_version() {
    local _em_v
    _em_v="$("${VIRTUAL_ENV-}/bin/python" -V 2>&1)"
    _em_v="${_em_v#* }"
    case "$_em_v" in
        *.*.*) _em_v="${_em_v%.*}" ;;
    esac
    \builtin printf '%s\n' "$_em_v"
}
virtualenvwrapper_get_site_packages_dir() {
    "${VIRTUAL_ENV-}/bin/python" -c "import sysconfig; print(sysconfig.get_path('platlib'))"
}
virtualenvwrapper_workon_help() {
    __envman_workon_help
}
_lsvirtualenv_usage() {
    __envman_lsvirtualenv_usage
}
_virtualenvwrapper_version() {
    \builtin printf '%s\n' "6.1.1"
}
if [ -z "${__envman_core_loaded-}" ]; then
    __envman_cfg_get() { __envman_core && __envman_cfg_get "$@"; }
    __envman_first_line() { __envman_core && __envman_first_line "$@"; }
    __envman_hook_dir() { __envman_core && __envman_hook_dir "$@"; }
    __envman_project_filename() { __envman_core && __envman_project_filename "$@"; }
    __envman_plain_name() { __envman_core && __envman_plain_name "$@"; }
    __envman_exec() { __envman_core && __envman_exec "$@"; }
    __envman_cd() { __envman_core && __envman_cd "$@"; }
    __envman_run_hook() { __envman_core && __envman_run_hook "$@"; }
    __envman_require_active() { __envman_core && __envman_require_active "$@"; }
    :
fi
if [ -z "${__envman_lazy_loaded-}" ]; then
    __envman_workon_help() { __envman_lazy && __envman_workon_help "$@"; }
    __envman_run_reporting() { __envman_lazy && __envman_run_reporting "$@"; }
    __envman_mark_tmp() { __envman_lazy && __envman_mark_tmp "$@"; }
    __envman_env_site_packages() { __envman_lazy && __envman_env_site_packages "$@"; }
    :
fi
__envman_compat_loaded=1
