# envman: fish integration, the core: sourced by envman.fish on the first call of
# workon, deactivate or another function it stubs (see there, "the core, on first
# use"), by envman-lazy.fish and by envman-compat.fish's stubs; never sourced by a
# user. Function definitions only, under envman.fish's rules: pure fish, nothing
# starts Python on workon, deactivate or the cd helpers; private helpers __envman_*;
# builtins as `builtin X`, programs as `command X`.

# -- where things are --------------------------------------------------------------------
# (envman-base.fish is written from three functions of this file, __envman_home_set,
# __envman_home and __envman_names: envman-compat.fish loads it instead of this file)

# The store, as `envman path` spells it, into $__envman_home_clean (the one helper every
# file asks). Every workon and deactivate asks, and the answer rarely moves: the value
# already worked out (by the load, or last time) goes through here; any other is worked
# out by envman-load.fish's version of this function, which replaces this one (its ~30
# lines, parsed by the first workon of every shell, cost ~0.35M instructions).
function __envman_home_set --description 'The store ($WORKON_HOME relative to $HOME, else ~/.virtualenvs) into $__envman_home_clean; 2 if fish cannot carry it'
    set -l home "$WORKON_HOME"
    test -n "$home"; or set home "$HOME/.virtualenvs"
    test "$home" = "$__envman_home_clean"; and return 0
    builtin source (status dirname)/envman-load.fish; and __envman_home_set
end

function __envman_home --description 'The store: $WORKON_HOME (relative to $HOME), else ~/.virtualenvs'
    # (__envman_home_set works it out; this prints it)
    __envman_home_set; or return 2
    printf '%s\n' "$__envman_home_clean"
end

function __envman_has_control --description 'A newline or another control character in the text'
    string match -qr '[[:cntrl:]]' -- "$argv[1]"
end

function __envman_compat_on
    test "$__envman_compat" != 0
end

function __envman_hook_is_empty --argument-names script --description 'Only blank and comment lines'
    not string match -qrv '^\s*(#.*)?$' <"$script"
end

function __envman_define_deactivate
    # The venv contract: `deactivate` restores the shell; `deactivate nondestructive`
    # (what every activate script calls first) does the same and never fails.
    function deactivate --description 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
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

function __envman_read_project --argument-names dir quiet --description 'The project directory recorded for an env (first line of .project)'
    # (the file __envman_project_file names, without its command substitution)
    set -l file "$VIRTUALENVWRAPPER_PROJECT_FILENAME"
    test -n "$file"; or set file .project
    set file "$dir/$file"
    test -f "$file"; or return 1
    set -l project
    set -l more
    begin
        read -l line; and set project "$line"
        read -l line; and set more "$line"
    end <"$file"
    # A path holding a newline or a control character is not used: its next line
    # would be another directory, whose hooks workon would source.
    if test -n "$more"; or __envman_has_control "$project"
        test -n "$quiet"; or echo "envman: warning: ignoring the project path in $file: it contains a newline or another control character" >&2
        return 1
    end
    test -n "$project"; or return 1
    printf '%s\n' "$project"
end

# The env rule, as store.py's is_env_dir has it: an entry of the store is an environment
# when it is a directory (a symlink to one counts) holding a pyvenv.cfg file, under a name
# not starting with a dot. Files (virtualenvwrapper's hook scripts), dot-dirs (.envman/)
# and directories without pyvenv.cfg (virtualenv < 20) never are.
function __envman_is_env --argument-names dir --description 'A directory holding pyvenv.cfg'
    test -d "$dir"; and test -f "$dir/pyvenv.cfg"
end

function __envman_names --description 'Env names in the store, one a line, in glob (sorted) order'
    __envman_home_set; or return 2
    set -l home "$__envman_home_clean"
    # One glob, no loop over the names: the entries holding a pyvenv.cfg file (`*`
    # skips dot-entries). (`path filter` and `string replace` read stdin when given no
    # argument: an empty store stops first.)
    set -l found "$home"/*/pyvenv.cfg
    set -q found[1]; or return 0
    set found (path filter -f -- $found)
    set -q found[1]; or return 0
    string replace -r -- '^.*/([^/]*)/pyvenv\.cfg$' '$1' $found
end

function __envman_plain_name --argument-names name --description 'A name that can only mean an entry directly inside the store that may be an env'
    test -n "$name"; or return 1
    switch "$name"
        case '.*' '*/*' '-*'
            return 1
    end
    return 0
