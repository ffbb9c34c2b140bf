# envman: fish integration, what leaving an environment needs (deactivate, and workon
# when one is active) and __envman_exec: apart from envman-core.fish because a first
# workon in a shell never calls them, and fish parses every byte of a sourced file
# (~470 instructions a byte of code: these functions were a third of the core's cost
# at a first workon). Sourced by the first call of one of the core's stubs for them
# (or envman.fish's for the ones it calls, which load the core first); never by a user.
# Rules as in envman.fish.

function __envman_project_hook --argument-names venv which --description 'A project-level .virtualenvwrapper/<which>.fish'
    set -l project (__envman_read_project "$venv"); or return 0
    __envman_source_hook "$project/.virtualenvwrapper/$which.fish"
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

# (the per-env variables: see envman-core.fish, before __envman_vars_apply)
function __envman_vars_restore --description 'Give back what __envman_vars_apply changed'
    for __envman_n in $__envman_vars_names[-1..1]
        set -l __envman_how __envman_vars_how_$__envman_n
        set -l __envman_old __envman_vars_old_$__envman_n
        switch "$$__envman_how"
            case x
                set -gx $__envman_n $$__envman_old
            case g
                set -gu $__envman_n $$__envman_old
            case '*'
                set -eg $__envman_n
        end
        set -eg $__envman_how
        set -eg $__envman_old
    end
    set -eg __envman_vars_names
    return 0
end

function __envman_path_drop --argument-names dir --description 'Remove the first DIR entry from PATH, no other'
    set -l index (contains -i -- "$dir" $PATH)
    and set -e PATH[$index[1]]
end

function __envman_forget --description 'Undo what __envman_activate did to PATH, PYTHONHOME, the prompt, the variables'
    __envman_vars_restore
    # Only the entry we added leaves PATH: what the user added meanwhile stays.
    __envman_path_drop "$__envman_active_dir/bin"
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

function __envman_deactivate
    if test -z "$VIRTUAL_ENV"
        # an activation cut short (Ctrl-C) may have left our own state alone: drop it
        set -q __envman_active; and __envman_forget
        # activate.fish calls `deactivate nondestructive` before activating: quiet then
        test "$argv[1]" = nondestructive; and return 0
        echo "deactivate: no virtual environment is active" >&2
        return 1
    end
    if not set -q __envman_active
        __envman_leave_foreign
        return 0
    end
    set -l venv "$__envman_active_dir"
    set -l name "$__envman_active"
    set -l home
    __envman_home_set; and set home "$__envman_home_clean"
    set -l hooks "$VIRTUALENVWRAPPER_HOOK_DIR"
    test -n "$hooks"; or set hooks (__envman_hook_dir)
    # virtualenvwrapper's order: the project's hook, the env's, then the global one.
    test "$venv" != "$__envman_auto_env"; or __envman_auto_hook_ok "$venv" predeactivate
    and __envman_project_hook "$venv" predeactivate
    __envman_source_hook "$venv/bin/predeactivate.fish"
    __envman_source_hook "$hooks/predeactivate.fish"
    __envman_restore
    set -g __envman_prev_env "$name" # for `workon -`
    set -g VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV "$home/$name"
    __envman_source_hook "$venv/bin/postdeactivate.fish"
    __envman_source_hook "$hooks/postdeactivate.fish"
    set -e VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
    # a temporary env (mktmpenv, envman tmp) goes away with its activation
    if test -f "$venv/README.tmpenv"; and test "$venv" = "$home/$name"
        echo "Removing temporary environment: $name"
        if __envman_compat_on; and functions -q rmvirtualenv
            rmvirtualenv "$name" >/dev/null
        else
            __envman_exec rm -y -- "$name" >/dev/null
        end
    end
    return 0
end

function __envman_exec --description 'Run the envman program found at load: __envman_exec ARGS...'
    if set -q __envman_program[1]
        # a path, or PYTHON -m envman
        command $__envman_program $argv
    else
        echo 'envman: error: the envman program was not found when this shell loaded envman.fish; set -gx ENVMAN_PROGRAM /path/to/envman before loading it, or load it with: /path/to/envman init fish | source' >&2
        return 127
    end
end
