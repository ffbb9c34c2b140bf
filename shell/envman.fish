# envman: fish integration (workon, deactivate, the envman wrapper, cd helpers and
# virtualenvwrapper's command names). Load it from config.fish with
#     source (envman init --path fish)     # or, slower:  envman init fish | source
# Pure fish: nothing here starts Python on load, workon, deactivate or the cd helpers.
# Hooks are fish scripts named like virtualenvwrapper's with a .fish suffix
# (preactivate.fish, postactivate.fish, ...), global ones in $VIRTUALENVWRAPPER_HOOK_DIR
# (default: the store) and per environment ones in the env's bin/ directory.
# Set ENVMAN_COMPAT=0 before loading to keep only envman, workon, deactivate and the
# cd/ls helpers (no virtualenvwrapper names).
# Private helpers are named __envman_*; builtins are called as `builtin cd`/`builtin
# source` and programs as `command X` so user functions named cd, ls, rm, source or
# grep cannot hijack them. Loading this file twice is harmless.

# -- where things are --------------------------------------------------------------------

function __envman_home --description 'The store: $WORKON_HOME (relative to $HOME), else ~/.virtualenvs'
    set -l home "$WORKON_HOME"
    if test -z "$home"
        set home "$HOME/.virtualenvs"
    else
        # ~ and relative values are relative to $HOME, as virtualenvwrapper (and store.py) do
        set home (string replace -r '^~(?=/|$)' "$HOME" -- "$home")
        string match -q -- '/*' "$home"; or set home "$HOME/$home"
    end
    # a trailing slash would make "$home/$name" differ from $VIRTUAL_ENV
    test "$home" = /; or set home (string replace -r '/+$' '' -- "$home")
    printf '%s\n' "$home"
end

function __envman_hook_dir
    if test -n "$VIRTUALENVWRAPPER_HOOK_DIR"
        printf '%s\n' "$VIRTUALENVWRAPPER_HOOK_DIR"
    else
        __envman_home
    end
end

function __envman_project_file --argument-names dir
    set -l filename "$VIRTUALENVWRAPPER_PROJECT_FILENAME"
    test -n "$filename"; or set filename .project
    printf '%s\n' "$dir/$filename"
end

function __envman_read_project --argument-names dir --description 'The project directory recorded for an env (first line of .project)'
    set -l file (__envman_project_file "$dir")
    test -f "$file"; or return 1
    set -l project
    read -l project <"$file"
    test -n "$project"; or return 1
    printf '%s\n' "$project"
end

function __envman_names --description 'Env names in the store, one a line (virtualenvwrapper: dirs with bin/activate)'
    set -l home (__envman_home)
    for activate in "$home"/*/bin/activate
        set -l dir (string replace -r '/bin/activate$' '' -- "$activate")
        string replace -r '.*/' '' -- "$dir"
    end
end

function __envman_valid_dir_name --argument-names name --description 'A name that stays inside the store'
    test -n "$name"; and not string match -q -- '*/*' "$name"; and test "$name" != .; and test "$name" != ..
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

