# virtualenvwrapper's commands that make environments (mkvirtualenv, mktmpenv,
# cpvirtualenv, mkproject), for fish: the larger half of virtualenvwrapper's commands,
# apart so that the first of the others in a shell (lsvirtualenv, rmvirtualenv, ...)
# does not parse it.
# Sourced by the first call of one of their stubs (envman.fish); sources
# envman-compat.fish first, whose helpers they use. Rules as in envman-compat.fish.

set -q __envman_compat_loaded; or builtin source "$__envman_compat_file"

function __envman_mkvirtualenv_usage
    printf '%s\n' \
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
end

function __envman_pre_mkvirtualenv --argument-names name --description 'What virtualenvwrapper runs right after an env is made'
    __envman_run_hook (__envman_home) (__envman_hook_dir)/premkvirtualenv.fish "$name"
end

function mkvirtualenv --description 'Create a new virtualenv in $WORKON_HOME'
    set -l project
    set -l requirements
    set -l python
    set -l packages
    set -l rest
    set -l i 1
    set -l n (count $argv)
    while test $i -le $n
        set -l arg "$argv[$i]"
        switch "$arg"
            case -a -i -r -p --python
                if test $i -ge $n
                    echo "mkvirtualenv: error: option $arg needs an argument" >&2
                    return 2
                end
                set i (math $i + 1)
                switch "$arg"
                    case -a
                        set project "$argv[$i]"
                    case -i
                        set -a packages "$argv[$i]"
                    case -r
                        set requirements "$argv[$i]"
                    case '*'
                        set python "$argv[$i]"
                end
            case '--python=*'
                set python (string replace -- --python= '' "$arg")
            case -h --help
                __envman_mkvirtualenv_usage
                return 0
            case '*'
                set -a rest "$arg"
        end
        set i (math $i + 1)
    end
    if not set -q rest[1]; or test -z "$rest[-1]"
        printf '%s\n' "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] [-p python_interpreter] [virtualenv options] env_name" \
            "mkvirtualenv: error: the following arguments are required: env_name" >&2
        return 2
    end
    set -l name "$rest[-1]"
    set -e rest[-1]
    if test -n "$project"
        if not test -d "$project"
            echo "Cannot associate project with $project, it is not a directory" >&2
            return 1
        end
        set project (__envman_abspath "$project")
    end
    __envman_verify_store; or return
    set -l home (__envman_home)

    set -l reuse
    if test -n "$VIRTUALENVWRAPPER_VIRTUALENV"
        if not command -q -- "$VIRTUALENVWRAPPER_VIRTUALENV"
            echo "ERROR: virtualenvwrapper could not find $VIRTUALENVWRAPPER_VIRTUALENV in your path" >&2
            return 1
        end
        # The user's own creator, called as virtualenvwrapper calls it: from the store,
        # with $VIRTUALENVWRAPPER_VIRTUALENV_ARGS split on whitespace.
        test -n "$python"; and set rest "--python=$python" $rest
        set -l prior "$PWD"
        builtin cd -- "$home"; or return 1
        command $VIRTUALENVWRAPPER_VIRTUALENV (string split -n ' ' -- "$VIRTUALENVWRAPPER_VIRTUALENV_ARGS") $rest "$name"
        set -l code $status
        builtin cd -- "$prior" 2>/dev/null
        test $code -eq 0; or return $code
        # What the user's creator made becomes an envman env like any other.
        __envman_is_env "$home/$name"; and __envman_exec adopt -- "$name" >/dev/null
    else if __envman_plain_name "$name"; and __envman_is_env "$home/$name"
        # virtualenvwrapper runs virtualenv over an existing env, which keeps its
        # packages; envman leaves it as it is and goes on the same way.
        set reuse 1
    else
        # envman's fast creation; virtualenv's common options mapped onto it
        set -l new_args
        set -l ssp
        set -l nopip
        set -l j 1
        while test $j -le (count $rest)
            set -l opt "$rest[$j]"
            switch "$opt"
                case --system-site-packages
                    set ssp --system-site-packages
                case --without-pip --no-pip
                    set nopip --no-pip
                case --prompt
                    set j (math $j + 1)
                    set -a new_args --prompt "$rest[$j]"
                case '--prompt=*'
                    set -a new_args --prompt (string replace -- --prompt= '' "$opt")
                case -q --quiet -v --verbose --no-setuptools --no-wheel --no-download --never-download --no-periodic-update --symlinks --clear
                    # harmless: nothing to map
                case '*'
                    echo "mkvirtualenv: error: virtualenv option '$opt' is not supported by envman (set VIRTUALENVWRAPPER_VIRTUALENV=virtualenv to use virtualenv)" >&2
                    return 2
            end
            set j (math $j + 1)
        end
        test -n "$python"; and set -a new_args -p "$python"
        set -a new_args $ssp $nopip
        for package in $packages
            set -a new_args -i "$package"
        end
        test -n "$requirements"; and set -a new_args -r "$requirements"
        __envman_exec new --no-activate --virtualenvwrapper-name $new_args -- "$name"; or return
    end
    test -d "$home/$name"; or return 0

    __envman_pre_mkvirtualenv "$name"
    if test -n "$project"
        setvirtualenvproject "$home/$name" "$project"; or return
    end
    workon "$name"; or return
    if test -n "$VIRTUALENVWRAPPER_VIRTUALENV"; or test -n "$reuse"
        test -n "$requirements"; and command pip install -r "$requirements"
        for package in $packages
            command pip install "$package"
        end
    end
    __envman_source_hook (__envman_hook_dir)/postmkvirtualenv.fish
    return 0
