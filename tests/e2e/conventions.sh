#!/usr/bin/env bash
# End-to-end checks of issue 9's fixes and reader conventions that reader.sh and annotate.sh
# do not already cover, in the real binary (in tmux where a screen is involved), on a small
# corpus written here: a missing path fails before the terminal is touched; `check` counts
# skipped files; Latin after CJK wraps whole; actor kind letters; labels cut alike show where
# they differ; help's g/G; regex search history and `*`; a click in the text and a drag;
# Ctrl-o and Alt-i; Y copies a citation; Ctrl-c asks while a note is being written; free tags used before are offered and the tag list
# scrolls with a hint at 60x16; a click in the Notes panel picks the note under it; the note
# detail follows a tag filter; $EDITOR round trip (final newline, 0600, unchanged note); CSV
# export defuses formulas; re-importing reports unchanged notes; the QDPX export holds the
# notes; every correction that no longer applies is listed (`!`) and kept.
# Usage: tests/e2e/conventions.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

SOCK=newslens-e2e-conventions-$$
NAME=conventions.sh
. "$(dirname "$0")/lib.sh"
need_tools tmux python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newslens-conventions.XXXXXX")
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
C=$WORK/corpus
mkdir -p "$C"

# mouse_click X Y: a left click (SGR report, 1-based cells) typed into the pane.
mouse_click() {
    tm send-keys -t e2e -H $(printf '\033[<0;%s;%sM' "$1" "$2" | od -An -tx1)
    tm send-keys -t e2e -H $(printf '\033[<0;%s;%sm' "$1" "$2" | od -An -tx1)
}
# row_of REGEX: the 1-based screen row of the first line matching.
row_of() { screen | grep -n -E -- "$1" | head -n 1 | cut -d: -f1; }
# start [ENV...]: run the reader on the corpus, wait for the first article's analysis.
start() {
    local i
    tm send-keys -t e2e clear Enter
    tm send-keys -t e2e "env $* '$BIN' '$C'; echo EXIT=\$?" Enter
    wait_for 'Themes \([0-9]+\)' 100 || fail "reader did not start"
    for ((i = 0; i < 100; i++)); do
        status | grep -q 'analysing' || return 0
        sleep 0.1
    done
    fail "the first article was not analysed in 10 s"
}
quit() {
    esc
    tm send-keys -t e2e q
    wait_for 'EXIT=0' || fail "q did not quit cleanly ($1)"
}

cat >"$C/togo.md" <<'EOF'
+++
title = "Lomé keeps its balance"
source = "E2E Wire"
date = "2025-07-15"
url = "https://example.org/lome-balance"
+++

# Lomé keeps its balance

President Faure Gnassingbé met the French envoy in Lomé on Monday. Gnassingbé said Togo would keep its balance between France and Russia. The talks lasted three hours.

Russia offered grain and security help. France warned against the deal, and the French embassy criticised Russia for its offer. Analysts said Gnassingbé was playing both sides.

The Economic Community of West African States Commission and the Economic Community of West African States Court met in Abuja.
EOF
# Latin words after CJK text, long enough to wrap at every width tried.
python3 - "$C/wide.md" <<'PY'
import sys
para = "東京と北京の外交官は貿易をめぐって対立している。Japan and China disagree on trade and tariffs. "
open(sys.argv[1], "w", encoding="utf-8").write(
    "+++\ntitle = \"外交官の会談\"\n+++\n\n" + (para * 6).strip() + "\n")
PY

tm -f /dev/null new-session -d -s e2e -x 120 -y 35 \
    "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color PS1='E2E\$ ' bash --norc --noprofile" \
    || fail "cannot start tmux"
wait_for 'E2E\$' || fail "no shell prompt"

# 1. A path that does not exist: a message on stderr, status 2, and nothing sent to the
#    terminal (no alternate screen, no mouse mode).
"$BIN" "$WORK/no/such/path" >"$WORK/missing.out" 2>"$WORK/missing.err"
rc=$?
[ "$rc" = 2 ] || fail "a missing path exits $rc, not 2"
grep -q 'does not exist' "$WORK/missing.err" || fail "no 'does not exist' on stderr: $(cat "$WORK/missing.err")"
[ -s "$WORK/missing.out" ] && fail "a missing path wrote to stdout: $(od -c "$WORK/missing.out" | head -3)"
grep -q $'\033\[' "$WORK/missing.err" && fail "a missing path sent terminal escapes"

