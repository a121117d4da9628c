#!/usr/bin/env bash
# End-to-end check of pages, feeds and newsboat's cache in the real binary, in tmux: a
# folder with a saved page and a feed file, plus a newsboat cache with two feeds built here
# with newsboat's schema; the reader shows the page's clean text and URL, marks unread
# newsboat items, opens the URL and a link through $BROWSER (a script that records it), and
# `analyze --newsboat` works too; the feed's item ids survive replacing the file with a newer
# copy; the cache file is left byte for byte unchanged.
# Usage: tests/e2e/feeds.sh path/to/newslens
set -u

BIN=${1:?usage: $0 path/to/newslens}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

SOCK=newslens-e2e-feeds-$$
NAME=feeds.sh
. "$(dirname "$0")/lib.sh"
need_tools tmux python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newslens-feeds.XXXXXX")
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
FIX=$ROOT/tests/fixtures
mkdir -p "$WORK/news" "$WORK/home" "$WORK/data"
cp "$FIX/web/harbour-vote.html" "$FIX/feeds/sahel-wire.xml" "$WORK/news/"
cat >"$WORK/browser" <<SH
#!/bin/sh
echo "\$@" >>"$WORK/opened"
SH
chmod +x "$WORK/browser"
CACHE=$WORK/cache.db
python3 - "$CACHE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript('''
CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "", content_mime_type VARCHAR(255) NOT NULL DEFAULT "", enclosure_description VARCHAR(1024) NOT NULL DEFAULT "", enclosure_description_mime_type VARCHAR(128) NOT NULL DEFAULT "");
INSERT INTO rss_feed (rssurl, url, title) VALUES ('https://gulf.example/rss', 'https://gulf.example/', 'Gulf of Guinea Monitor'), ('https://delta.example/atom', 'https://delta.example/', 'Delta Dispatch');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread) VALUES
 ('g-1', 'Navies of Togo and Benin patrol together', 'Ama Mensah', 'https://gulf.example/patrol', 'https://gulf.example/rss', 1762156800, '<p>The navies of Togo and Benin began joint patrols off Lome on Monday to deter piracy in the Gulf of Guinea.</p>', 1),
 ('d-1', 'Fishermen in the delta count losses', 'Tari Ebi', 'https://delta.example/fish', 'https://delta.example/atom', 1762070400, '<p>Fishermen in the Niger Delta said oil spills had cut their catch by half this year.</p>', 0);
''')
db.commit()
PY
BEFORE=$(sha256sum "$CACHE")


tm new-session -d -s e2e -x 150 -y 45 \
    "cd '$WORK' && HOME='$WORK/home' XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/home/.config' BROWSER='$WORK/browser' '$BIN' news --newsboat='$CACHE'; echo EXITED \$?; sleep 30"
wait_for "Lomé port workers vote to end strike" 100 || fail "the saved page did not open"
wait_for "https://ledger.example/2025/11/lome-port-strike-ends" || fail "the page URL is not shown"
screen | grep -q "Accept all\|cookie\|Advertisement" && fail "page furniture is shown"
tm send-keys -t e2e O
wait_for "opened https://ledger.example" || fail "O did not say it opened the URL"
grep -qx "https://ledger.example/2025/11/lome-port-strike-ends" "$WORK/opened" 2>/dev/null \
    || fail "the browser did not get the URL: $(cat "$WORK/opened" 2>/dev/null)"
tm send-keys -t e2e U
wait_for "Links \(2\)" || fail "U did not list the links"
tm send-keys -t e2e j Enter
wait_for "opened https://ledger.example/2025/11/cotonou-traffic" || fail "Enter did not open the link"
tm send-keys -t e2e o
wait_for "N Navies of Togo and Benin" || fail "the unread newsboat item is not marked"
screen | grep -q "N Fishermen" && fail "a read newsboat item is marked unread"
tm send-keys -t e2e q
wait_for "EXITED 0" || fail "the reader did not quit cleanly"

[ "$(sha256sum "$CACHE")" = "$BEFORE" ] || fail "the newsboat cache was modified"
"$BIN" analyze --newsboat="$CACHE" --format jsonl >"$WORK/nb.jsonl" 2>"$WORK/nb.err" \
    || fail "analyze --newsboat failed: $(cat "$WORK/nb.err")"
grep -q '"id":"gulf-example-rss/' "$WORK/nb.jsonl" || fail "analyze --newsboat lacks the feed folder ids"
[ "$(wc -l <"$WORK/nb.jsonl")" -eq 2 ] || fail "analyze --newsboat should print 2 articles"

# A refreshed feed file keeps its items' ids.
ids() { "$BIN" analyze "$WORK/news" --format jsonl 2>/dev/null | python3 -c 'import json,sys; print("\n".join(sorted(json.loads(l)["id"] for l in sys.stdin)))'; }
OLD=$(ids)
cp "$FIX/feeds/sahel-wire.refreshed.xml" "$WORK/news/sahel-wire.xml"
NEW=$(ids)
KEPT=$(comm -12 <(echo "$OLD") <(echo "$NEW") | grep -c '^sahel-wire/')
[ "$KEPT" -eq 2 ] || fail "expected the 2 items in both copies of the feed to keep their ids, got $KEPT"
echo "feeds.sh: ok"
