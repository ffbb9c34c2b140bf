# virtualenvwrapper 6.1.1's commands on top of envman, for fish.
#
# Sourced by envman.fish when the compatibility names are on (the default; off with
# ENVMAN_COMPAT=0 or `[shell] compat = false`). Messages, exit statuses, hook names,
# arguments, working directories and order follow virtualenvwrapper.sh 6.1.1 and
# shell/envman-compat.sh (bash/zsh); hooks are the same names with a .fish suffix.
# Creation, removal and copying are envman's own (fast, registered, never half done).

# what this file calls of envman-core.fish (the stubs of envman.fish name only its own)
set -q __envman_core_loaded; or builtin source "$__envman_core_file"

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

function __envman_abspath --argument-names path --description 'os.path.abspath without Python'
    string match -q -- '/*' "$path"; or set path "$PWD/$path"
    set -l parts
    for part in (string split / -- "$path")
        switch "$part"
            case '' .
                continue
            case ..
                set -q parts[1]; and set -e parts[-1]
            case '*'
                set -a parts "$part"
        end
    end
    printf '/%s\n' (string join / -- $parts)
end

function __envman_verify_store --description 'virtualenvwrapper_verify_workon_home: create a missing store, with a note'
    set -l home (__envman_home); or return 2
    if not test -d "$home/"
        echo "NOTE: Virtual environments directory $home does not exist. Creating..." >&2
        command mkdir -p -- "$home"; or return 1
    end
    return 0
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

function rmvirtualenv --description 'Remove a virtualenv'
    __envman_verify_store; or return
    if not set -q argv[1]
        echo "Please specify an environment." >&2
        return 1
    end
    set -l home (__envman_home)
    set -l hooks (__envman_hook_dir)
    for name in $argv
        echo "Removing $name..."
        set -l venv "$home/$name"
        if test "$VIRTUAL_ENV" = "$venv"
            printf '%s\n' "ERROR: You cannot remove the active environment ('$name')." \
                "Either switch to another environment, or run 'deactivate'." >&2
            return 1
        end
        set -l found 1
        if not test -d "$venv"; or not __envman_plain_name "$name"
            echo "Did not find environment $venv to remove." >&2
            set found 0
        end
        # out of the env first, in case the shell is somewhere inside it
        set -l prior "$PWD"
        builtin cd -- "$home" 2>/dev/null
        # the hooks get the env name and run in the store, so it is also a path
        __envman_run_hook "$home" "$hooks/prermvirtualenv.fish" "$name"
        test $found = 1; and __envman_exec rm -y -- "$name" >/dev/null
        __envman_run_hook "$home" "$hooks/postrmvirtualenv.fish" "$name"
        test -d "$prior"; and builtin cd -- "$prior"
    end
    return 0
end

function __envman_lsvirtualenv_usage
    printf '%s\n' "lsvirtualenv [-blh]" "  -b -- brief mode" "  -l -- long mode" "  -h -- this help message"
end

function __envman_underline --argument-names text
    printf '%s\n%s\n' "$text" (string replace -ra . = -- "$text")
end

function lsvirtualenv --description 'List virtualenvs: lsvirtualenv [-blh]'
    set -l long 1
    # getopts ":blh": options until the first non-option argument
    for arg in $argv
        string match -q -- '-?*' "$arg"; or break
        test "$arg" = --; and break
        for opt in (string split '' -- (string sub -s 2 -- "$arg"))
            switch "$opt"
                case l
                    set long 1
                case b
                    set long 0
                case h
                    __envman_lsvirtualenv_usage
                    return 1
                case '*'
                    echo "Invalid option: -$opt" >&2
                    __envman_lsvirtualenv_usage
                    return 1
            end
        end
    end
    __envman_verify_store; or return
    set -l home (__envman_home)
    for name in (__envman_names)
        if test $long = 1
            # Inside the env, as allvirtualenv runs commands: get_env_details hooks
            # see VIRTUAL_ENV and run from the env's directory.
            __envman_underline "$name"
            __envman_run_in "$home/$name" showvirtualenv "$name"
            echo
        else
            printf '%s\n' "$name"
        end
    end
end

function showvirtualenv --description 'Show details of a single virtualenv'
    set -l name "$argv[1]"
    if test -z "$name"
        if test -z "$VIRTUAL_ENV"
            echo "showvirtualenv [env]"
            return 1
        end
        set name (string replace -r '.*/' '' -- "$VIRTUAL_ENV")
    end
    set -l home (__envman_home)
    __envman_run_hook "$home" (__envman_hook_dir)/get_env_details.fish "$name"
    __envman_run_hook "$home" "$home/$name/bin/get_env_details.fish" "$name"
    echo
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

function allvirtualenv --description 'Run a command in all virtualenvs'
    __envman_verify_store; or return
    set -l home (__envman_home)
    for name in (__envman_names)
        __envman_underline "$name"
        __envman_run_in "$home/$name" $argv
        echo
    end
    return 0
end

