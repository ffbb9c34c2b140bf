# Drive a real compsys run: an interactive zsh in a pseudo-terminal (zpty), compinit,
# the _envman function from $1 (the completions directory), then TAB after each of the
# lines $2, $3, ... compadd is wrapped to print every match it is given ("MATCH:word");
# each line's matches end with a line "END". A line starting with "!" is run as a
# command instead (to change the store between TABs).
# (After zsh-capture-completion by Valodim; rewritten for these tests.)
zmodload zsh/zpty || exit 3
emulate -L zsh
local compdir=$1 line out
shift

zpty envman_capture zsh -f -i
zpty -w envman_capture "PROMPT= RPROMPT= ; setopt no_beep no_zle_bell 2>/dev/null"
zpty -w envman_capture "fpath=(${(q)compdir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w envman_capture "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
zpty -w envman_capture "zstyle ':completion:*' matcher-list ''"
zpty -w envman_capture 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits; builtin compadd -A __hits "$@"; local h
  for h in $__hits; do print -r -- "MATCH:$IPREFIX$h"; done
  builtin compadd "$@"
}'
zpty -w envman_capture 'comptest_done() { print -r -- "END-OF-MATCHES"; }; zle -N comptest_done; bindkey "^X" comptest_done'
zpty -w envman_capture 'print -r -- READY'
while zpty -r envman_capture out; do [[ $out == *READY* && $out != *print* ]] && break; done
for line in "$@"; do
    if [[ $line == '!'* ]]; then
        zpty -w envman_capture "${line#!}"
        continue
    fi
    zpty -w -n envman_capture "$line"$'\t'
    zpty -w -n envman_capture $'\C-x'
    while zpty -r envman_capture out; do
        [[ $out == *END-OF-MATCHES* ]] && break
        [[ $out == *MATCH:* ]] && print -r -- "${${out#*MATCH:}%%$'\r'*}"
    done
    print -r -- END
    zpty -w -n envman_capture $'\C-u'
done
zpty -d envman_capture
