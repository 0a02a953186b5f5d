#!/usr/bin/env python3
"""Checks an annotator's gold7 folder: shape, enums, spans inside the text and holding a digit or numeral."""
import json, os, sys
F = sys.argv[1]; D = sys.argv[2] if len(sys.argv) > 2 else "/work/gold8/docs"
KIND = {"target", "actual", "estimate"}; MET = {"level", "growth", "share"}
Q = {"exact", "about", "over", "at_least", "under"}
bad = 0
for name in sorted(n for n in os.listdir(D) if n[:3].isdigit() and n.endswith(".txt")):
    d = name[:3]; txt = open(f"{D}/{name}", encoding="utf-8").read()
    p = f"{F}/{d}.gold.json"
    if not os.path.exists(p):
        print(f"{d}: missing {p}"); bad += 1; continue
    data = json.load(open(p, encoding="utf-8"))
    if data.get("doc") != d: print(f"{d}: doc field {data.get('doc')!r}"); bad += 1
    for i, f in enumerate(data.get("facts", [])):
        def err(m):
            global bad; bad += 1; print(f"{d} fact {i} ({f.get('subject')}): {m}")
        if f.get("kind") not in KIND: err(f"kind {f.get('kind')!r}")
        if f.get("metric") not in MET: err(f"metric {f.get('metric')!r}")
        if f.get("qualifier") not in Q: err(f"qualifier {f.get('qualifier')!r}")
        if not isinstance(f.get("value"), (int, float)): err("value not a number")
        per = f.get("period")
        if per is not None and not (isinstance(per, str) and len(per) == 4 and per.isdigit()): err(f"period {per!r}")
        s, e = f.get("start"), f.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(txt)):
            err(f"span {s}-{e}"); continue
        span = txt[s:e]
        if not any(c.isdigit() or c in "零〇一二三四五六七八九十百千万亿两半" for c in span): err(f"span {span!r} holds no number")
        if f.get("text") and span not in f["text"] and f["text"] not in txt: err(f"text not in document")
    print(f"{d}: {len(data.get('facts', []))} facts")
print("errors:", bad)
sys.exit(1 if bad else 0)
