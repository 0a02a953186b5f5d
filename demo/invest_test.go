package demo

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The investment demo keeps to the article where it quotes it and marks the rest.
func TestInvestFile(t *testing.T) {
	data, err := os.ReadFile(InvestFile)
	if err != nil {
		t.Fatal(err)
	}
	article, err := os.ReadFile("cqrb-2022-shapingba.txt")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Format      string `yaml:"format"`
		Enterprises []struct {
			Name         string `yaml:"name"`
			Park         string `yaml:"park"`
			CreditCode   string `yaml:"credit_code"`
			Illustrative bool   `yaml:"illustrative"`
		} `yaml:"enterprises"`
		Leads []struct {
			Name         string     `yaml:"name"`
			History      [][]string `yaml:"history"`
			Illustrative bool       `yaml:"illustrative"`
		} `yaml:"leads"`
		Visits []struct {
			Starts       string `yaml:"starts"`
			City         string `yaml:"city"`
			Illustrative bool   `yaml:"illustrative"`
		} `yaml:"visits"`
		Feeds []struct {
			Indicator string `yaml:"indicator"`
		} `yaml:"feeds"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Format != "lantu-invest/1" {
		t.Errorf("format %q", f.Format)
	}
	// The notebook line of 3月11日, as the article has it.
	want := []struct{ starts, city, text string }{
		{"2022-03-18 10:00", "上海", "3月18日上午10点，上海拜访世界500强生物医药企业"},
		{"2022-03-19 14:00", "浙江", "3月19日下午2点，浙江拜访国内汽车零部件头部企业"},
		{"2022-03-20 11:00", "山东", "3月20日上午11点，山东拜访医疗器械龙头企业"},
	}
	var article3 []int
	for i, v := range f.Visits {
		if !v.Illustrative {
			article3 = append(article3, i)
		}
	}
	if len(article3) != len(want) {
		t.Fatalf("%d visits not marked illustrative, want the article's %d", len(article3), len(want))
	}
	for i, w := range want {
		if f.Visits[i].Starts != w.starts || f.Visits[i].City != w.city || !strings.Contains(string(article), w.text) {
			t.Errorf("visit %d = %+v, want %s in %s (%q in the article)", i, f.Visits[i], w.starts, w.city, w.text)
		}
	}
	// Enterprises the article names are in it; the others are marked or say so.
	for _, e := range f.Enterprises {
		named := strings.Contains(string(article), e.Name)
		placeholder := strings.HasPrefix(e.Name, "某")
		if !named && !placeholder && !e.Illustrative {
			t.Errorf("enterprise %s is neither in the article nor marked illustrative", e.Name)
		}
		if e.CreditCode != "" {
			t.Errorf("enterprise %s has a credit code the article does not give", e.Name)
		}
		if strings.Contains(e.Name, "拓普") && (e.Park != "青凤高科产业园" || !strings.Contains(string(article), "青凤高科产业园")) {
			t.Errorf("拓普 settled in %q", e.Park)
		}
	}
	for _, l := range f.Leads {
		if !l.Illustrative {
			t.Errorf("lead %s: its dates and amounts are illustrative and must say so", l.Name)
		}
		if len(l.History) == 0 {
			t.Errorf("lead %s has no history", l.Name)
		}
	}
	if len(f.Feeds) != 3 {
		t.Errorf("%d feeds, want projects-landed, industrial-projects-completed, fdi-actual-use", len(f.Feeds))
	}
}