# 2. `check` counts skipped files: 5 files, 3 that cannot be loaded.
B=$WORK/bad
mkdir -p "$B"
cp "$C/togo.md" "$B/good1.md"
printf 'A second good article.\n\nWith a paragraph.\n' >"$B/good2.md"
: >"$B/empty.md"
printf 'bin\000ary\n' >"$B/binary.md"
printf 'caf\351 latin-1\n' >"$B/latin1.txt"
"$BIN" check "$B" >"$WORK/check.out" 2>&1
grep -Eq '(^|[^0-9])3 skipped' "$WORK/check.out" || fail "check does not say 3 skipped: $(tail -n 3 "$WORK/check.out")"

# 3. Wrapping: at every width from 60 to 80, "Japan" is never split after CJK text.
# (A corpus of its own: the reader remembers the article last open in a corpus.)
mkdir -p "$WORK/widecorpus"
mv "$C/wide.md" "$WORK/widecorpus/"
tm send-keys -t e2e "'$BIN' '$WORK/widecorpus'; echo EXIT=\$?" Enter
wait_for 'Japan' 100 || fail "the CJK article did not open"
tm send-keys -t e2e z
for w in 60 63 67 71 74 77 80; do
    tm resize-window -t e2e -x "$w" -y 35
    sleep 0.3
    screen | grep -q 'Japan' || fail "no whole 'Japan' at width $w"
    screen | grep -Eq 'Japa($|[^n])' && fail "'Japan' split by wrapping at width $w"
done
tm resize-window -t e2e -x 120 -y 35
quit "wide article"

# 4. The reader on the two articles.
cat >"$WORK/ed.sh" <<EOF
#!/bin/sh
# An editor that records the file's mode and appends a line (only when asked to).
stat -c '%a %n' "\$1" >'$WORK/seen'
[ -e '$WORK/append' ] && printf 'appended\n' >>"\$1"
exit 0
EOF
chmod +x "$WORK/ed.sh"
start "EDITOR='$WORK/ed.sh'"

# Kind letters in the Actors panel, its order in the title.
screen | grep -Eq ' P Faure Gnassingb' || fail "no kind letter P before the person's name"
screen | grep -q 'by salience' || fail "the Actors title does not say its order"

# Labels cut alike keep their different ends (the two ECOWAS bodies, cut in the Actors
# panel: the panel's cells are the last field between box lines).
labels=$(screen | awk -F'│' 'NF > 2 { print $(NF-1) }' | grep 'Economic' | sort -u)
[ "$(printf '%s\n' "$labels" | grep -c '…')" = 2 ] \
    || fail "the two long ECOWAS names are not both cut in the Actors panel: $labels"

# Help: G to the legend at its end, g back to the top.
tm send-keys -t e2e '?'
wait_for 'Help: keys' || fail "? did not open the help"
tm send-keys -t e2e G
wait_for 'P person, O organisation' || fail "G in help did not reach the legend"
tm send-keys -t e2e g
wait_for 'Scroll down a line' || fail "g in help did not go back to the top"
tm send-keys -t e2e '?'
gone 'Help: keys' || fail "? did not close the help"

# Regex search, then its history (Up in the prompt), then `*` on the actor under the cursor.
tm send-keys -t e2e /
tm send-keys -t e2e -l 'Fran(ce|ch)'
tm send-keys -t e2e Enter
wait_for 'n/N /Fran\(ce\|ch\) 1/[0-9]+' || fail "a regex search found nothing"
esc; esc
tm send-keys -t e2e / Up
wait_for '/Fran\(ce\|ch\)' || fail "Up in the search prompt did not recall the last pattern"
esc; esc
tm send-keys -t e2e 1 '*'
wait_for 'n/N /.* 1/[0-9]+ · searching for “Lomé”' || fail "* did not search for the actor under the cursor"
esc; esc