function __envman_site_packages --argument-names venv --description 'The site-packages dir of a venv, found by globbing'
    set -l found "$venv"/lib/*/site-packages
    set -q found[1]; or return 1
    printf '%s\n' "$found[1]"
end

# -- hooks -------------------------------------------------------------------------------

function __envman_run_hook --argument-names script --description 'Run a "run" hook in its own fish, in the store'
    # virtualenvwrapper runs these as programs from $WORKON_HOME; they cannot change this shell.
    test -f "$script"; or return 0
    set -l fish_bin (status fish-path)
    command $fish_bin -c 'builtin cd -- $argv[1] 2>/dev/null; builtin source $argv[2..-1]' -- (__envman_home) $argv
    return 0
end

function __envman_source_hook --argument-names script --description 'Source a hook into this shell'
    # sourced inside a function: hooks should use `set -g`/`set -gx` for what must outlive them
    test -f "$script"; or return 0
    builtin source "$script"
    return 0
end

function __envman_project_hook --argument-names which --description 'A project-level .virtualenvwrapper/<which>.fish'
    set -l project (__envman_read_project "$VIRTUAL_ENV"); or return 0
    __envman_source_hook "$project/.virtualenvwrapper/$which.fish"
end

# -- the prompt --------------------------------------------------------------------------

function __envman_prompt_name --argument-names venv name --description 'prompt = from pyvenv.cfg, else the env name'
    set -l prompt
    test -f "$venv/pyvenv.cfg"; and set prompt (string replace -rf '^\s*prompt\s*=\s*(.*?)\s*$' '$1' <"$venv/pyvenv.cfg")
    if test -n "$prompt[1]"
        printf '%s\n' "$prompt[1]"
    else
        printf '%s\n' "$name"
    end
end

function __envman_wrap_prompt --description 'Prefix fish_prompt with "(env) ", keeping the original to restore'
    set -q __envman_prompt_wrapped; and return 0
    if functions -q fish_prompt
        functions -c fish_prompt __envman_old_fish_prompt
    end
    function fish_prompt --description 'envman: "(env) " before your prompt'
        # run the user's prompt first, with the $status it would have seen
        set -l last_status $status
        set -l prompt
        if functions -q __envman_old_fish_prompt
            __envman_return $last_status
            set prompt (__envman_old_fish_prompt)
        end
        printf '(%s) ' "$VIRTUAL_ENV_PROMPT"
        string join -- \n $prompt
    end
    set -g __envman_prompt_wrapped 1
end

function __envman_return --description 'Set $status'
    return $argv[1]
end

function __envman_unwrap_prompt
    set -q __envman_prompt_wrapped; or return 0
    set -e __envman_prompt_wrapped
    # an empty function path stops `functions -e` from autoloading the default prompt back
    set -l fish_function_path
    functions -e fish_prompt
    if functions -q __envman_old_fish_prompt
        functions -c __envman_old_fish_prompt fish_prompt
        functions -e __envman_old_fish_prompt
    end
end

# -- activation --------------------------------------------------------------------------

function __envman_activate --argument-names name venv
    # Our own state first, then the visible variables in one short stretch, so an
    # interrupt leaves either nothing or a state `deactivate` can undo.
    set -e __envman_old_pythonhome
    set -q PYTHONHOME; and set -g __envman_old_pythonhome $PYTHONHOME
    set -l prompt (__envman_prompt_name "$venv" "$name")
    set -g __envman_active "$name"
    set -g __envman_active_dir "$venv"
    set -gx VIRTUAL_ENV "$venv"
    set -gx VIRTUAL_ENV_PROMPT "$prompt"
    set -gx PATH "$venv/bin" $PATH
    set -e PYTHONHOME
    test -z "$VIRTUAL_ENV_DISABLE_PROMPT"; and __envman_wrap_prompt
    return 0
end

function __envman_forget --description 'Undo what __envman_activate did to PATH, PYTHONHOME, the prompt'
    # Only the entry we added leaves PATH: what the user added meanwhile stays.
    set -l index (contains -i -- "$__envman_active_dir/bin" $PATH)
    and set -e PATH[$index[1]]
    if set -q __envman_old_pythonhome
        set -gx PYTHONHOME $__envman_old_pythonhome
        set -e __envman_old_pythonhome
    end
    __envman_unwrap_prompt
    set -e __envman_active
    set -e __envman_active_dir
end

function __envman_restore --description 'Undo __envman_activate exactly'
    __envman_forget
    set -e VIRTUAL_ENV
    set -e VIRTUAL_ENV_PROMPT
end

function __envman_on_virtual_env --on-variable VIRTUAL_ENV --description 'Someone else took over VIRTUAL_ENV'
    # e.g. `source other/bin/activate.fish` while an envman env is active: activate.fish
    # replaces our deactivate before calling it, so give up our state here, before it
    # saves PATH and the prompt, and its own deactivate later restores a clean shell.
    # (A function-local VIRTUAL_ENV, as allvirtualenv sets, is not seen here.)
    set -q __envman_active; or return 0
    test "$VIRTUAL_ENV" = "$__envman_active_dir"; and return 0
    __envman_forget
end

function __envman_stamp_used --argument-names name --description 'Last used = mtime of .envman/used/NAME'
    set -l used (__envman_home)/.envman/used
    # fish reports a failed redirection even with 2>/dev/null: test first, ignore the rest
    test -d "$used"; and test -w "$used"; or return 0
    true >"$used/$name"
    return 0
end

function __envman_define_deactivate
    function deactivate --description 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
end

function __envman_deactivate
    if not set -q __envman_active
        # activate.fish calls `deactivate nondestructive` before activating: be quiet then
        test "$argv[1]" = nondestructive; and return 0
        echo "ERROR: no virtualenv active, or active virtualenv is missing" >&2
        return 1
    end
    set -l name "$__envman_active"
    set -l home (__envman_home)
    set -l hooks (__envman_hook_dir)
    # virtualenvwrapper's order: project, env, global predeactivate; env, global postdeactivate
    __envman_project_hook predeactivate
    __envman_source_hook "$VIRTUAL_ENV/bin/predeactivate.fish"
    __envman_source_hook "$hooks/predeactivate.fish"
    set -l was_tmp 0
    if test "$__envman_tmp_env" = "$name"; or test -f "$VIRTUAL_ENV/README.tmpenv"
        set was_tmp 1
    end
    __envman_restore
    set -g VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV "$home/$name"
    __envman_source_hook "$home/$name/bin/postdeactivate.fish"
    __envman_source_hook "$hooks/postdeactivate.fish"
    set -e VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
    if test $was_tmp = 1
        set -e __envman_tmp_env
        echo "Removing temporary environment: $name"
        command envman rm -y -- "$name" >/dev/null
    end
    return 0
end

function __envman_env_for_dir --argument-names dir --description 'workon .: the env whose project is DIR, else the one named after it'
    set -l home (__envman_home)
    for venv in "$home"/*/
        set venv (string replace -r '/+$' '' -- "$venv")
        set -l project (__envman_read_project "$venv"); or continue
        if test "$project" = "$dir"
            string replace -r '.*/' '' -- "$venv"
            return 0
        end
    end
    string replace -r '.*/' '' -- "$dir"
