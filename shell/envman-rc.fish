# envman: fish integration (workon, deactivate, the envman wrapper, cd helpers and
# virtualenvwrapper's command names), the source of envman.fish: edit this file, then
# run `python completions/generate.py`, which writes envman.fish with its generated
# blocks and without the comment and blank lines (fish parses a whole file before it
# runs a line of it: the comments were ~4% of the rc line). Load envman.fish from
# config.fish with
#     envman init fish >> ~/.config/fish/config.fish   # once; or, slower, in config.fish:
#     envman init fish | source
# Pure fish: nothing here starts Python on load, workon, deactivate or the cd helpers.
# Hooks are fish scripts named like virtualenvwrapper's with a .fish suffix
# (preactivate.fish, postactivate.fish, ...), global ones in $VIRTUALENVWRAPPER_HOOK_DIR
# (default: the store) and per environment ones in the env's bin/ directory.
# Set ENVMAN_COMPAT=0 before loading to keep only envman, workon, deactivate and the
# cd/ls helpers (no virtualenvwrapper names).
# Private helpers are named __envman_*; builtins are called as `builtin cd`/`builtin
# source` and programs as `command X` so user functions named cd, ls, rm, source or
# grep cannot hijack them. Loading this file twice is harmless.
#
# A shell start runs only this file, and as little of it as it can (every statement
# costs fish 5-20 us, a command substitution ~40): the event handlers, deactivate, and
# a few tests. Everything else is in envman-core.fish (workon, deactivate and what
# they share), envman-lazy.fish (what a plain workon never needs: the envman wrapper,
# the cd/ls helpers, auto-activation) and envman-compat.fish (virtualenvwrapper's
# commands), each sourced by the first call of a stub: a file replaces all of its
# stubs, then the real function runs. The stubs themselves are fish's own lazy loading:
# one file a function in fish-functions/ (and fish-compat-functions/), which fish
# autoloads from fish_function_path at a name's first use (written by generate.py).
# envman-lazy.fish and envman-compat.fish source envman-core.fish first when it is not
# loaded yet; envman-core.fish defines the stubs of the envman-lazy.fish functions it
# calls.

# -- event handlers (fish cannot load these on first use) -------------------------------
# (the one on VIRTUAL_ENV, for another activate.fish over an envman env, is
# envman-core.fish's: only that file's workon makes an env envman's)

# Auto-activation (ENVMAN_AUTO_ACTIVATE=1, before or after the rc line): only the event
# handlers are here (nothing of envman's runs at a prompt in an unchanged directory);
# the rules are envman-lazy.fish's, loaded on the first change of directory in auto mode.

function __envman_auto_on_pwd --on-variable PWD
    # a hook's cd during an activation (the same command line: a Ctrl-C'd one is over;
    # unset, it is never the generation, a number)
    test "$__envman_auto_busy" = "$status_generation"; and return
    set -g __envman_auto_pwd "$PWD"
    contains -- "$ENVMAN_AUTO_ACTIVATE" 1 true yes on; and __envman_auto_update
end

function __envman_auto_first_prompt --on-event fish_prompt
    functions -e __envman_auto_first_prompt
    test "$PWD" = "$__envman_auto_pwd"; or __envman_auto_on_pwd
end

# The venv contract: `deactivate` restores the shell; `deactivate nondestructive` (what
# every activate script calls first) does the same and never fails. It exists while
# envman is loaded; a venv activated by hand (activate.fish) owns it until it
# deactivates, so loading again must not take it away. (envman-core.fish defines it
# again, the same, when it takes it back.)
if not set -q VIRTUAL_ENV; or set -q __envman_active
    function deactivate -d 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
end

# -- loading -----------------------------------------------------------------------------

# This file's directory, absolute: what is found through it (the other files, the
# completions) must still be found after a cd.
set -l __envman_dir (status dirname)
switch "$__envman_dir"
    case '/*'
    case .
        set __envman_dir "$PWD"
    case '*'
        set __envman_dir "$PWD/$__envman_dir"
end
# (loaded before in this shell, from here or from another install: see the stubs below)
set -q __envman_core_file; and set -l __envman_again
set -g __envman_lazy_file "$__envman_dir/envman-lazy.fish"
set -g __envman_core_file "$__envman_dir/envman-core.fish"

# The compatibility names: $ENVMAN_COMPAT, else `[shell] compat` in config.toml (read
# without Python by envman-load.fish, only when a file is in one of the places the
# config can be: one `path filter` here rules them all out, at half the instructions of
# a `test` saying which place counts, which __envman_config_compat knows anyway).
set -g __envman_compat 1
switch "$ENVMAN_COMPAT"
    case 0 false no off
        set -g __envman_compat 0
    case ''
        builtin path filter -rq -- $ENVMAN_CONFIG "$XDG_CONFIG_HOME/envman/config.toml" \
            "$HOME/.config/envman/config.toml" "$HOME/Library/Application Support/envman/config.toml"
        and builtin source "$__envman_dir/envman-load.fish"; and __envman_config_compat
