# envman: fish functions a shell start and a plain workon never need. envman.fish
# defines a stub for each; the first call of any stub sources this file, which
# replaces them all. Rules as in envman.fish.

function __envman_site_packages --argument-names venv --description 'The site-packages dir of a venv, found by globbing'
    for site in "$venv"/lib/python*/site-packages "$venv"/Lib/site-packages
        if test -d "$site"
            printf '%s\n' "$site"
            return 0
        end
    end
    return 1
end

function __envman_deactivate_is_ours
    functions deactivate 2>/dev/null | string match -q '*__envman_deactivate $argv*'
end

function __envman_leave_foreign --description 'Leave a VIRTUAL_ENV this file did not set'
    # a venv activated by hand (its own deactivate knows how to undo it), or a
    # VIRTUAL_ENV inherited from a parent process (drop its bin from PATH)
    if functions -q deactivate; and not __envman_deactivate_is_ours
        deactivate
    end
    if set -q VIRTUAL_ENV
        __envman_path_drop "$VIRTUAL_ENV/bin"
        set -e VIRTUAL_ENV
        set -e VIRTUAL_ENV_PROMPT
    end
    __envman_define_deactivate
end

function __envman_env_for_dir --argument-names dir --description 'workon .: the env whose project is DIR, else the one named after it'
    set -l home (__envman_home)
    for name in (__envman_names)
        set -l project (__envman_read_project "$home/$name" quiet); or continue
        if test (string replace -r '(.)/+$' '$1' -- "$project") = "$dir"
            printf '%s\n' "$name"
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
        '           associated project directory.' '' \
        '       workon .' '' \
        '           Activate the environment linked to the current directory' \
        '           (its project) or named after it.' ''
end

function __envman_run_reporting --description '__envman_exec ARGS; the env it made goes to $__envman_reported'
    # The CLI writes the name of the env it made to $ENVMAN_RESULT_FILE; its stdout and
    # stderr go to the terminal untouched.
    set -g __envman_reported
    set -l result (command mktemp 2>/dev/null)
    or begin
        __envman_exec $argv
        return
    end
    begin
        set -lx ENVMAN_RESULT_FILE "$result"
        __envman_exec $argv
    end
    set -l code $status
    read -l name <"$result"
    command rm -f -- "$result"
    test $code -eq 0; and set -g __envman_reported "$name"
    return $code
end

function __envman_mark_tmp --argument-names venv --description 'The marker that makes deactivate remove a temporary env'
    test -d "$venv"; and test -w "$venv"; or return 0
    test -L "$venv/README.tmpenv"; and return 0
    echo "This is a temporary environment. It will be deleted when you run 'deactivate'." >"$venv/README.tmpenv"
end

function __envman_require_site_packages
    __envman_site_packages "$VIRTUAL_ENV"; and return 0
    echo "ERROR: currently-active virtualenv does not appear to have a site-packages directory" >&2
    return 1
end

function __envman_find_program_elsewhere --argument-names shell_dir --description 'Set $__envman_program from ENVMAN_PROGRAM, the install, envman init, PATH'
    # In order: the user's override; the install this file belongs to (a wheel puts it
    # in PREFIX/lib/pythonX.Y/site-packages/envman/shell/ and the program in PREFIX/bin/);
    # what `envman init fish` recorded; an earlier load's; PATH (`command -s` is a
    # builtin: no fork).
    # (envman.fish's quick look beside the install found nothing: ARGV[2..] is what
    # an earlier load found)
    set -l previous $argv[2..-1]
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

# Hooks run code in this shell, so whoever can write the store, its .envman directory,
# the hook directory or a global hook file can run code as this user. Said once per
# shell, with the fix, as ssh does for keys. fish has no builtin that reads a file's
# mode, and a fork on every start would cost more than loading this file, so the check
# (one `find`) runs just before the first hook file is sourced or run: before any code
# can come in through a hook, and never in a shell that runs no hook.
function __envman_perms_scan
    set -l home (__envman_home 2>/dev/null); or return 0
    test -d "$home"; or return 0
    set -l hooks (__envman_hook_dir 2>/dev/null)
    set -l paths "$home"
    test -d "$home/.envman"; and set -a paths "$home/.envman"
    test "$hooks" != "$home"; and test -d "$hooks"; and set -a paths "$hooks"
    for hook in initialize premkvirtualenv postmkvirtualenv precpvirtualenv postcpvirtualenv \
        prermvirtualenv postrmvirtualenv predeactivate postdeactivate preactivate postactivate \
        get_env_details premkproject postmkproject
        test -f "$hooks/$hook.fish"; and set -a paths "$hooks/$hook.fish"
    end
    # -H: the mode of a symlink's target, the file that is sourced. Writable by others
    # counts; by the group only when it is not the user's own primary group (a
    # user-private group under umask 002 is not a stranger); `envman doctor` agrees.
    set -l gid (command id -g)
    set -l found (command find -H $paths -prune '(' -perm -002 -o '(' -perm -020 ! -group "$gid" ')' ')' -print 2>/dev/null)
    # one line, the first path named and the rest counted (`envman doctor` lists them)
    switch (count $found)
        case 0
        case 1
            echo "envman: warning: '$found[1]' is writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w '$found[1]'" >&2
        case '*'
            echo "envman: warning: '$found[1]' and "(math (count $found) - 1)" more paths are writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w on each ('envman doctor' lists them)" >&2
    end
    return 0
end

function __envman_prefix_match --argument-names home prefix --description 'workon PREFIX: the one env whose name starts with it'
    # No env starts with it: PREFIX itself (workon then says it does not exist).
    # Several: one line saying so, the candidates, status 1. The prefix is quoted:
    # *, ? and [ in it match themselves.
    set -l found
    for dir in "$home/$prefix"*/
        set dir (string replace -r '/+$' '' -- "$dir")
        set -l name (string replace -r '.*/' '' -- "$dir")
        string match -q -- '.*' "$name"; and continue
        __envman_is_env "$dir"; and set -a found "$name"
    end
    switch (count $found)
        case 0
            printf '%s\n' "$prefix"
        case 1
            printf '%s\n' "$found[1]"
        case '*'
            echo "envman: error: '$prefix' is the start of "(count $found)" environments; type more of the name:" >&2
            printf '  %s\n' $found >&2
            return 1
    end
end
