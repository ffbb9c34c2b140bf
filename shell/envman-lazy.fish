# GENERATED from shell/src/envman-lazy.fish: edit that, run completions/generate.py
set -q __envman_core_loaded; or builtin source "$__envman_core_file"
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
function __envman_env_for_dir --argument-names dir --description 'workon .: the env of DIR by the .venv rules, else the one whose project is DIR, else the one named after it'
    __envman_auto_find workon "$dir"
    switch $status
        case 0
            printf '%s\n' "$__envman_auto_found_name"
            return 0
        case 3
            printf '%s\n' "$__envman_auto_found_name" "$__envman_auto_found_dir"
            return 0
        case 2
            return 1
    end
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
    set -l gid (command id -g)
    set -l found (command find -H $paths -prune '(' -perm -002 -o '(' -perm -020 ! -group "$gid" ')' ')' -print 2>/dev/null)
    switch (count $found)
        case 0
        case 1
            echo "envman: warning: '$found[1]' is writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w '$found[1]'" >&2
        case '*'
            echo "envman: warning: '$found[1]' and "(math (count $found) - 1)" more paths are writable by group or others, who could run code in your shell through envman's hooks; fix: chmod go-w on each ('envman doctor' lists them)" >&2
    end
    return 0
end
set -g __envman_auto_found_dir
set -g __envman_auto_found_name
function __envman_auto_find --argument-names mode dir --description 'The env of DIR: status 0 of the store, 3 project-local, 1 none, 2 broken'
    set -g __envman_auto_found_dir
    set -g __envman_auto_found_name
    __envman_home_set 2>/dev/null; or return 1
    set -l store "$__envman_home_clean"
    __envman_auto_index "$store" "$dir"
    set -l idir $__envman_auto_found_dir
    set -l iname $__envman_auto_found_name
    set -g __envman_auto_found_dir
    set -g __envman_auto_found_name
    set -l prefixes ''
    set -l up ''
    for part in (string split -n / -- "$dir")
        set up "$up/$part"
        set -p prefixes "$up"
    end
    for up in $prefixes
        set -l d "$up"
        test -n "$d"; or set d /
        set -l v "$up/.venv"
        if test -L "$v"; or test -e "$v"
            set -l why
            if not test -e "$v"
                set why "is a broken symlink"
            else if test -f "$v"
                set -l n
                read -l line <"$v"; and set n "$line"
                if __envman_plain_name "$n"; and __envman_is_env "$store/$n"
                    set -g __envman_auto_found_dir "$store/$n"
                    set -g __envman_auto_found_name "$n"
                    return 0
                end
                __envman_has_control "$n"; and set n "?"
                set why "names '$n', which is not an environment in $store"
            else if test -d "$v"
                set -l match
                for n in "$iname" (string replace -r '.*/' '' -- "$d")
                    if test -n "$n"; and __envman_plain_name "$n"; and test "$v" -ef "$store/$n"
                        set match "$n"
                        break
                    end
                end
                if test -z "$match"; and test -L "$v"
                    set -l n (path resolve -- "$v" | path basename)
                    if test -n "$n"; and __envman_plain_name "$n"; and test "$v" -ef "$store/$n"
                        set match "$n"
                    end
                end
                if test -z "$match"; and test -L "$v"
                    for n in (__envman_names)
                        if test "$v" -ef "$store/$n"
                            set match "$n"
                            break
                        end
                    end
                end
                if test -n "$match"; and __envman_is_env "$store/$match"
                    set -g __envman_auto_found_dir "$store/$match"
                    set -g __envman_auto_found_name "$match"
                    return 0
                else if __envman_is_env "$v"; and not __envman_has_control "$v"
                    set -l n (string replace -r '.*/' '' -- "$d")
                    test -n "$n"; or set n /
                    set -g __envman_auto_found_dir "$v"
                    set -g __envman_auto_found_name "$n"
                    return 3
                end
                set why "is not a virtual environment (it has no pyvenv.cfg)"
            else
                set why "is neither a directory nor a file"
            end
            if test "$mode" != auto; or test "$__envman_auto_warned" != "$v"
                echo "envman: $v $why; no environment activated" >&2
            end
            test "$mode" = auto; and set -g __envman_auto_warned "$v"
            return 2
        end
        if test -n "$idir"; and test "$d" = "$idir"
            set -g __envman_auto_found_dir "$store/$iname"
            set -g __envman_auto_found_name "$iname"
            return 0
        end
    end
    return 1
end
function __envman_auto_index --argument-names store dir --description 'The registered project nearest at or above DIR, from the store project index'
    set -l file "$store/.envman/projects"
    test -f "$file"; and test -r "$file"; or return 0
    set -l best
    set -l bname
    begin
        read -l header
        if test "$header" = "# envman project index 1"
            while read -l line
                set -l parts (string split -m 1 \t -- "$line")
                set -q parts[2]; or continue
                set -l pdir (string replace -r '(.)/$' '$1' -- "$parts[1]")
                if test "$dir" != "$pdir"; and not string match -q -- (string replace -r '/$' '' -- "$pdir")'/*' "$dir"
                    continue
                end
                test (string length -- "$pdir") -gt (string length -- "$best"); or continue
                __envman_plain_name "$parts[2]"; and __envman_is_env "$store/$parts[2]"; or continue
                set -l project (__envman_read_project "$store/$parts[2]" quiet); or continue
                test (string replace -r '(.)/$' '$1' -- "$project") = "$pdir"; or continue
                set best "$pdir"
                set bname "$parts[2]"
            end
        end
    end <"$file"
    set -g __envman_auto_found_dir "$best"
    set -g __envman_auto_found_name "$bname"
