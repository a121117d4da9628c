# Shared helpers of the tmux end-to-end scripts. Source it after setting NAME (the
# script's name for messages) and SOCK (its own tmux socket); every helper drives the
# pane `e2e` on that socket.
# shellcheck shell=bash

tm() { tmux -L "$SOCK" "$@"; }
screen() { tm capture-pane -p -t e2e; }
# status: the reader's last line (status bar).
status() { screen | tail -n 1; }
# fail MESSAGE: say what broke, show the screen, stop.
fail() {
    echo "$NAME: FAIL: $*" >&2
    echo "----- screen -----" >&2
    screen >&2 2>/dev/null
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
# gone REGEX: until the screen no longer matches (5 s).
gone() {
    local i
    for ((i = 0; i < 50; i++)); do
        screen | grep -Eq -- "$1" || return 0
        sleep 0.1
    done
    return 1
}
esc() { tm send-keys -t e2e Escape; sleep 0.3; }
# need_tools TOOL...: fail before anything starts when the binary or a tool is missing.
need_tools() {
    [ -x "$BIN" ] || { echo "$NAME: FAIL: $BIN is not an executable" >&2; exit 1; }
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null || { echo "$NAME: FAIL: $t is not installed" >&2; exit 1; }
    done
}
