# envman for fish, GENERATED from envman-rc.fish: edit that, run generate.py
function __envman_auto_on_pwd --on-variable PWD
    test "$__envman_auto_busy" = "$status_generation"; and return
    set -g __envman_auto_pwd "$PWD"
    contains -- "$ENVMAN_AUTO_ACTIVATE" 1 true yes on; and __envman_auto_update
end
function __envman_auto_first_prompt --on-event fish_prompt
    functions -e __envman_auto_first_prompt
    test "$PWD" = "$__envman_auto_pwd"; or __envman_auto_on_pwd
end
if not set -q VIRTUAL_ENV; or set -q __envman_active
    function deactivate -d 'Leave the active environment: deactivate [nondestructive]'
        __envman_deactivate $argv
    end
end
set -l __envman_dir (status dirname)
switch "$__envman_dir"
    case '/*'
    case .
        set __envman_dir "$PWD"
    case '*'
        set __envman_dir "$PWD/$__envman_dir"
end
set -q __envman_core_file; and set -l __envman_again
set -g __envman_lazy_file "$__envman_dir/envman-lazy.fish"
set -g __envman_core_file "$__envman_dir/envman-core.fish"
set -g __envman_compat 1
switch "$ENVMAN_COMPAT"
    case 0 false no off
        set -g __envman_compat 0
    case ''
        builtin path filter -rq -- $ENVMAN_CONFIG "$XDG_CONFIG_HOME/envman/config.toml" \
            "$HOME/.config/envman/config.toml" "$HOME/Library/Application Support/envman/config.toml"
        and builtin source "$__envman_dir/envman-load.fish"; and __envman_config_compat
end
set -l __envman_prefix
if string match -qr -- '^:(?<__envman_prefix>.*)/lib/python[^/]*/(?:site|dist)-packages/envman/shell$' "$ENVMAN_PROGRAM:$__envman_dir"
    and builtin path filter -qfx -- "$__envman_prefix/bin/envman"
    set -g __envman_program "$__envman_prefix/bin/envman"
else
    builtin source "$__envman_dir/envman-load.fish"; and __envman_find_program_elsewhere "$__envman_dir" $__envman_program
end
contains -- "$__envman_dir/../completions/fish" $fish_complete_path
or set -g fish_complete_path "$__envman_dir/../completions/fish" $fish_complete_path
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
set -l __envman_store "$WORKON_HOME"
test -n "$__envman_store"; or set __envman_store "$HOME/.virtualenvs"
string match -qr -- '^(?:/(?!\.(?:/|$))[^/[:cntrl:]]+)+$' "$__envman_store"
and set -g __envman_home_clean "$__envman_store"
or __envman_home_set
or set -e __envman_home_clean
if test "$__envman_compat" != 0
    set -q __envman_home_clean; and set -gx WORKON_HOME $__envman_home_clean
    test -n "$VIRTUALENVWRAPPER_HOOK_DIR"; or set -gx VIRTUALENVWRAPPER_HOOK_DIR "$WORKON_HOME"
    test -n "$VIRTUALENVWRAPPER_PROJECT_FILENAME"; or set -gx VIRTUALENVWRAPPER_PROJECT_FILENAME .project
    test -n "$VIRTUALENVWRAPPER_WORKON_CD"; or set -gx VIRTUALENVWRAPPER_WORKON_CD 1
    test -n "$VIRTUALENVWRAPPER_SCRIPT"; or set -g VIRTUALENVWRAPPER_SCRIPT "$__envman_dir/envman.fish"
    if set -q __envman_home_clean; and test -f "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        and string match -qrv '^\s*(#.*)?$' <"$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
        __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize.fish"
    end
end
