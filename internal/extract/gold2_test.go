package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gold2Years are the years the thirteen gold2 and six gold3 documents are read with.
var gold2Years = map[string]int{"001": 2022, "003": 2022, "004": 2022, "005": 2022, "006": 2022, "008": 2021,
	"012": 2025, "023": 2025, "036": 2025, "040": 2025, "043": 2022, "054": 2010, "068": 1995,
	// gold3
	"002": 2021, "007": 2022, "018": 2025, "029": 2025, "047": 2017, "062": 2002,
	// gold5
	"010": 2025, "015": 2025, "021": 2025, "030": 2025, "037": 2025, "041": 2024, "045": 2019, "050": 2014,
	"057": 2007, "064": 2000}

// gold2HeldOut is the held-out set (testdata/gold2/README.md, gold3/README.md,
// gold5/README.md): no rule is tuned on these documents; their score is only
// reported, in aggregate.
var gold2HeldOut = map[string]bool{"004": true, "008": true, "036": true, "054": true, "007": true, "029": true,
	"015": true, "030": true, "041": true, "050": true, "064": true}

// goldSets are the folders of settled gold, each document NNN.txt beside NNN.gold.json.
var goldSets = []string{"testdata/gold2", "testdata/gold3", "testdata/gold5"}

// goldSingle holds development documents annotated once (testdata/gold4/README.md), with
// their years; they are scored apart from the doubly annotated development set.
const goldSingleDir = "testdata/gold4"

var goldSingle = map[string]int{"027": 2025, "034": 2025, "035": 2025, "053": 2011, "058": 2006}

// goldFresh is a fresh held-out set (testdata/gold7/README.md): lines of seven held-out documents
// that no earlier gold holds, annotated twice, blind, in the fourth round. Like the other
// held-out documents it is scored only in aggregate, and only when asked.
const goldFreshDir = "testdata/gold7"

var goldFresh = map[string]int{"015": 2025, "029": 2025, "030": 2025, "036": 2025, "041": 2024, "050": 2014, "054": 2010}

// goldFresh14 is the sixth round's held-out set (testdata/gold14/README.md): the lines no earlier gold held
// of 25 documents — the held-out documents 029 and 036, and development documents picked by a hash before
// anyone read them — annotated twice, blind. Scored like gold7: in aggregate, only when asked.
const goldFresh14Dir = "testdata/gold14"

var goldFresh14 = map[string]int{"010": 2025, "012": 2025, "016": 2025, "022": 2025, "024": 2025, "025": 2025,
	"027": 2025, "028": 2025, "029": 2025, "032": 2025, "034": 2025, "036": 2025, "040": 2025, "043": 2022,
	"045": 2019, "046": 2018, "049": 2015, "051": 2013, "053": 2011, "055": 2009, "056": 2008, "057": 2007,
	"058": 2006, "061": 2003, "068": 1995}

// settledFolder is a folder of doubly annotated, settled development gold scored apart, in
// aggregate, with a bar just under its score, so that a change losing what it had fails. Each
// folder's README records its first run, taken before any rule was tuned on it.
type settledFolder struct {
	name, dir         string
	docs              map[string]int // document → its year (--year)
	strict, valueUnit float64        // the bar
}

