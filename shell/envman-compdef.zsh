# envman's zsh completion after compinit (or a plugin manager's compdef): envman.zsh sources this
() {
    \builtin setopt localoptions noksharrays; \builtin unsetopt errexit nounset
    local _em_names="" _em_name; IFS= \builtin read -r _em_names < "$__envman_comp_dir/_envman" || :
    case "$_em_names" in "#compdef "*) _em_names="${_em_names#"#compdef "}" ;; *) _em_names="envman" ;; esac
    \builtin autoload -Uz _envman 2>/dev/null || :
    if [[ ${(t)_comps-} = association* ]]; then for _em_name in ${=_em_names}; do _comps[$_em_name]=_envman; done
    else compdef _envman ${=_em_names} 2>/dev/null || :; fi
}
