# envman shell integration for bash and zsh: the SOURCE of envman.sh (bash) and
# envman.zsh (zsh), which completions/generate.py writes from this file; nothing loads
# it. Edit it, then run `python completions/generate.py`. Each output keeps only its
# own shell's side of every `if [ -n "${ZSH_VERSION-}" ]; then ... else ... fi` (the
# three words on lines of their own at one indentation, no elif), its own spelling of
# the stubs (the generated blocks, empty here) and no comment lines: every line of
# the outputs is parsed at every shell start. `#zsh: CODE` lines are CODE in envman.zsh
# (zsh syntax kept from shellcheck). envman.sh also sends zsh to envman.zsh (an rc
# line may source envman.sh in zsh). envman.ksh is made from envman.sh's text.
#
# In ~/.bashrc or ~/.zshrc: what `envman init bash` prints, appended once (`envman init
# bash >> ~/.bashrc`: the program's path and a guarded `source` of this file's output; no
# Python starts), or `eval "$(envman init bash)"` (one Python start per shell). Defines
# envman, workon, deactivate, the cd helpers and, unless ENVMAN_COMPAT=0 or `[shell]
# compat = false`, virtualenvwrapper's names, hooks and variables. What they run is in
# envman-core.sh, envman-lazy.sh and envman-compat*.sh, sourced on first use. The rules
# all these files follow are in envman-core.sh's header.
# shellcheck shell=bash disable=SC2034  # _OLD_VIRTUAL_* and the like are the user's

# (said in any POSIX shell: ksh93 and dash have no `builtin`)
# shellcheck disable=SC2317  # the second return is for those shells
if [ -z "${BASH_VERSION-}" ] && [ -z "${ZSH_VERSION-}" ]; then
    \command printf '%s\n' "envman: envman.sh is for bash and zsh (ksh93: envman.ksh; fish: envman.fish)" >&2
    \builtin return 1 2>/dev/null || return 1
fi

# Globals made here, not in functions (zsh's warn_create_global): only those this file
# and the functions it defines assign (each one here costs every start); the ones only
# the loaded files read are envman-base.sh's, which is sourced before any of them (and
# again after this file is). __envman_auto_pwd keeps its value when loaded again.
# (bash runs `[[ ]]` in half the instructions of `[ ]`, a builtin: the tests here use it)
__envman_base_loaded="" __envman_auto_busy="" __envman_auto_pwd="${__envman_auto_pwd-}"

# ---------------------------------------------------------------- loaded on first use
# Each stub sources its file, which replaces the stubs, then runs the real function:
# envman-lazy.sh (what a start and a plain workon never need; the core stubs the rest)
# or envman-core.sh (workon, deactivate, the cd helpers and what they share), each
# after envman-base.sh (the helpers all the files share), once.
__envman_lazy() { __envman_load envman-lazy.sh && __envman_lazy_loaded=1; }
__envman_core() { __envman_load envman-core.sh; }
__envman_load() {
    [[ -n $__envman_base_loaded || $1 = envman-base.sh ]] || __envman_load envman-base.sh || return 1
    if [[ -r $__envman_shell_dir/$1 ]]; then
        \builtin . "$__envman_shell_dir/$1"
    else
        \builtin printf '%s\n' "envman: error: $__envman_shell_dir/$1 is missing (reinstall envman)" >&2
        return 1
    fi
}
# Each stub's loader asks this first: a copy of a stub made before its first use (to
# wrap it) would load the file, call itself by its own name and do it again, until the
# shell ran out of stack; it says so once instead.
if [ -n "${ZSH_VERSION-}" ]; then
    #zsh: __envman_stub_ok() { [[ "${funcstack[@]:2:1}" != "${funcstack[@]:1:1}" ]] || { \builtin printf '%s\n' "envman: error: ${funcstack[@]:1:1} copies a stub (copy it after first use)" >&2; return 1; }; }
    :