# A click in the text moves the cursor sentence there (its bar in the gutter); a drag
# selects whole words.
row=$(row_of 'Russia offered grain')
[ -n "$row" ] || fail "the second paragraph is not on screen"
mouse_click 10 "$row"
sleep 0.3
screen | sed -n "${row}p" | grep -q '▎' || fail "a click in the text did not move the cursor sentence there"
tm send-keys -t e2e -H $(printf '\033[<0;%s;%sM' 8 "$row" | od -An -tx1)
tm send-keys -t e2e -H $(printf '\033[<32;%s;%sM' 30 "$row" | od -An -tx1)
tm send-keys -t e2e -H $(printf '\033[<0;%s;%sm' 30 "$row" | od -An -tx1)
wait_for '[0-9]+ words selected' || fail "a drag in the text did not select"
esc

# Ctrl-o back over a jump, then Alt-i forward again.
tm send-keys -t e2e G
sleep 0.2
tm send-keys -t e2e C-o
wait_for 'jumped back' || fail "Ctrl-o did not jump back"
tm send-keys -t e2e M-i
wait_for 'jumped forward' || fail "Alt-i did not jump forward"
tm send-keys -t e2e g

# Y: the cursor sentence as a quote with its citation, through OSC 52 into tmux's buffer.
tm set -g set-clipboard on
tm send-keys -t e2e 0 g ')' Y
wait_for 'copied' || fail "Y did not copy"
tm show-buffer 2>/dev/null | grep -q 'Lomé keeps its balance, E2E Wire, 2025-07-15' \
    || fail "Y did not copy the citation: $(tm show-buffer 2>/dev/null | head -c 300)"

# A note with a new free tag and a note starting with a formula.
tm send-keys -t e2e a
wait_for 'Annotate: tags' || fail "a did not open the popup"
tm send-keys -t e2e -l 'e2e-free'
tm send-keys -t e2e Enter Tab
tm send-keys -t e2e -l '=1+2 formula note'
tm send-keys -t e2e C-s
wait_for 'Notes \(1\)' || fail "the first note was not saved"
# The next popup offers the free tag used before.
tm send-keys -t e2e ')' ')' a
wait_for 'Annotate: tags' || fail "a did not open the popup again"
wait_for 'e2e-free +free tag, on 1 note' || fail "the free tag used before is not offered"
tm send-keys -t e2e -l claim
tm send-keys -t e2e Enter Tab
tm send-keys -t e2e -l 'second e2e note'
tm send-keys -t e2e C-s
wait_for 'Notes \(2\)' || fail "the second note was not saved"

# Ctrl-c with a note being written asks first; any other key goes back to it.
tm send-keys -t e2e a
wait_for 'Annotate: tags' || fail "a did not open the popup"
tm send-keys -t e2e C-c
wait_for 'a note is not saved' || fail "Ctrl-c with the popup open did not ask first"
tm send-keys -t e2e Escape
gone 'Annotate: tags' || fail "Esc did not close the popup after Ctrl-c was declined"
screen | grep -q 'EXIT=' && fail "Ctrl-c quit with a note being written"

# At 60x16 the tag list scrolls with a hint.
tm resize-window -t e2e -x 60 -y 16
sleep 0.3
tm send-keys -t e2e a
wait_for 'Annotate: tags' || fail "a did not open the popup at 60x16"
wait_for '↓ [0-9]+ more' || fail "no '↓ N more' hint at 60x16"
for ((i = 0; i < 12; i++)); do tm send-keys -t e2e Down; done
wait_for '↑ [0-9]+ more' || fail "no '↑ N more' hint after moving down at 60x16"
wait_for 'e2e-free' || fail "the last tag is not shown after moving down to it"
esc
tm resize-window -t e2e -x 120 -y 35
sleep 0.3

# A click in the Notes panel picks the note under the pointer (its detail box shows it).
tm send-keys -t e2e 4
row=$(row_of 'second e2e note')
[ -n "$row" ] || fail "the second note is not listed"
mouse_click 100 "$row"
wait_for 'tags: claim' || fail "a click on the second note did not pick it"
# (The detail box takes rows from the Notes panel: Esc closes it so both notes show.)
esc
row=$(row_of 'formula note')
[ -n "$row" ] || fail "the first note is not listed"
mouse_click 100 "$row"
wait_for 'tags: e2e-free' || fail "a click on the first note did not pick it"
# A tag filter hiding the picked note: the detail follows the cursor to a shown one.
for ((i = 0; i < 3; i++)); do
    screen | grep -q 'tag:claim' && break
    tm send-keys -t e2e t
    sleep 0.3
