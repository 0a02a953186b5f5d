package invest

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestCheckCreditCode(t *testing.T) {
	tests := []struct {
		code string
		want string // error code, "" for valid
		args []any
	}{
		{"91350100M000100Y43", "", nil}, // the standard's own example
		{"914403001922038216", "", nil}, // 华为技术有限公司
		{"91440300708461136T", "", nil}, // 深圳市腾讯计算机系统有限公司: a letter
		{"91350100M000100Y44", "credit_code.check", []any{"91350100M000100Y44", "4", "3"}},
		{"91350100M000100Y4", "credit_code.length", nil},
		{"91350100M000100Y4IO", "credit_code.length", nil},
		{"91350100M000100I43", "credit_code.char", nil}, // I is not in the alphabet
		{"Z1350100M000100Y43", "credit_code.char", nil},
		{"B1350100M000100Y43", "credit_code.authority", nil},
		{"9135A100M000100Y43", "credit_code.division", nil},
	}
	for _, tt := range tests {
		err := CheckCreditCode(tt.code)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v, want valid", tt.code, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != tt.want || e.Field != "credit_code" {
			t.Errorf("%s: %v, want %s", tt.code, err, tt.want)
			continue
		}
		if tt.args != nil && (len(e.Args) != len(tt.args) || e.Args[0] != tt.args[0] || e.Args[1] != tt.args[1] || e.Args[2] != tt.args[2]) {
			t.Errorf("%s: args %v, want %v", tt.code, e.Args, tt.args)
		}
	}
	// Every one-character change of the check character is caught.
	for _, c := range creditAlphabet {
		code := "91350100M000100Y4" + string(c)
		if (CheckCreditCode(code) == nil) != (c == '3') {
			t.Errorf("%s accepted=%v", code, CheckCreditCode(code) == nil)
		}
	}
	if got := NormalizeCreditCode(" ９１３５０１００ｍ０００１００ｙ４３ "); got != "91350100M000100Y43" {
		t.Errorf("NormalizeCreditCode = %q", got)
	}
}

func TestNormalizeName(t *testing.T) {
	same := [][]string{
		{"重庆金康动力新能源有限公司", "重庆金康动力新能源股份有限公司", " 重庆金康动力新能源有限责任公司 ", "重庆金康动力新能源"},
		{"宁波拓普集团股份有限公司", "宁波拓普集团有限公司", "宁波拓普集团"},
		{"ＡＢＣ（中国）有限公司", "ABC(中国)有限公司", "abc 中国 有限公司", "ABC（中国）"},
		{"Tesla, Inc.", "TESLA,INC", "tesla"},
	}
	for _, group := range same {
		key := NormalizeName(group[0])
		for _, n := range group[1:] {
			if got := NormalizeName(n); got != key {
				t.Errorf("NormalizeName(%q) = %q, want %q (as %q)", n, got, key, group[0])
			}
		}
	}
	different := [][2]string{{"宁波拓普集团", "拓普集团"}, {"重庆小康工业集团", "重庆小康动力"}, {"有限公司", "股份有限公司"}}
	for _, d := range different {
		if NormalizeName(d[0]) == NormalizeName(d[1]) {
			t.Errorf("%q and %q normalise alike", d[0], d[1])
		}
	}
}

func TestFindDuplicate(t *testing.T) {
	known := []Enterprise{
		{ID: 1, Name: "宁波拓普集团股份有限公司", CreditCode: "91350100M000100Y43"},
		{ID: 2, Name: "重庆金康动力新能源有限公司"},
	}
	tests := []struct {
		e      Enterprise
		id     int64
		by     string
		unique bool
	}{
		{Enterprise{Name: "另一家公司", CreditCode: "91350100M000100Y43"}, 1, "credit_code", false},
		{Enterprise{Name: "重庆金康动力新能源股份有限公司"}, 2, "name", false},
		{Enterprise{Name: "宁波拓普集团有限公司", CreditCode: "914403001922038216"}, 1, "name", false},
		{Enterprise{Name: "重庆金康赛力斯"}, 0, "", true},
		{Enterprise{ID: 2, Name: "重庆金康动力新能源股份有限公司"}, 0, "", true}, // itself, renamed
	}
	for _, tt := range tests {
		err := FindDuplicate(tt.e, known)
		if tt.unique {
			if err != nil {
				t.Errorf("%s: %v", tt.e.Name, err)
			}
			continue
		}
		var d *DuplicateError
		if !errors.As(err, &d) || d.ExistingID != tt.id || d.By != tt.by || !errors.Is(err, ErrDuplicate) {
			t.Errorf("%s: %v, want duplicate of %d by %s", tt.e.Name, err, tt.id, tt.by)
		}
	}
}

