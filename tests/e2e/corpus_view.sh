#!/usr/bin/env bash
# End-to-end check of the corpus screen: copies the bundled articles/ to a temporary folder
# (without any index), runs the real binary in tmux, opens the corpus screen with `c` (which
# builds the index with a progress line), checks the actors with their counts and who appears
# with the first one, filters with the query language, lists an actor's articles, opens one at
# its first mention, and goes back; then lists every note of the corpus in the Notes panel (W),
# filters it and opens a note's article. Usage: tests/e2e/corpus_view.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

SOCK=newslens-e2e-corpus-$$
NAME=corpus_view.sh
. "$(dirname "$0")/lib.sh"
need_tools tmux
WORK=$(mktemp -d)
trap 'tm kill-server >/dev/null 2>&1; sleep 0.3; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/news"
cp -r "$ROOT/articles/." "$WORK/news/"
rm -rf "$WORK/news/.newslens"

tm -f /dev/null new-session -d -s e2e -x 140 -y 40 \
    "env -i PATH=/usr/bin:/bin HOME=$WORK TERM=xterm-256color PS1='E2E\$ ' bash --norc --noprofile" \
    || fail "cannot start tmux"
wait_for 'E2E\$' || fail "no shell prompt"
tm send-keys -t e2e "cd '$WORK' && '$BIN' news; echo EXIT=\$?" Enter
wait_for 'Actors \([1-9][0-9]*\)' 100 || fail "the reader did not start"

# 1. c opens the corpus screen; the index is built on the way (no index existed).
tm send-keys -t e2e c
wait_for '1 Actors [0-9]+ ' 600 || fail "the corpus screen did not show its actors"
[ -f "$WORK/news/.newslens/index.sqlite" ] || fail "no index was built"
wait_for 'articles +mentions' || fail "no article and mention columns"
wait_for ' With .* by lift' || fail "no co-occurrence pane with its score"
wait_for 'lift (= )?P\(a,b\)/P\(a\)P\(b\)' || fail "the score is not explained"
wait_for 'Timeline .* articles by month' || fail "no timeline"

# 2. Tab to the tensions list and back; a filter narrows the articles.
tm send-keys -t e2e 3
wait_for '3 Tensions [0-9]+' || fail "3 did not show the tensions"
wait_for 'sides in tension' || fail "no tensions header"
tm send-keys -t e2e 1
total=$(screen | grep -Eo ' [0-9,]+ of [0-9,]+ articles ' | head -1 | grep -Eo 'of [0-9,]+' | grep -Eo '[0-9,]+')
tm send-keys -t e2e / 'theme:energy'
sleep 0.5
tm send-keys -t e2e Enter
wait_for '/theme:energy' || fail "the filter is not shown in the status line"
shown=$(screen | grep -Eo ' [0-9,]+ of [0-9,]+ articles ' | head -1 | grep -Eo '^ [0-9,]+' | tr -d ' ,')
[ -n "$shown" ] && [ "$shown" -lt "$(echo "$total" | tr -d ,)" ] \
    || fail "theme:energy did not narrow the articles ($shown of $total)"
tm send-keys -t e2e / C-u
sleep 0.3
tm send-keys -t e2e Enter
wait_for " $total of $total articles " || fail "clearing the filter did not bring back every article"

# 3. A bad filter says what was expected.
tm send-keys -t e2e / 'kind:animal'
wait_for 'expected one of person' || fail "a bad filter did not say what was expected"
esc

# 4. Enter lists the first actor's articles; Enter opens one at its first mention.
name=$(screen | grep -A1 'K name' | sed -n 2p | sed -E 's/^│[A-Z?] +//; s/ {2,}.*//' | sed -E 's/ +[0-9].*//')
[ -n "$name" ] || fail "no first actor row"
tm send-keys -t e2e Enter
wait_for "Articles $name \\([0-9]+\\)" || fail "Enter did not list the articles of $name"
wait_for 'at the first mention' || fail "the articles pane does not say where it opens"
tm send-keys -t e2e Enter
wait_for "n/N $name 1/[0-9]+|n/N .* [0-9]+/[0-9]+" 50 || fail "the article did not open at a mention of $name"
screen | grep -q '1 Actors [0-9]' && fail "the corpus screen is still up after opening an article"

# 5. c returns to the corpus screen where it was; q goes back to the article, q quits.
tm send-keys -t e2e c
wait_for "Articles $name" || fail "c did not return to the corpus screen as it was"
tm send-keys -t e2e q
wait_for 'Actors \([0-9]+\)' || fail "q did not go back to the article"

# 6. Notes across the corpus: annotate this article, open the next one, W lists every note of
#    the corpus in the Notes panel, / filters it with the query language, Enter opens the
#    note's article at its passage.
here=$(screen | head -1 | grep -Eo '\([0-9]+/[0-9]+\)' | head -1)
[ -n "$here" ] || fail "no article position in the text pane's title"
esc; esc
tm send-keys -t e2e 0 a
wait_for 'Annotate: tags' || fail "a did not open the editor"
tm send-keys -t e2e -l claim
tm send-keys -t e2e Enter Tab
tm send-keys -t e2e -l "E2E corpus note"
tm send-keys -t e2e C-s
wait_for 'note saved' || fail "Ctrl-s did not save the note"
tm send-keys -t e2e J
sleep 0.5
screen | head -1 | grep -qF "$here" && fail "J did not open another article"
tm send-keys -t e2e 4 W
wait_for 'Notes · corpus \(1\)' || fail "W did not list the notes of the whole corpus"
wait_for 'E2E corpus note' || fail "the corpus list does not show the note"
tm send-keys -t e2e /
tm send-keys -t e2e -l -- '-tag:claim'
wait_for 'Notes · corpus \(0/1\)' || fail "-tag:claim did not hide the note"
tm send-keys -t e2e C-u
tm send-keys -t e2e -l 'tag:claim note:e2e'
tm send-keys -t e2e Enter
wait_for 'Notes · corpus \(1\) tag:claim' || fail "the filter is not shown in the Notes title"
tm send-keys -t e2e Enter
wait_for 'note in “' || fail "Enter did not open the note's article"
screen | head -1 | grep -qF "$here" || fail "Enter opened another article than the note's ($here)"
tm send-keys -t e2e W
wait_for 'notes: this article' || fail "W did not go back to the article's notes"
tm send-keys -t e2e q
wait_for 'EXIT=0' || fail "the reader did not quit with status 0"
echo "corpus_view.sh: ok"
