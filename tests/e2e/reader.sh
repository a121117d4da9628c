#!/usr/bin/env bash
# End-to-end check of the reader: runs the real binary in tmux on the bundled articles/,
# reads the screen, and checks panels, actor selection and `n`, help, resizing, quitting
# and that the terminal is left sane. Usage: tests/e2e/reader.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "reader.sh: FAIL: $BIN is not an executable" >&2; exit 1; }
[ -d "$ROOT/articles" ] || { echo "reader.sh: FAIL: no articles/ folder in $ROOT" >&2; exit 1; }
command -v tmux >/dev/null || { echo "reader.sh: FAIL: tmux is not installed" >&2; exit 1; }

SOCK=newslens-e2e-$$
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server >/dev/null 2>&1' EXIT

screen() { tm capture-pane -p -t e2e; }
fail() {
    echo "reader.sh: FAIL: $*" >&2
    echo "----- screen -----" >&2
    screen >&2
    exit 1
}
# wait_for REGEX [tenths]: until the screen matches (default 5 s).
wait_for() {
    local i
    for ((i = 0; i < ${2:-50}; i++)); do
        screen | grep -Eq -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
status() { screen | tail -n 1; }

tm -f /dev/null new-session -d -s e2e -x 120 -y 35 \
    "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color PS1='E2E\$ ' bash --norc --noprofile" \
    || fail "cannot start tmux"
wait_for 'E2E\$' || fail "no shell prompt"
tm send-keys -t e2e "cd '$ROOT' && '$BIN' articles; echo EXIT=\$?" Enter

# 1. Text and the three panels, with a non-zero actor count.
wait_for 'Actors \([1-9][0-9]*\)' 100 || fail "no Actors panel with a non-zero count"
wait_for 'Themes \(' || fail "no Themes panel"
wait_for 'Tensions \(' || fail "no Tensions panel"
wait_for '§1/' || fail "no section in the status line"

# 2. Select the first actor, then n jumps to its next mention.
tm send-keys -t e2e 1 Enter
wait_for 'n/N .* 1/[0-9]+' || fail "selecting an actor did not show n/N 1/k in the status"
before=$(status)
count=$(echo "$before" | grep -Eo 'n/N .* 1/[0-9]+' | grep -Eo '[0-9]+$')
tm send-keys -t e2e n
if [ "${count:-1}" -gt 1 ]; then
    wait_for 'n/N .* 2/[0-9]+' || fail "n did not move to the second mention (status was: $before)"
fi

# 3. Help opens and closes.
tm send-keys -t e2e '?'
wait_for 'Help: keys' || fail "? did not open the help"
tm send-keys -t e2e '?'
for ((i = 0; i < 50; i++)); do screen | grep -q 'Help: keys' || break; sleep 0.1; done
screen | grep -q 'Help: keys' && fail "? did not close the help"

# 4. Resize smaller, tiny, and back: a usable layout or the too-small notice, never a crash.
tm resize-window -t e2e -x 60 -y 20
wait_for 'Actors \(|too small' || fail "no layout at 60x20"
tm resize-window -t e2e -x 30 -y 8
wait_for 'too small' || fail "no too-small notice at 30x8"
tm resize-window -t e2e -x 120 -y 35
wait_for 'Actors \([1-9]' || fail "layout not back at 120x35"

# 5. q quits with status 0 and the terminal is sane (canonical mode and echo on).
tm send-keys -t e2e q
wait_for 'EXIT=0' || fail "q did not quit cleanly"
tm send-keys -t e2e clear Enter 'stty -a | tr " ;" "\n\n" | grep -Ex -- "-?(icanon|echo)" | tr "\n" " "; echo' Enter
wait_for '(^| )icanon echo' || fail "terminal not restored (stty shows no icanon/echo)"
screen | grep -Eq -- '-icanon|-echo( |$)' && fail "terminal left in raw mode"

echo "reader.sh: ok (panels, actor selection and n, help, resize, quit, terminal restored)"