end

function __envman_perms_check --description 'Once per shell, before the first hook: who else can write the hooks'
    set -g __envman_perms_checked 1
    __envman_perms_scan
end

function __envman_run_hook --argument-names cwd script --description 'Run a "run" hook in its own fish: __envman_run_hook CWD FILE ARGS...'
    # virtualenvwrapper runs these as programs (from $WORKON_HOME); they cannot change
    # this shell. A .fish hook needs no executable bit; an empty one costs no process.
    test -f "$script"; or return 0
    __envman_hook_is_empty "$script"; and return 0
    set -q __envman_perms_checked; or __envman_perms_check
    set -l fish_bin (status fish-path)
    command $fish_bin -c 'builtin cd -- $argv[1] 2>/dev/null; builtin source $argv[2..-1]' -- $argv
    return 0
end

function __envman_source_hook --argument-names script --description 'Source a hook into this shell'
    # sourced inside a function: hooks should use `set -g`/`set -gx` for what must outlive them
    test -f "$script"; or return 0
    set -q __envman_perms_checked; or __envman_perms_check
    builtin source "$script"
    return 0
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

function __envman_activate --argument-names name venv
    # Our own state first, then the visible variables in one short stretch, so an
    # interrupt leaves either nothing or a state `deactivate` can undo.
    set -e __envman_old_pythonhome
    set -q PYTHONHOME; and set -g __envman_old_pythonhome $PYTHONHOME
    # The prompt: `prompt =` of pyvenv.cfg (its first such line, less the quotes around
    # it), else the env name. A named group sets the local: no command substitution,
    # which costs a round trip through fish's I/O thread (~0.1-0.2 ms under load each).
    set -l prompt
    set -l quoted
    test -f "$venv/pyvenv.cfg"
    and string match -qr '^\s*prompt\s*=\s*(?<prompt>.*?)\s*$' <"$venv/pyvenv.cfg"
    and string match -qr '^([\'"])(?<quoted>.*)\1$' -- "$prompt"
    and set prompt "$quoted"
    test -n "$prompt"; or set prompt "$name"
    # (a name's newlines: the lines a substitution of it gave, joined by a space below)
    string match -q -- \*\n\* "$prompt"; and set prompt (string split \n -- "$prompt")
    set -g __envman_active "$name"
    set -g __envman_active_dir "$venv"
    set -gx VIRTUAL_ENV "$venv"
    set -gx VIRTUAL_ENV_PROMPT "$prompt"
    set -gx PATH "$venv/bin" $PATH
    set -e PYTHONHOME
    test -z "$VIRTUAL_ENV_DISABLE_PROMPT"; and __envman_wrap_prompt
    __envman_vars_apply "$venv"
    return 0
end

# (Here, not in envman.fish: only this file's workon makes an env envman's, so a shell
# needs the handler no sooner; every start saves its definition, ~0.1M instructions.)
function __envman_on_virtual_env --on-variable VIRTUAL_ENV -d 'Someone else took over VIRTUAL_ENV'
    # e.g. `source other/bin/activate.fish` while an envman env is active: activate.fish
    # replaces our deactivate before calling it, so give up our state here, before it
    # saves PATH and the prompt, and its own deactivate later restores a clean shell.
    # (A function-local VIRTUAL_ENV, as allvirtualenv sets, is not seen here.)
    set -q __envman_active; and test "$VIRTUAL_ENV" != "$__envman_active_dir"; and __envman_forget
end

# -- per-env variables -------------------------------------------------------------------
# `envman vars` writes ENV/.envman-vars.fish (envvars.py): one `__envman_vars_set NAME
# 'VALUE'` line per variable. What each variable was before (a global, exported or not,
# with its list of values; or no global at all) is kept here until deactivate gives it
# back exactly; a universal variable of that name shows through again then. What is
# kept is what this activation changed, whatever `envman vars` does meanwhile.
# (Locals here are named __envman_* so that $$name never reads one of them.)

function __envman_vars_apply --argument-names __envman_venv --description "Export an env's variables (envman vars)"
    # left over from an activation cut short: given back first
    set -q __envman_vars_names[1]; and __envman_vars_restore
    set -l __envman_file "$__envman_venv/.envman-vars.fish"
    test -f "$__envman_file"; and not test -L "$__envman_file"; or return 0
    builtin source "$__envman_file"
end