else
    __envman_stub_ok() { [[ ${FUNCNAME[3]-} != "${FUNCNAME[1]}" ]] || { \builtin printf '%s\n' "envman: error: ${FUNCNAME[2]} copies a stub (copy it after first use)" >&2; return 1; }; }
fi
# The stubs (generate.py's, one spelling per shell): envman-lazy.sh's, the core's
# >>> generated: lazy stubs
:
# <<< generated: lazy stubs
# >>> generated: core stubs
:
# <<< generated: core stubs

# A prompt (auto-activation): one comparison, $? kept; the rest is envman-lazy.sh's.
__envman_auto_prompt() {
    local _em_status=$?
    if [[ $PWD != "${__envman_auto_pwd-}" && -z ${__envman_auto_busy-} ]]; then
        __envman_auto_pwd="$PWD"
        case "${ENVMAN_AUTO_ACTIVATE-}" in 1 | true | yes | on) __envman_auto_update ;; esac
    fi
    if [ -n "${ZSH_VERSION-}" ]; then
        # zsh gives every precmd function and the prompt the command's own status: a
        # failure handed on here would only fire ZERR traps and ERR_EXIT again
        return 0
    else
        # bash: the PROMPT_COMMAND entries after this one see what it returns (PS1 sees
        # the command's status anyway), but a failure under `set -e` would close the
        # shell, after `! true` or a Ctrl-C at the prompt that fail nothing without envman
        [[ $_em_status = 0 || $- != *e* ]] || return 0
        return "$_em_status"
    fi
}

if [ -n "${ZSH_VERSION-}" ]; then
    :
else
    # bash's first TAB on a name registered below (envman-base.sh completes it)
    __envman_lazy_complete() { __envman_load envman-base.sh && __envman_lazy_complete "$@"; }
fi

# (Top level, not a function: bash copies a function's body to define and to run it.)
# Our deactivate, unless a venv activated by hand owns the name right now.
if [[ -z ${VIRTUAL_ENV-} || ${__envman_active-} = "${VIRTUAL_ENV-}" ]] \
    || ! \builtin typeset -f deactivate >/dev/null 2>&1; then
    deactivate() { __envman_deactivate "$@"; }
fi

# This file's directory, absolute (still right after a cd).
if [ -n "${ZSH_VERSION-}" ]; then
    # $0 under FUNCTION_ARGZERO (the default; not POSIX_ARGZERO) when `.` was given a
    # path; else %x (a prompt expansion, which costs more than this whole block)
    if [[ -o functionargzero ]] && ! [[ -o posixargzero ]] 2>/dev/null && [[ "$0" = */* ]]; then
        __envman_shell_dir="$0"
    else
        \builtin eval '__envman_shell_dir="${(%):-%x}"'
    fi
else
    __envman_shell_dir="${BASH_SOURCE[0]-}"
fi
case "$__envman_shell_dir" in
    /*/*) ;;
    *) __envman_shell_dir="$PWD/${__envman_shell_dir#./}" ;;
esac
# (one command: the second assignment reads the first's value; zsh's :h costs a third of
# the pattern %/*, ~60k instructions less at every start)
if [ -n "${ZSH_VERSION-}" ]; then
    #zsh: __envman_shell_dir="${__envman_shell_dir:h}" __envman_comp_dir="${__envman_shell_dir:h}/completions"
    :
else
    __envman_shell_dir="${__envman_shell_dir%/*}" __envman_comp_dir="${__envman_shell_dir%/*}/completions"
fi

# ENVMAN_COMPAT, else `[shell] compat = false` in config.toml (parsed by envman-lazy.sh
# only when the file says `compat = false` somewhere)
case "${ENVMAN_COMPAT-}" in
    "")
        __envman_compat=1 __envman_found="${ENVMAN_CONFIG:-${XDG_CONFIG_HOME:-${HOME-}/.config}/envman/config.toml}"
        [[ -r $__envman_found || -n ${ENVMAN_CONFIG-}${XDG_CONFIG_HOME-} ]] \
            || __envman_found="${HOME-}/Library/Application Support/envman/config.toml"
        if [[ -r $__envman_found ]]; then
            if [ -n "${ZSH_VERSION-}" ]; then
                __envman_reply="$(<"$__envman_found")"
            else
                IFS= \builtin read -r -d '' __envman_reply < "$__envman_found" || :
            fi
            case "$__envman_reply" in
                *compat*=*false*) __envman_lazy && __envman_config_compat "$__envman_found" && __envman_compat="$__envman_reply" ;;
            esac
        fi
        ;;
    0 | false | no | off) __envman_compat=0 ;;
    *) __envman_compat=1 ;;