// settledFolders' bars sit just under the scores at the end of the sixth round (78d6fc9, gold as of
// testdata/DECISIONS.md (k)–(u)): gold6 0.9878 / 0.9972, gold8 0.9988 / 0.9988, gold9 0.9891 / 0.9957,
// gold10 0.9973 / 0.9986, gold11 0.9710 / 0.9903, gold12 0.9849 / 0.9964, gold13 0.9752 / 0.9924, gold15
// 0.9200 / 0.9836 (first runs, in the READMEs: gold6 0.945 / 0.977, gold8 0.972 / 0.979, gold9 0.9265 /
// 0.9673, gold10 0.9638 / 0.9843, gold11 0.9367 / 0.9627, gold12 0.9597 / 0.9683, gold13 0.9377 / 0.9722,
// gold15 0.9082 / 0.9720).
var settledFolders = []settledFolder{
	{"gold6", "testdata/gold6", map[string]int{"014": 2025, "020": 2025, "026": 2025, "032": 2025, "042": 2023, "048": 2016, "055": 2009, "069": 1994}, 0.98, 0.99},
	{"gold8", "testdata/gold8", map[string]int{"013": 2025, "019": 2025, "025": 2025, "033": 2025, "039": 2025, "046": 2018, "052": 2012, "061": 2003}, 0.99, 0.995},
	{"gold9", "testdata/gold9", map[string]int{"011": 2025, "016": 2025, "022": 2025, "028": 2025, "031": 2025, "044": 2021, "051": 2013, "067": 1997}, 0.985, 0.993},
	{"gold10", "testdata/gold10", map[string]int{"017": 2025, "024": 2025, "038": 2025, "049": 2015, "056": 2008, "059": 2005, "060": 2004, "070": 1993}, 0.99, 0.995},
	{"gold11", "testdata/gold11", map[string]int{"010": 2025, "012": 2025, "014": 2025, "020": 2025, "027": 2025, "032": 2025, "034": 2025, "053": 2011}, 0.965, 0.985},
	{"gold12", "testdata/gold12", map[string]int{"009": 2025, "018": 2025, "023": 2025, "026": 2025, "035": 2025, "037": 2025, "042": 2023, "066": 1998}, 0.98, 0.993},
	{"gold13", "testdata/gold13", map[string]int{"014": 2025, "016": 2025, "020": 2025, "028": 2025, "031": 2025, "032": 2025, "034": 2025, "047": 2017}, 0.97, 0.99},
	{"gold15", "testdata/gold15", map[string]int{"009": 2025, "011": 2025, "013": 2025, "014": 2025, "017": 2025, "018": 2025,
		"019": 2025, "020": 2025, "021": 2025, "033": 2025, "035": 2025, "038": 2025, "039": 2025, "042": 2023, "048": 2016,
		"063": 2001, "065": 1999, "071": 1992}, 0.915, 0.98}, // its first run (d6afea1): 0.9082 / 0.9720
}

// gold2Dev is the bar the development set must keep (strict and value+unit F1,
// micro-averaged), set from the measured score so that a change that loses
// facts fails. (The cross-set decisions of testdata/DECISIONS.md took the value+unit figure from 0.9988 to
// 0.9948 and the bar went to 0.991 for one commit; the relief rule of abd99f7 brought it back to 0.9971, so
// the bar is 0.995 again.)
const gold2DevStrict, gold2DevValueUnit = 0.97, 0.995

// gold4Bar is gold4's own bar. It was gold2Dev's until testdata/DECISIONS.md (g) took out two counts that
// restate a complete list (035 `…3个集群获评`, `…4条高速公路提前建成`): value+unit F1 1.000 → 0.994 with the
// extractor unchanged, so the value+unit bar is gold2Dev's lowered by exactly that drop (0.995 − 0.006).
const gold4Strict, gold4ValueUnit = gold2DevStrict, 0.989

type microScore struct{ gold, pred, strict, loose int }

func (m *microScore) add(gold, pred []Fact) {
	m.gold += len(gold)
	m.pred += len(pred)
	m.strict += len(matchFacts(gold, pred, true))
	m.loose += len(matchFacts(gold, pred, false))
}

func (m microScore) f1() (strict, loose float64) {
	_, _, strict = prf(m.strict, m.pred, m.gold)
	_, _, loose = prf(m.loose, m.pred, m.gold)
	return
}

