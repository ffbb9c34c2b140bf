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
    # Called on every workon and deactivate: the usual value (absolute, no trailing slash,
    # as the load exports it) goes through without a command substitution.
    set -l home "$WORKON_HOME"
    switch "$home"
        case ''
            set home "$HOME/.virtualenvs"
        case '~' '~/*'
            # ~ and relative values are relative to $HOME, as virtualenvwrapper (and store.py) do
            set home "$HOME"(string sub -s 2 -- "$home")
        case '/*'
        case '*'
            set home "$HOME/$home"
    end
    # Spelled as Python's pathlib spells it (no //, no /./, no trailing slash; symlinks
    # and .. kept), so "$home/$name" is the very path `envman path NAME` prints.
    if string match -qr -- '//|/\./|./$|/\.$' "$home"
        set home (string replace -ra -- '/(\.?/)+' / "$home" | string replace -r -- '(.)/\.?$' '$1')
    end
    # a newline would split the path in two here (the output is read a line at a time):
    # refused, with the message bash and zsh give (a path once found clean is not
    # searched again: this runs several times per workon)
    if test "$home" != "$__envman_home_clean"
        if string match -qr '[[:cntrl:]]' -- "$home"
            echo "envman: error: WORKON_HOME contains a newline or another control character; set it to a directory path without one" >&2
            return 2
        end
        set -g __envman_home_clean "$home"
    end
    printf '%s\n' "$home"
end

function __envman_has_control --description 'A newline or another control character in the text'
    string match -qr '[[:cntrl:]]' -- "$argv[1]"
end

function __envman_compat_on
    test "$__envman_compat" != 0
end

# -- the core, on first use --------------------------------------------------------------
# workon, deactivate, the envman wrapper, the cd helpers and what they share live in
# envman-core.fish, sourced by the first call of any of them: a shell start parses only
# this file. Each stub sources that file, which replaces them all, then runs the real one.
# >>> generated: core stubs
function workon --description 'Activate an environment: workon [-c|-n] [NAME|.]'
    builtin source "$__envman_core_file"; and workon $argv
end
function envman --wraps envman --description 'envman, plus activation for new/tmp and a guard on rm'
    builtin source "$__envman_core_file"; and envman $argv
end
function cdvirtualenv --description 'cd to the active env (or a SUBDIR of it)'
    builtin source "$__envman_core_file"; and cdvirtualenv $argv
end
function cdsitepackages --description "cd to the active env's site-packages (or a SUBDIR)"
    builtin source "$__envman_core_file"; and cdsitepackages $argv
end
function cdproject --description "cd to the active env's project directory"
    builtin source "$__envman_core_file"; and cdproject $argv
end
function lssitepackages --description "List the active env's site-packages"
    builtin source "$__envman_core_file"; and lssitepackages $argv
end
for __envman_name in __envman_hook_dir __envman_project_file __envman_read_project \
    __envman_is_env __envman_names __envman_plain_name __envman_perms_check \
    __envman_run_hook __envman_source_hook __envman_project_hook __envman_prompt_name \
    __envman_wrap_prompt __envman_return __envman_unwrap_prompt __envman_activate \
    __envman_vars_apply __envman_vars_set __envman_vars_refresh __envman_vars_restore \
    __envman_path_drop __envman_forget __envman_restore __envman_stamp_used \
    __envman_deactivate __envman_workon_activate __envman_workon_name \
    __envman_warn_base_gone __envman_exec __envman_require_active
    function $__envman_name -V __envman_name
        builtin source "$__envman_core_file"; and $__envman_name $argv
    end
end
# <<< generated: core stubs

# -- hooks -------------------------------------------------------------------------------

function __envman_hook_is_empty --argument-names script --description 'Only blank and comment lines'
    not string match -qrv '^\s*(#.*)?$' <"$script"
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

function __envman_define_deactivate
    # The venv contract: `deactivate` restores the shell; `deactivate nondestructive`
    # (what every activate script calls first) does the same and never fails.
    function deactivate --description 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
