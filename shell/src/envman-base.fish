# envman: fish integration, what envman-core.fish and envman-compat.fish both use: the
# store (__envman_home_set, __envman_home) and its env names (__envman_names). Sourced
# by the first of them that loads (never by a user), so that virtualenvwrapper's
# listing commands (lsvirtualenv -b, ...) run without envman-core.fish: parsing that
# file is most of a first call's cost (fish parses ~470 instructions a byte of code).
# Rules as in envman.fish.

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

# envman-core.fish and envman-compat.fish source this file first unless this is set
set -g __envman_base_loaded 1
