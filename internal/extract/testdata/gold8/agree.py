#!/usr/bin/env python3
"""Agreement of annot-a (gold) and annot-b (prediction) on gold8, and every disagreement."""
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("score", "/work/shared/extraction/score.py")
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
D = "/work/gold8"
docs = ["013", "019", "025", "033", "039", "046", "052", "061"]
tot = dict(g=0, p=0, s=0, l=0, per=0, q=0, span=0)
for d in docs:
    A = score.load(f"{D}/annot-a/{d}.gold.json"); B = score.load(f"{D}/annot-b/{d}.gold.json")
    txt = open(f"{D}/docs/{d}.txt", encoding="utf-8").read()
    s = score.match(A, B); l = score.match(A, B, strict=False)
    tot["g"] += len(A); tot["p"] += len(B); tot["s"] += len(s); tot["l"] += len(l)
    tot["per"] += sum(1 for a, b, _ in s if str(A[a].get("period")) == str(B[b].get("period")))
    tot["q"] += sum(1 for a, b, _ in s if A[a].get("qualifier") == B[b].get("qualifier"))
    tot["span"] += sum(1 for a, b, _ in s if (A[a]["start"], A[a]["end"]) == (B[b]["start"], B[b]["end"]))
    _, _, f = score.prf(len(s), len(B), len(A))
    print(f"== {d}: A {len(A)} B {len(B)} strict F1 {f:.3f}")
    ma = {a for a, _, _ in s}; mb = {b for _, b, _ in s}
    def show(tag, f):
        print(f"  {tag} {f['start']}-{f['end']} {txt[f['start']:f['end']]!r} {f['kind']} {f['metric']} {f['value']} {f['unit']!r} {f['qualifier']} {f['period']} | {f.get('text','')[:40]}")
    for i, f in enumerate(A):
        if i not in ma: show("A only", f)
    for i, f in enumerate(B):
        if i not in mb: show("B only", f)
    for a, b, _ in s:
        fa, fb = A[a], B[b]
        diffs = [k for k in ("period", "qualifier", "start", "end") if str(fa.get(k)) != str(fb.get(k))]
        if diffs:
            print(f"  DIFF {diffs}: A {txt[fa['start']:fa['end']]!r} {fa['period']} {fa['qualifier']} / B {txt[fb['start']:fb['end']]!r} {fb['period']} {fb['qualifier']} | {fa.get('text','')[:40]}")
p, r, f = score.prf(tot["s"], tot["p"], tot["g"]); _, _, lf = score.prf(tot["l"], tot["p"], tot["g"])
print(json.dumps(dict(A=tot["g"], B=tot["p"], matched=tot["s"], strict_f1=round(f, 4), value_unit_f1=round(lf, 4),
    period_agreement=round(tot["per"] / tot["s"], 4), qualifier_agreement=round(tot["q"] / tot["s"], 4), same_span=round(tot["span"] / tot["s"], 4))))