// TestGold2 scores the extractor on the doubly annotated, settled gold set:
// the development set must keep its bar; the held-out set is only reported.
func TestGold2(t *testing.T) {
	var files []string
	for _, dir := range goldSets {
		f, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
		files = append(files, f...)
	}
	if len(files) == 0 {
		t.Skip("no settled gold yet")
	}
	var dev, held microScore
	for _, f := range files {
		doc := strings.TrimSuffix(filepath.Base(f), ".gold.json")
		if _, ok := gold2Years[doc]; !ok {
			t.Fatalf("%s: no document year in gold2Years", f)
		}
		text, err := os.ReadFile(filepath.Join(filepath.Dir(f), doc+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		gold := loadGold(t, f)
		facts := Extract(string(text), Options{Year: gold2Years[doc]})
		if gold2HeldOut[doc] {
			held.add(gold.Facts, facts) // only the aggregate is reported, and only when asked
			continue
		}
		var one microScore
		one.add(gold.Facts, facts)
		s, l := one.f1()
		dev.add(gold.Facts, facts)
		if testing.Verbose() {
			logScore(t, doc, scoreFacts(gold.Facts, facts))
		}
		t.Logf("%s (dev): gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", doc, len(gold.Facts), len(facts), s, l)
	}
	single := scoreFolder(t, goldSingleDir, goldSingle, testing.Verbose())
	ss, sl := single.f1()
	t.Logf("single-annotated development (gold4): gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", single.gold, single.pred, ss, sl)
	if ss < gold4Strict || sl < gold4ValueUnit {
		t.Errorf("gold4 F1 strict %.3f, value+unit %.3f: below %.3f, %.3f", ss, sl, gold4Strict, gold4ValueUnit)
	}
	for _, f := range settledFolders {
		sc := scoreFolder(t, f.dir, f.docs, false)
		fs, fl := sc.f1()
		t.Logf("%s: gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", f.name, sc.gold, sc.pred, fs, fl)
		if fs < f.strict || fl < f.valueUnit {
			t.Errorf("%s F1 strict %.3f, value+unit %.3f: below %.3f, %.3f", f.name, fs, fl, f.strict, f.valueUnit)
		}
	}
	ds, dl := dev.f1()
	hs, hl := held.f1()
	t.Logf("development: gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", dev.gold, dev.pred, ds, dl)
	// The held-out score is read once at the end of a round (LANTU_HELDOUT=1), not on
	// every run, so that it cannot steer the rules by being watched.
	if os.Getenv("LANTU_HELDOUT") != "" {
		t.Logf("held-out:    gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", held.gold, held.pred, hs, hl)
		fresh := scoreFolder(t, goldFreshDir, goldFresh, false) // aggregate only: no per-document log
		fs, fl := fresh.f1()
		t.Logf("fresh held-out (gold7): gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", fresh.gold, fresh.pred, fs, fl)
		fresh14 := scoreFolder(t, goldFresh14Dir, goldFresh14, false)
		fs14, fl14 := fresh14.f1()
		t.Logf("fresh held-out (gold14): gold %d, predicted %d, strict F1 %.3f, value+unit F1 %.3f", fresh14.gold, fresh14.pred, fs14, fl14)
	}
	if ds < gold2DevStrict || dl < gold2DevValueUnit {
		t.Errorf("development F1 strict %.3f, value+unit %.3f: below %.3f, %.3f", ds, dl, gold2DevStrict, gold2DevValueUnit)
	}
}

// scoreFolder scores the extractor on the documents of a folder of settled gold (NNN.txt
// beside NNN.gold.json), each read with its year; perDoc logs each document's score.
func scoreFolder(t *testing.T, dir string, years map[string]int, perDoc bool) microScore {
	t.Helper()
	var m microScore
	for doc, year := range years {
		text, err := os.ReadFile(filepath.Join(dir, doc+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		gold := loadGold(t, filepath.Join(dir, doc+".gold.json"))
		facts := Extract(string(text), Options{Year: year})
		m.add(gold.Facts, facts)
		if perDoc {
			logScore(t, doc, scoreFacts(gold.Facts, facts))
		}
	}
	return m
}
