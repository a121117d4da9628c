#!/usr/bin/env bash
# Hostile input, end to end, with the real binary: a corpus whose front matter, text, file
# names and sidecars carry terminal escapes, bidi controls and line separators; a FIFO and a
# /dev/zero link as sidecars; a symbolic link from the annotations folder out of the corpus;
# a link to a folder outside the corpus. Every subcommand's stdout and stderr are captured
# raw and searched for escape bytes; the reader runs in tmux with its output captured by
# pipe-pane; SIGQUIT must restore the terminal. Usage: tests/e2e/hostile.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "hostile.sh: FAIL: $BIN is not an executable" >&2; exit 1; }
command -v tmux >/dev/null || { echo "hostile.sh: FAIL: tmux is not installed" >&2; exit 1; }

WORK=$(mktemp -d)
SOCK=newslens-hostile-$$
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
fail() { echo "hostile.sh: FAIL: $*" >&2; exit 1; }

# Bytes no outside text may put on a terminal: ESC, C1 controls (UTF-8 C2 80..9F), bidi
# controls (E2 80 8E/8F/AA..AE, E2 81 A6..A9), U+2028/U+2029 (E2 80 A8/A9).
has_escape() {
    LC_ALL=C grep -qaP '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}

C=$WORK/corpus
mkdir -p "$C/sub" "$WORK/elsewhere" "$WORK/outside"
printf '+++\ntitle = "Title \\u001b]0;PWNED\\u0007 \\u202e"\ndate = "\\u001b]0;PWNED\\u0007"\nsource = "\\u009b31m"\n+++\n\nFrance and Russia clashed over Mali.\xe2\x80\xa8 Togo \xc2\x9b31m \xe2\x80\xaeevil text. \xf0\x9f\x87\xb9\xf0\x9f\x87\xac \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \x1b[31mred\x1b[0m\n' >"$C/a.md"
printf '# Escape \x1b]0;PWNED\x07 in a heading\n\nThe West vs Russia.\n' >"$C/sub/b.md"
printf '# Plain\n\nNothing here.\n' >"$C/name-$(printf '\x1b')[31m.md"
printf '# Far\n\nFar away.\n' >"$WORK/outside/far.md"
ln -s "$WORK/outside" "$C/linked-out"
mkdir -p "$C/.newslens/annotations"
mkfifo "$C/.newslens/annotations/a.toml"
cat >"$WORK/import.json" <<'EOF'
[{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","body":[],
  "target":{"source":"nowhere\u001b]52;c;SGVsbG8=\u0007",
            "selector":[{"type":"TextQuoteSelector","exact":"France"}]}}]
EOF
cd "$WORK" || fail "no work folder"

# 1. Every subcommand: no escape on either stream, no hang on the FIFO sidecar.
run() {
    local name=$1
    shift
    timeout 20 "$BIN" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    local rc=$?
    [ $rc -eq 124 ] && fail "$name hung (FIFO sidecar?)"
    has_escape "$WORK/$name.out" && fail "$name: escape bytes on stdout"
    has_escape "$WORK/$name.err" && fail "$name: escape bytes on stderr: $(cat -v "$WORK/$name.err")"
    return 0
}
run analyze-json analyze "$C" --format json
run analyze-jsonl analyze "$C" --format jsonl
run analyze-text analyze "$C" --format text
run check check "$C"
run export-md export "$C" --format md
run export-json export "$C" --format json
run export-csv export "$C" --format csv
run import import "$WORK/import.json" "$C"
grep -q 'not a regular file' "$WORK/check.out" || fail "check does not say the FIFO sidecar is not a regular file"
grep -q 'outside the corpus' "$WORK/check.out" || fail "check does not say the link out of the corpus was skipped"
grep -q 'far' "$WORK/analyze-text.out" && fail "a folder outside the corpus was loaded"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "\u2028" in d["articles"][0]["body"]' \
        "$WORK/analyze-json.out" || fail "analyze --format json is not valid or not byte-exact"
fi

# 2. Writes never follow a link out of the corpus.
rm -f "$C/.newslens/annotations/a.toml"
rm -rf "$C/.newslens/annotations"
ln -s "$WORK/elsewhere" "$C/.newslens/annotations"
echo 'keep = true' >"$WORK/elsewhere/a.toml"
"$BIN" export "$C" --format json >"$WORK/w3c.json" 2>/dev/null
cat >"$WORK/import2.json" <<'EOF'
[{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","id":"urn:uuid:1",
  "body":[{"type":"TextualBody","purpose":"commenting","value":"n"}],
  "target":{"source":"a","selector":[{"type":"TextQuoteSelector","exact":"France"}]}}]
EOF
timeout 20 "$BIN" import "$WORK/import2.json" "$C" >/dev/null 2>"$WORK/import2.err"
[ "$(cat "$WORK/elsewhere/a.toml")" = 'keep = true' ] || fail "import wrote through a link out of the corpus"
grep -q 'outside the corpus' "$WORK/import2.err" || fail "import did not say why it refused: $(cat "$WORK/import2.err")"
rm "$C/.newslens/annotations"
mkdir -p "$C/.newslens/annotations"

# 3. A sidecar linked to /dev/zero is refused at once.
ln -s /dev/zero "$C/.newslens/annotations/a.toml"
timeout 20 "$BIN" check "$C" >"$WORK/zero.out" 2>&1
[ $? -eq 124 ] && fail "check hung on a /dev/zero sidecar"
grep -q 'not a regular file' "$WORK/zero.out" || fail "no clear message for the /dev/zero sidecar"
rm "$C/.newslens/annotations/a.toml"

# 4. The reader: raw bytes written to the terminal, captured by pipe-pane.
tm -f /dev/null new-session -d -s h -x 120 -y 35 \
    "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color PS1='H\$ ' bash --norc --noprofile" \
    || fail "cannot start tmux"
sleep 0.5
tm pipe-pane -t h "cat >>'$WORK/raw.bin'"
tm send-keys -t h "'$BIN' '$C'; echo EXIT=\$?" Enter
for ((i = 0; i < 100; i++)); do tm capture-pane -p -t h | grep -q 'Actors' && break; sleep 0.1; done
tm capture-pane -p -t h | grep -q 'Actors' || fail "the reader did not start"
tm send-keys -t h J
sleep 0.5
tm send-keys -t h J
sleep 0.5
tm pipe-pane -t h
# The reader's own escapes are fine; those from outside text would carry these payloads.
[ -s "$WORK/raw.bin" ] || fail "nothing captured from the reader"
LC_ALL=C grep -qaP '\x1b\]0;PWNED|\x1b\]52|\x1b\[31mred' "$WORK/raw.bin" \
    && fail "an escape from outside text reached the terminal"
LC_ALL=C grep -qaP '\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xe2\x80\x8d' "$WORK/raw.bin" \
    && fail "C1, bidi, separator or ZWJ bytes reached the terminal"

# 5. SIGQUIT restores the terminal (echo and canonical mode back, alternate screen left).
# Raw mode turns Ctrl-\ into a key, so the signal comes from outside, as in the audit.
shell_pid=$(tm display-message -p -t h '#{pane_pid}')
reader_pid=$(pgrep -P "$shell_pid" | head -n 1)
[ -n "$reader_pid" ] || fail "cannot find the reader's process"
kill -QUIT "$reader_pid"
# "EXIT=" alone matches the typed command line ("echo EXIT=$?"): wait for a status.
for ((i = 0; i < 50; i++)); do tm capture-pane -p -t h | grep -q 'EXIT=[0-9]' && break; sleep 0.1; done
tm capture-pane -p -t h | grep -q 'EXIT=131' || fail "SIGQUIT did not end the reader with status 131"
tm send-keys -t h clear Enter 'stty -a | tr " ;" "\n\n" | grep -Ex -- "-?(icanon|echo)" | tr "\n" " "; echo' Enter
sleep 0.5
tm capture-pane -p -t h | grep -Eq '(^| )icanon echo' || fail "terminal left raw after SIGQUIT"

echo "hostile.sh: ok (no escapes on any stream or in the reader's bytes, FIFO and /dev/zero refused, no writes through links, links out skipped, SIGQUIT restores)"