func TestCheckMove(t *testing.T) {
	tests := []struct {
		from, to, before Stage
		reason           string
		want             string
	}{
		{StageClue, StageContact, "", "", ""},
		{StageContact, StageNegotiation, "", "", ""}, // skipping is allowed
		{StageSigned, StageLanded, "", "", ""},
		{StageLanded, StageProducing, "", "", ""},
		{StageLanded, StageSigned, "", "", "move.backward"},
		{StageSigned, StageSigned, "", "", "move.same"},
		{StageProducing, StageTerminated, "", "closed", "move.final"},
		{StageNegotiation, StageTerminated, "", "", "move.reason_required"},
		{StageNegotiation, StageTerminated, "", "  ", "move.reason_required"},
		{StageNegotiation, StageTerminated, "", "选址在外地", ""},
		{StageTerminated, StageNegotiation, StageNegotiation, "重新接洽", ""},
		{StageTerminated, StageNegotiation, StageNegotiation, "", "move.reason_required"},
		{StageTerminated, StageSigned, StageNegotiation, "x", "move.reopen"},
		{StageClue, "won", "", "", "stage.unknown"},
	}
	for _, tt := range tests {
		err := CheckMove(tt.from, tt.to, tt.before, tt.reason)
		var e *Error
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s→%s: %v", tt.from, tt.to, err)
		case tt.want != "" && (!errors.As(err, &e) || e.Code != tt.want):
			t.Errorf("%s→%s: %v, want %s", tt.from, tt.to, err, tt.want)
		}
	}
	if got := NextStages(StageSigned, ""); len(got) != 4 || got[0] != StageLanded || got[3] != StageTerminated {
		t.Errorf("NextStages(signed) = %v", got)
	}
	if got := NextStages(StageTerminated, StageVisit); len(got) != 1 || got[0] != StageVisit {
		t.Errorf("NextStages(terminated) = %v", got)
	}
	for _, s := range []string{"落地", "入驻", "landed", "LANDED"} {
		if st, err := ParseStage(s); err != nil || st != StageLanded {
			t.Errorf("ParseStage(%q) = %v, %v", s, st, err)
		}
	}
}

