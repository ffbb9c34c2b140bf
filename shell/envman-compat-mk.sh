# shellcheck shell=bash disable=SC2154,SC2030,SC2031
# GENERATED from shell/src/envman-compat-mk.sh: edit that, run completions/generate.py
__envman_mkvirtualenv_usage() {
    \builtin printf '%s\n' \
        "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] [-p python_interpreter] [virtualenv options] env_name" \
        "" \
        " -a project_path" \
        "" \
        "    Provide a full path to a project directory to associate with" \
        "    the new environment." \
        "" \
        " -i package" \
        "" \
        "    Install a package after the environment is created." \
        "    This option may be repeated." \
        "" \
        " -r requirements_file" \
        "" \
        "    Provide a pip requirements file to install a base set of packages" \
        "    into the new environment." \
        "" \
        " -p python_interpreter, --python=python_interpreter" \
        "" \
        "    The Python interpreter to use for the new environment." \
        "    This can be specified as -p python3.8 or --python=/path/to/python" \
        "" \
        "virtualenv options understood by envman: --system-site-packages, --without-pip," \
        "--prompt PROMPT (set VIRTUALENVWRAPPER_VIRTUALENV to use virtualenv itself)."
}
__envman_abs_dir() {
    __envman_reply="$(__envman_cd "$1" && \builtin pwd)" || return 1
}
__envman_pre_mkvirtualenv() {
    local _em_store
    __envman_store
    _em_store="$__envman_reply"
    __envman_make_hooks "$_em_store/$1/bin" "$__envman_local_hooks" local
    __envman_hook_dir
    __envman_run_hook "$_em_store" "$__envman_reply/premkvirtualenv" "$1"
}
__envman_mk_parse() {
    local _em_arg _em_i=0 _em_n
    local -a _em_rest
    _em_rest=()
    __envman_mk_project=""
    __envman_mk_req=""
    __envman_mk_python=""
    __envman_mk_name=""
    __envman_mk_help=""
    __envman_mk_pkgs=()
    __envman_mk_vargs=()
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -a | -i | -r | -p | --python)
                if [ "$#" -lt 2 ]; then
                    __envman_err "mkvirtualenv: error: option $1 needs an argument"
                    return 2
                fi
                case "$1" in
                    -a) __envman_mk_project="$2" ;;
                    -i) __envman_mk_pkgs+=("$2") ;;
                    -r) __envman_mk_req="$2" ;;
                    *) __envman_mk_python="$2" ;;
                esac
                shift
                ;;
            --python=*) __envman_mk_python="${1#*=}" ;;
            -h | --help) __envman_mk_help=1 ;;
            *) _em_rest+=("$1") ;;
        esac
        shift
    done
    _em_n="${#_em_rest[@]}"
    for _em_arg in ${_em_rest[@]+"${_em_rest[@]}"}; do
        _em_i=$((_em_i + 1))
        if [ "$_em_i" -eq "$_em_n" ]; then
            __envman_mk_name="$_em_arg"
        else
            __envman_mk_vargs+=("$_em_arg")
        fi
    done
    return 0
}
__envman_mk_envman_args() {
    local _em_arg _em_prompt=""
    __envman_mk_new=()
    for _em_arg in ${__envman_mk_vargs[@]+"${__envman_mk_vargs[@]}"}; do
        if [ "$_em_prompt" = 1 ]; then
            __envman_mk_new+=(--prompt "$_em_arg")
            _em_prompt=""
            continue
        fi
        case "$_em_arg" in
            --system-site-packages) __envman_mk_new+=(--system-site-packages) ;;
            --without-pip | --no-pip) __envman_mk_new+=(--no-pip) ;;
            --prompt) _em_prompt=1 ;;
            --prompt=*) __envman_mk_new+=(--prompt "${_em_arg#*=}") ;;
            -q | --quiet | -v | --verbose | --no-setuptools | --no-wheel | --no-download | \
                --never-download | --no-periodic-update | --symlinks | --clear) ;;
            *)
                __envman_err "mkvirtualenv: error: virtualenv option '$_em_arg' is not supported by envman (set VIRTUALENVWRAPPER_VIRTUALENV=virtualenv to use virtualenv)"
                return 2
                ;;
        esac
    done
    [ -n "$__envman_mk_python" ] && __envman_mk_new+=(-p "$__envman_mk_python")
    for _em_arg in ${__envman_mk_pkgs[@]+"${__envman_mk_pkgs[@]}"}; do
        __envman_mk_new+=(-i "$_em_arg")
    done
    [ -n "$__envman_mk_req" ] && __envman_mk_new+=(-r "$__envman_mk_req")
    return 0
}
mkvirtualenv() {
    local _em_project _em_name _em_store _em_rc _em_arg _em_reuse
    __envman_mk_parse "$@" || return
    if [ -n "$__envman_mk_help" ]; then
        __envman_mkvirtualenv_usage
        return 0
    fi
    _em_name="$__envman_mk_name"
    _em_project="$__envman_mk_project"
    if [ -z "$_em_name" ]; then
        __envman_err "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] [-p python_interpreter] [virtualenv options] env_name" \
            "mkvirtualenv: error: the following arguments are required: env_name"
        return 2
    fi
    if [ -n "$_em_project" ]; then
        if [ ! -d "$_em_project" ]; then
            __envman_err "Cannot associate project with $_em_project, it is not a directory"
            return 1
        fi
        __envman_abs_dir "$_em_project" || return 1
        _em_project="$__envman_reply"
    fi
    if [ -z "${VIRTUALENVWRAPPER_VIRTUALENV-}" ]; then
        __envman_mk_envman_args || return
    fi
    __envman_verify_store || return
    __envman_store
    _em_store="$__envman_reply"
    _em_reuse=""
    if [ -n "${VIRTUALENVWRAPPER_VIRTUALENV-}" ]; then
        virtualenvwrapper_verify_virtualenv || return 1
        if [ -n "$__envman_mk_python" ]; then
            __envman_mk_vargs=("--python=$__envman_mk_python" ${__envman_mk_vargs[@]+"${__envman_mk_vargs[@]}"})
        fi
        (
            __envman_cd "$_em_store" || exit 1
            if [ -n "${ZSH_VERSION-}" ]; then
                \builtin setopt shwordsplit
            fi
            # shellcheck disable=SC2086
            "$VIRTUALENVWRAPPER_VIRTUALENV" ${VIRTUALENVWRAPPER_VIRTUALENV_ARGS-} ${__envman_mk_vargs[@]+"${__envman_mk_vargs[@]}"} "$_em_name"
        )
        _em_rc=$?
        [ "$_em_rc" -eq 0 ] || return "$_em_rc"
        if __envman_is_env "$_em_store/$_em_name"; then
            __envman_exec adopt -- "$_em_name" >/dev/null || :
        fi
    elif __envman_plain_name "$_em_name" && __envman_is_env "$_em_store/$_em_name"; then
        _em_reuse=1
    else
        __envman_exec new --no-activate --virtualenvwrapper-name ${__envman_mk_new[@]+"${__envman_mk_new[@]}"} -- "$_em_name" || return
    fi
    [ -d "$_em_store/$_em_name" ] || return 0
    __envman_pre_mkvirtualenv "$_em_name"
    if [ -n "$_em_project" ]; then
        setvirtualenvproject "$_em_store/$_em_name" "$_em_project" || return
    fi
    workon "$_em_name" || return
    if [ -n "${VIRTUALENVWRAPPER_VIRTUALENV-}" ] || [ -n "$_em_reuse" ]; then
        if [ -n "$__envman_mk_req" ]; then
            \command pip install -r "$__envman_mk_req" || :
        fi
        for _em_arg in ${__envman_mk_pkgs[@]+"${__envman_mk_pkgs[@]}"}; do
            \command pip install "$_em_arg" || :
        done
    fi
    __envman_hook_dir
    __envman_source_hook "$__envman_reply/postmkvirtualenv"
}
mktmpenv() {
    local _em_cd="${VIRTUALENVWRAPPER_WORKON_CD:-1}" _em_name _em_rc
    local -a _em_rest
    _em_rest=()
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -c | --cd) _em_cd=1 ;;
            -n | --no-cd) _em_cd=0 ;;
            *) _em_rest+=("$1") ;;
        esac
        shift
    done
    __envman_mk_parse ${_em_rest[@]+"${_em_rest[@]}"} tmp || return
    __envman_mk_envman_args || return
    __envman_verify_store || return
    __envman_run_reporting tmp --owner-pid "$$" ${__envman_mk_new[@]+"${__envman_mk_new[@]}"}
    _em_rc=$?
    _em_name="$__envman_reply"
    [ "$_em_rc" -eq 0 ] || return "$_em_rc"
    [ -n "$_em_name" ] || return 1
    __envman_pre_mkvirtualenv "$_em_name"
    workon -n "$_em_name" || return
    __envman_hook_dir
    __envman_source_hook "$__envman_reply/postmkvirtualenv"
    if [ "$_em_cd" = 1 ]; then
        cdvirtualenv || :
    fi
    __envman_mark_tmp "$VIRTUAL_ENV"
    \builtin printf '%s\n' "This is a temporary environment. It will be deleted when you run 'deactivate'."
}
rmvirtualenv() {
    local _em_name _em_store _em_dir _em_prior _em_hooks
    __envman_verify_store || return
    if [ "$#" -eq 0 ]; then
        __envman_err "Please specify an environment."
        return 1
    fi
    __envman_store
    _em_store="$__envman_reply"
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    for _em_name in "$@"; do
        \builtin printf '%s\n' "Removing $_em_name..."
        _em_dir="$_em_store/$_em_name"
        if [ "${VIRTUAL_ENV-}" = "$_em_dir" ]; then
            __envman_err "ERROR: You cannot remove the active environment ('$_em_name')." \
                "Either switch to another environment, or run 'deactivate'."
            return 1
        fi
        if [ ! -d "$_em_dir" ] || ! __envman_plain_name "$_em_name"; then
            __envman_err "Did not find environment $_em_dir to remove."
        fi
        _em_prior="$PWD"
        __envman_cd "$_em_store" || :
        __envman_run_hook "$_em_store" "$_em_hooks/prermvirtualenv" "$_em_name"
        if [ -d "$_em_dir" ] && __envman_plain_name "$_em_name"; then
            __envman_exec rm -y -- "$_em_name" >/dev/null || :
        fi
        __envman_run_hook "$_em_store" "$_em_hooks/postrmvirtualenv" "$_em_name"
        if [ -d "$_em_prior" ]; then
            __envman_cd "$_em_prior" || :
        fi
    done
}
cpvirtualenv() {
    local _em_src="${1-}" _em_trg="${2-}" _em_store _em_hooks _em_from
    __envman_verify_store || return
    __envman_store
    _em_store="$__envman_reply"
    if [ -z "$_em_src" ]; then
        \builtin printf '%s\n' "Please provide a valid virtualenv to copy."
        return 1
    fi
    if __envman_plain_name "$_em_src" && [ -e "$_em_store/$_em_src" ]; then
        _em_from="$_em_store/$_em_src"
    else
        __envman_expandvars "$_em_src"
        __envman_expanduser "$__envman_reply"
        case "$__envman_reply" in
            /*) ;;
            *) __envman_reply="$PWD/$__envman_reply" ;;
        esac
        __envman_normpath "$__envman_reply"
        _em_from="$__envman_reply"
        if [ ! -e "$_em_from" ] || [ "$_em_from" = / ]; then
            \builtin printf '%s\n' "Please provide a valid virtualenv to copy."
            return 1
        fi
        _em_src="${_em_from##*/}"
    fi
    [ -n "$_em_trg" ] || _em_trg="$_em_src"
    if [ -e "$_em_store/$_em_trg" ]; then
        \builtin printf '%s\n' "$_em_trg virtualenv already exists."
        return 1
    fi
    if [ -n "${VIRTUALENVWRAPPER_VIRTUALENV_CLONE-}" ]; then
        virtualenvwrapper_verify_virtualenv_clone || return 1
    fi
    \builtin printf '%s\n' "Copying $_em_src as $_em_trg..."
    if [ -n "${VIRTUALENVWRAPPER_VIRTUALENV_CLONE-}" ]; then
        (__envman_cd "$_em_store" && "$VIRTUALENVWRAPPER_VIRTUALENV_CLONE" "$_em_from" "$_em_store/$_em_trg") || return
        if __envman_is_env "$_em_store/$_em_trg"; then
            __envman_exec adopt -- "$_em_trg" >/dev/null || :
        fi
    elif [ "$_em_from" = "$_em_store/$_em_src" ]; then
        __envman_exec cp -- "$_em_src" "$_em_trg" >/dev/null || return
    else
        __envman_exec cp -- "$_em_from" "$_em_trg" >/dev/null || return
    fi
    [ -d "$_em_store/$_em_trg" ] || return 1
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    __envman_make_hooks "$_em_store/$_em_trg/bin" "$__envman_local_hooks" local
    __envman_run_hook "$_em_store" "$_em_hooks/precpvirtualenv" "$_em_from" "$_em_trg"
    __envman_pre_mkvirtualenv "$_em_trg"
    workon "$_em_trg" || return
    __envman_source_hook "$_em_hooks/postmkvirtualenv"
    __envman_source_hook "$_em_hooks/postcpvirtualenv"
}
setvirtualenvproject() {
    local _em_venv="${1-}" _em_prj="${2-}" _em_store
    [ -n "$_em_venv" ] || _em_venv="${VIRTUAL_ENV-}"
    if [ -z "$_em_prj" ]; then
        _em_prj="$PWD"
    elif [ -d "$_em_prj" ]; then
        __envman_abs_dir "$_em_prj" || return 1
        _em_prj="$__envman_reply"
    fi
    __envman_store
    _em_store="$__envman_reply"
    if [ ! -d "$_em_venv" ]; then
        _em_venv="$_em_store/$_em_venv"
    fi
    if [ ! -d "$_em_venv" ]; then
        __envman_err "No virtualenv ${_em_venv##*/}"
        return 1
    fi
    if [ ! -d "$_em_prj" ]; then
        __envman_err "Cannot associate virtualenv with \"$_em_prj\", it is not a directory"
        return 1
    fi
    if __envman_has_control "$_em_prj"; then
        __envman_err "setvirtualenvproject: error: the project path contains a newline or another control character; use a path without one"
        return 2
    fi
    __envman_project_filename
    if [ "${_em_venv%/*}" = "$_em_store" ]; then
        __envman_exec project set -- "${_em_venv##*/}" "$_em_prj" || return
        [ "$__envman_reply" = .project ] && return 0
    else
        \builtin printf '%s\n' "Setting project for ${_em_venv##*/} to $_em_prj"
    fi
    if [ -L "$_em_venv/$__envman_reply" ]; then
        __envman_err "setvirtualenvproject: error: $_em_venv/$__envman_reply is a symlink; not writing through it"
        return 1
    fi
    \builtin printf '%s\n' "$_em_prj" >| "$_em_venv/$__envman_reply"
}
__envman_mkproject_usage() {
    \builtin printf '%s\n' \
        "Usage: mkproject [-f|--force] [-t template] [virtualenv options] project_name" \
        "" \
        "-f, --force    Create the virtualenv even if the project directory" \
        "               already exists" \
        "" \
        "Project templates (-t) are virtualenvwrapper plugins; envman has none." \
        "" \
        "mkvirtualenv help:" \
        ""
    __envman_mkvirtualenv_usage
}
mkproject() {
    local _em_force=0 _em_name="" _em_arg _em_dir _em_hooks
    local -a _em_rest
    _em_rest=()
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -h | --help) __envman_mkproject_usage; return 0 ;;
            -f | --force) _em_force=1 ;;
            -t)
                __envman_err "mkproject: error: project templates (-t) are not supported by envman"
                return 2
                ;;
            *) _em_rest+=("$1") ;;
        esac
        shift
    done
    for _em_arg in ${_em_rest[@]+"${_em_rest[@]}"}; do _em_name="$_em_arg"; done
    # shellcheck disable=SC2119
    virtualenvwrapper_verify_project_home || return 1
    if [ -z "$_em_name" ]; then
        mkvirtualenv ${_em_rest[@]+"${_em_rest[@]}"}
        return
    fi
    _em_dir="$PROJECT_HOME/$_em_name"
    if [ -d "$_em_dir" ] && [ "$_em_force" -eq 0 ]; then
        __envman_err "Project $_em_name already exists."
        return 1
    fi
    mkvirtualenv ${_em_rest[@]+"${_em_rest[@]}"} || return 1
    __envman_cd "$PROJECT_HOME" || return 1
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    __envman_store
    __envman_run_hook "$__envman_reply" "$_em_hooks/premkproject" "$_em_name"
    \builtin printf '%s\n' "Creating $_em_dir"
    \command mkdir -p -- "$_em_dir" || return 1
    setvirtualenvproject "$VIRTUAL_ENV" "$_em_dir" || return 1
    __envman_cd "$_em_dir" || return 1
    __envman_source_hook "$_em_hooks/postmkproject"
}
__envman_normpath() {
    local _em_left="$1" _em_lead="" _em_part _em_out=""
    case "$_em_left" in
        "") __envman_reply="."; return 0 ;;
        ///*) _em_lead="/" ;;
        //*) _em_lead="//" ;;
        /*) _em_lead="/" ;;
    esac
    while [ -n "$_em_left" ]; do
        case "$_em_left" in
            */*) _em_part="${_em_left%%/*}"; _em_left="${_em_left#*/}" ;;
            *) _em_part="$_em_left"; _em_left="" ;;
        esac
        case "$_em_part" in
            "" | .) continue ;;
            ..)
                case "$_em_out" in
                    "" | .. | */..) [ -n "$_em_lead" ] && continue ;;
                    */*) _em_out="${_em_out%/*}"; continue ;;
                    *) _em_out=""; continue ;;
                esac
                ;;
        esac
        _em_out="${_em_out:+$_em_out/}$_em_part"
    done
    _em_out="$_em_lead$_em_out"
    __envman_reply="${_em_out:-.}"
}
__envman_expandvars() {
    local _em_left="$1" _em_out="" _em_name _em_raw _em_attrs
    while :; do
        case "$_em_left" in
            *'$'*) ;;
            *) break ;;
        esac
        _em_out="$_em_out${_em_left%%\$*}"
        _em_left="${_em_left#*\$}"
        case "$_em_left" in
            "{"*"}"*)
                _em_name="${_em_left#\{}"
                _em_name="${_em_name%%\}*}"
                _em_raw="{$_em_name}"
                ;;
            *)
                _em_name="${_em_left%%[!A-Za-z0-9_]*}"
                _em_raw="$_em_name"
                ;;
        esac
        _em_left="${_em_left#"$_em_raw"}"
        _em_attrs=""
        case "$_em_name" in
            "" | *[!A-Za-z0-9_]*) ;;
            *)
                if [ -n "${ZSH_VERSION-}" ]; then
                    \builtin eval '_em_attrs="${(Pt)_em_name-}"'
                else
                    \builtin eval '_em_attrs="${'"$_em_name"'@a}"'
                fi
                ;;
        esac
        case "$_em_attrs" in
            *x*)
                if [ -n "${ZSH_VERSION-}" ]; then
                    \builtin eval '_em_out="$_em_out${(P)_em_name}"'
                else
                    _em_out="$_em_out${!_em_name}"
                fi
                ;;
            *) _em_out="$_em_out\$$_em_raw" ;;
        esac
    done
    __envman_reply="$_em_out$_em_left"
}
__envman_expanduser() {
    local _em_path="$1" _em_user _em_home
    # shellcheck disable=SC2088
    case "$_em_path" in
        "~" | "~/"*) _em_home="${HOME-}" ; _em_user="" ;;
        "~"*)
            _em_user="${_em_path#\~}"
            _em_user="${_em_user%%/*}"
            case "$_em_user" in
                *[!A-Za-z0-9._-]* | -*) __envman_reply="$_em_path"; return 0 ;;
            esac
            _em_home="~$_em_user"
            \builtin eval "_em_home=~$_em_user" 2>/dev/null || :
            if [ "$_em_home" = "~$_em_user" ]; then
                __envman_reply="$_em_path"
                return 0
            fi
            ;;
        *) __envman_reply="$_em_path"; return 0 ;;
    esac
    _em_path="${_em_path#\~"$_em_user"}"
    while [ "$_em_home" != "/" ] && [ "${_em_home%/}" != "$_em_home" ]; do
        _em_home="${_em_home%/}"
    done
    [ "$_em_home" = "/" ] && [ -n "$_em_path" ] && _em_home=""
    __envman_reply="$_em_home$_em_path"
    [ -n "$__envman_reply" ] || __envman_reply="/"
}
virtualenvwrapper_expandpath() {
    [ -n "${1-}" ] || return 1
    __envman_expandvars "$1"
    __envman_expanduser "$__envman_reply"
    __envman_normpath "$__envman_reply"
    \builtin printf '%s\n' "$__envman_reply"
}
virtualenvwrapper_absolutepath() {
    [ -n "${1-}" ] || return 1
    local _em_here
    case "$1" in
        /*) __envman_normpath "$1" ;;
        *)
            _em_here="$(\builtin pwd -P)" || return 1
            __envman_normpath "$_em_here/$1"
            ;;
    esac
    \builtin printf '%s\n' "$__envman_reply"
}
virtualenvwrapper_derive_workon_home() {
    local _em_home="${WORKON_HOME-}"
    [ -n "$_em_home" ] || _em_home="${HOME-}/.virtualenvs"
    case "$_em_home" in
        [!/~]*) _em_home="${HOME-}/${WORKON_HOME-}" ;;
    esac
    case "$_em_home" in
        *'$'* | *'~'* | *//*) _em_home="$(virtualenvwrapper_expandpath "$_em_home")" ;;
    esac
    \builtin printf '%s\n' "$_em_home"
}
virtualenvwrapper_mktemp() {
    \command mktemp "$@"
}
virtualenvwrapper_tempfile() {
    local _em_file
    _em_file="$(virtualenvwrapper_mktemp -t "virtualenvwrapper-${1:-hook}-XXXXXXXXXX")"
    if [ -z "$_em_file" ] || [ ! -f "$_em_file" ]; then
        __envman_err "ERROR: virtualenvwrapper could not create a temporary file name."
        return 1
    fi
    \builtin printf '%s\n' "$_em_file"
}
virtualenvwrapper_run_hook() {
    local _em_event="${1-}" _em_store _em_hooks _em_env _em_prj _em_pfile
    [ "$#" -gt 0 ] && shift
    __envman_store
    _em_store="$__envman_reply"
    __envman_hook_dir
    _em_hooks="$__envman_reply"
    __envman_project_filename
    _em_pfile="$__envman_reply"
    case "$_em_event" in
        initialize)
            __envman_make_hooks "$_em_hooks" "$__envman_global_hooks"
            __envman_source_hook "$_em_hooks/initialize"
            ;;
        pre_mkvirtualenv | pre_cpvirtualenv)
            __envman_make_hooks "$_em_store/${1-}/bin" "$__envman_local_hooks" local
            __envman_run_hook "$_em_store" "$_em_hooks/${_em_event#pre_}" "$@"
            __envman_run_hook "$_em_store" "$_em_hooks/pre${_em_event#pre_}" "$@"
            ;;
        post_mkvirtualenv | post_cpvirtualenv)
            __envman_source_hook "$_em_hooks/post${_em_event#post_}"
            ;;
        pre_rmvirtualenv | post_rmvirtualenv)
            __envman_run_hook "$_em_store" "$_em_hooks/${_em_event%%_*}rmvirtualenv" "$@"
            ;;
        pre_activate | get_env_details)
            _em_env="${_em_event#pre_}"
            [ "$_em_env" = activate ] && _em_env=preactivate
            __envman_run_hook "$_em_store" "$_em_hooks/$_em_env" "$@"
            __envman_run_hook "$_em_store" "$_em_store/${1-}/bin/$_em_env" "$@"
            ;;
        post_activate)
            if [ -f "${VIRTUAL_ENV-}/$_em_pfile" ]; then
                __envman_first_line "${VIRTUAL_ENV-}/$_em_pfile"
                _em_prj="$__envman_reply"
                if [ "${VIRTUALENVWRAPPER_PROJECT_CD-}" = 1 ]; then
                    virtualenvwrapper_cd "$_em_prj"
                fi
                __envman_source_hook "$_em_prj/.virtualenvwrapper/postactivate"
            fi
            __envman_source_hook "$_em_hooks/postactivate"
            __envman_source_hook "${VIRTUAL_ENV-}/bin/postactivate"
            ;;
        pre_deactivate)
            if [ -f "${VIRTUAL_ENV-}/$_em_pfile" ]; then
                __envman_first_line "${VIRTUAL_ENV-}/$_em_pfile"
                _em_prj="$__envman_reply"
                __envman_source_hook "$_em_prj/.virtualenvwrapper/predeactivate"
            fi
            __envman_source_hook "${VIRTUAL_ENV-}/bin/predeactivate"
            __envman_source_hook "$_em_hooks/predeactivate"
            ;;
        post_deactivate)
            # shellcheck disable=SC2034
            VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV="$_em_store/${1-}"
            __envman_source_hook "$_em_store/${1-}/bin/postdeactivate"
            __envman_source_hook "$_em_hooks/postdeactivate"
            \builtin unset VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
            ;;
        project.pre_mkproject)
            __envman_run_hook "$_em_store" "$_em_hooks/premkproject" "$@"
            ;;
        project.post_mkproject)
            __envman_source_hook "$_em_hooks/postmkproject"
            ;;
    esac
    return 0
}
virtualenvwrapper_initialize() {
    WORKON_HOME="$(virtualenvwrapper_derive_workon_home)"
    \builtin export WORKON_HOME
    virtualenvwrapper_verify_workon_home -q || return 1
    VIRTUALENVWRAPPER_HOOK_DIR="${VIRTUALENVWRAPPER_HOOK_DIR:-$WORKON_HOME}"
    \builtin export VIRTUALENVWRAPPER_HOOK_DIR
    \command mkdir -p -- "$VIRTUALENVWRAPPER_HOOK_DIR"
    virtualenvwrapper_run_hook initialize
    virtualenvwrapper_setup_tab_completion
    return 0
}
virtualenvwrapper_mkvirtualenv_help() {
    __envman_mkvirtualenv_usage
}
virtualenvwrapper_mkproject_help() {
    __envman_mkproject_usage
}