function __envman_run_in --argument-names venv --description 'A command with VENV active (the plain way, no hooks), from VENV'
    # function-local exports and a cd back: the shell is left as it was, as
    # virtualenvwrapper's subshell leaves it
    set -l prior "$PWD"
    set -lx VIRTUAL_ENV "$venv"
    set -lx PATH "$venv/bin" $PATH
    set -e PYTHONHOME
    builtin cd -- "$venv"; or return 1
    set -q argv[2]; and $argv[2..-1]
    builtin cd -- "$prior" 2>/dev/null
end

function wipeenv --description 'Remove all packages installed in the current virtualenv'
    __envman_verify_store; or return
    __envman_require_active; or return 1
    __envman_exec wipe -- (string replace -r '.*/' '' -- "$VIRTUAL_ENV")
end

function add2virtualenv --description 'Add directories to the import path: add2virtualenv [-d] DIR...'
    __envman_verify_store; or return
    __envman_require_active; or return 1
    set -l site (__envman_require_site_packages); or return 1
    if not set -q argv[1]
        echo "Usage: add2virtualenv dir [dir ...]"
        if test -f "$site/_virtualenv_path_extensions.pth"
            printf '\n%s\n' "Existing paths:"
            string match -v -- 'import*' <"$site/_virtualenv_path_extensions.pth"
        end
        return 1
    end
    set -l name (string replace -r '.*/' '' -- "$VIRTUAL_ENV")
    if test "$argv[1]" = -d
        __envman_exec add-path --remove -- "$name" $argv[2..-1] >/dev/null
    else
        __envman_exec add-path -- "$name" $argv >/dev/null
    end
end

function setvirtualenvproject --description 'Associate a project directory with a virtualenv'
    set -l venv "$argv[1]"
    set -l project "$argv[2]"
    test -n "$venv"; or set venv "$VIRTUAL_ENV"
    if test -z "$project"
        set project "$PWD"
    else if test -d "$project"
        set project (__envman_abspath "$project")
    end
    set -l home (__envman_home)
    test -d "$venv"; or set venv "$home/$venv"
    set -l base (string replace -r '.*/' '' -- "$venv")
    if not test -d "$venv"
        echo "No virtualenv $base" >&2
        return 1
    end
    if not test -d "$project"
        echo "Cannot associate virtualenv with \"$project\", it is not a directory" >&2
        return 1
    end
    if test (string replace -r '/[^/]*$' '' -- "$venv") = "$home"
        # in the store: through envman, so the registry agrees with .project
        __envman_exec project set -- "$base" "$project"
        return
    end
    echo "Setting project for $base to $project"
    printf '%s\n' "$project" >(__envman_project_file "$venv")
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

function toggleglobalsitepackages --description "Turn the active env's access to the global site-packages on/off"
    __envman_verify_store; or return
    __envman_require_active; or return 1
    set -l current (string replace -rf '^\s*include-system-site-packages\s*=\s*(.*?)\s*$' '$1' <"$VIRTUAL_ENV/pyvenv.cfg" 2>/dev/null)
    set -l mode on
    test "$current[1]" = true; and set mode off
    __envman_exec global-site-packages -- (string replace -r '.*/' '' -- "$VIRTUAL_ENV") $mode >/dev/null; or return
    if test "$argv[1]" != -q
        if test $mode = on
            echo "Enabled global site-packages"
        else
            echo "Disabled global site-packages"
        end
    end
end

function virtualenvwrapper --description 'Show the help message'
    printf '%s\n' \
        "" \
        "virtualenvwrapper is a set of extensions to virtual environments:" \
        "wrappers for creating and deleting virtual environments and otherwise" \
        "managing your development workflow, making it easier to work on more" \
        "than one project at a time without introducing conflicts in their" \
        "dependencies. Here it is provided by envman (envman --help)." \
        "" \
        "Script: $VIRTUALENVWRAPPER_SCRIPT" \
        "WORKON_HOME: "(__envman_home) \
        "PROJECT_HOME: $PROJECT_HOME" \
        "" \
        "Commands available:" \
        ""
    for entry in "add2virtualenv: add directory to the import path" \
        "allvirtualenv: run a command in all virtualenvs" \
        "cdproject: change directory to the active project" \
        "cdsitepackages: change to the site-packages directory" \
        "cdvirtualenv: change to the \$VIRTUAL_ENV directory" \
        "cpvirtualenv: duplicate the named virtualenv to make a new one" \
        "lssitepackages: list contents of the site-packages directory" \
        "lsvirtualenv: list virtualenvs" \
        "mkproject: create a new project directory and its associated virtualenv" \
        "mktmpenv: create a temporary virtualenv" \
        "mkvirtualenv: Create a new virtualenv in \$WORKON_HOME" \
        "rmvirtualenv: Remove a virtualenv" \
        "setvirtualenvproject: associate a project directory with a virtualenv" \
        "showvirtualenv: show details of a single virtualenv" \
        "toggleglobalsitepackages: turn access to global site-packages on/off" \
        "virtualenvwrapper: show this help message" \
        "wipeenv: remove all packages installed in the current virtualenv" \
        "workon: list or change working virtualenvs"
        printf '  %s\n\n' "$entry"
    end
end
