#!/usr/bin/env bash
# End-to-end check of the reader: runs the real binary in tmux on the bundled articles/,
# reads the screen, and checks panels, actor selection and `n`, help, resizing, quitting
# and that the terminal is left sane. Usage: tests/e2e/reader.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -d "$ROOT/articles" ] || { echo "reader.sh: FAIL: no articles/ folder in $ROOT" >&2; exit 1; }

SOCK=newslens-e2e-$$
NAME=reader.sh
. "$(dirname "$0")/lib.sh"
need_tools tmux
trap 'tm kill-server >/dev/null 2>&1' EXIT


# Opening the bundled corpus must leave a git checkout as clean as it was (issue 9, item 5).
in_git=false
git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=true
$in_git && git_before=$(git -C "$ROOT" status --porcelain -- articles)

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

# 5. Reader conventions: zoom, palette, counts, regex errors, mouse, copy, suspend.
# mouse KIND X Y [M|m]: an SGR mouse report (1-based cells) typed into the pane.
mouse() { tm send-keys -t e2e -H $(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" "${4:-M}" | od -An -tx1); }
esc; esc; tm send-keys -t e2e z
for ((i = 0; i < 50; i++)); do screen | grep -q 'Actors (' || break; sleep 0.1; done
screen | grep -q 'Actors (' && fail "z did not hide the panels"
tm send-keys -t e2e z
wait_for 'Actors \(' || fail "z again did not show the panels"
tm send-keys -t e2e :
wait_for 'Commands \(' || fail ": did not open the command palette"
tm send-keys -t e2e -l 'zoom'
wait_for '│zoom +z ' || fail "the palette did not filter to zoom"
tm send-keys -t e2e Enter
wait_for 'panels hidden' || fail "Enter in the palette did not run zoom"
tm send-keys -t e2e z 1 2 G
wait_for 'sentence 12/' || fail "12G did not go to sentence 12"
tm send-keys -t e2e C-o
wait_for 'jumped back' || fail "Ctrl-o did not jump back"
tm send-keys -t e2e / '(x'
wait_for 'invalid pattern: unclosed group' || fail "an invalid regex was not explained"
esc; tm send-keys -t e2e g
# The wheel over the text scrolls; a click on the second Actors row selects that actor.
tm send-keys -t e2e 0
before=$(status)
mouse 65 20 10
wait_for '§1/[0-9]+ · [1-9][0-9]*%' || true
[ "$(status)" != "$before" ] || fail "the mouse wheel did not scroll the text"
row=$(screen | grep -n 'Actors (' | head -1 | cut -d: -f1)
mouse 0 100 $((row + 2)); mouse 0 100 $((row + 2)) m
wait_for 'n/N .* 1/[0-9]+' || fail "a click on an actor did not select it"
# y copies through OSC 52 (no DISPLAY here) into tmux's buffer.
tm set -g set-clipboard on
esc; tm send-keys -t e2e 0 g ')' y
wait_for 'copied [0-9]+ characters to the terminal' || fail "y did not copy"
tm show-buffer 2>/dev/null | grep -q '[A-Za-z]' || fail "the OSC 52 copy did not reach tmux's buffer"
# Ctrl-z suspends to the shell, fg brings the reader back.
tm send-keys -t e2e C-z
wait_for 'Stopped|suspended' || fail "Ctrl-z did not suspend"
tm send-keys -t e2e fg Enter
wait_for 'Actors \(' || fail "fg did not bring the reader back"

# 6. Ctrl-c quits with status 0 and the terminal is sane (canonical mode and echo on).
# (The shell already printed EXIT for the stopped job: fg's own status is the reader's.)
tm send-keys -t e2e C-c
wait_for 'E2E\$ *$' || fail "Ctrl-c did not quit"
tm send-keys -t e2e 'echo FGEXIT=$?' Enter
wait_for 'FGEXIT=0' || fail "Ctrl-c did not quit cleanly"
tm send-keys -t e2e clear Enter 'stty -a | tr " ;" "\n\n" | grep -Ex -- "-?(icanon|echo)" | tr "\n" " "; echo' Enter
wait_for '(^| )icanon echo' || fail "terminal not restored (stty shows no icanon/echo)"
screen | grep -Eq -- '-icanon|-echo( |$)' && fail "terminal left in raw mode"

if $in_git; then
    git_after=$(git -C "$ROOT" status --porcelain -- articles)
    [ "$git_after" = "$git_before" ] || fail "the reader dirtied the checkout: $git_after"
fi

echo "reader.sh: ok (checkout left clean, panels, actor selection and n, help, resize, zoom, palette, counts, jumps, regex errors, mouse, copy, suspend, Ctrl-c, terminal restored)"
