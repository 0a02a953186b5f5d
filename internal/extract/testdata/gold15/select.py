#!/usr/bin/env python3
"""Pick gold14 (a fresh HELD-OUT set) and gold15 (development) before anyone reads them.

From every corpus document: the title lines (1-3), then every line with at least two figures that no
earlier gold excerpt holds (any testdata text line longer than 20 characters counts as used), each with the
nearest section heading above it and the top-level part heading that governs it, up to a budget of
characters a document (densest lines first). Chosen without reading the text and without running the
extractor.

Split by document, fixed here before annotation:
- gold14 (held-out): the unused lines of the eleven held-out documents (no rule writer has read them), and
  the unused lines of the development documents whose sha1("lantu-gold14-" + doc) has an even first byte
  (about half of them, chosen by the hash, not by anyone).
- gold15 (development): the unused lines of the other development documents.
Documents with fewer than 2 candidate lines, or under 150 characters of them, are skipped (too little to annotate).
"""
import glob, hashlib, re
C = "/work/shared/corpus/docs"
T = "/work/main/internal/extract/testdata"
HELDOUT_DOCS = {"004", "007", "008", "015", "029", "030", "036", "041", "050", "054", "064"}
BUDGET = 6000
years = {}
for l in open("/work/shared/corpus/SOURCES.md", encoding="utf-8"):
    m = re.match(r"\| (\d{3})\.txt \|.*?\| (\d{4}) \| [0-9-]* \|", l)
    if m:
        years[m.group(1)] = int(m.group(2))
used = set()
for p in glob.glob(f"{T}/**/*.txt", recursive=True):
    for l in open(p, encoding="utf-8"):
        l = l.strip()
        if len(l) > 20:
            used.add(l)
fig = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
top = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d{4}年工作(?:回顾|安排))")
head = re.compile(r"^\s*(?:\d{4}年工作(?:回顾|安排)|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+)")
outs = {"gold14": open("/work/gold14/excerpts.txt", "w"), "gold15": open("/work/gold15/excerpts.txt", "w")}
for n in range(1, 72):
    d = f"{n:03d}"
    lines = open(f"{C}/{d}.txt", encoding="utf-8").read().split("\n")
    cand = []
    for i, l in enumerate(lines):
        s = l.strip()
        if i < 3 or not s or s in used or len(s) > 1800:
            continue
        k = len(fig.findall(s))
        if k >= 2:
            cand.append((k / len(s), i))
    if len(cand) < 2 or sum(len(lines[i]) for _, i in cand) < 150:
        continue
    if d in HELDOUT_DOCS or hashlib.sha1(f"lantu-gold14-{d}".encode()).digest()[0] % 2 == 0:
        gold = "gold14"
    else:
        gold = "gold15"
    cand.sort(reverse=True)
    keep, size = {0, 1, 2}, sum(len(lines[i]) for i in range(3))
    for _, i in cand:
        if size + len(lines[i]) > BUDGET:
            continue
        keep.add(i); size += len(lines[i])
        sub = False
        for j in range(i - 1, 2, -1):  # the nearest heading above it, and the top-level one above that
            if head.match(lines[j]) and len(lines[j].strip()) < 60:
                if (top.match(lines[j]) or not sub) and j not in keep:
                    keep.add(j); size += len(lines[j])
                if top.match(lines[j]):
                    break
                sub = True
    idx = sorted(keep)
    open(f"/work/{gold}/docs/{d}.txt", "w", encoding="utf-8").write("\n".join(lines[i] for i in idx) + "\n")
    outs[gold].write(f"{d} {years[d]} {','.join(str(i+1) for i in idx)} {size}\n")