end

# The envman program: found once, here, as an absolute path, and always called by it
# (envman often lives in a venv whose bin/ leaves PATH at the first `workon other`).
# The usual case: no ENVMAN_PROGRAM, and this file installed by a wheel in
# PREFIX/lib/pythonX.Y/site-packages/envman/shell/ beside the program in PREFIX/bin/
# (no ENVMAN_PROGRAM: the subject starts with ':'; the named group sets the local, no
# command substitution); else envman-load.fish
# looks further (an earlier load's is its last resort).
set -l __envman_prefix
if string match -qr -- '^:(?<__envman_prefix>.*)/lib/python[^/]*/(?:site|dist)-packages/envman/shell$' "$ENVMAN_PROGRAM:$__envman_dir"
    and builtin path filter -qfx -- "$__envman_prefix/bin/envman"
    set -g __envman_program "$__envman_prefix/bin/envman"
else
    builtin source "$__envman_dir/envman-load.fish"; and __envman_find_program_elsewhere "$__envman_dir" $__envman_program
end

# Completions: fish autoloads completions/fish/<command>.fish on the first TAB of each
# command, and that stub sources ../envman.fish once (sourcing it here would add ~4 ms
# to every start). Every install has the directory; were it missing, fish would find
# nothing there (no test for it: one statement less at every start).
contains -- "$__envman_dir/../completions/fish" $fish_complete_path
or set -g fish_complete_path "$__envman_dir/../completions/fish" $fish_complete_path

# The stubs, autoloaded: envman's, and in compat mode virtualenvwrapper's commands
# (most shells never call them; the first call sources envman-compat.fish, which
# replaces every stub). First in the path, as defining them here did, they win over a
# same-named function file of another tool. (-g: a universal fish_function_path is
# shadowed, not written to disk at every start. One `set`, this late: fish forgets
# what it had autoloaded when the path changes, which made the statements after an
# earlier `set` cost ~0.3M instructions more.) fish does not autoload a name a
# function holds, so when this file is loaded again in a shell (from this install or
# another: an old one's functions point at its files), or after virtualfish (its compat
# aliases define workon, mkvirtualenv and the like), envman-load.fish defines the stubs
# now, over them.
set -l __envman_stubs "$__envman_dir"/fish-{functions,compat-functions}
if test "$__envman_compat" != 0; and test -r "$__envman_dir/envman-compat.fish"
    set -g __envman_compat_file "$__envman_dir/envman-compat.fish"
else
    set -e __envman_stubs[2]
end
contains -- $__envman_stubs[-1] $fish_function_path
or set -g fish_function_path $__envman_stubs $fish_function_path
set -q __envman_again; or set -q VIRTUALFISH_HOME
and builtin source "$__envman_dir/envman-load.fish"; and __envman_define_stubs $__envman_stubs

# The store, as `envman path` spells it, into $__envman_home_clean (what every file
# asks of __envman_home_set, in envman-core.fish). The usual value, an absolute path
# already spelled so (no //, /./, trailing slash or control character: what the
# pattern lets through), is taken as it is, with one `string match`; any other loads
# the core to work it out, and to say once here when fish cannot carry it (parsing
# that function on every start cost ~0.4M instructions, 8% of the load).
set -l __envman_store "$WORKON_HOME"
test -n "$__envman_store"; or set __envman_store "$HOME/.virtualenvs"
# (and/or, not if/else: a block costs ~30k more; a store fish cannot carry, where
# __envman_home_set fails, leaves nothing exported and no initialize hook)
string match -qr -- '^(?:/(?!\.(?:/|$))[^/[:cntrl:]]+)+$' "$__envman_store"
and set -g __envman_home_clean "$__envman_store"
or __envman_home_set
or set -e __envman_home_clean

if test "$__envman_compat" != 0
    # virtualenvwrapper exports these at load; hooks and scripts read them.
    set -q __envman_home_clean; and set -gx WORKON_HOME $__envman_home_clean
    test -n "$VIRTUALENVWRAPPER_HOOK_DIR"; or set -gx VIRTUALENVWRAPPER_HOOK_DIR "$WORKON_HOME"
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; or set -gx VIRTUALENVWRAPPER_PROJECT_FILENAME .project
    test -n "$VIRTUALENVWRAPPER_WORKON_CD"; or set -gx VIRTUALENVWRAPPER_WORKON_CD 1
    test -n "$VIRTUALENVWRAPPER_SCRIPT"; or set -g VIRTUALENVWRAPPER_SCRIPT "$__envman_dir/envman.fish"
    # the initialize hook; comments only: nothing to do, and no permission check
    if set -q __envman_home_clean; and test -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        and string match -qrv '^\s*(#.*)?$' <"$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
    end
end