end

# `deactivate` exists while envman is loaded; a venv activated by hand (activate.fish)
# owns it until it deactivates, so loading again must not take it away.
if not set -q VIRTUAL_ENV; or set -q __envman_active
    __envman_define_deactivate
end

# -- auto-activation ---------------------------------------------------------------------
# ENVMAN_AUTO_ACTIVATE=1, before or after the rc line: only the event handlers are here
# (nothing of envman's runs at a prompt in an unchanged directory); the rules are
# envman-lazy.fish's, loaded on the first change of directory in auto mode.

function __envman_auto_on_pwd --on-variable PWD
    # a hook's cd during an activation (the same command line: a Ctrl-C'd one is over)
    set -q __envman_auto_busy; and test "$__envman_auto_busy" = "$status_generation"; and return 0
    set -g __envman_auto_pwd "$PWD"
    contains -- "$ENVMAN_AUTO_ACTIVATE" 1 true yes on; and __envman_auto_update
end

function __envman_auto_first_prompt --on-event fish_prompt
    functions -e __envman_auto_first_prompt
    test "$PWD" = "$__envman_auto_pwd"; or __envman_auto_on_pwd
end

# -- the envman program ------------------------------------------------------------------
# Found once, at load, as an absolute path, and always called by it: envman often lives
# in a venv whose bin/ leaves PATH at the first `workon other`.

function __envman_find_program --argument-names shell_dir --description 'Set $__envman_program: beside this install, else envman-lazy.fish looks further'
    # The usual case here: no ENVMAN_PROGRAM, and this file installed by a wheel in
    # PREFIX/lib/pythonX.Y/site-packages/envman/shell/ beside the program in PREFIX/bin/.
    set -l previous $__envman_program
    set -g __envman_program
    if test -z "$ENVMAN_PROGRAM"
        set -l prefix (string replace -rf '^(.*)/lib/python[^/]*/(?:site|dist)-packages/envman/shell$' '$1' -- "$shell_dir")
        if set -q prefix[1]; and test -f "$prefix/bin/envman" -a -x "$prefix/bin/envman"
            set -g __envman_program "$prefix/bin/envman"
            return 0
        end
    end
    __envman_find_program_elsewhere "$shell_dir" $previous
end

# -- loading -----------------------------------------------------------------------------

function __envman_config_compat --description '[shell] compat in config.toml into $__envman_compat, read without Python'
    set -l file
    if test -n "$ENVMAN_CONFIG"
        set file "$ENVMAN_CONFIG"
    else if test -n "$XDG_CONFIG_HOME"
        set file "$XDG_CONFIG_HOME/envman/config.toml"
    else
        set file "$HOME/.config/envman/config.toml"
        test -r "$file"; or set file "$HOME/Library/Application Support/envman/config.toml"
    end
    set -g __envman_compat 1
    if test -r "$file"
        set -l section
        while read -l line
            set line (string replace -r '#.*' '' -- "$line")
            if string match -qr '\[.*\]' -- "$line"
                set section (string replace -ar '.*\[|\].*| ' '' -- "$line")
            else if test "$section" = shell; and string match -qr '^\s*compat\s*=' -- "$line"
                switch (string replace -ar '.*=|\s' '' -- "$line")
                    case false
                        set -g __envman_compat 0
                    case true
                        set -g __envman_compat 1
                end
            end
        end <"$file"
    end
end

if set -q ENVMAN_COMPAT; and test -n "$ENVMAN_COMPAT"
    switch "$ENVMAN_COMPAT"
        case 0 false no off
            set -g __envman_compat 0
        case '*'
            set -g __envman_compat 1
    end
else
    __envman_config_compat # a function sets it: no command substitution on load
end

