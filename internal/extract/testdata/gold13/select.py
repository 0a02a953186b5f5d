#!/usr/bin/env python3
"""Pick gold13s excerpts: from development documents no gold held before, the lines no earlier gold excerpt holds.
Keeps the title lines (1-3), then the lines densest in figures (not yet annotated anywhere),
each with the nearest section heading above it, in document order, up to a budget of characters.
Chosen without reading the text or running the extractor; development only: the third round's corpus review read these documents."""
import glob, os, re
C = "/work/shared/corpus/docs"
T = "/work/main/internal/extract/testdata"
DOCS = {"020": 2025, "028": 2025, "034": 2025, "016": 2025, "032": 2025, "014": 2025, "031": 2025, "047": 2017}
BUDGET = 5000
used = set()
for p in glob.glob(f"{T}/**/*.txt", recursive=True) + glob.glob(f"{T}/*.txt") + glob.glob("/work/gold9/docs/*.txt") + glob.glob("/work/gold10/docs/*.txt") + glob.glob("/work/gold11/docs/*.txt") + glob.glob("/work/gold12/docs/*.txt"):
    for l in open(p, encoding="utf-8"):
        l = l.strip()
        if len(l) > 20:
            used.add(l)
fig = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
top = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d{4}年工作(?:回顾|安排))")
head = re.compile(r"^\s*(?:\d{4}年工作(?:回顾|安排)|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+)")
out = open("/work/gold13/excerpts.txt", "w")
for d, year in DOCS.items():
    lines = open(f"{C}/{d}.txt", encoding="utf-8").read().split("\n")
    cand = []
    for i, l in enumerate(lines):
        s = l.strip()
        if i < 3 or not s or s in used or len(s) > 1800:
            continue
        n = len(fig.findall(s))
        if n >= 2:
            cand.append((n / len(s), i))
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
    open(f"/work/gold13/docs/{d}.txt", "w", encoding="utf-8").write("\n".join(lines[i] for i in idx) + "\n")
    out.write(f"{d} {year} {','.join(str(i+1) for i in idx)} {size}\n")