done
wait_for 'tag:claim' || fail "t did not filter the notes to claim"
wait_for 'tags: claim' || fail "the detail did not follow the cursor after t"
screen | grep -q 'tags: e2e-free' && fail "the detail still shows the note the filter hid"
for ((i = 0; i < 3; i++)); do
    screen | grep -q 'tag:' || break
    tm send-keys -t e2e t
    sleep 0.3
done

# $EDITOR: an unchanged note says so; an appending editor gets a file ending in a newline,
# private (0600), and its line lands on a line of its own.
tm send-keys -t e2e g E
wait_for 'note unchanged' || fail "quitting the editor without a change did not say 'note unchanged'"
grep -q '^600 ' "$WORK/seen" || fail "the note's temporary file is not 0600: $(cat "$WORK/seen")"
touch "$WORK/append"
tm send-keys -t e2e E
wait_for 'note updated' || fail "the editor's change was not saved"
quit "notes run"

# 5. Exports and import: CSV defuses the formula, importing our own export changes nothing,
#    the QDPX project holds both notes and the free tag as a code.
"$BIN" export "$C" --format csv >"$WORK/notes.csv" || fail "export --format csv failed"
grep -q "'=1+2 formula note" "$WORK/notes.csv" || fail "the CSV cell starting with = is not prefixed: $(cat "$WORK/notes.csv")"
"$BIN" export "$C" --format json --output "$WORK/notes.json" 2>/dev/null || fail "export --format json failed"
python3 - "$WORK/notes.json" <<'PY' || fail "the appended line did not land on a line of its own"
import json, sys
def strings(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)
    elif isinstance(x, str):
        yield x
found = [s for s in strings(json.load(open(sys.argv[1]))) if "formula note" in s]
assert "=1+2 formula note\nappended" in found, found
PY
"$BIN" import "$WORK/notes.json" "$C" >"$WORK/import.out" 2>&1 || fail "import failed: $(cat "$WORK/import.out")"
grep -q '0 added, 0 updated, 2 unchanged' "$WORK/import.out" || fail "re-import is not all unchanged: $(cat "$WORK/import.out")"
"$BIN" export "$C" --format qdpx --output "$WORK/notes.qdpx" 2>/dev/null || fail "export --format qdpx failed"
python3 - "$WORK/notes.qdpx" <<'PY' || fail "the QDPX project is not as expected"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert "project.qde" in names, names
assert any(n.startswith("Sources/") and n.endswith(".txt") for n in names), names
qde = z.read("project.qde").decode("utf-8")
assert qde.count("<PlainTextSelection") == 2, qde[:2000]
assert 'name="e2e-free"' in qde, "free tag not a code"
PY

# 6. Corrections that no longer apply: two made on names of the article, then the article
#    loses those names; the reader counts them, `!` lists both, and the file keeps them.
"$BIN" correct "$C" --article togo --reject-actor 'Russia' >/dev/null 2>&1 || fail "correct --reject-actor failed"
"$BIN" correct "$C" --article togo --kind 'Gnassingbé=organization' >/dev/null 2>&1 || fail "correct --kind failed"
python3 - "$C/togo.md" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace("Faure Gnassingbé", "the president").replace("Gnassingbé", "he").replace("Russia", "the other partner")
open(p, "w", encoding="utf-8").write(t)
PY
start
wait_for '2 corrections no longer apply here' || fail "the reader does not count the corrections that no longer apply"
tm send-keys -t e2e '!'
wait_for 'Corrections that no longer apply here \(2\)' || fail "! does not list them"
wait_for '“Russia” is not an actor' || fail "the list lacks the rejected actor"
wait_for 'Gnassingbé” is an organization' || fail "the list lacks the kind correction"
tm send-keys -t e2e Escape
gone 'Corrections that no longer apply here' || fail "Esc did not close the list"
quit "corrections run"
grep -c '^\[\[correction\]\]' "$C/.newslens/corrections.toml" | grep -qx 2 \
    || fail "corrections.toml does not keep both: $(cat "$C/.newslens/corrections.toml")"

echo "conventions.sh: ok (missing path, check skips, CJK wrap, kind letters, labels cut alike, help g/G, search history and *, text click and drag, Ctrl-o/Alt-i, Y citation, Ctrl-c asks, free tags offered, tag list hints at 60x16, Notes click, detail after t, \$EDITOR, CSV, re-import, QDPX, unapplied corrections listed and kept)"