# This file's directory, absolute: what is found through it (completions, the compat
# file on first use) must still be found after a cd. Completions live in ../completions
# relative to it (repository and wheel alike).
set -l __envman_shell_dir (status dirname)
switch "$__envman_shell_dir"
    case .
        set __envman_shell_dir "$PWD"
    case '/*'
    case '*'
        set __envman_shell_dir "$PWD/$__envman_shell_dir"
end
# Functions a shell start and a plain workon never need live in envman-lazy.fish: each
# stub loads that file, which replaces them all with the real functions, then runs
# the real one (fish parses every line it sources).
set -g __envman_lazy_file "$__envman_shell_dir/envman-lazy.fish"
set -g __envman_core_file "$__envman_shell_dir/envman-core.fish"
for __envman_name in __envman_perms_scan __envman_site_packages __envman_deactivate_is_ours \
    __envman_leave_foreign __envman_env_for_dir __envman_workon_help __envman_run_reporting \
    __envman_mark_tmp __envman_require_site_packages __envman_find_program_elsewhere \
    __envman_auto_update __envman_auto_hook_ok \
    __envman_prefix_match
    function $__envman_name -V __envman_name
        builtin source "$__envman_lazy_file"; and $__envman_name $argv
    end
end
__envman_find_program "$__envman_shell_dir"
set -l __envman_completions (string replace -r '/[^/]*$' '' -- "$__envman_shell_dir")
# Loaded lazily: fish autoloads completions/fish/<command>.fish on the first TAB of each
# command, and that stub sources envman.fish once. Sourcing it here would add ~4 ms to
# every shell start-up.
if test -d "$__envman_completions/completions/fish"
    contains -- "$__envman_completions/completions/fish" $fish_complete_path
    or set -g fish_complete_path "$__envman_completions/completions/fish" $fish_complete_path
end

# A store path fish cannot carry (a newline would split it) is said once here; workon
# and the commands refuse it too, and no hook is sourced for it.
set -l __envman_store_ok 1
set -l __envman_store (__envman_home); or set __envman_store_ok 0

if __envman_compat_on
    # virtualenvwrapper exports these at load; hooks and scripts read them.
    test $__envman_store_ok = 1; and set -gx WORKON_HOME $__envman_store
    test -n "$VIRTUALENVWRAPPER_HOOK_DIR"; or set -gx VIRTUALENVWRAPPER_HOOK_DIR "$WORKON_HOME"
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; or set -gx VIRTUALENVWRAPPER_PROJECT_FILENAME .project
    test -n "$VIRTUALENVWRAPPER_WORKON_CD"; or set -gx VIRTUALENVWRAPPER_WORKON_CD 1
    test -n "$VIRTUALENVWRAPPER_SCRIPT"; or set -g VIRTUALENVWRAPPER_SCRIPT "$__envman_shell_dir/envman.fish"
    # virtualenvwrapper's commands are stubs until first used: parsing envman-compat.fish
    # is ~40% of this file's load cost (callgrind), paid at every start-up by shells that
    # mostly never call them. A stub's first call sources the file, which replaces every
    # stub with the real function, and then runs the real one.
    if test -r "$__envman_shell_dir/envman-compat.fish"
        set -g __envman_compat_file "$__envman_shell_dir/envman-compat.fish"
        # (the names: completions/generate.py's list of shell functions)
        # >>> generated: compat stubs
        for __envman_name in mkvirtualenv mktmpenv lsvirtualenv showvirtualenv \
            rmvirtualenv cpvirtualenv allvirtualenv wipeenv add2virtualenv mkproject \
            setvirtualenvproject toggleglobalsitepackages virtualenvwrapper
            function $__envman_name -V __envman_name --description "virtualenvwrapper's $__envman_name (envman)"
                builtin source "$__envman_compat_file"
                $__envman_name $argv
            end
        end
        # <<< generated: compat stubs
    end
    # comments only: nothing to do, and no permission check on every start
    if test $__envman_store_ok = 1; and test -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        and not __envman_hook_is_empty "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
    end
end
