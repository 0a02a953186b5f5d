package app

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lantu-dev/lantu/internal/store/storetest"
)

// An officer in a real browser: the start page lists the coming visit; the NEV chain
// shows 拓普集团 at the lightweight-chassis link and the empty links marked as gaps; on
// the pipeline board the “一带一路”商品交易中心 is moved 签约 → 落地 and the 项目落地
// indicator goes from 3 to 4 on the same page; the calendar shows the article's visits.
func TestBrowserInvestChainAndPipeline(t *testing.T) {
	ctx := newBrowser(t)
	ts := newInvestServer(t, storetest.SQLite(t))
	browserSignIn(t, ctx, ts.URL, "fangnan", "fangnan-password-1")

	// The start page: the officer's own coming visit (the demo clock is 2022-04-05).
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if up := text(t, ctx, `#upcoming-visits`); !strings.Contains(up, "2022-04-07 09:30") || !strings.Contains(up, "拓普") {
		t.Errorf("upcoming visits on the start page: %q", up)
	}

	// The NEV chain, opened from the navigation.
	browserClick(t, ctx, `nav.nav a[href="/invest"]`, http.StatusOK)
	browserClick(t, ctx, `nav.invest-tabs a[href="/invest/chains"]`, http.StatusOK)
	browserShot(t, ctx, "invest-chain")
	if name := text(t, ctx, `#chain-name`); name != "新能源智能网联汽车" {
		t.Fatalf("the first chain is %q", name)
	}
	if got := text(t, ctx, `li[data-link="light-chassis"] [data-settled]`); !strings.Contains(got, "拓普集团") {
		t.Errorf("轻量化底盘模块 shows %q, want 拓普集团", got)
	}
	if got := browserEval[string](t, ctx, `document.querySelector('li[data-link="light-chassis"]').dataset.gap`); got == "fill" || got == "extend" {
		t.Errorf("the link with 拓普 is marked as a gap (%s)", got)
	}
	gaps := browserEval[[]string](t, ctx, `[...document.querySelectorAll('li.chain-link.gap-fill, li.chain-link.gap-extend')].map(li => li.dataset.link + ':' + li.querySelector('.gap-badge').textContent.trim())`)
	want := map[string]string{"battery": "补链", "body": "补链", "chips": "延链", "lidar": "延链"}
	seen := map[string]bool{}
	for _, g := range gaps {
		link, badge, _ := strings.Cut(g, ":")
		seen[link] = true
		if w, ok := want[link]; ok && w != badge {
			t.Errorf("link %s is marked %q, want %q", link, badge, w)
		}
	}
	for link := range want {
		if !seen[link] {
			t.Errorf("empty link %s is not marked as a gap (gaps: %v)", link, gaps)
		}
	}
	if empty := browserEval[bool](t, ctx, `document.querySelector('li[data-link="battery"]').textContent.includes('区内暂无企业')`); !empty {
		t.Error("the battery link does not say nobody is in the district")
	}

	// The pipeline board: move the lead 签约 → 落地, dated 30 March.
	browserClick(t, ctx, `nav.invest-tabs a[href="/invest"]`, http.StatusOK)
	fed := `[data-fed="projects-landed"]`
	if v := text(t, ctx, fed+` [data-fed-value]`); v != "3个" {
		t.Errorf("项目落地 before the move: %q, want 3个", v)
	}
	lead := ts.leadID(t, "“一带一路”商品交易中心")
	card := fmt.Sprintf(`.board-col[data-stage="signed"] .lead-card[data-lead="%d"]`, lead)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(card+` select[name=to]`, "landed"),
		chromedp.SetValue(card+` input[name=on]`, "2022-03-30"),
	); err != nil {
		t.Fatal(err)
	}
	browserClick(t, ctx, card+` button[type=submit]`, http.StatusOK)
	browserShot(t, ctx, "invest-board-moved")
	if msg := text(t, ctx, `.flash-ok`); !strings.Contains(msg, "落地") {
		t.Errorf("after the move: %q", msg)
	}
	if !browserHas(t, ctx, fmt.Sprintf(`.board-col[data-stage="landed"] .lead-card[data-lead="%d"]`, lead)) {
		t.Error("the lead is not in the 落地 column")
	}
	if v := text(t, ctx, fed+` [data-fed-value]`); v != "4个" {
		t.Errorf("项目落地 after the move: %q, want 4个", v)
	}
	// The lead's page has the move in its history, by the officer.
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/invest/leads/%d", ts.URL, lead))); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, `#history`); !strings.Contains(h, "签约 → 落地/入驻") || !strings.Contains(h, "2022-03-30") || !strings.Contains(h, "方楠") {
		t.Errorf("history: %q", h)
	}

	// The calendar's month of March 2022 holds the notebook's three visits.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/invest/visits?view=month&date=2022-03-18")); err != nil {
		t.Fatal(err)
	}
	if day := text(t, ctx, `.cal-day[data-date="2022-03-18"]`); !strings.Contains(day, "10:00") || !strings.Contains(day, "上海") {
		t.Errorf("18 March: %q", day)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/invest/visits?view=week&date=2022-03-19")); err != nil {
		t.Fatal(err)
	}
	if n := browserEval[int](t, ctx, `document.querySelectorAll('.cal-day').length`); n != 7 {
		t.Errorf("the week view has %d days", n)
	}
	if n := browserEval[int](t, ctx, `document.querySelectorAll('.cal-visit').length`); n != 3 {
		t.Errorf("the week of 14–20 March has %d visits, want 3", n)
	}
}

// At 360 px the invest pages fit the width: boards, trees and calendars wrap, wide
// tables scroll inside their card.
func TestBrowserInvestPhoneWidth(t *testing.T) {
	ctx := newBrowser(t)
	ts := newInvestServer(t, storetest.SQLite(t))
	browserSignIn(t, ctx, ts.URL, "fangnan", "fangnan-password-1")
	phoneWidth(t, ctx, 360)
	lead := ts.leadID(t, "拓普集团轻量化底盘模块项目")
	for _, page := range []string{"/invest", "/invest/chains", "/invest/enterprises", "/invest/visits?view=month&date=2022-03-18",
		"/invest/visits?view=week&date=2022-03-18", fmt.Sprintf("/invest/leads/%d", lead)} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+page)); err != nil {
			t.Fatal(err)
		}
		checkFitsWidth(t, ctx, page+" at 360 px")
	}
}