esac

# The envman program, by absolute path (its venv's bin/ may leave PATH). Here the
# wheel's case (PREFIX/lib/pythonX.Y/site-packages/envman/shell/ and PREFIX/bin/);
# anything else is envman-lazy.sh's.
case "${ENVMAN_PROGRAM-}:${__envman_shell_dir%/envman/shell}" in
    :*/lib/python*/*-packages) __envman_reply="${__envman_shell_dir%/lib/python*}/bin/envman" ;;
    *) __envman_reply="" ;;
esac
# (the core's runner takes __envman_program before __envman_python, which only the
# search below sets; it starts from the program this shell had before, its last resort)
if [[ -f $__envman_reply && -x $__envman_reply ]]; then
    __envman_program="$__envman_reply"
else
    __envman_lazy && __envman_find_program_elsewhere "$__envman_shell_dir"
fi

# Completion, and auto-activation's prompt hooks whatever ENVMAN_AUTO_ACTIVATE says now
if [ -n "${ZSH_VERSION-}" ]; then
    # ../completions in fpath; after compinit, compdef the #compdef line's names
    # (a search and an insertion: joining fpath and assigning it all cost 5x more)
    # (zsh's own syntax, which the source hides from shellcheck: `#zsh: ` lines)
    if [[ -s $__envman_comp_dir/_envman ]]; then
        #zsh: () { \builtin setopt localoptions noksharrays; (( ${fpath[(Ie)$__envman_comp_dir]} )) || fpath[1,0]=("$__envman_comp_dir"); }
        # After compinit (_comps exists): what compdef does for plain names, one
        # assignment each; compdef itself parses each name against its patterns (~0.3
        # ms for these 22 names) and `typeset -f compdef` prints all its body (~0.08
        # ms). Before compinit, a compdef some plugin manager defines to replay later.
        # That code is envman-compdef.zsh's: zsh reads a file's code in fewer
        # instructions than the same code as a quoted word to `eval`, and a start that
        # needs none of it no longer parses it (callgrind, `zsh -i -c true`: rc line
        # 2.47M -> 2.40M without compinit, 3.80M -> 3.72M with it)
        # (`.` of a missing file ends a zsh with ERR_EXIT or POSIX_BUILTINS: test it first)
        if [[ -n ${_comps+set} ]] || \builtin typeset -f compdef >/dev/null 2>&1; then
            # shellcheck source=/dev/null
            [[ ! -r $__envman_shell_dir/envman-compdef.zsh ]] || \builtin . "$__envman_shell_dir/envman-compdef.zsh"
        fi
    fi
    \builtin typeset -ga chpwd_functions precmd_functions
    # (each added once: (re) gives the name or nothing whatever KSH_ARRAYS says, where
    # the index (Ie) needed noksharrays in a function of its own, ~30k instructions more;
    # the `-` keeps NO_UNSET quiet when the name is not there)
    #zsh: [[ -n ${chpwd_functions[(re)__envman_auto_prompt]-} ]] || chpwd_functions+=(__envman_auto_prompt)
    #zsh: [[ -n ${precmd_functions[(re)__envman_auto_prompt]-} ]] || precmd_functions=(__envman_auto_prompt "${precmd_functions[@]}")
else
    # the completion file is sourced on the first TAB (names: generate.py's list)
    if [[ -s $__envman_comp_dir/envman.bash ]]; then
        # >>> generated: bash lazy completion
        :
        # <<< generated: bash lazy completion
    fi
    case "${PROMPT_COMMAND-}" in
        __envman_auto_prompt*) ;;
        "") PROMPT_COMMAND="__envman_auto_prompt" ;;
        *) PROMPT_COMMAND="__envman_auto_prompt"$'\n'"$PROMPT_COMMAND" ;;
    esac
fi

# A store path the shells cannot carry: said once; no hook file made or sourced.
# The rest is compat mode's: virtualenvwrapper's variables, exported at load; the
# hook files it makes (all global ones but the two cp ones; the common case, all
# there, is one test); `initialize` sourced at the end, after the stubs, unless it
# holds only comments (as made: no permission check at start).
# (the store as __envman_store_checked has it, which runs only when the path is not
# already in its final spelling: the usual cases are one `case`)
# __envman_init_hook: "" so far, 0 for a store path refused, 1 to source `initialize`
__envman_init_hook="" __envman_reply="${WORKON_HOME:-${HOME-}/.virtualenvs}"
case "$__envman_reply" in
    [!/]* | *//* | */./* | */. | */ | *[$'\001'-$'\037'$'\177']*)
        __envman_load envman-base.sh && __envman_store_checked || __envman_init_hook=0 ;;
