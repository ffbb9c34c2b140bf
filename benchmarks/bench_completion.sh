#!/usr/bin/env bash
# Completing env names in bash with 1000 envs in the store: median ms per TAB.
#
#   benchmarks/bench_completion.sh [ENVS] [ROUNDS]     (defaults: 1000 envs, 31 rounds)
#
# A fake store (directories with pyvenv.cfg: all completion looks at) in a temp dir. Each
# round runs, alternating so that machine noise hits all of them alike:
#   all     `workon <TAB>`          every name (1000 candidates), names cached by an
#                                   earlier TAB (the store's entries are unchanged)
#   cold    `workon <TAB>`          every name, just after an env was added (the cache
#                                   is rebuilt; also the cost of every TAB while the
#                                   store holds a directory that is not an env)
#   prefix  `envman show env-5<TAB>` a prefix (111 candidates)
#   python  `envman ls -b`          what a completion that starts Python per TAB would pay
# TAB times are taken inside the shell ($EPOCHREALTIME around the completion function),
# as bash itself calls it; the python row is a whole process. Target: all <= 5 ms.
set -euo pipefail
n=${1:-1000}
rounds=${2:-31}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
export WORKON_HOME=$tmp/store
for ((i = 0; i < n; i++)); do
    mkdir -p "$WORKON_HOME/env-$i"
    : >"$WORKON_HOME/env-$i/pyvenv.cfg"
done
mkdir -p "$WORKON_HOME/.envman"

# shellcheck source=/dev/null
source "$here/../completions/envman.bash"

# One TAB on the words "$@", in this shell as bash runs it (a subshell would add fork
# and copy-on-write costs no real TAB pays): sets us (microseconds) and count.
tab() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    local t0=$EPOCHREALTIME
    __envman_comp_complete
    local t1=$EPOCHREALTIME
    us=$(( ${t1/./} - ${t0/./} ))
    count=${#COMPREPLY[@]}
}

envman_cmd=$(command -v envman || true)
: >"$tmp/all"; : >"$tmp/cold"; : >"$tmp/prefix"; : >"$tmp/python"
us=0 count=0
tab workon ""  # warm the directory cache
for ((r = 0; r < rounds; r++)); do
    mkdir "$WORKON_HOME/added-$r"  # a new env: the store changed
    : >"$WORKON_HOME/added-$r/pyvenv.cfg"
    tab workon ""
    echo "$us" >>"$tmp/cold"
    tab workon ""
    echo "$us" >>"$tmp/all"
    all_count=$count
    tab envman show env-5
    echo "$us" >>"$tmp/prefix"
    prefix_count=$count
    rm -r -- "$WORKON_HOME/added-$r"
    if [[ -n $envman_cmd ]]; then
        t0=$EPOCHREALTIME
        "$envman_cmd" ls -b >/dev/null
        t1=$EPOCHREALTIME
        echo "$(( ${t1/./} - ${t0/./} ))" >>"$tmp/python"
    fi
done

median_ms() {
    [[ -s $1 ]] || { echo "-"; return; }
    sort -n "$1" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m / 1000}'
}
all=$(median_ms "$tmp/all")
cold=$(median_ms "$tmp/cold")
prefix=$(median_ms "$tmp/prefix")
python=$(median_ms "$tmp/python")
echo "bash ${BASH_VERSION%%(*}, $n envs, $rounds alternating rounds, median per TAB:"
printf '  %-34s %8s ms  (%s candidates)\n' "workon <TAB> (all names)" "$all" "$all_count"
printf '  %-34s %8s ms\n' "workon <TAB> after the store changed" "$cold"
printf '  %-34s %8s ms  (%s candidates)\n' "envman show env-5<TAB>" "$prefix" "$prefix_count"
printf '  %-34s %8s ms\n' "python process (envman ls -b)" "$python"
if [[ $python != - ]]; then
    awk -v a="$all" -v p="$python" 'BEGIN {printf "  a Python process per TAB would be %.0fx slower\n", p / a}'
fi
