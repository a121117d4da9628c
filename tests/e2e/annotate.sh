#!/usr/bin/env bash
# End-to-end check of annotating: runs the real binary in tmux on a copy of the bundled
# articles/, selects two sentences of the first article, annotates them (tag and note) and
# saves; checks the sidecar, that the note is listed after a restart, that it survives an
# edit of the article (same words, moved position, via `export --format json`), that the
# Markdown export holds it, that `4 g d d u u` on two notes brings both back, that a note
# deleted in one session is restored from the deleted notes (D, R) in the next, and that the
# terminal is left sane.
# Usage: tests/e2e/annotate.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -d "$ROOT/articles" ] || { echo "annotate.sh: FAIL: no articles/ folder in $ROOT" >&2; exit 1; }

SOCK=newslens-e2e-annotate-$$
NAME=annotate.sh
. "$(dirname "$0")/lib.sh"
need_tools tmux python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newslens-annotate.XXXXXX")
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
cp -R "$ROOT/articles" "$WORK/corpus"
CORPUS=$WORK/corpus
NOTE="E2E note on this passage"

# start: run the reader on the copy, wait for the first article's analysis (sentences).
start() {
    local i
    tm send-keys -t e2e clear Enter
    tm send-keys -t e2e "'$BIN' '$CORPUS'; echo EXIT=\$?" Enter
    wait_for 'Themes \([0-9]+\)' 100 || fail "reader did not start ($1)"
    for ((i = 0; i < 100; i++)); do
        screen | tail -n 1 | grep -q 'analysing' || return 0
        sleep 0.1
    done
    fail "the first article was not analysed in 10 s ($1)"
}
quit() {
    tm send-keys -t e2e q
    wait_for 'EXIT=0' || fail "q did not quit cleanly ($1)"
}
export_json() { "$BIN" export "$CORPUS" --format json; }
# quote_and_position: "exact<TAB>start" of the only annotation, from the W3C JSON export.
quote_and_position() {
    export_json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
items = doc if isinstance(doc, list) else doc.get("items") or doc.get("annotations") or doc.get("first", {}).get("items") or [doc]
assert len(items) == 1, f"expected one annotation, found {len(items)}"
sel = items[0]["target"]["selector"]
sel = sel if isinstance(sel, list) else [sel]
quote = next(s for s in sel if s["type"] == "TextQuoteSelector")["exact"]
pos = [s for s in sel if s["type"] == "TextPositionSelector"]
print(quote.replace("\n", " ") + "\t" + (str(pos[0]["start"]) if pos else "none"))
'
}

tm -f /dev/null new-session -d -s e2e -x 120 -y 35 \
    "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color PS1='E2E\$ ' bash --norc --noprofile" \
    || fail "cannot start tmux"
wait_for 'E2E\$' || fail "no shell prompt"

# 1. Select two sentences (cursor to the next sentence, v, extend), annotate, tag, note, save.
start "first run"
tm send-keys -t e2e ')' v ')'
wait_for 'selecting [0-9]+ word' || fail "v and ) did not show a selection in the status line"
tm send-keys -t e2e a
wait_for 'Annotate: tags' || fail "a did not open the editor"
tm send-keys -t e2e -l claim
tm send-keys -t e2e Enter Tab
tm send-keys -t e2e -l "$NOTE"
tm send-keys -t e2e C-s
wait_for 'note saved' || fail "Ctrl-s did not save the note"
wait_for 'Notes \(1\)' || fail "the Notes panel does not list the note"
quit "first run"