end

function __envman_workon_help
    printf '%s\n' 'Usage: workon env_name' '' \
        '           Deactivate any currently activated virtualenv' \
        '           and activate the named environment, triggering' \
        '           any hooks in the process.' '' \
        '       workon' '' \
        '           Print a list of available environments.' \
        '           (See also lsvirtualenv -b)' '' \
        '       workon (-h|--help)' '' \
        '           Show this help message.' '' \
        '       workon (-c|--cd) envname' '' \
        '           After activating the environment, cd to the associated' \
        '           project directory if it is set.' '' \
        '       workon (-n|--no-cd) envname' '' \
        '           After activating the environment, do not cd to the' \
        '           associated project directory.' ''
end

function workon --description 'Activate an environment: workon [-c|-n] [NAME|.]'
    set -l cd_after "$VIRTUALENVWRAPPER_WORKON_CD"
    test -n "$cd_after"; or set cd_after 1
    set -l names
    for arg in $argv
        switch "$arg"
            case -h --help
                __envman_workon_help
                return 0
            case -n --no-cd
                set cd_after 0
            case -c --cd
                set cd_after 1
            case '*'
                set -a names "$arg"
        end
    end
    if not set -q names[1]; or test -z "$names[1]"
        __envman_names
        return 1
    end
    set -l name "$names[1]"
    test "$name" = .; and set name (__envman_env_for_dir "$PWD")
    set -l home (__envman_home)
    if not __envman_valid_dir_name "$name"; or not test -d "$home/$name"
        echo "ERROR: Environment '$name' does not exist. Create it with 'mkvirtualenv $name'." >&2
        return 1
    end
    set -l venv "$home/$name"
    if not test -f "$venv/bin/activate"
        echo "ERROR: Environment '$venv' does not contain an activate script." >&2
        return 1
    end
    # leave the current env first: ours, or one activated by hand with activate.fish
    # (whose deactivate erases itself, hence ours is defined again below)
    if set -q VIRTUAL_ENV; and functions -q deactivate
        deactivate
    end
    __envman_define_deactivate
    set -l hooks (__envman_hook_dir)
    __envman_run_hook "$hooks/preactivate.fish" "$name"
    __envman_run_hook "$venv/bin/preactivate.fish" "$name"
    __envman_activate "$name" "$venv"
    __envman_stamp_used "$name"
    # virtualenvwrapper's post_activate: project cd and project hook, then global, then env
    if test "$cd_after" = 1
        set -l project (__envman_read_project "$venv")
        and builtin cd -- "$project"
    end
    __envman_project_hook postactivate
    __envman_source_hook "$hooks/postactivate.fish"
    __envman_source_hook "$venv/bin/postactivate.fish"
    return 0
