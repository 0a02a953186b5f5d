package service

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/docx"
	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/plan"
	"github.com/lantu-dev/lantu/internal/progress"
)

// The monthly bulletin as a Word document (月度通报), in the reader's language: the
// sentences come from message keys, the figures in 万/亿 with their units.

// PeriodText is a period as people read it: 2022年3月 in Chinese, 2022-03 in English.
func PeriodText(lang string, p progress.Period) string {
	if p.IsZero() {
		return ""
	}
	if lang == "en" {
		return p.String()
	}
	return p.Label()
}

// DateText is a date in China: 2022-03-31.
func DateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(China).Format(time.DateOnly)
}

// ProgressUnit is the unit progress is written in: growth progress is a rate in percent.
func ProgressUnit(kind plan.Kind, unit string) string {
	if kind == plan.KindGrowth {
		return "%"
	}
	return unit
}

func amountText(lang string, d *decimal.Decimal, unit string) string {
	if d == nil {
		return "—"
	}
	return i18n.Amount(lang, *d, unit)
}

func percentText(d *decimal.Decimal) string {
	if d == nil {
		return "—"
	}
	return i18n.Percent(*d)
}

// StatusText is a status in words.
func StatusText(lang string, st progress.Status) string { return i18n.T(lang, "status."+string(st)) }

// LampText is a light in words.
func LampText(lang string, l progress.Lamp) string { return i18n.T(lang, "lamp."+string(l)) }

var cnNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func sectionNumber(lang string, i int) string {
	if lang == "en" || i >= len(cnNumerals) {
		return strconv.Itoa(i + 1)
	}
	return cnNumerals[i]
}

// statusColour is the status's colour in the document, the pages' own.
func statusColour(st progress.Status) string {
	switch st {
	case progress.StatusAchieved, progress.StatusDone, progress.StatusOnTrack:
		return "1A7F37"
	case progress.StatusAtRisk:
		return "9A6700"
	case progress.StatusBehind, progress.StatusLate, progress.StatusOverdue:
		return "B42318"
	}
	return "57606A"
}

func lampFill(l progress.Lamp) string {
	switch l {
	case progress.LampGreen:
		return "DAFBE1"
	case progress.LampYellow:
		return "FFF4CE"
	case progress.LampRed:
		return "FFE1DE"
	}
	return ""
}