esac
if [[ $__envman_compat = 1 ]]; then
    \builtin export WORKON_HOME="$__envman_reply" \
        VIRTUALENVWRAPPER_HOOK_DIR="${VIRTUALENVWRAPPER_HOOK_DIR:-$__envman_reply}" \
        VIRTUALENVWRAPPER_PROJECT_FILENAME="${VIRTUALENVWRAPPER_PROJECT_FILENAME:-.project}" \
        VIRTUALENVWRAPPER_WORKON_CD="${VIRTUALENVWRAPPER_WORKON_CD:-1}"
    VIRTUALENVWRAPPER_SCRIPT="${VIRTUALENVWRAPPER_SCRIPT:-$__envman_shell_dir/envman.sh}" \
        __envman_reply="$VIRTUALENVWRAPPER_HOOK_DIR"
    if [[ -z $__envman_init_hook && -d $__envman_reply ]]; then
        if ! [[ -e $__envman_reply/initialize && -e $__envman_reply/premkvirtualenv \
            && -e $__envman_reply/postmkvirtualenv && -e $__envman_reply/prermvirtualenv \
            && -e $__envman_reply/postrmvirtualenv && -e $__envman_reply/predeactivate \
            && -e $__envman_reply/postdeactivate && -e $__envman_reply/preactivate \
            && -e $__envman_reply/postactivate && -e $__envman_reply/get_env_details \
            && -e $__envman_reply/premkproject && -e $__envman_reply/postmkproject ]]; then
            # (the list is envman-base.sh's, read once the stub has loaded it)
            # shellcheck disable=SC2154
            __envman_lazy && __envman_make_hooks "$__envman_reply" "$__envman_global_hooks"
        fi
        # (__envman_make_hooks may have changed __envman_reply)
        if [[ -f $VIRTUALENVWRAPPER_HOOK_DIR/initialize ]]; then
            # (zsh's $(<file) forks no process and costs half its read -d '')
            if [ -n "${ZSH_VERSION-}" ]; then
                __envman_reply="$(<"$VIRTUALENVWRAPPER_HOOK_DIR/initialize")"
            else
                IFS= \builtin read -r -d '' __envman_reply < "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
            fi
            case $'\n'"$__envman_reply" in *$'\n'[!#$'\n']*) __envman_init_hook=1 ;; esac
        fi
    fi
fi
# The stubs of virtualenvwrapper's names (names: generate.py's list) are defined at
# top level, after a return: one inside an `if` costs more to parse.
if [[ $__envman_compat != 1 || ! -r $__envman_shell_dir/envman-compat.sh ]]; then
    [[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
    \builtin unset __envman_init_hook
    \builtin return 0
fi
# >>> generated: compat stubs
:
# <<< generated: compat stubs
[[ $__envman_init_hook != 1 ]] || __envman_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR/initialize" || :
\builtin unset __envman_init_hook
