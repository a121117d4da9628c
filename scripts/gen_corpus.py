#!/usr/bin/env python3
"""Build a large corpus for benchmarks by recombining the paragraphs of the bundled sample
articles (seeded, so every run builds the same corpus).

usage: scripts/gen_corpus.py OUT_DIR [--mb 50] [--seed 7] [--articles N] [--spread]

--articles N stops after N articles instead of a size; --spread gives the articles dates over
2024-2025 and one of a few sources (for the corpus index's by-month series and source: filter).
"""
import argparse, os, random, re, sys

def paragraphs(root):
    out = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in sorted(files):
            if not f.endswith((".md", ".txt")):
                continue
            text = open(os.path.join(dirpath, f), encoding="utf-8").read()
            if text.startswith("+++\n"):
                text = text.split("\n+++\n", 1)[-1]
            for p in re.split(r"\n\s*\n", text):
                p = p.strip()
                if p and not p.startswith("#") and len(p.split()) > 12:
                    out.append(p)
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out"); ap.add_argument("--mb", type=float, default=50); ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--articles", type=int, default=0)
    ap.add_argument("--spread", action="store_true")
    ap.add_argument("--source", default=os.path.join(os.path.dirname(__file__), "..", "articles"))
    a = ap.parse_args()
    paras = paragraphs(a.source)
    if not paras:
        sys.exit("no paragraphs found in " + a.source)
    rng = random.Random(a.seed)
    target = int(a.mb * 1024 * 1024)
    written = n = 0
    sources = ["Harbour Gazette", "Sahel Monitor", "Continental Wire", "The Evening Ledger", "Delta Radio"]
    while (n < a.articles) if a.articles else (written < target):
        folder = os.path.join(a.out, f"batch{n // 500:03d}")
        os.makedirs(folder, exist_ok=True)
        k = rng.randint(6, 16)
        body = "\n\n".join(rng.choice(paras) for _ in range(k))
        if rng.random() < 0.4:  # some with headings, like real articles
            parts = body.split("\n\n")
            for i in range(2, len(parts), 4):
                parts[i] = f"## Part {i // 4 + 1}\n\n" + parts[i]
            body = "\n\n".join(parts)
        source, date = "newslens benchmark corpus (recombined sample articles)", "2025-01-01"
        if a.spread:
            source = rng.choice(sources)
            date = f"{rng.choice([2024, 2025])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = f'+++\ntitle = "Generated article {n}"\nsource = "{source}"\ndate = "{date}"\n+++\n\n# Generated article {n}\n\n{body}\n'
        path = os.path.join(folder, f"article{n:06d}.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc)
        written += len(doc.encode("utf-8")); n += 1
    print(f"{n} articles, {written / 1e6:.1f} MB in {a.out}")

if __name__ == "__main__":
    main()