end
function __envman_auto_hook_ok --argument-names venv which --description 'May the project hook WHICH of auto-activation\'s env be sourced? Only when allowed'
    test "$venv" = "$__envman_auto_env"; or return 0
    set -l project (__envman_read_project "$venv" quiet); or return 0
    test -f "$project/.virtualenvwrapper/$which.fish"; or return 0
    __envman_auto_trusted "$project"; and return 0
    echo "envman: not sourcing $project/.virtualenvwrapper/$which.fish: the project is not allowed (run 'envman allow $project')" >&2
    return 1
end
function __envman_auto_trusted --argument-names dir --description 'Is DIR allowed (envman allow) and unchanged since? One short process'
    __envman_exec allow --check -- "$dir" >/dev/null 2>&1
end
function __envman_auto_update --description 'A change of directory in auto mode'
    set -g __envman_auto_busy $status_generation
    for i in 1 2 3
        set -l pwd "$PWD"
        set -g __envman_auto_pwd "$PWD"
        __envman_auto_step
        test "$PWD" = "$pwd"; and break
    end
    set -e __envman_auto_busy
    return 0
end
function __envman_auto_step
    set -l ve "$VIRTUAL_ENV"
    if test -n "$__envman_auto_env"; and test "$ve" != "$__envman_auto_env"
        set -g __envman_auto_env
        set -g __envman_auto_aside 1
    end
    __envman_auto_find auto "$PWD"
    set -l rc $status
    set -l dir "$__envman_auto_found_dir"
    set -l name "$__envman_auto_found_name"
    if test $rc -eq 0; or test $rc -eq 3
        test -z "$__envman_auto_aside"; or return 0
        test -z "$ve"; or test "$ve" = "$__envman_auto_env"; or return 0
        test "$ve" != "$dir"; or return 0
        if test $rc -eq 3
            set -l project (string replace -r '/\.venv$' '' -- "$dir")
            test -n "$project"; or set project /
            if test "$__envman_auto_warned" = "$dir"; or not __envman_auto_trusted "$project"
                test "$__envman_auto_warned" = "$dir"
                or echo "envman: $dir is a project-local environment, not activated until you allow it: envman allow $project" >&2
                set -g __envman_auto_warned "$dir"
                set rc 2
            end
        end
        if test $rc -ne 2
            __envman_workon_activate "$name" "$dir" 0 auto
            return 0
        end
    end
    if test $rc -eq 1
        set -g __envman_auto_aside
        set -g __envman_auto_warned
    end
    if test -n "$__envman_auto_env"
        __envman_deactivate
        set -g __envman_auto_env
    end
    return 0
end
function __envman_prefix_match --argument-names home prefix --description 'workon PREFIX: the one env whose name starts with it'
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
function __envman_vars_refresh --argument-names name action --description 'After envman vars NAME set|unset: apply it at once when NAME is active here'
    contains -- "$action" set unset; or return 0
    set -q __envman_active; and test "$VIRTUAL_ENV" = "$__envman_active_dir"; or return 0
    test "$name" = "$__envman_active"; or return 0
    __envman_vars_apply "$__envman_active_dir"
end
function envman --wraps envman --description 'envman, plus activation for new/tmp and a guard on rm'
    switch "$argv[1]"
        case workon
            workon $argv[2..-1]
            return
        case deactivate
            deactivate $argv[2..-1]
            return
        case new
            if contains -- --no-activate $argv; or contains -- -h $argv; or contains -- --help $argv
                __envman_exec $argv
                return
            end
            __envman_run_reporting $argv; or return
            test -n "$__envman_reported"; or return 0
            workon -n "$__envman_reported"
            return
        case tmp
            if contains -- -h $argv; or contains -- --help $argv
                __envman_exec $argv
                return
            end
            __envman_run_reporting tmp --owner-pid $fish_pid $argv[2..-1]; or return
            test -n "$__envman_reported"; or return 0
            __envman_mark_tmp (__envman_home)/"$__envman_reported"
            workon -n "$__envman_reported"
            return
        case allow deny
            __envman_exec $argv
            set -l code $status
            set -g __envman_auto_warned
            __envman_auto_on_pwd
            return $code
        case vars
            __envman_exec $argv; or return
            __envman_vars_refresh $argv[2..3]
            return 0
        case rm
            set -l home (__envman_home)
            for arg in $argv[2..-1]
                if test -n "$VIRTUAL_ENV"; and test "$VIRTUAL_ENV" = "$home/$arg"
                    echo "envman: error: environment '$arg' is active in this shell (run 'deactivate' first)" >&2
                    return 1
                end
            end
    end
    __envman_exec $argv
end
function __envman_require_active
    if test -z "$VIRTUAL_ENV"; or not test -d "$VIRTUAL_ENV"
        echo "ERROR: no virtualenv active, or active virtualenv is missing" >&2
        return 1
    end
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
    set -l project (__envman_read_project "$VIRTUAL_ENV")
    or begin
        echo "Project directory $project does not exist" >&2
        return 1
    end
    builtin cd -- "$project"
end
function lssitepackages --description "List the active env's site-packages"
    __envman_require_active; or return 1
    set -l site (__envman_require_site_packages); or return 1
    command ls $argv -- "$site"
    set -l path_file "$site/_virtualenv_path_extensions.pth"
    if test -f "$path_file"
        echo
        echo "_virtualenv_path_extensions.pth:"
        command cat -- "$path_file"
    end
end