func day(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

func TestReached(t *testing.T) {
	moves := []Move{{From: "", To: StageClue, On: day("2021-11-02")}, {From: StageClue, To: StageSigned, On: day("2022-01-10")},
		{From: StageSigned, To: StageStarted, On: day("2022-03-01")}, {From: StageStarted, To: StageTerminated, On: day("2022-03-20"), Reason: "x"}}
	if d, ok := Reached(moves, StageLanded); !ok || !d.Equal(day("2022-03-01")) {
		t.Errorf("landed at %v %v, want 2022-03-01 (skipped to 开工)", d, ok)
	}
	if _, ok := Reached(moves, StageProducing); ok {
		t.Error("reached 投产")
	}
	if StageBefore(moves) != StageStarted {
		t.Errorf("StageBefore = %s", StageBefore(moves))
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestRatesAndFunds(t *testing.T) {
	rates := []Rate{{Currency: "EUR", On: day("2022-01-01"), USD: dec("1.13")}, {Currency: "EUR", On: day("2022-03-01"), USD: dec("1.10")},
		{Currency: CNY, On: day("2022-01-01"), USD: dec("0.1575")}}
	if r, ok := RateOn(rates, "EUR", day("2022-02-15")); !ok || !r.Equal(dec("1.13")) {
		t.Errorf("EUR on 02-15 = %s", r)
	}
	if r, ok := RateOn(rates, "EUR", day("2022-03-01")); !ok || !r.Equal(dec("1.10")) {
		t.Errorf("EUR on 03-01 = %s", r)
	}
	if _, ok := RateOn(rates, "EUR", day("2021-12-31")); ok {
		t.Error("a rate before the first")
	}
	f := Funds{Amount: dec("10000000"), Currency: "EUR", On: day("2022-03-15"), Foreign: true}
	if err := PriceFunds(&f, rates); err != nil || !f.USD.Equal(dec("11000000")) || !f.Rate.Equal(dec("1.10")) {
		t.Errorf("priced %s at %s: %v", f.USD, f.Rate, err)
	}
	g := Funds{Amount: dec("5"), Currency: "JPY", On: day("2022-03-15")}
	var e *Error
	if err := PriceFunds(&g, rates); !errors.As(err, &e) || e.Code != "rate.missing" || e.Args[0] != "JPY" {
		t.Errorf("JPY without a rate: %v", err)
	}
	h := Funds{Amount: dec("-1"), Currency: "USD", On: day("2022-03-15")}
	if err := PriceFunds(&h, rates); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative: %v", err)
	}
	for in, want := range map[string]Currency{"美元": USD, "usd": USD, "人民币": CNY, "欧元": "EUR", "HKD": "HKD"} {
		if c, err := ParseCurrency(in); err != nil || c != want {
			t.Errorf("ParseCurrency(%q) = %s %v", in, c, err)
		}
	}
	if _, err := ParseCurrency("dollars"); err == nil {
		t.Error("dollars parsed")
	}
}

func TestGapsAndTree(t *testing.T) {
	links := []Link{
		{ID: 1, Code: "vehicle", Name: "整车", Position: 1},
		{ID: 2, ParentID: 1, Code: "chassis", Name: "底盘", Position: 1},
		{ID: 3, ParentID: 2, Code: "light-chassis", Name: "轻量化底盘模块", Position: 1},
		{ID: 4, ParentID: 1, Code: "battery", Name: "动力电池", Position: 2},
		{ID: 5, ParentID: 1, Code: "chips", Name: "车规级芯片", Position: 3, Extension: true},
		{ID: 6, ParentID: 1, Code: "motor", Name: "电驱动", Position: 4},
	}
	ents := []Enterprise{
		{ID: 10, Name: "拓普集团", Settled: true, LinkIDs: []int64{3}},
		{ID: 11, Name: "小康", Settled: true, LinkIDs: []int64{1}},
		{ID: 12, Name: "赛力斯", Settled: true, LinkIDs: []int64{1}},
		{ID: 13, Name: "某电池企业", LinkIDs: []int64{4}},
		{ID: 14, Name: "金康动力", Settled: true, LinkIDs: []int64{6}},
	}
	leads := []Lead{{ID: 20, Name: "电池项目", LinkID: 4, Stage: StageNegotiation}, {ID: 21, Name: "放弃的", LinkID: 4, Stage: StageTerminated}}
	flat := Flatten(BuildTree(links, ents, leads))
	want := []struct {
		code  string
		depth int
		gap   Gap
	}{{"vehicle", 0, GapNone}, {"chassis", 1, GapStrengthen}, {"light-chassis", 2, GapStrengthen}, {"battery", 1, GapFill}, {"chips", 1, GapExtend}, {"motor", 1, GapStrengthen}}
	if len(flat) != len(want) {
		t.Fatalf("%d nodes", len(flat))
	}
	for i, w := range want {
		n := flat[i]
		if n.Code != w.code || n.Depth != w.depth || n.Gap != w.gap {
			t.Errorf("node %d = %s depth %d gap %q, want %+v", i, n.Code, n.Depth, n.Gap, w)
		}
	}
	if b := flat[3]; len(b.Candidates) != 1 || len(b.Leads) != 1 || len(b.Settled) != 0 {
		t.Errorf("battery: %d candidates, %d leads, %d settled", len(b.Candidates), len(b.Leads), len(b.Settled))
	}
	if err := ValidateLinks(append(links, Link{ID: 7, ParentID: 8, Code: "a", Name: "a"}, Link{ID: 8, ParentID: 7, Code: "b", Name: "b"})); err == nil {
		t.Error("a cycle passed")
	}
	if err := ValidateLinks(links); err != nil {
		t.Error(err)
	}
}
