
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
for __envman_name in __envman_source_hook __envman_forget __envman_deactivate
    function $__envman_name -V __envman_name
        builtin source "$__envman_core_file"; and $__envman_name $argv
    end
end

function __envman_auto_update
    builtin source "$__envman_lazy_file"; and __envman_auto_update
end
for __envman_name in __envman_config_compat __envman_find_program_elsewhere
    function $__envman_name -V __envman_name
        builtin source "$__envman_load_file"; and $__envman_name $argv
    end
end


function __envman_on_virtual_env --on-variable VIRTUAL_ENV --description 'Someone else took over VIRTUAL_ENV'
    set -q __envman_active; or return 0
    test "$VIRTUAL_ENV" = "$__envman_active_dir"; and return 0
    __envman_forget
end


function __envman_auto_on_pwd --on-variable PWD
    set -q __envman_auto_busy; and test "$__envman_auto_busy" = "$status_generation"; and return 0
    set -g __envman_auto_pwd "$PWD"
    contains -- "$ENVMAN_AUTO_ACTIVATE" 1 true yes on; and __envman_auto_update
end

function __envman_auto_first_prompt --on-event fish_prompt
    functions -e __envman_auto_first_prompt
    test "$PWD" = "$__envman_auto_pwd"; or __envman_auto_on_pwd
end

if not set -q VIRTUAL_ENV; or set -q __envman_active
    function deactivate --description 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
end


set -l __envman_dir (status dirname)
switch "$__envman_dir"
    case .
        set __envman_dir "$PWD"
    case '/*'
    case '*'
        set __envman_dir "$PWD/$__envman_dir"
end
set -g __envman_lazy_file "$__envman_dir/envman-lazy.fish"
set -g __envman_core_file "$__envman_dir/envman-core.fish"
set -g __envman_load_file "$__envman_dir/envman-load.fish"

if set -q ENVMAN_COMPAT; and test -n "$ENVMAN_COMPAT"
    switch "$ENVMAN_COMPAT"
        case 0 false no off
            set -g __envman_compat 0
        case '*'
            set -g __envman_compat 1
    end
else
    set -g __envman_compat 1
    set -l file "$ENVMAN_CONFIG"
    if test -z "$file"
        if test -n "$XDG_CONFIG_HOME"
            set file "$XDG_CONFIG_HOME/envman/config.toml"
        else
            set file "$HOME/.config/envman/config.toml"
            test -r "$file"; or set file "$HOME/Library/Application Support/envman/config.toml"
        end
    end
    test -r "$file"; and __envman_config_compat "$file"
end

set -l __envman_previous $__envman_program
set -g __envman_program
if test -z "$ENVMAN_PROGRAM"
    set -l parts (string split -r -m1 /lib/python -- "$__envman_dir")
    switch "$parts[2]"
        case '*/*/*/*/*'
        case '*/site-packages/envman/shell' '*/dist-packages/envman/shell'
            test -f "$parts[1]/bin/envman" -a -x "$parts[1]/bin/envman"
            and set -g __envman_program "$parts[1]/bin/envman"
    end
end
set -q __envman_program[1]; or __envman_find_program_elsewhere "$__envman_dir" $__envman_previous

if test -d "$__envman_dir/../completions/fish"
    contains -- "$__envman_dir/../completions/fish" $fish_complete_path
    or set -g fish_complete_path "$__envman_dir/../completions/fish" $fish_complete_path
end

set -l __envman_store "$WORKON_HOME"
switch "$__envman_store"
    case ''
        set __envman_store "$HOME/.virtualenvs"
    case '~' '~/*'
        set __envman_store "$HOME"(string sub -s 2 -- "$__envman_store")
    case '/*'
    case '*'
        set __envman_store "$HOME/$__envman_store"
end
switch "$__envman_store"
    case '*//*' '*/./*' '*?/' '*/.'
        set __envman_store (string replace -ra -- '/(\.?/)+' / "$__envman_store" | string replace -r -- '(.)/\.?$' '$1')
end
set -l __envman_store_ok 1
if string match -qr '[[:cntrl:]]' -- "$__envman_store"
    echo "envman: error: WORKON_HOME contains a newline or another control character; set it to a directory path without one" >&2
    set __envman_store_ok 0
else
    set -g __envman_home_clean "$__envman_store"
end

if test "$__envman_compat" != 0
    test $__envman_store_ok = 1; and set -gx WORKON_HOME $__envman_store
    test -n "$VIRTUALENVWRAPPER_HOOK_DIR"; or set -gx VIRTUALENVWRAPPER_HOOK_DIR "$WORKON_HOME"
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; or set -gx VIRTUALENVWRAPPER_PROJECT_FILENAME .project
    test -n "$VIRTUALENVWRAPPER_WORKON_CD"; or set -gx VIRTUALENVWRAPPER_WORKON_CD 1
    test -n "$VIRTUALENVWRAPPER_SCRIPT"; or set -g VIRTUALENVWRAPPER_SCRIPT "$__envman_dir/envman.fish"
    if test -r "$__envman_dir/envman-compat.fish"
        set -g __envman_compat_file "$__envman_dir/envman-compat.fish"
        for __envman_name in mkvirtualenv mktmpenv lsvirtualenv showvirtualenv \
            rmvirtualenv cpvirtualenv allvirtualenv wipeenv add2virtualenv mkproject \
            setvirtualenvproject toggleglobalsitepackages virtualenvwrapper
            function $__envman_name -V __envman_name --description "virtualenvwrapper's $__envman_name (envman)"
                builtin source "$__envman_compat_file"
                $__envman_name $argv
            end
        end
    end
    if test $__envman_store_ok = 1; and test -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        and string match -qrv '^\s*(#.*)?$' <"$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
    end
end