end

function mktmpenv --description 'Create a temporary virtualenv, removed on deactivate'
    set -l cd_after "$VIRTUALENVWRAPPER_WORKON_CD"
    test -n "$cd_after"; or set cd_after 1
    set -l rest
    for arg in $argv
        switch "$arg"
            case -c --cd
                set cd_after 1
            case -n --no-cd
                set cd_after 0
            case --without-pip
                # virtualenv's spelling, as mkvirtualenv takes it
                set -a rest --no-pip
            case '*'
                set -a rest "$arg"
        end
    end
    __envman_verify_store; or return
    __envman_run_reporting tmp --owner-pid $fish_pid $rest; or return
    set -l name "$__envman_reported"
    test -n "$name"; or return 1
    __envman_pre_mkvirtualenv "$name"
    workon -n "$name"; or return
    __envman_source_hook (__envman_hook_dir)/postmkvirtualenv.fish
    test "$cd_after" = 1; and cdvirtualenv
    __envman_mark_tmp "$VIRTUAL_ENV"
    echo "This is a temporary environment. It will be deleted when you run 'deactivate'."
end

function cpvirtualenv --description 'Duplicate the named virtualenv to make a new one'
    set -l src "$argv[1]"
    set -l trg "$argv[2]"
    __envman_verify_store; or return
    set -l home (__envman_home)
    if test -z "$src"
        echo "Please provide a valid virtualenv to copy."
        return 1
    end
    set -l from "$home/$src"
    if not __envman_plain_name "$src"; or not test -e "$from"
        # Not in the store: a venv elsewhere, given as a path (~ expanded,
        # relative to this directory).
        set from "$src"
        string match -q -- '~/*' "$from"; and set from "$HOME/"(string sub -s 3 -- "$from")
        string match -q -- '/*' "$from"; or set from "$PWD/$from"
        set from (path normalize -- "$from")
        if not test -e "$from"; or test "$from" = /
            echo "Please provide a valid virtualenv to copy."
            return 1
        end
        set src (path basename -- "$from")
    end
    test -n "$trg"; or set trg "$src"
    if test -e "$home/$trg"
        echo "$trg virtualenv already exists."
        return 1
    end
    if test -n "$VIRTUALENVWRAPPER_VIRTUALENV_CLONE"; and not command -q -- "$VIRTUALENVWRAPPER_VIRTUALENV_CLONE"
        echo "ERROR: virtualenvwrapper could not find $VIRTUALENVWRAPPER_VIRTUALENV_CLONE in your path" >&2
        return 1
    end
    echo "Copying $src as $trg..."
    if test -n "$VIRTUALENVWRAPPER_VIRTUALENV_CLONE"
        # The user's own cloner, run as virtualenvwrapper runs it: from the store,
        # source and target as full paths.
        set -l prior "$PWD"
        builtin cd -- "$home"; or return 1
        command $VIRTUALENVWRAPPER_VIRTUALENV_CLONE "$from" "$home/$trg"
        set -l code $status
        builtin cd -- "$prior" 2>/dev/null
        test $code -eq 0; or return $code
        __envman_is_env "$home/$trg"; and __envman_exec adopt -- "$trg" >/dev/null
    else if test "$from" = "$home/$src"
        __envman_exec cp -- "$src" "$trg" >/dev/null; or return
    else
        __envman_exec cp -- "$from" "$trg" >/dev/null; or return
    end
    test -d "$home/$trg"; or return 1
    set -l hooks (__envman_hook_dir)
    __envman_run_hook "$home" "$hooks/precpvirtualenv.fish" "$from" "$trg"
    __envman_pre_mkvirtualenv "$trg"
    workon "$trg"; or return
    __envman_source_hook "$hooks/postmkvirtualenv.fish"
    __envman_source_hook "$hooks/postcpvirtualenv.fish"
end

function __envman_mkproject_usage
    printf '%s\n' \
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
end

function mkproject --description 'Create a new project directory and its associated virtualenv'
    set -l force 0
    set -l rest
    for arg in $argv
        switch "$arg"
            case -h --help
                __envman_mkproject_usage
                return 0
            case -f --force
                set force 1
            case -t
                echo "mkproject: error: project templates (-t) are not supported by envman" >&2
                return 2
            case '*'
                set -a rest "$arg"
        end
    end
    set -l name "$rest[-1]"
    if test -z "$PROJECT_HOME"
        echo "ERROR: Set the PROJECT_HOME shell variable to the name of the directory where projects should be created." >&2
        return 1
    end
    if not test -d "$PROJECT_HOME"
        echo "ERROR: Project directory '$PROJECT_HOME' does not exist.  Create it or set PROJECT_HOME to an existing directory." >&2
        return 1
    end
    if test -z "$name"
        mkvirtualenv $rest
        return
    end
    set -l dir "$PROJECT_HOME/$name"
    if test -d "$dir"; and test $force -eq 0
        echo "Project $name already exists." >&2
        return 1
    end
    mkvirtualenv $rest; or return 1
    builtin cd -- "$PROJECT_HOME"; or return 1
    set -l hooks (__envman_hook_dir)
    # From the store, as virtualenvwrapper runs every run hook.
    __envman_run_hook (__envman_home) "$hooks/premkproject.fish" "$name"
    echo "Creating $dir"
    command mkdir -p -- "$dir"; or return 1
    setvirtualenvproject "$VIRTUAL_ENV" "$dir"; or return 1
    builtin cd -- "$dir"; or return 1
    __envman_source_hook "$hooks/postmkproject.fish"
end
