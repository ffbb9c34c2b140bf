# GENERATED from shell/src/envman-compat.fish: edit that, run completions/generate.py
set -q __envman_core_loaded; or builtin source (status dirname)/envman-base.fish
if not set -q __envman_core_loaded
    for n in __envman_hook_dir __envman_project_file __envman_is_env __envman_plain_name \
        __envman_run_hook
        function $n -V n
            builtin source "$__envman_core_file"; and $n $argv
        end
    end
    for n in __envman_run_reporting __envman_mark_tmp __envman_require_site_packages \
        __envman_require_active
        function $n -V n
            builtin source "$__envman_lazy_file"; and $n $argv
        end
    end
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
    __envman_home_set; or return 2
    set -l home "$__envman_home_clean"
    if not test -d "$home/"
        echo "NOTE: Virtual environments directory $home does not exist. Creating..." >&2
        command mkdir -p -- "$home"; or return 1
    end
    return 0
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
        set -l prior "$PWD"
        builtin cd -- "$home" 2>/dev/null
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
    for arg in $argv
        switch "$arg"
            case -b
                set long 0
                continue
            case -l
                set long 1
                continue
        end
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
    set -l home "$__envman_home_clean"
    for name in (__envman_names)
        if test $long = 1
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
        __envman_exec project set -- "$base" "$project"
        return
    end
    echo "Setting project for $base to $project"
    printf '%s\n' "$project" >(__envman_project_file "$venv")
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
for n in mkvirtualenv mktmpenv cpvirtualenv mkproject
    function $n -V n -d "virtualenvwrapper's $n (envman)"
        builtin source (path dirname -- "$__envman_compat_file")/envman-compat-mk.fish
        $n $argv
    end
end
set -g __envman_compat_loaded 1
