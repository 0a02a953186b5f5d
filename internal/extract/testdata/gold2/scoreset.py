#!/usr/bin/env python3
"""Micro-averaged scores over the gold2, gold3, gold4, gold5, gold6, gold7, gold8, gold9, gold10, gold11, gold12 and gold13 documents, with shared/extraction/score.py's matching.

  scoreset.py agree A_DIR B_DIR            annotators' agreement: A as gold, B as prediction
  scoreset.py extract [--set dev|heldout|gold2|gold3|gold4|gold5|gold5dev|gold6|gold7|gold8|gold9|gold10|gold11|gold12|gold13|gold14|gold15|olddev|oldheldout|all] [--lantu BIN]
                                           the extractor against the settled gold here; the default
                                           and the per-folder sets are development documents only:
                                           held-out documents are scored only with --set heldout,
                                           gold7, gold14, oldheldout or all, in aggregate

Micro-averaged: matches, predictions and gold facts are summed over the documents before
precision, recall and F1 are taken. "strict" is score.py's F1 (kind, metric, unit, value);
"value+unit" ignores kind and metric.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = {"001": 2022, "003": 2022, "004": 2022, "005": 2022, "006": 2022, "008": 2021, "012": 2025,
         "023": 2025, "036": 2025, "040": 2025, "043": 2022, "054": 2010, "068": 1995}
# gold3 (../gold3): six more documents, annotated twice, blind, settled the same way
YEARS3 = {"002": 2021, "007": 2022, "018": 2025, "029": 2025, "047": 2017, "062": 2002}
GOLD3 = os.path.join(HERE, "..", "gold3")
YEARS.update(YEARS3)
# gold4 (../gold4): new development documents, single-annotated; scored apart (--set gold4)
YEARS4 = {"027": 2025, "034": 2025, "035": 2025, "053": 2011, "058": 2006}
GOLD4 = os.path.join(HERE, "..", "gold4")
# gold5 (../gold5): ten excerpts of work reports, annotated twice, blind; split fixed before annotation
YEARS5 = {"010": 2025, "015": 2025, "021": 2025, "030": 2025, "037": 2025,
          "041": 2024, "045": 2019, "050": 2014, "057": 2007, "064": 2000}
GOLD5 = os.path.join(HERE, "..", "gold5")
YEARS.update(YEARS5)
# gold6 (../gold6): eight more work-report excerpts, annotated twice, blind; development only
# (the rules' corpus review had read the extractor's output on these documents), scored apart
YEARS6 = {"014": 2025, "020": 2025, "026": 2025, "032": 2025, "042": 2023, "048": 2016, "055": 2009, "069": 1994}
GOLD6 = os.path.join(HERE, "..", "gold6")
# gold7 (../gold7): a fresh held-out set — other lines of seven held-out documents, annotated twice, blind,
# in round four; the whole folder is held out and scored only in aggregate (--set gold7). Its document
# numbers are those of gold2/3/5 held-out excerpts, so it is read from its own folder.
YEARS7 = {"015": 2025, "029": 2025, "030": 2025, "036": 2025, "041": 2024, "050": 2014, "054": 2010}
# gold8 (../gold8): eight more report excerpts (top-level headings kept), annotated twice, blind, at the end
# of round four; development only (the third round's corpus review had read these documents): the next
# round's material
YEARS8 = {"013": 2025, "019": 2025, "025": 2025, "033": 2025, "039": 2025, "046": 2018, "052": 2012, "061": 2003}
# gold9 (../gold9): eight more report excerpts, annotated twice, blind, in round five; development only,
# the next round's material (not read by rule writers before the lead records its first run)
YEARS9 = {"011": 2025, "016": 2025, "022": 2025, "028": 2025, "031": 2025, "044": 2021, "051": 2013, "067": 1997}
# gold10 (../gold10): eight more report excerpts, annotated twice, blind, settled after gold9; development
# only, the next round's material (not read by rule writers before the lead records its first run)
YEARS10 = {"017": 2025, "024": 2025, "038": 2025, "049": 2015, "056": 2008, "059": 2005, "060": 2004, "070": 1993}
# gold11 (../gold11): eight more report excerpts, annotated twice, blind, settled after gold10; development
# only, the next round's material (not read by rule writers before the lead records its first run)
YEARS11 = {"010": 2025, "012": 2025, "014": 2025, "020": 2025, "027": 2025, "032": 2025, "034": 2025, "053": 2011}
# gold12 (../gold12): eight more report excerpts, annotated twice, blind, settled after gold11; development
# only, the next round's material (not read by rule writers before the lead records its first run)
YEARS12 = {"009": 2025, "018": 2025, "023": 2025, "026": 2025, "035": 2025, "037": 2025, "042": 2023, "066": 1998}
# gold13 (../gold13): eight more report excerpts, annotated twice, blind, settled after gold12; development
# only, the next round's material (not read by rule writers before the lead records its first run)
YEARS13 = {"014": 2025, "016": 2025, "020": 2025, "028": 2025, "031": 2025, "032": 2025, "034": 2025, "047": 2017}
# gold14 (../gold14): the sixth round's held-out set — the lines no earlier gold held of 25 documents (held-out
# 029 and 036, and development documents picked by a hash before anyone read them), annotated twice, blind;
# scored only in aggregate (--set gold14), like gold7
YEARS14 = {"010": 2025, "012": 2025, "016": 2025, "022": 2025, "024": 2025, "025": 2025, "027": 2025, "028": 2025,
           "029": 2025, "032": 2025, "034": 2025, "036": 2025, "040": 2025, "043": 2022, "045": 2019, "046": 2018,
           "049": 2015, "051": 2013, "053": 2011, "055": 2009, "056": 2008, "057": 2007, "058": 2006, "061": 2003,
           "068": 1995}
# gold15 (../gold15): the other documents' unused lines, annotated twice, blind, in the sixth round; development
YEARS15 = {"009": 2025, "011": 2025, "013": 2025, "014": 2025, "017": 2025, "018": 2025, "019": 2025, "020": 2025,
           "021": 2025, "033": 2025, "035": 2025, "038": 2025, "039": 2025, "042": 2023, "048": 2016, "063": 2001,
           "065": 1999, "071": 1992}
# the folders scored from their own texts, each with its documents' years (--set goldN)
SEPARATE = {"gold7": YEARS7, "gold8": YEARS8, "gold9": YEARS9, "gold10": YEARS10, "gold11": YEARS11,
            "gold12": YEARS12, "gold13": YEARS13, "gold14": YEARS14, "gold15": YEARS15}
# the folders held out whole: scored only in aggregate, never document by document
HELDOUT_FOLDERS = {"gold7", "gold14"}
HELDOUT5 = ["015", "030", "041", "050", "064"]
HELDOUT = ["004", "008", "036", "054", "007", "029"] + HELDOUT5
DEV = [d for d in sorted(YEARS) if d not in HELDOUT]


def folder(doc, default):
    """The folder holding doc's text and settled gold."""
    if default != HERE:
        return default
    return GOLD3 if doc in YEARS3 else GOLD4 if doc in YEARS4 else GOLD5 if doc in YEARS5 else GOLD6 if doc in YEARS6 else default


