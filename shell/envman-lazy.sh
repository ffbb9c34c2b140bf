# shellcheck shell=bash disable=SC2154
# GENERATED from shell/src/envman-lazy.sh: edit that, run completions/generate.py
__envman_hook_comment() {
    local _em_nl='
'
    if [ "${2-}" = local ]; then
        case "$1" in
            predeactivate) __envman_reply="This hook is sourced before this virtualenv is deactivated." ;;
            postdeactivate) __envman_reply="This hook is sourced after this virtualenv is deactivated." ;;
            preactivate) __envman_reply="This hook is run before this virtualenv is activated." ;;
            postactivate) __envman_reply="This hook is sourced after this virtualenv is activated." ;;
            get_env_details) __envman_reply="This hook is run when the list of virtualenvs is printed in 'long' mode so each name can include details.$_em_nl# argument: environment name" ;;
            *) __envman_reply="envman hook" ;;
        esac
        return 0
    fi
    case "$1" in
        initialize) __envman_reply="This hook is sourced during the startup phase when loading virtualenvwrapper.sh." ;;
        premkvirtualenv) __envman_reply="This hook is run after a new virtualenv is created and before it is activated.$_em_nl# argument: name of new environment" ;;
        postmkvirtualenv) __envman_reply="This hook is sourced after a new virtualenv is activated." ;;
        prermvirtualenv) __envman_reply="This hook is run before a virtualenv is deleted.$_em_nl# argument: full path to environment directory" ;;
        postrmvirtualenv) __envman_reply="This hook is run after a virtualenv is deleted.$_em_nl# argument: full path to environment directory" ;;
        predeactivate) __envman_reply="This hook is sourced before every virtualenv is deactivated." ;;
        postdeactivate) __envman_reply="This hook is sourced after every virtualenv is deactivated." ;;
        preactivate) __envman_reply="This hook is run before every virtualenv is activated.$_em_nl# argument: environment name" ;;
        postactivate) __envman_reply="This hook is sourced after every virtualenv is activated." ;;
        get_env_details) __envman_reply="This hook is run when the list of virtualenvs is printed so each name can include details.$_em_nl# argument: environment name" ;;
        premkproject) __envman_reply="This hook is run after a new project is created and before it is activated." ;;
        postmkproject) __envman_reply="This hook is run after a new project is activated." ;;
        *) __envman_reply="envman hook" ;;
    esac
}
__envman_make_hooks() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions shwordsplit noksharrays
    fi
    local _em_dir="$1" _em_h _em_run="" _em_sourced=""
    [ -d "$_em_dir" ] || return 0
    # shellcheck disable=SC2086
    for _em_h in $2; do
        case "$_em_h" in
            precpvirtualenv | postcpvirtualenv) continue ;;
        esac
        [ -e "$_em_dir/$_em_h" ] || [ -L "$_em_dir/$_em_h" ] && continue
        __envman_hook_comment "$_em_h" "${3-}"
        \builtin printf '#!%s\n# %s\n\n' "${SHELL:-/bin/sh}" "$__envman_reply" 2>/dev/null >| "$_em_dir/$_em_h" || continue
        case "$_em_h" in
            initialize | postmkvirtualenv | predeactivate | postdeactivate | postactivate)
                _em_sourced="$_em_sourced $_em_h" ;;
            *) _em_run="$_em_run $_em_h" ;;
        esac
    done
    if [ -n "$_em_run$_em_sourced" ] && [ -z "${__envman_core_loaded-}" ]; then
        __envman_core || return 0
    fi
    # shellcheck disable=SC2086
    if [ -n "$_em_run" ]; then
        (__envman_cd "$_em_dir" && \command chmod 0755 -- $_em_run 2>/dev/null) || :
    fi
    # shellcheck disable=SC2086
    if [ -n "$_em_sourced" ]; then
        (__envman_cd "$_em_dir" && \command chmod 0644 -- $_em_sourced 2>/dev/null) || :
    fi
    return 0
}
__envman_workon_help() {
    \builtin printf '%s\n' \
        "Usage: workon env_name" \
        "" \
        "           Deactivate any currently activated virtualenv" \
        "           and activate the named environment, triggering" \
        "           any hooks in the process." \
        "" \
        "       workon" \
        "" \
        "           Print a list of available environments." \
        "           (See also lsvirtualenv -b)" \
        "" \
        "       workon (-h|--help)" \
        "" \
        "           Show this help message." \
        "" \
        "       workon (-c|--cd) envname" \
        "" \
        "           After activating the environment, cd to the associated" \
        "           project directory if it is set." \
        "" \
        "       workon (-n|--no-cd) envname" \
        "" \
        "           After activating the environment, do not cd to the" \
        "           associated project directory." \
        "" \
        "       workon ." \
        "" \
        "           Activate the environment linked to the current directory" \
        "           (its project) or named after it." \
        ""
}
__envman_env_for_pwd() {
    local _em_rc=0
    __envman_auto_find workon || _em_rc=$?
    case "$_em_rc" in
        0) __envman_found=""; __envman_reply="$__envman_found_name"; return 0 ;;
        3) __envman_found="$__envman_reply"; __envman_reply="$__envman_found_name"; return 0 ;;
        2) __envman_found=""; return 1 ;;
    esac
    __envman_found=""
    __envman_each_env __envman_match_project
    if [ -n "$__envman_found" ]; then
        __envman_reply="$__envman_found"
    else
        __envman_reply="${PWD##*/}"
    fi
    __envman_found=""
}
__envman_match_project() {
    [ -n "$__envman_found" ] && return 0
    __envman_store
    __envman_read_project "$__envman_reply/$1" quiet
    if [ -n "$__envman_reply" ] && [ "${__envman_reply%/}" = "$PWD" ]; then
        __envman_found="$1"
    fi
}
__envman_run_reporting() {
    local _em_file _em_rc
    _em_file="$(\command mktemp "${TMPDIR:-/tmp}/envman-result.XXXXXX")" || return 1
    ENVMAN_RESULT_FILE="$_em_file" __envman_exec "$@"
    _em_rc=$?
    __envman_first_line "$_em_file"
    \command rm -f -- "$_em_file"
    return "$_em_rc"
}
__envman_is_active_name() {
    [ -n "${VIRTUAL_ENV-}" ] || return 1
    __envman_store
    [ "$VIRTUAL_ENV" = "$__envman_reply/$1" ]
}
__envman_mark_tmp() {
    [ -L "$1/README.tmpenv" ] && return 0
    \builtin printf '%s\n' \
        "This is a temporary environment. It will be deleted when you run 'deactivate'." \
        2>/dev/null >| "$1/README.tmpenv" || :
}
__envman_leave_foreign() {
    if \builtin typeset -f deactivate >/dev/null 2>&1; then
        deactivate || :
    fi
    if [ -n "${VIRTUAL_ENV-}" ]; then
        __envman_drop_env_bin
        \builtin unset VIRTUAL_ENV VIRTUAL_ENV_PROMPT
    fi
    __envman_define_deactivate
}
__envman_drop_env_bin() {
    local _em_bin="$VIRTUAL_ENV/bin"
    PATH=":$PATH:"
    PATH="${PATH//":$_em_bin:"/:}"
    PATH="${PATH#:}"
    PATH="${PATH%:}"
    \builtin export PATH
}
__envman_env_site_packages() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs noksharrays
    fi
    local _em_sp _em_glob
    __envman_glob_save
    _em_glob="$__envman_reply"
    __envman_reply=""
    for _em_sp in "$1"/lib/python*/site-packages "$1"/Lib/site-packages; do
        if [ -d "$_em_sp" ]; then
            __envman_reply="$_em_sp"
            break
        fi
    done
    __envman_glob_restore "$_em_glob"
    [ -n "$__envman_reply" ]
}
__envman_cat() {
    local _em_line
    while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
        \builtin printf '%s\n' "$_em_line"
    done < "$1"
}
__envman_config_compat() {
    local _em_line _em_section="" _em_value
    __envman_reply=1
    [ -r "$1" ] || return 0
    while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
        _em_line="${_em_line%%#*}"
        case "$_em_line" in
            *"["*"]"*)
                _em_section="${_em_line#*\[}"
                _em_section="${_em_section%%\]*}"
                _em_section="${_em_section// /}"
                ;;
            *compat*=*)
                [ "$_em_section" = shell ] || continue
                _em_value="${_em_line#*=}"
                _em_value="${_em_value// /}"
                case "$_em_value" in
                    false) __envman_reply=0 ;;
                    true) __envman_reply=1 ;;
                esac
                ;;
        esac
    done < "$1"
    return 0
}
__envman_find_program_elsewhere() {
    local _em_p="${ENVMAN_PROGRAM-}" _em_prev="${__envman_program-}" _em_rest _em_lib
    __envman_program="" __envman_python=""
    case "$_em_p" in
        "" | /*) ;;
        *) _em_p="$PWD/$_em_p" ;;
    esac
    if [ -n "$_em_p" ]; then
        [ -f "$_em_p" ] && [ -x "$_em_p" ] && __envman_program="$_em_p" && return 0
        __envman_err "envman: warning: ENVMAN_PROGRAM=$ENVMAN_PROGRAM is not an executable file; looking for envman elsewhere"
    fi
    _em_lib="${1%/envman/shell}"
    _em_rest="${_em_lib%/*-packages}"
    case "${_em_lib##*/}/${_em_rest##*/}/${_em_rest%/*}" in
        site-packages/python*/*/lib | dist-packages/python*/*/lib | site-packages/python*/*/lib64)
            _em_lib="${_em_rest%/*/*}/bin/envman"
            [ -f "$_em_lib" ] && [ -x "$_em_lib" ] && __envman_program="$_em_lib" && return 0
            ;;
    esac
    if [ -n "${__envman_init_program-}" ] && [ -f "$__envman_init_program" ] && [ -x "$__envman_init_program" ]; then
        __envman_program="$__envman_init_program"
    elif [ -n "${__envman_init_python-}" ] && [ -f "$__envman_init_python" ] && [ -x "$__envman_init_python" ]; then
        __envman_python="$__envman_init_python"
    elif [ -n "$_em_prev" ] && [ -f "$_em_prev" ] && [ -x "$_em_prev" ]; then
        __envman_program="$_em_prev"
    else
        _em_rest="${PATH-}:"
        while [ -n "$_em_rest" ]; do
            _em_p="${_em_rest%%:*}/envman"
            _em_rest="${_em_rest#*:}"
            case "$_em_p" in /*) ;; *) continue ;; esac
            [ -f "$_em_p" ] && [ -x "$_em_p" ] && __envman_program="$_em_p" && return 0
        done
        __envman_err "envman: warning: the envman program was not found (not installed beside $1, not on PATH); set ENVMAN_PROGRAM=/path/to/envman before this rc line, or load envman with: eval \"\$(/path/to/envman init ${ZSH_VERSION:+zsh}${BASH_VERSION:+bash})\""
    fi
    return 0
}
__envman_perms_scan() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob shwordsplit noksharrays noshglob bareglobqual
    fi
    local _em_store _em_hooks _em_h _em_p _em_bad=""
    local -a _em_paths
    __envman_store
    _em_store="$__envman_reply"
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    [ -d "$_em_store" ] || return 0
    _em_paths=("$_em_store")
    [ -d "$_em_store/.envman" ] && _em_paths+=("$_em_store/.envman")
    [ "$_em_hooks" != "$_em_store" ] && [ -d "$_em_hooks" ] && _em_paths+=("$_em_hooks")
    for _em_h in $__envman_global_hooks; do
        [ -f "$_em_hooks/$_em_h" ] && _em_paths+=("$_em_hooks/$_em_h")
    done
    local -a _em_only
    _em_only=()
    if [ -n "${ZSH_VERSION-}" ]; then
        for _em_p in "${_em_paths[@]}"; do
            \builtin eval '_em_only+=( "$_em_p"(N-f:o+w:,-f:g+w:^g$GID) )'
        done
    else
        _em_bad="$(\command find -H "${_em_paths[@]}" -prune \( -perm -002 -o \( -perm -020 ! -group "${GROUPS[0]-0}" \) \) -print 2>/dev/null)" || :
        while IFS= \builtin read -r _em_p; do
            [ -n "$_em_p" ] && _em_only+=("$_em_p")
        done <<< "$_em_bad"
    fi
    __envman_perms_warn ${_em_only[@]+"${_em_only[@]}"}
    return 0
}
__envman_perms_warn() {
    case "$#" in
        0) return 0 ;;
        1) __envman_err "envman: warning: '$1' is writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w '$1'" ;;
        *) __envman_err "envman: warning: '$1' and $(($# - 1)) more paths are writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w on each ('envman doctor' lists them)" ;;
    esac
}
__envman_auto_find() {
    local _em_store _em_d="$PWD" _em_v _em_n _em_why="" _em_idir _em_iname
    __envman_store
    _em_store="$__envman_reply"
    __envman_auto_index "$_em_store" "$PWD"
    _em_idir="$__envman_reply" _em_iname="$__envman_found_name"
    __envman_reply="" __envman_found_name=""
    while :; do
        _em_v="${_em_d%/}/.venv"
        if [ -L "$_em_v" ] || [ -e "$_em_v" ]; then
            if [ ! -e "$_em_v" ]; then
                _em_why="is a broken symlink"
            elif [ -f "$_em_v" ]; then
                __envman_first_line "$_em_v"
                _em_n="$__envman_reply"
                if __envman_plain_name "$_em_n" && __envman_is_env "$_em_store/$_em_n"; then
                    __envman_reply="$_em_store/$_em_n" __envman_found_name="$_em_n"
                    return 0
                fi
                __envman_has_control "$_em_n" && _em_n="?"
                _em_why="names '$_em_n', which is not an environment in $_em_store"
            elif [ -d "$_em_v" ]; then
                __envman_found=""
                for _em_n in "$_em_iname" "${_em_d##*/}"; do
                    if [ -n "$_em_n" ] && __envman_plain_name "$_em_n" && [ "$_em_v" -ef "$_em_store/$_em_n" ]; then
                        __envman_found="$_em_n"
                        break
                    fi
                done
                if [ -z "$__envman_found" ] && [ -L "$_em_v" ]; then
                    __envman_each_env __envman_auto_same "$_em_v" "$_em_store"
                fi
                _em_n="$__envman_found"
                __envman_found=""
                if [ -n "$_em_n" ] && __envman_is_env "$_em_store/$_em_n"; then
                    __envman_reply="$_em_store/$_em_n" __envman_found_name="$_em_n"
                    return 0
                elif __envman_is_env "$_em_v"; then
                    _em_n="${_em_d##*/}"
                    __envman_reply="$_em_v" __envman_found_name="${_em_n:-/}"
                    return 3
                fi
                _em_why="is not a virtual environment (it has no pyvenv.cfg)"
            else
                _em_why="is neither a directory nor a file"
            fi
            if [ "$1" != auto ] || [ "${__envman_auto_warned-}" != "$_em_v" ]; then
                __envman_err "envman: $_em_v $_em_why; no environment activated"
            fi
            [ "$1" = auto ] && __envman_auto_warned="$_em_v"
            __envman_reply=""
            return 2
        fi
        if [ -n "$_em_idir" ] && [ "$_em_d" = "$_em_idir" ]; then
            __envman_reply="$_em_store/$_em_iname" __envman_found_name="$_em_iname"
            return 0
        fi
        [ "$_em_d" = / ] && break
        _em_d="${_em_d%/*}"
        [ -n "$_em_d" ] || _em_d=/
    done
    return 1
}
__envman_auto_same() {
    [ -z "$__envman_found" ] && [ "$1" -ef "$2/$3" ] && __envman_found="$3"
    return 0
}
__envman_auto_index() {
    local _em_file="$1/.envman/projects" _em_line="" _em_dir _em_name _em_best="" _em_bname="" _em_tab=$'\t'
    __envman_reply="" __envman_found_name=""
    [ -f "$_em_file" ] && [ -r "$_em_file" ] || return 0
    {
        IFS= \builtin read -r _em_line || :
        if [ "$_em_line" = "# envman project index 1" ]; then
            while IFS= \builtin read -r _em_line || [ -n "$_em_line" ]; do
                case "$_em_line" in *"$_em_tab"*) ;; *) continue ;; esac
                _em_dir="${_em_line%%"$_em_tab"*}"
                _em_name="${_em_line#*"$_em_tab"}"
                case "$2/" in "${_em_dir%/}"/*) ;; *) continue ;; esac
                [ "${#_em_dir}" -gt "${#_em_best}" ] || continue
                __envman_plain_name "$_em_name" || continue
                __envman_is_env "$1/$_em_name" || continue
                __envman_read_project "$1/$_em_name" quiet
                [ "${__envman_reply%/}" = "${_em_dir%/}" ] || continue
                _em_best="$_em_dir" _em_bname="$_em_name"
            done
        fi
    } < "$_em_file"
    __envman_reply="$_em_best" __envman_found_name="$_em_bname"
}
__envman_auto_hook_ok() {
    [ "$1" = "${__envman_auto_env-}" ] || return 0
    [ -f "$2/.virtualenvwrapper/$3" ] || return 0
    __envman_auto_trusted "$2" && return 0
    __envman_err "envman: not sourcing $2/.virtualenvwrapper/$3: the project is not allowed (run 'envman allow $2')"
    return 1
}
__envman_auto_trusted() {
    __envman_exec allow --check -- "$1" >/dev/null 2>&1
}
__envman_auto_update() {
    local _em_i=0 _em_pwd __envman_auto_busy=1
    while [ "$_em_i" -lt 3 ]; do
        _em_pwd="$PWD"
        __envman_auto_pwd="$PWD"
        __envman_auto_step
        [ "$PWD" = "$_em_pwd" ] && break
        _em_i=$((_em_i + 1))
    done
    return 0
}
__envman_auto_step() {
    local _em_ve="${VIRTUAL_ENV-}" _em_rc _em_dir _em_name _em_proj
    if [ -n "$__envman_auto_env" ] && [ "$_em_ve" != "$__envman_auto_env" ]; then
        __envman_auto_env="" __envman_auto_aside=1
    fi
    _em_rc=0
    __envman_auto_find auto || _em_rc=$?
    _em_dir="$__envman_reply" _em_name="$__envman_found_name"
    if [ "$_em_rc" -eq 0 ] || [ "$_em_rc" -eq 3 ]; then
        [ -z "$__envman_auto_aside" ] || return 0
        [ -z "$_em_ve" ] || [ "$_em_ve" = "$__envman_auto_env" ] || return 0
        [ "$_em_ve" != "$_em_dir" ] || return 0
        if [ "$_em_rc" -eq 3 ]; then
            _em_proj="${_em_dir%/.venv}"
            if [ "${__envman_auto_warned-}" = "$_em_dir" ] || ! __envman_auto_trusted "${_em_proj:-/}"; then
                [ "${__envman_auto_warned-}" = "$_em_dir" ] \
                    || __envman_err "envman: $_em_dir is a project-local environment, not activated until you allow it: envman allow ${_em_proj:-/}"
                __envman_auto_warned="$_em_dir"
                _em_rc=2
            fi
        fi
        if [ "$_em_rc" -ne 2 ]; then
            __envman_warn_base_gone "$_em_dir" "$_em_name"
            __envman_activate "$_em_dir" "$_em_name" 0 auto
            return 0
        fi
    fi
    if [ "$_em_rc" -eq 1 ]; then
        __envman_auto_aside="" __envman_auto_warned=""
    fi
    if [ -n "$__envman_auto_env" ]; then
        __envman_deactivate || :
        __envman_auto_env=""
    fi
    return 0
}
__envman_prefix_match() {
    if [ -n "${ZSH_VERSION-}" ]; then
        \builtin setopt localoptions glob nullglob nomarkdirs noksharrays noglobsubst
    fi
    local _em_d _em_n _em_glob _em_count=0 _em_match=""
    local -a _em_names
    _em_names=()
    __envman_glob_save
    _em_glob="$__envman_reply"
    for _em_d in "$1"/*/; do
        _em_d="${_em_d%/}"
        _em_n="${_em_d##*/}"
        case "$_em_n" in "$2"*) ;; *) continue ;; esac
        case "$_em_n" in .*) continue ;; esac
        __envman_is_env "$_em_d" || continue
        _em_names+=("$_em_n")
        _em_match="$_em_n"
        _em_count=$((_em_count + 1))
    done
    __envman_glob_restore "$_em_glob"
    __envman_reply="$2"
    case "$_em_count" in
        0) return 0 ;;
        1) __envman_reply="$_em_match"; return 0 ;;
    esac
    __envman_err "envman: error: '$2' is the start of $_em_count environments; type more of the name:"
    for _em_n in "${_em_names[@]}"; do
        __envman_err "  $_em_n"
    done
    return 1
}
__envman_vars_refresh() {
    case "${2-}" in set | unset) ;; *) return 0 ;; esac
    [ -n "${__envman_active-}" ] && [ "${__envman_active-}" = "${VIRTUAL_ENV-}" ] || return 0
    __envman_store
    [ "$__envman_reply/$1" = "$__envman_active" ] || return 0
    __envman_vars_apply "$__envman_active"
}
envman() {
    local _em_arg _em_no_activate="" _em_rc _em_name
    case "${1-}" in
        workon) shift; workon "$@"; return ;;
        deactivate) shift; deactivate "$@"; return ;;
        new)
            for _em_arg in "$@"; do
                case "$_em_arg" in
                    --no-activate | -h | --help) _em_no_activate=1 ;;
                esac
            done
            if [ -n "$_em_no_activate" ]; then
                __envman_exec "$@"
                return
            fi
            __envman_run_reporting "$@"
            _em_rc=$?
            _em_name="$__envman_reply"
            [ "$_em_rc" -eq 0 ] || return "$_em_rc"
            if [ -n "$_em_name" ]; then
                workon -n "$_em_name"
                return
            fi
            return 0
            ;;
        tmp)
            for _em_arg in "$@"; do
                case "$_em_arg" in
                    -h | --help) __envman_exec "$@"; return ;;
                esac
            done
            shift
            __envman_run_reporting tmp --owner-pid "$$" "$@"
            _em_rc=$?
            _em_name="$__envman_reply"
            [ "$_em_rc" -eq 0 ] || return "$_em_rc"
            [ -n "$_em_name" ] || return 0
            __envman_store
            __envman_mark_tmp "$__envman_reply/$_em_name"
            workon -n "$_em_name"
            return
            ;;
        allow | deny) __envman_auto_pwd="" __envman_auto_warned="" ;;  # seen at the next prompt
        vars)
            __envman_exec "$@" || return
            __envman_vars_refresh "${2-}" "${3-}"
            return 0
            ;;
        rm)
            for _em_arg in "$@"; do
                if [ "$_em_arg" != rm ] && __envman_is_active_name "$_em_arg"; then
                    __envman_err "envman: error: environment '$_em_arg' is active in this shell (run 'deactivate' first)"
                    return 1
                fi
            done
            ;;
    esac
    __envman_exec "$@"
}
if [ -z "${__envman_core_loaded-}" ]; then
    __envman_vars_apply() { __envman_core && __envman_vars_apply "$@"; }
    __envman_activate() { __envman_core && __envman_activate "$@"; }
    __envman_first_line() { __envman_core && __envman_first_line "$@"; }
    __envman_define_deactivate() { __envman_core && __envman_define_deactivate "$@"; }
    __envman_hook_dir() { __envman_core && __envman_hook_dir "$@"; }
    __envman_plain_name() { __envman_core && __envman_plain_name "$@"; }
    __envman_read_project() { __envman_core && __envman_read_project "$@"; }
    __envman_exec() { __envman_core && __envman_exec "$@"; }
    __envman_cd() { __envman_core && __envman_cd "$@"; }
    __envman_warn_base_gone() { __envman_core && __envman_warn_base_gone "$@"; }
    :
fi