end

# `deactivate` exists while envman is loaded; a venv activated by hand (activate.fish)
# owns it until it deactivates, so loading again must not take it away.
if not functions -q deactivate; or set -q __envman_active
    __envman_define_deactivate
end

# -- the envman wrapper ------------------------------------------------------------------

function __envman_run_reporting --description 'command envman ARGS; the env it made goes to $__envman_reported'
    # The CLI writes the name of the env it made to $ENVMAN_RESULT_FILE; its stdout and
    # stderr go to the terminal untouched.
    set -g __envman_reported
    set -l result (command mktemp 2>/dev/null)
    or begin
        command envman $argv
        return
    end
    begin
        set -lx ENVMAN_RESULT_FILE "$result"
        command envman $argv
    end
    set -l code $status
    read -l name <"$result"
    command rm -f -- "$result"
    test $code -eq 0; and set -g __envman_reported "$name"
    return $code
end

function envman --wraps envman --description 'envman, plus activation for new/tmp and a guard on rm'
    switch "$argv[1]"
        case new
            if contains -- --no-activate $argv; or contains -- -h $argv; or contains -- --help $argv
                command envman $argv
                return
            end
            __envman_run_reporting $argv; or return
            test -n "$__envman_reported"; and workon "$__envman_reported"
        case tmp
            if contains -- -h $argv; or contains -- --help $argv
                command envman $argv
                return
            end
            __envman_run_reporting tmp --owner-pid $fish_pid $argv[2..-1]; or return
            test -n "$__envman_reported"; or return 0
            workon "$__envman_reported"; or return
            set -g __envman_tmp_env "$__envman_reported"
        case rm
            if set -q __envman_active; and contains -- "$__envman_active" $argv[2..-1]
                echo "envman: error: cannot remove the active environment '$__envman_active' (run 'deactivate' first)" >&2
                return 1
            end
            command envman $argv
        case workon
            workon $argv[2..-1]
        case deactivate
            deactivate $argv[2..-1]
        case '*'
            command envman $argv
    end
end

# -- cd and ls helpers -------------------------------------------------------------------

function __envman_require_active
    if test -z "$VIRTUAL_ENV"; or not test -d "$VIRTUAL_ENV"
        echo "ERROR: no virtualenv active, or active virtualenv is missing" >&2
        return 1
    end
end

function __envman_require_site_packages
    __envman_site_packages "$VIRTUAL_ENV"; and return 0
    echo "ERROR: currently-active virtualenv does not appear to have a site-packages directory" >&2
    return 1
end

function cdvirtualenv --description 'cd to the active env (or a SUBDIR of it)'
    __envman_require_active; or return 1
    builtin cd -- "$VIRTUAL_ENV/$argv[1]"
end

function cdsitepackages --description "cd to the active env's site-packages (or a SUBDIR)"
    __envman_require_active; or return 1
    set -l site (__envman_require_site_packages); or return 1
    builtin cd -- "$site/$argv[1]"
end

function cdproject --description "cd to the active env's project directory"
    __envman_require_active; or return 1
    set -l file (__envman_project_file "$VIRTUAL_ENV")
    if not test -f "$file"
        echo "No project set in $file" >&2
        return 1
    end
    set -l project
    read -l project <"$file"
    if test -z "$project"
        echo "Project directory $project does not exist" >&2
        return 1
    end
    builtin cd -- "$project"
end

function lssitepackages --description "List the active env's site-packages"
    __envman_require_active; or return 1
    set -l site (__envman_require_site_packages); or return 1
    command ls $argv "$site"
    set -l path_file "$site/_virtualenv_path_extensions.pth"
    if test -f "$path_file"
        echo
        echo "_virtualenv_path_extensions.pth:"
        command cat -- "$path_file"
    end
end