def load_scorer():
    for p in (os.path.join(HERE, "../../../../../shared/extraction/score.py"),
              os.path.join(HERE, "../../../../../../shared/extraction/score.py"), "/work/shared/extraction/score.py"):
        if os.path.exists(p):
            spec = importlib.util.spec_from_file_location("score", p)
            m = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(m)
            return m
    sys.exit("score.py not found")


def micro(score, pairs_of_docs, verbose=False):
    tot = dict(gold=0, pred=0, strict=0, loose=0, period=0, qual=0)
    for doc, gold, pred in pairs_of_docs:
        s = score.match(gold, pred)
        l = score.match(gold, pred, strict=False)
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["strict"] += len(s)
        tot["loose"] += len(l)
        tot["period"] += sum(1 for gi, pi, _ in s if str(gold[gi].get("period")) == str(pred[pi].get("period")))
        tot["qual"] += sum(1 for gi, pi, _ in s if gold[gi].get("qualifier") == pred[pi].get("qualifier"))
        if verbose and doc not in HELDOUT:  # held-out documents are only scored in aggregate
            p, r, f = score.prf(len(s), len(pred), len(gold))
            print(f"  {doc}: gold {len(gold)} pred {len(pred)} strict F1 {f:.3f} "
                  f"value+unit F1 {score.prf(len(l), len(pred), len(gold))[2]:.3f}")
    p, r, f = score.prf(tot["strict"], tot["pred"], tot["gold"])
    _, _, lf = score.prf(tot["loose"], tot["pred"], tot["gold"])
    return dict(docs=len(pairs_of_docs), gold=tot["gold"], pred=tot["pred"], matched=tot["strict"],
                precision=round(p, 4), recall=round(r, 4), f1=round(f, 4), value_unit_f1=round(lf, 4),
                period_agreement=round(tot["period"] / tot["strict"], 4) if tot["strict"] else 0,
                qualifier_agreement=round(tot["qual"] / tot["strict"], 4) if tot["strict"] else 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["agree", "extract"])
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--set", default="dev", choices=["all", "heldout", "dev", "gold2", "gold3", "gold4", "gold5",
                                                    "gold5dev", "gold6", "gold7", "gold8", "gold9", "gold10", "gold11", "gold12", "gold13", "gold14", "gold15", "olddev", "oldheldout"])
    ap.add_argument("--lantu", default="lantu")
    ap.add_argument("--gold", default=HERE)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    score = load_scorer()
    docs = {"all": sorted(YEARS), "heldout": HELDOUT, "dev": DEV,
            # the development part of each folder (held-out documents only through --set heldout)
            "gold2": sorted(d for d in YEARS if d not in YEARS3 and d not in YEARS5 and d not in HELDOUT),
            "gold3": sorted(d for d in YEARS3 if d not in HELDOUT),
            "gold4": sorted(YEARS4), "gold5": sorted(d for d in YEARS5 if d not in HELDOUT),
            "gold5dev": [d for d in sorted(YEARS5) if d not in HELDOUT5],
            "gold6": sorted(YEARS6),
            **{name: sorted(years) for name, years in SEPARATE.items()},
            # the sets as they were before gold5, for figures comparable with earlier rounds
            "olddev": [d for d in DEV if d not in YEARS5],
            "oldheldout": [d for d in HELDOUT if d not in YEARS5]}[a.set]
    if a.mode == "agree":
        # the annotators' agreement covers every document of the folder (no extractor output is read);
        # only the documents both annotators' folders hold
        docs = {"gold3": sorted(YEARS3), "gold5": sorted(YEARS5), "gold6": sorted(YEARS6),
                **{name: sorted(years) for name, years in SEPARATE.items()}}.get(a.set, sorted(YEARS))
        docs = [d for d in docs if os.path.exists(os.path.join(a.dirs[0], d + ".gold.json"))]
    pairs = []
    for d in docs:
        if a.mode == "agree":
            gold = score.load(os.path.join(a.dirs[0], d + ".gold.json"))
            pred = score.load(os.path.join(a.dirs[1], d + ".gold.json"))
        else:
            if a.set in SEPARATE:
                dir, year = os.path.join(HERE, "..", a.set), SEPARATE[a.set][d]
            else:
                dir, year = folder(d, a.gold), {**YEARS, **YEARS4, **YEARS6, **YEARS8, **YEARS9}[d]
            gold = score.load(os.path.join(dir, d + ".gold.json"))
            out = subprocess.run([a.lantu, "extract", "--json", "--year", str(year), os.path.join(dir, d + ".txt")],
                                 check=True, capture_output=True, text=True).stdout
            pred = json.loads(out)["facts"]
        pairs.append((d, gold, pred))
    print(json.dumps(micro(score, pairs, a.verbose and a.set not in HELDOUT_FOLDERS), ensure_ascii=False))


if __name__ == "__main__":
    main()
