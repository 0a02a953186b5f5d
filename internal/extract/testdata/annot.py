#!/usr/bin/env python3
"""The annotation kit of the doubly annotated gold folders (gold5, gold7, gold8), one script for all:

  annot.py check FOLDER [TEXTS]      an annotator's folder: shape, enums, spans inside TEXTS/NNN.txt holding a number
  annot.py agree A_DIR B_DIR TEXTS   A as gold, B as prediction: every disagreement, then the agreement figures

TEXTS defaults to FOLDER, or for an annotator's folder (annot-a, annot-b) to the gold folder above it. Periods
are a year or a quarter (2022, 2022Q1) or null, as the GUIDELINE says. Where a folder keeps an as-annotated/ folder (gold5, gold6, gold7, gold8: the excerpts whose part headings were
put back later), the raw annotations' offsets refer to the texts there; the other texts are at the folder's top."""
import importlib.util, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("score", "/work/shared/extraction/score.py")
if not os.path.exists(spec.origin):
    spec = importlib.util.spec_from_file_location("score", os.path.join(HERE, "../../../../shared/extraction/score.py"))
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
KIND = {"target", "actual", "estimate"}; MET = {"level", "growth", "share"}
Q = {"exact", "about", "over", "at_least", "under"}


def text_of(texts, d, raw):
    """The text of document d; for raw annotations, the text as annotated when the folder keeps one."""
    for dir in (os.path.join(texts, "as-annotated"), texts) if raw else (texts,):
        p = os.path.join(dir, d + ".txt")
        if os.path.exists(p):
            return open(p, encoding="utf-8").read()
    sys.exit(f"{d}: no text in {texts}")


def docs_of(folder):
    return sorted(n[:3] for n in os.listdir(folder) if n[:3].isdigit() and n.endswith(".gold.json"))


def check(folder, texts):
    bad = 0
    for d in docs_of(folder):
        txt = text_of(texts, d, os.path.basename(os.path.normpath(folder)).startswith("annot"))
        data = json.load(open(os.path.join(folder, d + ".gold.json"), encoding="utf-8"))
        if data.get("doc") != d:
            print(f"{d}: doc field {data.get('doc')!r}"); bad += 1
        for i, f in enumerate(data.get("facts", [])):
            errs = []
            if f.get("kind") not in KIND: errs.append(f"kind {f.get('kind')!r}")
            if f.get("metric") not in MET: errs.append(f"metric {f.get('metric')!r}")
            if f.get("qualifier") not in Q: errs.append(f"qualifier {f.get('qualifier')!r}")
            if not isinstance(f.get("value"), (int, float)): errs.append("value not a number")
            per = f.get("period")
            # GUIDELINE: a year (2022) or a quarter (2022Q1), else null
            if per is not None and not (isinstance(per, str) and re.fullmatch(r"\d{4}(Q[1-4])?", per)): errs.append(f"period {per!r}")
            s, e = f.get("start"), f.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(txt)):
                errs.append(f"span {s}-{e}")
            elif not any(c.isdigit() or c in "零〇一二三四五六七八九十百千万亿两半" for c in txt[s:e]):
                errs.append(f"span {txt[s:e]!r} holds no number")
            for m in errs:
                print(f"{d} fact {i} ({f.get('subject')}): {m}")
            bad += len(errs)
        print(f"{d}: {len(data.get('facts', []))} facts")
    print("errors:", bad)
    return 1 if bad else 0


def agree(adir, bdir, texts):
    tot = dict(g=0, p=0, s=0, l=0, per=0, q=0, span=0)
    for d in docs_of(adir):
        A = score.load(os.path.join(adir, d + ".gold.json")); B = score.load(os.path.join(bdir, d + ".gold.json"))
        txt = text_of(texts, d, True)
        s = score.match(A, B); l = score.match(A, B, strict=False)
        tot["g"] += len(A); tot["p"] += len(B); tot["s"] += len(s); tot["l"] += len(l)
        tot["per"] += sum(1 for a, b, _ in s if str(A[a].get("period")) == str(B[b].get("period")))
        tot["q"] += sum(1 for a, b, _ in s if A[a].get("qualifier") == B[b].get("qualifier"))
        tot["span"] += sum(1 for a, b, _ in s if (A[a]["start"], A[a]["end"]) == (B[b]["start"], B[b]["end"]))
        print(f"== {d}: A {len(A)} B {len(B)} strict F1 {score.prf(len(s), len(B), len(A))[2]:.3f}")
        ma = {a for a, _, _ in s}; mb = {b for _, b, _ in s}
        for tag, facts, matched in (("A only", A, ma), ("B only", B, mb)):
            for i, f in enumerate(facts):
                if i not in matched:
                    print(f"  {tag} {f['start']}-{f['end']} {txt[f['start']:f['end']]!r} {f['kind']} {f['metric']} {f['value']} "
                          f"{f['unit']!r} {f['qualifier']} {f['period']} | {f.get('text', '')[:40]}")
        for a, b, _ in s:
            fa, fb = A[a], B[b]
            diffs = [k for k in ("period", "qualifier", "start", "end") if str(fa.get(k)) != str(fb.get(k))]
            if diffs:
                print(f"  DIFF {diffs}: A {txt[fa['start']:fa['end']]!r} {fa['period']} {fa['qualifier']} / "
                      f"B {txt[fb['start']:fb['end']]!r} {fb['period']} {fb['qualifier']} | {fa.get('text', '')[:40]}")
    p, r, f = score.prf(tot["s"], tot["p"], tot["g"]); lf = score.prf(tot["l"], tot["p"], tot["g"])[2]
    print(json.dumps(dict(A=tot["g"], B=tot["p"], matched=tot["s"], strict_f1=round(f, 4), value_unit_f1=round(lf, 4),
                          period_agreement=round(tot["per"] / tot["s"], 4), qualifier_agreement=round(tot["q"] / tot["s"], 4),
                          same_span=round(tot["span"] / tot["s"], 4))))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        folder = sys.argv[2]
        # an annotator's folder (annot-a, annot-b) reads the texts of the gold folder above it
        default = os.path.dirname(os.path.normpath(folder)) if os.path.basename(os.path.normpath(folder)).startswith("annot") else folder
        sys.exit(check(folder, sys.argv[3] if len(sys.argv) > 3 else default))
    if len(sys.argv) == 5 and sys.argv[1] == "agree":
        sys.exit(agree(sys.argv[2], sys.argv[3], sys.argv[4]))
    sys.exit(__doc__)