function __envman_vars_set --description 'Keep what NAME was, then export VALUE: __envman_vars_set NAME VALUE'
    set -l __envman_n $argv[1]
    if not contains -- $__envman_n $__envman_vars_names
        set -l __envman_how ''
        if set -qg $__envman_n
            set __envman_how g
            set -qgx $__envman_n; and set __envman_how x
            set -g __envman_vars_old_$__envman_n $$__envman_n
        end
        set -g __envman_vars_how_$__envman_n $__envman_how
        set -g __envman_vars_names $__envman_vars_names $__envman_n
    end
    set -gx $__envman_n $argv[2]
end

function __envman_stamp_used --argument-names home name --description 'Last used = mtime of HOME/.envman/used/NAME'
    # Only ever an empty regular file of our own, set by opening it with truncation: a
    # symlink, a FIFO or a file with content (a hard link to something else) in its
    # place is left alone, and so are symlinked .envman and used directories.
    set -l state "$home/.envman"
    set -l file "$state/used/$name"
    test -d "$state"; and not test -L "$state"; or return 0
    if not test -e "$state/used"; and not test -L "$state/used"
        command mkdir -- "$state/used" 2>/dev/null # once per store
    end
    # fish reports a failed redirection even with 2>/dev/null: test first, ignore the rest
    test -d "$state/used"; and not test -L "$state/used"; and test -w "$state/used"; or return 0
    test -L "$file"; and return 0
    if test -e "$file"
        test -f "$file"; and not test -s "$file"; or return 0
    end
    true >"$file"
    return 0
end

function workon --description 'Activate an environment: workon [-c|-n] [NAME|.]'
    set -l cd_after "$VIRTUALENVWRAPPER_WORKON_CD"
    test -n "$cd_after"; or set cd_after 1
    set -l name
    set -l dashes 0
    for arg in $argv
        if test $dashes = 1
            # the argument after -- is the name, whatever it looks like
            set -q name[1]; or set name "$arg"
            break
        end
        switch "$arg"
            case -h --help
                __envman_workon_help
                return 0
            case -c --cd
                set cd_after 1
            case -n --no-cd
                set cd_after 0
            case --
                set dashes 1
            case '*'
                set -q name[1]; or set name "$arg"
        end
    end
    __envman_home_set; or return 2
    set -l home "$__envman_home_clean"
    if test -z "$name"
        __envman_names
        # virtualenvwrapper returns 1 after listing; envman's own mode says "ok"
        __envman_compat_on; and return 1
        return 0
    end
    set -l venv
    if test "$name" = .
        # the env of this directory; a project-local .venv comes as a second line
        set -l found (__envman_env_for_dir "$PWD"); or return 1
        set name "$found[1]"
        set venv $found[2]
    end
    if test -z "$venv"
        # an entry of the store is its own name (what __envman_workon_name would print,
        # without its command substitution); `-`, a missing name and one with a newline
        # (which the substitution splits) go through it
        if test "$name" = -; or string match -q -- \*\n\* "$name"
            or not test -e "$home/$name" -o -L "$home/$name"
            set name (__envman_workon_name "$home" "$name"); or return 1
        end
        set venv "$home/$name"
    end
    if begin
            test "$venv" = "$home/$name"; and not __envman_plain_name "$name"
        end; or not test -d "$venv"
        if __envman_compat_on
            echo "ERROR: Environment '$name' does not exist. Create it with 'mkvirtualenv $name'." >&2
        else
            echo "envman: error: environment '$name' does not exist (create it with 'envman new $name')" >&2
        end
        return 1
    end
    if not __envman_is_env "$venv"
        echo "ERROR: Environment '$venv' is not a virtual environment (it has no pyvenv.cfg)." >&2
        return 1
    end
    if not test -f "$venv/bin/activate"; and not test -x "$venv/bin/python"
        echo "ERROR: Environment '$venv' does not contain an activate script." >&2
        return 1
    end
    __envman_workon_activate "$name" "$venv" "$cd_after"
end

