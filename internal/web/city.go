package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/i18n"
	"github.com/lantu-dev/lantu/internal/progress"
	"github.com/lantu-dev/lantu/internal/service"
)

// cityTotalView is a sum across districts, written for people.
type cityTotalView struct {
	Districts  int
	Progress   string
	Target     string
	Completion *decimal.Decimal
	Qualifier  string
}

type cityView struct {
	Year     int
	At       string
	Overview *service.CityOverview
	Code     *service.CityIndicator
	Totals   []cityTotalView
	Statuses []progress.Status
}

// cityStatuses are the statuses counted on the city pages, in reading order.
var cityStatuses = []progress.Status{progress.StatusAchieved, progress.StatusOnTrack, progress.StatusAtRisk, progress.StatusBehind,
	progress.StatusOverdue, progress.StatusNoData}

func cityYear(r *http.Request) int {
	y, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || y < 1900 || y > 2200 {
		return 0
	}
	return y
}

func cityAt(r *http.Request) time.Time {
	at, err := service.ParseAt(r.URL.Query().Get("at"))
	if err != nil {
		return time.Time{}
	}
	return at
}

func totalsView(lang string, ts []service.CityTotal) []cityTotalView {
	var out []cityTotalView
	for _, t := range ts {
		v := cityTotalView{Districts: t.Districts, Progress: i18n.Amount(lang, t.Progress, t.Unit), Completion: t.Completion}
		if t.Target != nil {
			v.Target = i18n.Amount(lang, *t.Target, t.Unit)
		}
		if t.Qualifier != "" {
			v.Qualifier = i18n.T(lang, "adm.q."+string(t.Qualifier))
		}
		out = append(out, v)
	}
	return out
}

// cityPage is the city's overview: every standard code across the districts the reader
// oversees, with counts by status and the best and last district.
func (s *Server) cityPage(w http.ResponseWriter, r *http.Request) error {
	ov, err := s.svc.CityOverview(r.Context(), service.ActorFrom(r.Context()), cityYear(r), cityAt(r))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "city", &cityView{Year: ov.Year, At: ov.At.In(service.China).Format(time.DateOnly), Overview: &ov, Statuses: cityStatuses})
	return nil
}

// cityCodePage ranks the districts on one standard code.
func (s *Server) cityCodePage(w http.ResponseWriter, r *http.Request) error {
	ci, err := s.svc.CityIndicator(r.Context(), service.ActorFrom(r.Context()), r.PathValue("code"), cityYear(r), cityAt(r))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "city", &cityView{Year: ci.Year, At: ci.At.In(service.China).Format(time.DateOnly), Code: &ci,
		Totals: totalsView(requestLang(r), ci.Totals), Statuses: cityStatuses})
	return nil
}