// BulletinDocument writes a bulletin as a .docx file in a language.
func BulletinDocument(b *Bulletin, lang string, generated time.Time) ([]byte, error) {
	t := func(key string) string { return i18n.T(lang, key) }
	month := PeriodText(lang, b.Month)
	d := docx.New(b.Plan.Title + " " + month)
	d.Title(fmt.Sprintf(t("bull.title"), b.Plan.Title))
	d.Subtitle(fmt.Sprintf(t("bull.month"), month) + "  " + fmt.Sprintf(t("bull.asof"), DateText(b.At)))

	// 一、总体情况
	d.Heading(1, t("bull.s1"))
	by := b.Overall.ByStatus
	good := by[progress.StatusAchieved] + by[progress.StatusDone] + by[progress.StatusOnTrack]
	share := b.Overall.OnTrackShare
	rate := b.Rate.Rate
	d.Text(fmt.Sprintf(t("bull.overall"), DateText(b.At), b.Overall.Tracked, good, i18n.Percent(share),
		by[progress.StatusAtRisk], by[progress.StatusBehind]+by[progress.StatusLate], by[progress.StatusOverdue],
		by[progress.StatusNoData]+by[progress.StatusNoTarget], b.Rate.Due, b.Rate.OnTime, i18n.Percent(rate)))

	// 二、各示范区推进情况
	d.Heading(1, t("bull.s2"))
	for zi, z := range b.Zones {
		d.Heading(2, fmt.Sprintf(t("bull.zone"), sectionNumber(lang, zi), z.Zone.Name))
		if z.Summary.Tracked == 0 {
			d.Text(t("bull.zone.none"))
			continue
		}
		zs := z.Summary.OnTrackShare
		d.Text(fmt.Sprintf(t("bull.zone.sum"), z.Summary.Tracked, len(z.Good), i18n.Percent(zs), len(z.Behind)))
		if len(z.Good) > 0 {
			d.Aligned(docx.Left, docx.Run{Text: t("bull.good"), Bold: true})
			var rows [][]docx.Cell
			for i, p := range z.Good {
				u := ProgressUnit(p.Kind, p.Unit)
				rows = append(rows, []docx.Cell{docx.C(strconv.Itoa(i + 1)), docx.C(p.Name),
					{Runs: []docx.Run{{Text: StatusText(lang, p.Status), Color: statusColour(p.Status)}}},
					docx.C(amountText(lang, p.Progress, u)), docx.C(amountText(lang, p.Target, u)),
					docx.C(percentText(p.Completion)), docx.C(p.DeptName)})
			}
			d.Table([]string{t("col.no"), t("col.indicator"), t("col.status"), t("col.progress"), t("col.target"), t("col.completion"), t("col.dept")},
				rows, []int{5, 22, 10, 14, 14, 10, 18})
		}
		if len(z.Behind) > 0 {
			d.Aligned(docx.Left, docx.Run{Text: t("bull.behind"), Bold: true})
			var rows [][]docx.Cell
			for i, p := range z.Behind {
				u := ProgressUnit(p.Kind, p.Unit)
				cause, remedy := p.Cause, p.Remedy
				if cause == "" {
					cause = t("bull.nocause")
				}
				if remedy == "" {
					remedy = t("bull.nocause")
				}
				rows = append(rows, []docx.Cell{docx.C(strconv.Itoa(i + 1)), docx.C(p.Name),
					{Runs: []docx.Run{{Text: StatusText(lang, p.Status), Color: statusColour(p.Status), Bold: true}}},
					docx.C(amountText(lang, p.Progress, u) + " / " + amountText(lang, p.Expected, u)),
					docx.C(cause), docx.C(remedy), docx.C(p.DeptName)})
			}
			d.Table([]string{t("col.no"), t("col.indicator"), t("col.status"), t("col.progress") + " / " + t("col.expected"), t("col.cause"), t("col.remedy"), t("col.dept")},
				rows, []int{5, 17, 9, 16, 18, 18, 15})
		}
	}

	// 三、部门红黄绿灯排名
	d.Heading(1, t("bull.s3"))
	var rows [][]docx.Cell
	for _, r := range b.Ranking {
		rank, score := "—", "—"
		if r.Scored {
			rank, score = strconv.Itoa(r.Rank), i18n.Percent(r.Score)
		}
		rateText, shareText := "—", "—"
		if r.Rate.Due > 0 {
			rateText = i18n.Percent(r.Rate.Rate) + fmt.Sprintf(" (%d/%d)", r.Rate.OnTime, r.Rate.Due)
		}
		if r.Summary.Tracked > 0 {
			shareText = i18n.Percent(r.Summary.OnTrackShare)
		}
		rows = append(rows, []docx.Cell{{Runs: []docx.Run{{Text: rank}}, Align: docx.Center}, docx.C(r.Dept.Name),
			{Runs: []docx.Run{{Text: LampText(lang, r.Lamp), Bold: true}}, Fill: lampFill(r.Lamp), Align: docx.Center},
			docx.C(rateText), docx.C(shareText), docx.C(score)})
	}
	d.Table([]string{t("col.rank"), t("col.dept"), t("col.lamp"), t("col.rate"), t("col.share"), t("col.score")}, rows, []int{7, 30, 9, 20, 17, 13})
	d.Text(t("lamp.rule"))

	// 四、逾期未报清单
	d.Heading(1, t("bull.s4"))
	if len(b.Overdue) == 0 {
		d.Text(t("bull.nooverdue"))
	} else {
		var rows [][]docx.Cell
		for i, o := range b.Overdue {
			rows = append(rows, []docx.Cell{docx.C(strconv.Itoa(i + 1)), docx.C(o.Name), docx.C(o.Dept),
				docx.C(PeriodText(lang, o.Period)), docx.C(o.Due.Format(time.DateOnly)), {Runs: []docx.Run{{Text: strconv.Itoa(o.DaysLate)}}, Align: docx.Right}})
		}
		d.Table([]string{t("col.no"), t("col.indicator"), t("col.dept"), t("col.period"), t("col.due"), t("col.dayslate")}, rows, []int{6, 30, 26, 14, 14, 10})
	}
	d.Text(t("bull.note"))
	d.Aligned(docx.Right, docx.Run{Text: fmt.Sprintf(t("bull.generated"), DateText(generated))})
	return d.Bytes(generated)
}

// BulletinDOCX reads a plan's bulletin for a month and writes it as a Word document;
// name is a file name for it.
func (s *Service) BulletinDOCX(ctx context.Context, a Actor, planID int64, month progress.Period, lang string) (data []byte, name string, err error) {
	b, err := s.Bulletin(ctx, a, planID, month)
	if err != nil {
		return nil, "", err
	}
	data, err = BulletinDocument(b, lang, s.Now())
	return data, fmt.Sprintf("bulletin-%d-%s.docx", b.Plan.ID, b.Month), err
}
