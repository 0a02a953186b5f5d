#!/usr/bin/env python3
"""gold8 v2: the same excerpts with the top-level section heading (一、… 二、…) that governs each kept line
restored where select.py missed it (033's parts are unnumbered: 2024年工作回顾, 2025年工作安排). Facts are unchanged; their offsets shift."""
import json, re
C = "/work/shared/corpus/docs"
top = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d{4}年(?:工作回顾|工作安排|主要任务)\s*$)")
rows = [l.split() for l in open("/work/gold8/excerpts.txt")]
out = open("/work/gold8/v2/excerpts.txt", "w")
for d, year, nums, _ in rows:
    lines = open(f"{C}/{d}.txt", encoding="utf-8").read().split("\n")
    idx = [int(n) - 1 for n in nums.split(",")]
    old = "\n".join(lines[i] for i in idx) + "\n"
    assert old == open(f"/work/gold8/docs/{d}.txt", encoding="utf-8").read()
    keep = set(idx)
    for i in idx:
        for j in range(i - 1, 2, -1):
            if top.match(lines[j]) and len(lines[j].strip()) < 60:
                keep.add(j)
                break
    new_idx = sorted(keep)
    new = "\n".join(lines[i] for i in new_idx) + "\n"
    # start offset of each kept line in the old and the new text
    def starts(ix):
        s, o = {}, 0
        for i in ix:
            s[i] = o; o += len(lines[i]) + 1
        return s
    so, sn = starts(idx), starts(new_idx)
    def move(off):
        line = max((i for i in idx if so[i] <= off), key=lambda i: so[i])
        return sn[line] + off - so[line]
    g = json.load(open(f"/work/gold8/settled/{d}.gold.json", encoding="utf-8"))
    for f in g["facts"]:
        span = old[f["start"]:f["end"]]
        f["start"], f["end"] = move(f["start"]), move(f["start"]) + len(span)
        assert new[f["start"]:f["end"]] == span, (d, span)
    open(f"/work/gold8/v2/{d}.txt", "w", encoding="utf-8").write(new)
    json.dump(g, open(f"/work/gold8/v2/{d}.gold.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    out.write(f"{d} {year} {','.join(str(i + 1) for i in new_idx)} {len(new)}\n")
    print(d, "added", sorted(i + 1 for i in keep - set(idx)))
