package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/progress"
)

// StoredReport is a report with the first time it was handed in, which the on-time
// reporting rate needs (a resubmission after a rejection does not make it late).
type StoredReport struct {
	progress.Report
	FirstSubmittedAt time.Time
}

const reportColumns = `id, indicator_id, period, value, cumulative, last_year, amount, done, note, cause, remedy, state,
	reject_reason, version, revision, COALESCE(supersedes, 0), illustrative, COALESCE(created_by, 0), COALESCE(submitted_by, 0),
	COALESCE(reviewed_by, 0), created_at, submitted_at, first_submitted_at, reviewed_at`

func scanReport(row interface{ Scan(...any) error }) (StoredReport, error) {
	var r StoredReport
	var period, value string
	var lastYear, amount sql.NullString
	var submitted, firstSubmitted, reviewed sql.NullTime
	err := row.Scan(&r.ID, &r.IndicatorID, &period, &value, &r.Cumulative, &lastYear, &amount, &r.Done, &r.Note, &r.Cause, &r.Remedy,
		&r.State, &r.RejectReason, &r.Version, &r.Revision, &r.Supersedes, &r.Illustrative, &r.CreatedBy, &r.SubmittedBy,
		&r.ReviewedBy, &r.CreatedAt, &submitted, &firstSubmitted, &reviewed)
	if err != nil {
		return r, err
	}
	if r.Period, err = progress.ParsePeriod(period); err != nil {
		return r, fmt.Errorf("report %d: %w", r.ID, err)
	}
	if r.Value, err = decimal.NewFromString(value); err != nil {
		return r, fmt.Errorf("report %d value: %w", r.ID, err)
	}
	if r.LastYear, err = scanDec(lastYear); err != nil {
		return r, err
	}
	if r.Amount, err = scanDec(amount); err != nil {
		return r, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	if submitted.Valid {
		r.SubmittedAt = submitted.Time.UTC()
	}
	if firstSubmitted.Valid {
		r.FirstSubmittedAt = firstSubmitted.Time.UTC()
	}
	if reviewed.Valid {
		r.ReviewedAt = reviewed.Time.UTC()
	}
	return r, nil
}

// InsertReport writes a new report (or a new revision) and sets its id.
func (s *Store) InsertReport(ctx context.Context, r *progress.Report) error {
	now := s.now()
	id, err := s.insertID(ctx, `INSERT INTO reports (indicator_id, period, value, cumulative, last_year, amount, done, note, cause, remedy,
		state, reject_reason, version, revision, supersedes, illustrative, created_by, submitted_by, reviewed_by, created_at,
		submitted_at, first_submitted_at, reviewed_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
		r.IndicatorID, r.Period.String(), r.Value.String(), r.Cumulative, decArg(r.LastYear), decArg(r.Amount), r.Done, r.Note, r.Cause, r.Remedy,
		string(r.State), r.RejectReason, r.Version, r.Revision, nullID(r.Supersedes), r.Illustrative, nullID(r.CreatedBy), nullID(r.SubmittedBy),
		nullID(r.ReviewedBy), r.CreatedAt.UTC(), nullTime(r.SubmittedAt), nullTime(r.SubmittedAt), nullTime(r.ReviewedAt), now)
	if err != nil {
		return fmt.Errorf("store: insert report for indicator %d %s: %w", r.IndicatorID, r.Period, err)
	}
	r.ID = id
	return s.IndicatorChanged(ctx, r.IndicatorID)
}

// UpdateReport writes a changed report if nobody changed it since it was read at
// version prev; otherwise ErrConflict, and nothing is written.
func (s *Store) UpdateReport(ctx context.Context, r progress.Report, prev int) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE reports SET value = $1, cumulative = $2, last_year = $3, amount = $4, done = $5,
		note = $6, cause = $7, remedy = $8, state = $9, reject_reason = $10, version = $11, submitted_by = $12, reviewed_by = $13,
		submitted_at = $14, first_submitted_at = COALESCE(first_submitted_at, $14), reviewed_at = $15, updated_at = $16
		WHERE id = $17 AND version = $18`,
		r.Value.String(), r.Cumulative, decArg(r.LastYear), decArg(r.Amount), r.Done, r.Note, r.Cause, r.Remedy, string(r.State),
		r.RejectReason, r.Version, nullID(r.SubmittedBy), nullID(r.ReviewedBy), nullTime(r.SubmittedAt), nullTime(r.ReviewedAt),
		s.now(), r.ID, prev)
	if err != nil {
		return fmt.Errorf("store: update report %d: %w", r.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update report %d at version %d: %w", r.ID, prev, ErrConflict)
	}
	return s.IndicatorChanged(ctx, r.IndicatorID)
}

// AddReportEditor records that a user created or edited a report (nothing for user 0,
// lantu itself); recording one twice is a no-op.
func (s *Store) AddReportEditor(ctx context.Context, reportID, userID int64) error {
	if userID == 0 {
		return nil
	}
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO report_editors (report_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, reportID, userID)
	if err != nil {
		return fmt.Errorf("store: editor %d of report %d: %w", userID, reportID, err)
	}
	return nil
}

// ReportEditors lists who created or edited a report, by id.
func (s *Store) ReportEditors(ctx context.Context, reportID int64) ([]int64, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT user_id FROM report_editors WHERE report_id = $1 ORDER BY user_id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: editors of report %d: %w", reportID, err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("store: editors of report %d: %w", reportID, err)
	}
	return ids, nil
}

// Report reads one report (prepared once: read by every review).
func (s *Store) Report(ctx context.Context, id int64) (StoredReport, error) {
	var r StoredReport
	rows, err := s.queryPrepared(ctx, `SELECT `+reportColumns+` FROM reports WHERE id = $1`, id)
	if err == nil {
		r, err = scanOneReport(rows)
	}
	if err != nil {
		return r, fmt.Errorf("store: report %d: %w", id, mapErr(err))
	}
	return r, nil
}

// ReportForUpdate reads a report inside a transaction, locking its row on PostgreSQL so
// that concurrent reviewers queue instead of both reading the same version.
func (s *Store) ReportForUpdate(ctx context.Context, id int64) (StoredReport, error) {
	q := `SELECT ` + reportColumns + ` FROM reports WHERE id = $1`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var r StoredReport
	rows, err := s.queryPrepared(ctx, q, id)
	if err == nil {
		r, err = scanOneReport(rows)
	}
	if err != nil {
		return r, fmt.Errorf("store: report %d: %w", id, mapErr(err))
	}
	return r, nil
}

func (s *Store) listReports(ctx context.Context, where string, args ...any) ([]StoredReport, error) {
	rows, err := s.q(ctx).QueryContext(ctx, reportQuery(where), args...)
	if err != nil {
		return nil, fmt.Errorf("store: list reports: %w", err)
	}
	return scanReports(rows)
}

func reportQuery(where string) string {
	return `SELECT ` + reportColumns + ` FROM reports WHERE ` + where + ` ORDER BY indicator_id, period, revision`
}

// scanOneReport scans the one report of rows, sql.ErrNoRows when there is none.
func scanOneReport(rows *sql.Rows) (StoredReport, error) {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return StoredReport{}, err
		}
		return StoredReport{}, sql.ErrNoRows
	}
	r, err := scanReport(rows)
	if err != nil {
		return r, err
	}
	return r, rows.Close()
}