SIDECAR=$(find "$CORPUS/.newslens/annotations" -name '*.toml' 2>/dev/null | head -n 1)
[ -n "$SIDECAR" ] || fail "no sidecar file under $CORPUS/.newslens/annotations"
grep -q "$NOTE" "$SIDECAR" || fail "the sidecar $SIDECAR does not hold the note"
grep -q '"claim"' "$SIDECAR" || fail "the sidecar $SIDECAR does not hold the tag"
ID=${SIDECAR#"$CORPUS/.newslens/annotations/"}
ID=${ID%.toml}
ARTICLE=$(find "$CORPUS" -path "$CORPUS/$ID.*" -type f | head -n 1)
[ -f "$ARTICLE" ] || fail "no article file for id $ID"
BEFORE=$(quote_and_position) || fail "export --format json failed or holds no single annotation"
QUOTE=${BEFORE%%$'\t'*}
POS_BEFORE=${BEFORE##*$'\t'}
[ -n "$QUOTE" ] && [ "$POS_BEFORE" != none ] || fail "exported annotation lacks quote or position: $BEFORE"

# 2. A new session lists the note in the Notes panel.
start "second run"
tm send-keys -t e2e 4
wait_for "$NOTE" || fail "the note is not shown after a restart"
wait_for '\[claim\]' || fail "the note's tag is not shown after a restart"
quit "second run"

# 3. Insert a paragraph before the annotated passage; the note follows its words.
INSERTED="A paragraph added by the end-to-end test, before the annotated passage."
python3 - "$ARTICLE" "$QUOTE" "$INSERTED" <<'PY' || fail "cannot edit the article"
import sys
path, quote, inserted = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
first = quote.split()[0]
i = text.find(quote) if quote in text else text.find(" ".join(quote.split()[:4]))
if i < 0:
    sys.exit(f"quote not found in {path}")
# The start of the paragraph holding the quote.
p = text.rfind("\n\n", 0, i)
p = 0 if p < 0 else p + 2
open(path, "w", encoding="utf-8").write(text[:p] + inserted + "\n\n" + text[p:])
PY
start "after the edit"
tm send-keys -t e2e 4
wait_for "$NOTE" || fail "the note is not shown after the article changed"
screen | grep -q 'orphan' && fail "the note became an orphan after a paragraph was inserted"
quit "after the edit"
AFTER=$(quote_and_position) || fail "export --format json failed after the edit"
QUOTE_AFTER=${AFTER%%$'\t'*}
POS_AFTER=${AFTER##*$'\t'}
[ "$QUOTE_AFTER" = "$QUOTE" ] || fail "the annotated words changed: before '$QUOTE', after '$QUOTE_AFTER'"
[ "$POS_AFTER" != none ] || fail "the note has no position after the edit (orphaned)"
[ "$POS_AFTER" -gt "$POS_BEFORE" ] || fail "the position did not move: $POS_BEFORE -> $POS_AFTER"

# 4. The Markdown export holds the note.
"$BIN" export "$CORPUS" --format md | grep -q "$NOTE" || fail "export --format md does not hold the note"

# 5. Undo and deleted notes: a second note, then `4 g d d u u` brings both back (on disk
#    too); a note deleted in one session is listed under D in the next and R restores it.
start "undo run"
tm send-keys -t e2e ')' ')' ')' ')' ')' a
wait_for 'Annotate: tags' || fail "a did not open the editor for a second note"
tm send-keys -t e2e Tab
tm send-keys -t e2e -l "Second E2E note"
tm send-keys -t e2e C-s
wait_for 'Notes \(2\)' || fail "the second note is not listed"
tm send-keys -t e2e 4 g d
wait_for 'Notes \(1\)' || fail "d did not delete the first note"
tm send-keys -t e2e d
wait_for 'Notes \(0\)' || fail "d did not delete the second note"
tm send-keys -t e2e u
wait_for 'undone: note delete' || fail "u did not undo the delete"
tm send-keys -t e2e u
wait_for 'Notes \(2\)' || fail "u u did not bring both notes back"
# (A third u would undo creating the second note: undo reaches back to the session's start.)
N=$(grep -c '^\[\[annotation\]\]' "$SIDECAR")
[ "$N" = 2 ] || fail "the sidecar holds $N annotations after u u, not 2"
grep -q '^deleted = ' "$SIDECAR" && fail "a restored note is still marked deleted in $SIDECAR"
tm send-keys -t e2e g d
wait_for 'Notes \(1\)' || fail "d did not delete before quitting"
quit "undo run"
grep -q '^deleted = ' "$SIDECAR" || fail "the deleted note is not kept (as deleted) in $SIDECAR"
"$BIN" export "$CORPUS" --format md | grep -c '^> ' | grep -qx 1 \
    || fail "export --format md does not skip the deleted note"
start "restore run"
tm send-keys -t e2e 4 D
wait_for 'Deleted notes \(1\)' || fail "D does not list the note deleted in the last session"
tm send-keys -t e2e R
wait_for 'note restored' || fail "R did not restore the deleted note"
tm send-keys -t e2e D
wait_for 'Notes \(2\)' || fail "the restored note is not back among the notes"
quit "restore run"
grep -q '^deleted = ' "$SIDECAR" && fail "the restored note is still marked deleted"

# 6. The terminal is sane (canonical mode and echo on).
tm send-keys -t e2e clear Enter 'stty -a | tr " ;" "\n\n" | grep -Ex -- "-?(icanon|echo)" | tr "\n" " "; echo' Enter
wait_for '(^| )icanon echo' || fail "terminal not restored (stty shows no icanon/echo)"
screen | grep -Eq -- '-icanon|-echo( |$)' && fail "terminal left in raw mode"

echo "annotate.sh: ok (select, annotate, save, list after restart, re-anchored after an edit ($POS_BEFORE -> $POS_AFTER), md export, undo of two deletes, deleted note restored next session, terminal restored)"
