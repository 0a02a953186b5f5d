#!/usr/bin/env python3
"""Pick gold7's excerpts: from held-out documents, the lines no earlier gold excerpt holds.
Keeps the title lines (1-3), then the lines densest in figures (not yet annotated anywhere),
each with the nearest section heading above it, in document order, up to a budget of characters.
Chosen without reading the text or running the extractor; the split is fixed now: all held-out."""
import glob, os, re
C = "/work/shared/corpus/docs"
T = "/work/main/internal/extract/testdata"
DOCS = {"015": 2025, "029": 2025, "030": 2025, "036": 2025, "041": 2024, "050": 2014, "054": 2010, "064": 2000}
BUDGET = 6000
used = set()
for p in glob.glob(f"{T}/**/*.txt", recursive=True) + glob.glob(f"{T}/*.txt"):
    for l in open(p, encoding="utf-8"):
        l = l.strip()
        if len(l) > 20:
            used.add(l)
fig = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
head = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+)")
out = open("/work/gold7/excerpts.txt", "w")
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
        for j in range(i - 1, 2, -1):  # the heading above it
            if head.match(lines[j]) and len(lines[j].strip()) < 60:
                if j not in keep:
                    keep.add(j); size += len(lines[j])
                break
    idx = sorted(keep)
    open(f"/work/gold7/docs/{d}.txt", "w", encoding="utf-8").write("\n".join(lines[i] for i in idx) + "\n")
    out.write(f"{d} {year} {','.join(str(i+1) for i in idx)} {size}\n")