# workon's activation, also auto-activation's (AUTO = auto: project hook files are then
# sourced only when the project is allowed): __envman_workon_activate NAME VENV CD [auto]
function __envman_workon_activate --argument-names name venv cd_after auto
    __envman_home_set; or return 2
    set -l home "$__envman_home_clean"
    # leave the current env first: ours (with its hooks), or one activated by hand
    if set -q __envman_active
        __envman_deactivate nondestructive
    else if set -q VIRTUAL_ENV
        __envman_leave_foreign
    end
    set -l hooks "$VIRTUALENVWRAPPER_HOOK_DIR"
    test -n "$hooks"; or set hooks (__envman_hook_dir)
    __envman_run_hook "$home" "$hooks/preactivate.fish" "$name"
    __envman_run_hook "$home" "$venv/bin/preactivate.fish" "$name"
    __envman_warn_base_gone "$venv" "$name"
    __envman_activate "$name" "$venv"
    # whose activation this is: after a manual one auto mode steps aside
    set -g __envman_auto_env
    test "$auto" = auto; and set -g __envman_auto_env "$venv"; or set -g __envman_auto_aside 1
    __envman_define_deactivate
    # (a project-local .venv that auto-activation found is no env of the store)
    test "$venv" != "$home/$name"; or __envman_stamp_used "$home" "$name"
    # virtualenvwrapper's order: the project plugin (cd, project hook), then the global
    # and the env's own postactivate
    # (an env without a project file, the usual case, skips the substitution: the file
    # as __envman_read_project names it)
    set -l project "$VIRTUALENVWRAPPER_PROJECT_FILENAME"
    test -n "$project"; or set project .project
    if test -f "$venv/$project"
        set project (__envman_read_project "$venv")
    else
        set project
    end
    if test -n "$project"; and test -d "$project"
        test "$cd_after" = 1; and builtin cd -- "$project"
        # auto-activation's env: the project's hook file only when the project is allowed
        test "$venv" != "$__envman_auto_env"; or __envman_auto_hook_ok "$venv" postactivate
        and __envman_source_hook "$project/.virtualenvwrapper/postactivate.fish"
    end
    __envman_source_hook "$hooks/postactivate.fish"
    __envman_source_hook "$venv/bin/postactivate.fish"
    return 0
end

function __envman_workon_name --argument-names home name --description "workon's NAME: - is the env left last, a prefix the one env it starts"
    # `-` as `cd -`; a name that is no entry of the store is the one env whose name
    # starts with it (exact names always win). Status 1, said, for no previous env or
    # several matches.
    if test "$name" = -
        if test -z "$__envman_prev_env"
            echo "envman: error: no previous environment in this shell (workon - returns to the one deactivated last)" >&2
            return 1
        end
        printf '%s\n' "$__envman_prev_env"
        return 0
    end
    if __envman_plain_name "$name"; and not test -e "$home/$name"; and not test -L "$home/$name"
        __envman_prefix_match "$home" "$name"
        return
    end
    printf '%s\n' "$name"
end

function __envman_warn_base_gone --argument-names venv name --description 'One line when the base Python of an env is gone (builtins only)'
    test -r "$venv/pyvenv.cfg"; or return 0
    # (the first `home =` line: a named group sets the local, no command substitution)
    set -l home
    string match -qr '^\s*home\s*=\s*(?<home>.*?)\s*$' <"$venv/pyvenv.cfg"
    if test -n "$home[1]"; and not test -d "$home[1]"
        echo "envman: warning: the Python '$name' was built on is gone ($home[1]); run 'envman upgrade $name' to rebuild it" >&2
    end
    return 0
end

# -- envman-leave.fish's functions, on first use -----------------------------------------
# (deactivate's, and __envman_exec: the first call of one sources that file, which
# replaces them all)
# >>> generated: leave stubs
for n in __envman_project_hook __envman_unwrap_prompt __envman_vars_restore \
    __envman_path_drop __envman_forget __envman_restore __envman_deactivate __envman_exec
    function $n -V n
        builtin source (status dirname)/envman-leave.fish; and $n $argv
    end
end
# <<< generated: leave stubs

# -- envman-lazy.fish's functions, on first use ------------------------------------------
# Each stub sources that file, which replaces them all with the real functions, then
# runs the real one (envman.fish stubs the one it calls itself).
for __envman_name in __envman_perms_scan __envman_leave_foreign __envman_require_active \
    __envman_env_for_dir __envman_workon_help __envman_run_reporting \
    __envman_mark_tmp __envman_require_site_packages __envman_auto_update __envman_auto_hook_ok \
    __envman_prefix_match
    function $__envman_name -V __envman_name
        builtin source "$__envman_lazy_file"; and $__envman_name $argv
    end
end

# envman-lazy.fish and envman-compat.fish source this file first unless this is set
set -g __envman_core_loaded 1
