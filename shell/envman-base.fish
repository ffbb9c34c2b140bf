# GENERATED from shell/src/envman-core.fish (its functions __envman_home_set, __envman_home, __envman_names): edit that, run completions/generate.py
function __envman_home_set --description 'The store ($WORKON_HOME relative to $HOME, else ~/.virtualenvs) into $__envman_home_clean; 2 if fish cannot carry it'
    set -l home "$WORKON_HOME"
    test -n "$home"; or set home "$HOME/.virtualenvs"
    test "$home" = "$__envman_home_clean"; and return 0
    builtin source (status dirname)/envman-load.fish; and __envman_home_set
end
function __envman_home --description 'The store: $WORKON_HOME (relative to $HOME), else ~/.virtualenvs'
    __envman_home_set; or return 2
    printf '%s\n' "$__envman_home_clean"
end
function __envman_names --description 'Env names in the store, one a line, in glob (sorted) order'
    __envman_home_set; or return 2
    set -l home "$__envman_home_clean"
    set -l found "$home"/*/pyvenv.cfg
    set -q found[1]; or return 0
    set found (path filter -f -- $found)
    set -q found[1]; or return 0
    string replace -r -- '^.*/([^/]*)/pyvenv\.cfg$' '$1' $found
end