# -- virtualenvwrapper's names (ENVMAN_COMPAT=0 leaves them out) ---------------------------

if test "$ENVMAN_COMPAT" != 0
    function __envman_active_name --description 'The active env name, if it lives in the store'
        __envman_require_active; or return 1
        string replace -r '.*/' '' -- "$VIRTUAL_ENV"
    end

    function __envman_mkvirtualenv_usage
        echo "Usage: mkvirtualenv [-a project_path] [-i package] [-r requirements_file] [-p python_interpreter] [virtualenv options] env_name"
    end

    function __envman_mkvirtualenv_help
        __envman_mkvirtualenv_usage
        printf '%s\n' '' ' -a project_path' '' \
            '    Provide a full path to a project directory to associate with' \
            '    the new environment.' '' ' -i package' '' \
            '    Install a package after the environment is created.' \
            '    This option may be repeated.' '' ' -r requirements_file' '' \
            '    Provide a pip requirements file to install a base set of packages' \
            '    into the new environment.' '' ' -p python_interpreter, --python=python_interpreter' '' \
            '    The Python interpreter to use for the new environment.' \
            '    This can be specified as -p python3.8 or --python=/path/to/python' ''
    end

    function mkvirtualenv --description 'Create a new virtualenv in $WORKON_HOME'
        set -l project
        set -l requirements
        set -l packages
        set -l python
        set -l options # virtualenv's own options
        set -l rest
        set -l i 1
        set -l n (count $argv)
        while test $i -le $n
            set -l arg $argv[$i]
            switch "$arg"
                case -a
                    set i (math $i + 1)
                    set project "$argv[$i]"
                    if not test -d "$project"
                        echo "Cannot associate project with $project, it is not a directory" >&2
                        return 1
                    end
                    set project (__envman_abspath "$project")
                case -h --help
                    __envman_mkvirtualenv_help
                    return 0
                case -i
                    set i (math $i + 1)
                    set -a packages $argv[$i]
                case -r
                    set i (math $i + 1)
                    set -a requirements $argv[$i]
                case -p --python
                    set i (math $i + 1)
                    set python "$argv[$i]"
                case '--python=*'
                    set python (string replace -- --python= '' "$arg")
                case '-*'
                    set -a options "$arg"
                    # virtualenv options that take a value
                    if contains -- "$arg" --prompt --activators --seeder --creator --discovery --pip --setuptools --wheel --extra-search-dir
                        set i (math $i + 1)
                        set -a options $argv[$i]
                    end
                case '*'
                    set -a rest "$arg"
            end
            set i (math $i + 1)
        end
        if not set -q rest[1]
            __envman_mkvirtualenv_usage >&2
            return 2
        end
        set -l name "$rest[-1]"
        set -e rest[-1]
        set -l home (__envman_home)
        if test -n "$VIRTUALENVWRAPPER_VIRTUALENV"
            # the user chose the program: call it the way virtualenvwrapper does, from the store
            set -l cmd $VIRTUALENVWRAPPER_VIRTUALENV (string split -n ' ' -- "$VIRTUALENVWRAPPER_VIRTUALENV_ARGS")
            test -n "$python"; and set -a cmd "--python=$python"
            command mkdir -p -- "$home"
            set -l prior "$PWD"
            builtin cd -- "$home"; or return 1
            command $cmd $options $rest "$name"
            set -l code $status
            builtin cd -- "$prior" 2>/dev/null
            test $code -eq 0; or return $code
            test -d "$home/$name"; or return 0
            set -l deps
            for r in $requirements
                set -a deps -r "$r"
            end
            set -a deps $packages
            __envman_run_hook (__envman_hook_dir)/premkvirtualenv.fish "$name"
            if test -n "$project"
                setvirtualenvproject "$home/$name" "$project"; or return
            end
            workon "$name"
            for r in $requirements
                command pip install -r "$r"
            end
            for p in $packages
                command pip install "$p"
            end
        else
            # envman's own creation; virtualenv's common options mapped onto `envman new`
            set -l new_args
            test -n "$python"; and set -a new_args -p "$python"
            for p in $packages
                set -a new_args -i "$p"
            end
            for r in $requirements
                set -a new_args -r "$r"
            end
            set -l j 1
            while test $j -le (count $options)
                set -l opt $options[$j]
                switch "$opt"
                    case --system-site-packages
                        set -a new_args --system-site-packages
                    case --without-pip --no-pip
                        set -a new_args --no-pip
                    case --prompt
                        set j (math $j + 1)
                        set -a new_args --prompt "$options[$j]"
                    case '--prompt=*'
                        set -a new_args --prompt (string replace -- --prompt= '' "$opt")
                    case --no-setuptools --no-wheel --no-download --never-download --no-periodic-update --quiet -q --verbose -v --copies --always-copy --symlinks
                        # harmless for envman's creation
                    case '*'
                        echo "envman: error: virtualenv option '$opt' is not supported by envman's creation (set VIRTUALENVWRAPPER_VIRTUALENV=virtualenv to use virtualenv)" >&2
                        return 2
                end
                set j (math $j + 1)
            end
            if set -q rest[1]
                echo "envman: error: unexpected argument '$rest[1]' (the env name is the last argument)" >&2
                return 2
            end
            command envman new $new_args --no-activate -- "$name"; or return
            __envman_run_hook (__envman_hook_dir)/premkvirtualenv.fish "$name"
            if test -n "$project"
                setvirtualenvproject "$home/$name" "$project"; or return
            end
            workon "$name"
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
                case -n --no-cd
                    set cd_after 0
                case -c --cd
                    set cd_after 1
                case '*'
                    set -a rest "$arg"
            end
        end
        set -l id
        for _ in 1 2 3 4 5 6 7 8
            set -a id (printf '%04x' (random 0 65535))
        end
        set -l name "tmp-$id[1]$id[2]-$id[3]-$id[4]-$id[5]-$id[6]$id[7]$id[8]"
        mkvirtualenv $rest "$name"; or return
        test "$cd_after" = 1; and cdvirtualenv
        echo "This is a temporary environment. It will be deleted when you run 'deactivate'." | command tee -- "$VIRTUAL_ENV/README.tmpenv"
    end

    function lsvirtualenv --description 'List virtualenvs: lsvirtualenv [-blh]'
        set -l long 1
        for arg in $argv
            string match -q -- '-?*' "$arg"; or break
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
        if test $long = 0
            __envman_names
            return
        end
        for name in (__envman_names)
            echo "$name"
            string replace -ra . = -- "$name"
            __envman_env_details "$name"
            echo
            echo
        end
    end

    function __envman_lsvirtualenv_usage
        printf '%s\n' "lsvirtualenv [-blh]" "  -b -- brief mode" "  -l -- long mode" "  -h -- this help message"
    end

    function __envman_env_details --argument-names name
        __envman_run_hook (__envman_hook_dir)/get_env_details.fish "$name"
        __envman_run_hook (__envman_home)/"$name"/bin/get_env_details.fish "$name"
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
        __envman_env_details "$name"
        echo
    end

    function rmvirtualenv --description 'Remove a virtualenv'
        if not set -q argv[1]
            echo "Please specify an environment." >&2
            return 1
        end
        set -l home (__envman_home)
        set -l hooks (__envman_hook_dir)
        set -l code 0
        for name in $argv
            echo "Removing $name..."
            set -l venv "$home/$name"
            if test "$VIRTUAL_ENV" = "$venv"
                echo "ERROR: You cannot remove the active environment ('$name')." >&2
                echo "Either switch to another environment, or run 'deactivate'." >&2
                return 1
            end
            set -l found 1
            if not __envman_valid_dir_name "$name"; or not test -d "$venv"
                echo "Did not find environment $venv to remove." >&2
                set found 0
            end
            # out of the env, in case we are inside it
            set -l prior "$PWD"
            builtin cd -- "$home" 2>/dev/null
            __envman_run_hook "$hooks/prermvirtualenv.fish" "$name"
            if test $found = 1
                command envman rm -y -- "$name" >/dev/null; or set code 1
            end
            __envman_run_hook "$hooks/postrmvirtualenv.fish" "$name"
            test -d "$prior"; and builtin cd -- "$prior"
        end
        return $code
    end

    function cpvirtualenv --description 'Duplicate the named virtualenv to make a new one'
        set -l home (__envman_home)
        set -l src_name "$argv[1]"
        set -l trg_name "$argv[2]"
        if test -z "$src_name"; or not __envman_valid_dir_name "$src_name"; or not test -e "$home/$src_name"
            echo "Please provide a valid virtualenv to copy."
            return 1
        end
        test -n "$trg_name"; or set trg_name "$src_name"
        if test -e "$home/$trg_name"
            echo "$trg_name virtualenv already exists."
            return 1
        end
        echo "Copying $src_name as $trg_name..."
        command envman cp -- "$src_name" "$trg_name" >/dev/null; or return
        test -d "$home/$trg_name"; or return 1
        set -l hooks (__envman_hook_dir)
        __envman_run_hook "$hooks/precpvirtualenv.fish" "$home/$src_name" "$trg_name"
        __envman_run_hook "$hooks/premkvirtualenv.fish" "$trg_name"
        workon "$trg_name"
        __envman_source_hook "$hooks/postmkvirtualenv.fish"
        __envman_source_hook "$hooks/postcpvirtualenv.fish"
        return 0
    end

    function allvirtualenv --description 'Run a command in all virtualenvs'
        set -l home (__envman_home)
        set -l prior "$PWD"
        for name in (__envman_names)
            test -d "$home/$name"; or continue
            echo "$name"
            string replace -ra . = -- "$name"
            __envman_run_in "$home/$name" $argv
            echo
        end
        builtin cd -- "$prior" 2>/dev/null
        return 0
    end

    function __envman_run_in --argument-names venv --description 'Run a command with VENV active, from VENV, without hooks'
        # function-local exports vanish when the function returns: nothing to undo
        set -lx VIRTUAL_ENV "$venv"
        set -lx PATH "$venv/bin" $PATH
        set -e PYTHONHOME
        builtin cd -- "$venv"; or return 1
        $argv[2..-1]
    end

    function wipeenv --description 'Remove all packages installed in the current virtualenv'
        set -l name (__envman_active_name); or return 1
        command envman wipe -- "$name"
    end

    function add2virtualenv --description 'Add directories to the import path: add2virtualenv [-d] DIR...'
        set -l name (__envman_active_name); or return 1
        set -l site (__envman_require_site_packages); or return 1
        set -l path_file "$site/_virtualenv_path_extensions.pth"
        if not set -q argv[1]
            echo "Usage: add2virtualenv dir [dir ...]"
            if test -f "$path_file"
                echo
                echo "Existing paths:"
                string match -v -- 'import*' <"$path_file"
            end
            return 1
        end
        set -l remove
        if test "$argv[1]" = -d
            set remove --remove
            set -e argv[1]
        end
        for dir in $argv
            set -l absolute (__envman_abspath "$dir")
            test "$absolute" = "$dir"; or echo "Warning: Converting \"$dir\" to \"$absolute\"" >&2
        end
        command envman add-path $remove -- "$name" $argv >/dev/null
    end

    function setvirtualenvproject --description 'Associate a project directory with a virtualenv'
        set -l venv "$argv[1]"
        set -l project "$argv[2]"
        test -n "$venv"; or set venv "$VIRTUAL_ENV"
        if test -z "$project"
            set project "$PWD"
        else
            set project (__envman_abspath "$project")
        end
        test -d "$venv"; or set venv (__envman_home)/"$venv"
        set -l base (string replace -r '.*/' '' -- (string replace -r '/+$' '' -- "$venv"))
        if not test -d "$venv"
            echo "No virtualenv $base" >&2
            return 1
        end
        if not test -d "$project"
            echo "Cannot associate virtualenv with \"$project\", it is not a directory" >&2
            return 1
        end
        echo "Setting project for $base to $project"
        printf '%s\n' "$project" >(__envman_project_file "$venv")
    end

    function mkproject --description 'Create a new project directory and its associated virtualenv'
        set -l force 0
        set -l templates
        set -l rest
        set -l i 1
        while test $i -le (count $argv)
            switch "$argv[$i]"
                case -h --help
                    echo "Usage: mkproject [-f|--force] [-t template] [virtualenv options] project_name"
                    echo
                    echo "-f, --force    Create the virtualenv even if the project directory"
                    echo "               already exists"
                    echo
                    echo "mkvirtualenv help:"
                    echo
                    mkvirtualenv -h
                    return 0
                case -f --force
                    set force 1
                case -t
                    set i (math $i + 1)
                    set -a templates $argv[$i]
                case '*'
                    set -a rest $argv[$i]
            end
            set i (math $i + 1)
        end
        if test -z "$PROJECT_HOME"
            echo "ERROR: Set the PROJECT_HOME shell variable to the name of the directory where projects should be created." >&2
            return 1
        end
        if not test -d "$PROJECT_HOME"
            echo "ERROR: Project directory '$PROJECT_HOME' does not exist.  Create it or set PROJECT_HOME to an existing directory." >&2
            return 1
        end
        set -l name "$rest[-1]"
        if test -n "$name"; and test -d "$PROJECT_HOME/$name"; and test $force = 0
            echo "Project $name already exists." >&2
            return 1
        end
        mkvirtualenv $rest; or return 1
        builtin cd -- "$PROJECT_HOME"
        __envman_run_hook (__envman_hook_dir)/premkproject.fish "$name"
        echo "Creating $PROJECT_HOME/$name"
        command mkdir -p -- "$PROJECT_HOME/$name"
        setvirtualenvproject "$VIRTUAL_ENV" "$PROJECT_HOME/$name"
        builtin cd -- "$PROJECT_HOME/$name"
        for t in $templates
            echo
            echo "Applying template $t"
            echo "envman: warning: project templates are virtualenvwrapper plugins; '$t' was not applied" >&2
        end
        __envman_source_hook (__envman_hook_dir)/postmkproject.fish
    end

    function toggleglobalsitepackages --description "Toggle the active env's access to the global site-packages"
        set -l name (__envman_active_name); or return 1
        command envman global-site-packages -- "$name" toggle
    end

    function virtualenvwrapper --description 'Show the help message'
        set -l version (command envman --version 2>/dev/null | string replace 'envman ' '')
        printf '%s\n' '' \
            "virtualenvwrapper is a set of extensions to Ian Bicking's virtualenv" \
            'tool.  The extensions include wrappers for creating and deleting' \
            'virtual environments and otherwise managing your development workflow,' \
            'making it easier to work on more than one project at a time without' \
            'introducing conflicts in their dependencies.' '' \
            'Here they are provided by envman (fish functions, no Python on workon).' '' \
            'For more information please refer to the documentation:' '' \
            '    http://virtualenvwrapper.readthedocs.org/en/latest/command_ref.html' '' \
            "Version: envman $version" \
            "Script: "(functions --details virtualenvwrapper) \
            "WORKON_HOME: "(__envman_home) \
            "PROJECT_HOME: $PROJECT_HOME" '' 'Commands available:' ''
        for entry in 'add2virtualenv: add directory to the import path' \
            'allvirtualenv: run a command in all virtualenvs' \
            'cdproject: change directory to the active project' \
            'cdsitepackages: change to the site-packages directory' \
            'cdvirtualenv: change to the $VIRTUAL_ENV directory' \
            'cpvirtualenv: duplicate the named virtualenv to make a new one' \
            'lssitepackages: list contents of the site-packages directory' \
            'lsvirtualenv: list virtualenvs' \
            'mkproject: create a new project directory and its associated virtualenv' \
            'mktmpenv: create a temporary virtualenv' \
            'mkvirtualenv: Create a new virtualenv in $WORKON_HOME' \
            'rmvirtualenv: Remove a virtualenv' \
            'setvirtualenvproject: associate a project directory with a virtualenv' \
            'showvirtualenv: show details of a single virtualenv' \
            'toggleglobalsitepackages: toggle access to the global site-packages' \
            'virtualenvwrapper: show this help message' \
            'wipeenv: remove all packages installed in the current virtualenv' \
            'workon: list or change working virtualenvs'
            printf '  %s\n\n' "$entry"
        end
    end
end

# virtualenvwrapper's initialize hook, then the completions shipped beside this file
__envman_source_hook (__envman_hook_dir)/initialize.fish
set -l __envman_completions (string replace -r '[^/]*/[^/]*$' '' -- (status filename))completions/envman.fish
test -f "$__envman_completions"; and builtin source "$__envman_completions"
