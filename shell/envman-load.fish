# envman: fish, what envman.fish's load runs only in unusual set-ups: a config file to
# read, the envman program not installed beside the integration files, a store path to
# clean up (this file's __envman_home_set replaces envman-core.fish's), stubs to define
# over other functions (a second load, virtualfish). Sourced by the
# first call of one of its stubs there (a start without any of these never parses this
# file).
# Rules as in envman.fish.

function __envman_config_compat --description '[shell] compat in config.toml into $__envman_compat, read without Python'
    # the file: $ENVMAN_CONFIG, else where platformdirs puts it (envman.fish tested
    # only whether one of these could be there)
    set -l file "$ENVMAN_CONFIG"
    if test -z "$file"
        if test -n "$XDG_CONFIG_HOME"
            set file "$XDG_CONFIG_HOME/envman/config.toml"
        else
            set file "$HOME/.config/envman/config.toml"
            test -r "$file"; or set file "$HOME/Library/Application Support/envman/config.toml"
        end
    end
    test -r "$file"; or return 0
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

function __envman_find_program_elsewhere --argument-names shell_dir --description 'Set $__envman_program from ENVMAN_PROGRAM, the install, envman init, PATH'
    # In order: the user's override; the install this file belongs to (a wheel puts it
    # in PREFIX/lib/pythonX.Y/site-packages/envman/shell/ and the program in PREFIX/bin/);
    # what `envman init fish` recorded; an earlier load's; PATH (`command -s` is a
    # builtin: no fork).
    # (envman.fish's quick look beside the install found nothing: ARGV[2..] is what
    # an earlier load found)
    set -l previous $argv[2..-1]
    set -g __envman_program
    if test -n "$ENVMAN_PROGRAM"
        set -l program "$ENVMAN_PROGRAM"
        switch "$program"
            case '/*'
            case '*/*'
                set program "$PWD/$program"
            case '*'
                set program (command -s -- "$program"; or echo "$program")
        end
        if test -f "$program[1]" -a -x "$program[1]"
            set -g __envman_program "$program[1]"
            return 0
        end
        echo "envman: warning: ENVMAN_PROGRAM=$ENVMAN_PROGRAM is not an executable file; looking for envman elsewhere" >&2
    end
    set -l prefix (string replace -rf '^(.*)/lib(?:64)?/python[^/]*/(?:site|dist)-packages/envman/shell$' '$1' -- "$shell_dir")
    if set -q prefix[1]; and test -f "$prefix/bin/envman" -a -x "$prefix/bin/envman"
        set -g __envman_program "$prefix/bin/envman"
    else if set -q __envman_init_program; and test -f "$__envman_init_program" -a -x "$__envman_init_program"
        set -g __envman_program "$__envman_init_program"
    else if set -q __envman_init_python; and test -f "$__envman_init_python" -a -x "$__envman_init_python"
        set -g __envman_program "$__envman_init_python" -m envman
    else if set -q previous[1]; and test -f "$previous[1]" -a -x "$previous[1]"
        set -g __envman_program $previous
    else if set -l found (command -s envman)
        set -g __envman_program "$found[1]"
    else
        echo "envman: warning: the envman program was not found (not installed beside $shell_dir, not on PATH); set -gx ENVMAN_PROGRAM /path/to/envman before this line in config.fish, or load envman with: /path/to/envman init fish | source" >&2
    end
    return 0
end

# The store, as `envman path` spells it, into $__envman_home_clean. A store path fish
# cannot carry (a newline would split it) is refused with a message (at load, once;
# workon and the commands refuse it too, and no hook is sourced for it).
function __envman_home_set --description 'The store ($WORKON_HOME relative to $HOME, else ~/.virtualenvs) into $__envman_home_clean; 2 if fish cannot carry it'
    # Called on every workon and deactivate: the value the load exported (or found
    # clean last time) goes through at once.
    set -l home "$WORKON_HOME"
    test -n "$home"; and test "$home" = "$__envman_home_clean"; and return 0
    switch "$home"
        case ''
            set home "$HOME/.virtualenvs"
        case '~' '~/*'
            # ~ and relative values are relative to $HOME, as virtualenvwrapper (and
            # store.py) do
            set home "$HOME"(string sub -s 2 -- "$home")
        case '/*'
        case '*'
            set home "$HOME/$home"
    end
    # Spelled as Python's pathlib spells it (no //, no /./, no trailing slash; symlinks
    # and .. kept), so "$home/$name" is the very path `envman path NAME` prints.
    switch "$home"
        case '*//*' '*/./*' '*?/' '*/.'
            set home (string replace -ra -- '/(\.?/)+' / "$home" | string replace -r -- '(.)/\.?$' '$1')
    end
    # a newline would split the path in two wherever it is read a line at a time:
    # refused, with the message bash and zsh give
    if string match -qr '[[:cntrl:]]' -- "$home"
        echo "envman: error: WORKON_HOME contains a newline or another control character; set it to a directory path without one" >&2
        return 2
    end
    set -g __envman_home_clean "$home"
end

# Loaded again in this shell, or after virtualfish (its compat aliases define workon,
# mkvirtualenv and the like): fish autoloads a name only while no function holds it
# (and never again after `functions -e`), so envman.fish has the stubs defined here,
# from their files in DIRS, over what holds their names, as loading did before the
# stubs were autoloaded.
function __envman_define_stubs --description "Define envman's fish stubs from DIRS now, over any function of their names"
    for file in $argv/*.fish
        builtin source $file
    end
end