func scanReports(rows *sql.Rows) ([]StoredReport, error) {
	defer rows.Close()
	var out []StoredReport
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list reports: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// IndicatorReports lists every report of an indicator, all states and revisions; the
// statement is prepared once (an indicator's page reads it twice).
func (s *Store) IndicatorReports(ctx context.Context, indicatorID int64) ([]StoredReport, error) {
	rows, err := s.queryPrepared(ctx, reportQuery(`indicator_id = $1`), indicatorID)
	if err != nil {
		return nil, fmt.Errorf("store: list reports: %w", err)
	}
	return scanReports(rows)
}

// IndicatorReportsInState lists an indicator's reports in one state (the approved ones,
// for readers outside the department).
func (s *Store) IndicatorReportsInState(ctx context.Context, indicatorID int64, state progress.State) ([]StoredReport, error) {
	return s.listReports(ctx, `indicator_id = $1 AND state = $2`, indicatorID, string(state))
}

// PlanReports lists every report of a plan's indicators.
func (s *Store) PlanReports(ctx context.Context, planID int64) ([]StoredReport, error) {
	return s.listReports(ctx, `indicator_id IN (SELECT id FROM indicators WHERE plan_id = $1)`, planID)
}

// ReportsInState lists a plan's reports in a state (e.g. the review queue).
func (s *Store) ReportsInState(ctx context.Context, planID int64, state progress.State) ([]StoredReport, error) {
	return s.listReports(ctx, `state = $1 AND indicator_id IN (SELECT id FROM indicators WHERE plan_id = $2)`, string(state), planID)
}

// DeptReportsInState lists a plan's reports in a state whose indicators belong to one of
// depts (a department reviewer's queue); none when depts is empty.
func (s *Store) DeptReportsInState(ctx context.Context, planID int64, state progress.State, depts []int64) ([]StoredReport, error) {
	if len(depts) == 0 {
		return nil, nil
	}
	args := []any{string(state), planID}
	ph := make([]string, len(depts))
	for i, d := range depts {
		args = append(args, d)
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	return s.listReports(ctx, `state = $1 AND indicator_id IN (SELECT id FROM indicators WHERE plan_id = $2 AND department_id IN (`+
		strings.Join(ph, ", ")+`))`, args...)
}

// InsertTargetRevision records a target revision (调整目标).
func (s *Store) InsertTargetRevision(ctx context.Context, indicatorID int64, t progress.TargetRevision) (int64, error) {
	id, err := s.insertID(ctx, `INSERT INTO target_revisions (indicator_id, target, target_max, qualifier, due, effective_from, reason, by_user, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, indicatorID, decArg(t.Target), decArg(t.TargetMax), string(t.Qualifier), t.Due,
		t.EffectiveFrom.Format(time.DateOnly), t.Reason, nullID(t.By), s.now())
	if err != nil {
		return 0, fmt.Errorf("store: revise target of indicator %d: %w", indicatorID, err)
	}
	return id, s.IndicatorChanged(ctx, indicatorID)
}

// TargetRevisions lists the revisions of the indicators of a plan (or of one indicator
// when indicatorID is not 0), by indicator, in the order they were made.
func (s *Store) TargetRevisions(ctx context.Context, planID, indicatorID int64) (map[int64][]progress.TargetRevision, error) {
	return s.targetRevisions(ctx, `($1 = 0 OR indicator_id IN (SELECT id FROM indicators WHERE plan_id = $1)) AND ($2 = 0 OR indicator_id = $2)`, planID, indicatorID)
}

// TargetRevisionsOf reads the target revisions of some indicators (of any plans), in
// chunks of 500 ids, by indicator, oldest first.
func (s *Store) TargetRevisionsOf(ctx context.Context, ids []int64) (map[int64][]progress.TargetRevision, error) {
	out := map[int64][]progress.TargetRevision{}
	for chunk := range slices.Chunk(ids, 500) {
		revs, err := s.targetRevisions(ctx, `indicator_id IN (`+idList(chunk)+`)`)
		if err != nil {
			return nil, err
		}
		maps.Copy(out, revs)
	}
	return out, nil
}

func (s *Store) targetRevisions(ctx context.Context, where string, args ...any) (map[int64][]progress.TargetRevision, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT indicator_id, target, target_max, qualifier, due, effective_from, reason, COALESCE(by_user, 0)
		FROM target_revisions WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: target revisions: %w", err)
	}
	defer rows.Close()
	out := map[int64][]progress.TargetRevision{}
	for rows.Next() {
		var id int64
		var t progress.TargetRevision
		var target, targetMax sql.NullString
		var from string
		if err := rows.Scan(&id, &target, &targetMax, &t.Qualifier, &t.Due, &from, &t.Reason, &t.By); err != nil {
			return nil, fmt.Errorf("store: target revisions: %w", err)
		}
		if t.Target, err = scanDec(target); err != nil {
			return nil, err
		}
		if t.TargetMax, err = scanDec(targetMax); err != nil {
			return nil, err
		}
		if t.EffectiveFrom, err = time.Parse(time.DateOnly, from); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// InsertUnlock records a reviewer's unlock of a locked period.
func (s *Store) InsertUnlock(ctx context.Context, u *progress.Unlock) error {
	id, err := s.insertID(ctx, `INSERT INTO period_unlocks (indicator_id, period, reason, until, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.IndicatorID, u.Period.String(), u.Reason, u.Until.Format(time.DateOnly), nullID(u.By), u.At.UTC())
	if err != nil {
		return fmt.Errorf("store: unlock %s of indicator %d: %w", u.Period, u.IndicatorID, err)
	}
	u.ID = id
	return s.IndicatorChanged(ctx, u.IndicatorID)
}

// Unlocks lists the unlocks of an indicator.
func (s *Store) Unlocks(ctx context.Context, indicatorID int64) ([]progress.Unlock, error) {
	return s.listUnlocks(ctx, `indicator_id = $1`, indicatorID)
}

// PlanUnlocks lists the unlocks of a plan's indicators, by indicator.
func (s *Store) PlanUnlocks(ctx context.Context, planID int64) (map[int64][]progress.Unlock, error) {
	list, err := s.listUnlocks(ctx, `indicator_id IN (SELECT id FROM indicators WHERE plan_id = $1)`, planID)
	if err != nil {
		return nil, err
	}
	out := map[int64][]progress.Unlock{}
	for _, u := range list {
		out[u.IndicatorID] = append(out[u.IndicatorID], u)
	}
	return out, nil
}

func (s *Store) listUnlocks(ctx context.Context, where string, args ...any) ([]progress.Unlock, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, indicator_id, period, reason, until, COALESCE(by_user, 0), at FROM period_unlocks WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unlocks: %w", err)
	}
	defer rows.Close()
	var out []progress.Unlock
	for rows.Next() {
		var u progress.Unlock
		var period, until string
		if err := rows.Scan(&u.ID, &u.IndicatorID, &period, &u.Reason, &until, &u.By, &u.At); err != nil {
			return nil, err
		}
		if u.Period, err = progress.ParsePeriod(period); err != nil {
			return nil, err
		}
		if u.Until, err = time.Parse(time.DateOnly, until); err != nil {
			return nil, err
		}
		u.At = u.At.UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

// Evidence is a file attached to a report.
type Evidence struct {
	ID          int64     `json:"id"`
	ReportID    int64     `json:"report_id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  int64     `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
	Data        []byte    `json:"-"`
}

// InsertEvidence stores a file for a report.
func (s *Store) InsertEvidence(ctx context.Context, e *Evidence) error {
	e.CreatedAt = s.now()
	id, err := s.insertID(ctx, `INSERT INTO evidence (report_id, filename, content_type, size, sha256, data, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.ReportID, e.Filename, e.ContentType, e.Size, e.SHA256, e.Data, nullID(e.UploadedBy), e.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: insert evidence for report %d: %w", e.ReportID, err)
	}
	e.ID = id
	return nil
}

// ReportEvidence lists a report's files, without their content.
func (s *Store) ReportEvidence(ctx context.Context, reportID int64) ([]Evidence, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, report_id, filename, content_type, size, sha256, COALESCE(uploaded_by, 0), created_at
		FROM evidence WHERE report_id = $1 ORDER BY id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		var e Evidence
		if err := rows.Scan(&e.ID, &e.ReportID, &e.Filename, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedBy, &e.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EvidenceFile reads one file with its content.
func (s *Store) EvidenceFile(ctx context.Context, id int64) (Evidence, error) {
	var e Evidence
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, report_id, filename, content_type, size, sha256, COALESCE(uploaded_by, 0), created_at, data
		FROM evidence WHERE id = $1`, id).Scan(&e.ID, &e.ReportID, &e.Filename, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedBy, &e.CreatedAt, &e.Data)
	if err != nil {
		return e, fmt.Errorf("store: evidence %d: %w", id, mapErr(err))
	}
	return e, nil
}
