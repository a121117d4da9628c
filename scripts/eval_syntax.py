#!/usr/bin/env python3
"""Score `newslens syntax FILE.conllu --format conllu` against the gold FILE.conllu.

    python3 scripts/eval_syntax.py ../shared/ud/en_ewt-ud-test.conllu --bin target/release/newslens

Prints UPOS accuracy, UAS and LAS over every basic token (punctuation included, as in the
CoNLL 2018 shared task). Multi-word ranges and empty nodes are not tokens of the basic tree.
With --end-to-end, the system reads the gold sentence texts (`# text =`) as plain
articles, one sentence per paragraph, tokenizes, tags and parses them itself; tokens are
then aligned by character offsets (a token counts only where its span matches gold).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def sentences(lines):
    sent = []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            if sent:
                yield sent
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and "-" not in cols[0] and "." not in cols[0]:
                sent.append(cols)
    if sent:
        yield sent


def texts(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                out.append(line[len("# text = "):].rstrip("\n"))
    return out


def spans(words, text):
    """Character spans of each gold form in the sentence text (None when not found)."""
    at, out = 0, []
    for w in words:
        k = text.find(w[1], at)
        if k < 0:
            out.append(None)
        else:
            out.append((k, k + len(w[1])))
            at = k + len(w[1])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--bin", default="target/release/newslens")
    ap.add_argument("--end-to-end", action="store_true")
    a = ap.parse_args()
    with open(a.gold, encoding="utf-8") as f:
        gold = list(sentences(f))
    if not a.end_to_end:
        run = subprocess.run([a.bin, "syntax", a.gold, "--format", "conllu"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"newslens failed ({run.returncode}): {run.stderr.strip()}")
        system = list(sentences(run.stdout.splitlines()))
        if len(system) != len(gold):
            sys.exit(f"{len(system)} sentences in the output, {len(gold)} in the gold file")
        n = upos = uas = las = 0
        for g, s in zip(gold, system):
            if len(g) != len(s):
                sys.exit(f"token count differs in a sentence: {len(s)} vs {len(g)}")
            for gw, sw in zip(g, s):
                n += 1
                upos += gw[3] == sw[3]
                if gw[6] == sw[6]:
                    uas += 1
                    las += gw[7] == sw[7]
        print(f"tokens {n}  UPOS {100*upos/n:.2f}  UAS {100*uas/n:.2f}  LAS {100*las/n:.2f}")
        return
    # End to end: one article of paragraphs, one gold sentence each.
    sent_texts = texts(a.gold)
    if len(sent_texts) != len(gold):
        sys.exit("the gold file lacks '# text =' on some sentences")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "ewt.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("EWT\n\n" + "\n\n".join(sent_texts) + "\n")
        run = subprocess.run([a.bin, "syntax", path, "--format", "conllu"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"newslens failed ({run.returncode}): {run.stderr.strip()}")
        body = open(path, encoding="utf-8").read()
    # Map the system's byte spans to (sentence, char offset) through the body.
    bbody = body.encode("utf-8")
    starts, at = [], len("EWT\n\n")
    for t in sent_texts:
        starts.append(len(bbody[:at].decode("utf-8")) if False else at)
        at += len(t.encode("utf-8")) + 2
    sys_tokens = {}
    for line in run.stdout.splitlines():
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        s, e = map(int, cols[9].split("=", 1)[1].split(":"))
        sys_tokens[(s, e)] = cols
    # System ids per sentence: rebuild head spans.
    span_of = {}
    cur = []
    for line in run.stdout.splitlines() + [""]:
        cols = line.split("\t")
        if len(cols) == 10:
            cur.append(cols)
        elif not line and cur:
            sp = [tuple(map(int, c[9].split("=", 1)[1].split(":"))) for c in cur]
            for c, x in zip(cur, sp):
                h = int(c[6])
                span_of[x] = (c[3], sp[h - 1] if h else None, c[7])
            cur = []
    n = upos = uas = las = 0
    for g, t, st in zip(gold, sent_texts, starts):
        cs = spans(g, t)
        bs = []
        for x in cs:
            if x is None:
                bs.append(None)
            else:
                b0 = st + len(t[:x[0]].encode("utf-8"))
                bs.append((b0, b0 + len(t[x[0]:x[1]].encode("utf-8"))))
        for gw, b in zip(g, bs):
            n += 1
            if b is None or b not in span_of:
                continue
            su, sh, sl = span_of[b]
            upos += su == gw[3]
            gh = int(gw[6])
            gold_head = bs[gh - 1] if gh else None
            if sh == gold_head:
                uas += 1
                las += sl == gw[7]
    found = sum(1 for _ in span_of)
    print(f"end to end: gold tokens {n}, system tokens {found}  "
          f"UPOS {100*upos/n:.2f}  UAS {100*uas/n:.2f}  LAS {100*las/n:.2f} (over gold tokens)")


if __name__ == "__main__":
    main()
