package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/lantu-dev/lantu/internal/invest"
)

// InvestScope is what of the investment centre's records a reader may list, applied in
// SQL: a region (0 = every region, for a deployment-wide admin) and, when Depts is not
// nil, only records of those departments.
type InvestScope struct {
	RegionID int64
	Depts    []int64
	// Nothing makes every list empty (a reader who may see nothing).
	Nothing bool
}

// where adds the scope's conditions on table alias t to a query's conditions.
func (sc InvestScope) where(t string, conds []string, args []any) ([]string, []any) {
	if sc.Nothing {
		return append(conds, "1 = 0"), args
	}
	if sc.RegionID != 0 {
		args = append(args, sc.RegionID)
		conds = append(conds, fmt.Sprintf("%s.region_id = $%d", t, len(args)))
	}
	if sc.Depts != nil {
		if len(sc.Depts) == 0 {
			return append(conds, "1 = 0"), args
		}
		ph := make([]string, len(sc.Depts))
		for i, d := range sc.Depts {
			args = append(args, d)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		conds = append(conds, fmt.Sprintf("%s.dept_id IN (%s)", t, strings.Join(ph, ", ")))
	}
	return conds, args
}

func whereSQL(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func parseDateText(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

func kindsText(ks []invest.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

func nullText(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// ─── enterprises ───────────────────────────────────────────────────────────────

const enterpriseColumns = `e.id, e.region_id, COALESCE(e.dept_id, 0), e.name, COALESCE(e.credit_code, ''), e.hq_city, e.kinds, e.settled, e.park,
	e.owner_id, COALESCE(u.display_name, ''), e.notes, e.illustrative, e.version, e.created_at, e.updated_at`

func scanEnterprise(row interface{ Scan(...any) error }) (invest.Enterprise, error) {
	var e invest.Enterprise
	var kinds string
	err := row.Scan(&e.ID, &e.RegionID, &e.DeptID, &e.Name, &e.CreditCode, &e.HQCity, &kinds, &e.Settled, &e.Park,
		&e.OwnerID, &e.OwnerName, &e.Notes, &e.Illustrative, &e.Version, &e.CreatedAt, &e.UpdatedAt)
	e.Kinds = []invest.Kind{}
	for _, k := range strings.Split(kinds, ",") {
		if k != "" {
			e.Kinds = append(e.Kinds, invest.Kind(k))
		}
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}

// InsertEnterprise writes a new enterprise with its chain links and sets its id. A
// taken credit code or name key is ErrConflict.
func (s *Store) InsertEnterprise(ctx context.Context, e *invest.Enterprise) error {
	now := s.now()
	e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
	id, err := s.insertID(ctx, `INSERT INTO enterprises (region_id, dept_id, name, name_key, credit_code, hq_city, kinds, settled, park,
		owner_id, notes, illustrative, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		e.RegionID, nullID(e.DeptID), e.Name, e.NameKey(), nullText(e.CreditCode), e.HQCity, kindsText(e.Kinds), e.Settled, e.Park,
		e.OwnerID, e.Notes, e.Illustrative, e.Version, now, now)
	if err != nil {
		return fmt.Errorf("store: insert enterprise %q: %w", e.Name, err)
	}
	e.ID = id
	return s.setEnterpriseLinks(ctx, e.ID, e.LinkIDs)
}

// UpdateEnterprise writes a changed enterprise if it is still at version prev.
func (s *Store) UpdateEnterprise(ctx context.Context, e *invest.Enterprise, prev int) error {
	e.UpdatedAt = s.now()
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE enterprises SET name = $1, name_key = $2, credit_code = $3, hq_city = $4, kinds = $5,
		settled = $6, park = $7, owner_id = $8, notes = $9, dept_id = $10, version = $11, updated_at = $12 WHERE id = $13 AND version = $14`,
		e.Name, e.NameKey(), nullText(e.CreditCode), e.HQCity, kindsText(e.Kinds), e.Settled, e.Park, e.OwnerID, e.Notes, nullID(e.DeptID),
		e.Version, e.UpdatedAt, e.ID, prev)
	if err != nil {
		return fmt.Errorf("store: update enterprise %d: %w", e.ID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update enterprise %d at version %d: %w", e.ID, prev, ErrConflict)
	}
	return s.setEnterpriseLinks(ctx, e.ID, e.LinkIDs)
}

func (s *Store) setEnterpriseLinks(ctx context.Context, id int64, links []int64) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM enterprise_links WHERE enterprise_id = $1`, id); err != nil {
		return fmt.Errorf("store: enterprise %d links: %w", id, err)
	}
	for _, l := range links {
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO enterprise_links (enterprise_id, link_id) VALUES ($1, $2)`, id, l); err != nil {
			return fmt.Errorf("store: enterprise %d link %d: %w", id, l, mapErr(err))
		}
	}
	return nil
}

// EnterpriseFilter narrows a list of enterprises.
type EnterpriseFilter struct {
	Settled *bool
	LinkIDs []int64 // only enterprises at one of these links (a chain's)
	Query   string  // part of the name
	IDs     []int64
}

// Enterprises lists the enterprises in scope, by name, with their links.
func (s *Store) Enterprises(ctx context.Context, sc InvestScope, f EnterpriseFilter) ([]invest.Enterprise, error) {
	conds, args := sc.where("e", nil, nil)
	if f.Settled != nil {
		args = append(args, *f.Settled)
		conds = append(conds, fmt.Sprintf("e.settled = $%d", len(args)))
	}
	if f.Query != "" {
		args = append(args, "%"+strings.ToLower(f.Query)+"%")
		conds = append(conds, fmt.Sprintf("(LOWER(e.name) LIKE $%d OR e.name_key LIKE $%d)", len(args), len(args)))
	}
	for _, set := range []struct {
		col string
		ids []int64
	}{{"e.id IN (SELECT enterprise_id FROM enterprise_links WHERE link_id IN (%s))", f.LinkIDs}, {"e.id IN (%s)", f.IDs}} {
		if set.ids == nil {
			continue
		}
		if len(set.ids) == 0 {
			conds = append(conds, "1 = 0")
			continue
		}
		ph := make([]string, len(set.ids))
		for i, id := range set.ids {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		conds = append(conds, fmt.Sprintf(set.col, strings.Join(ph, ", ")))
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+enterpriseColumns+` FROM enterprises e LEFT JOIN users u ON u.id = e.owner_id`+
		whereSQL(conds)+` ORDER BY e.name, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list enterprises: %w", err)
	}
	var out []invest.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list enterprises: %w", err)
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.fillEnterpriseLinks(ctx, out)
}

func (s *Store) fillEnterpriseLinks(ctx context.Context, es []invest.Enterprise) error {
	if len(es) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ph := make([]string, len(es))
	args := make([]any, len(es))
	for i := range es {
		es[i].LinkIDs = []int64{}
		idx[es[i].ID] = i
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), es[i].ID
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT enterprise_id, link_id FROM enterprise_links WHERE enterprise_id IN (`+strings.Join(ph, ", ")+`) ORDER BY link_id`, args...)
	if err != nil {
		return fmt.Errorf("store: enterprise links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e, l int64
		if err := rows.Scan(&e, &l); err != nil {
			return err
		}
		es[idx[e]].LinkIDs = append(es[idx[e]].LinkIDs, l)
	}
	return rows.Err()
}

// Enterprise reads one enterprise with its links.
func (s *Store) Enterprise(ctx context.Context, id int64) (invest.Enterprise, error) {
	es, err := s.Enterprises(ctx, InvestScope{}, EnterpriseFilter{IDs: []int64{id}})
	if err != nil {
		return invest.Enterprise{}, err
	}
	if len(es) == 0 {
		return invest.Enterprise{}, fmt.Errorf("store: enterprise %d: %w", id, ErrNotFound)
	}
	return es[0], nil
}

// SimilarEnterprises lists a region's enterprises that share a credit code or a name key
// with the one given, for duplicate detection before a write.
func (s *Store) SimilarEnterprises(ctx context.Context, regionID int64, code, nameKey string) ([]invest.Enterprise, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+enterpriseColumns+` FROM enterprises e LEFT JOIN users u ON u.id = e.owner_id
		WHERE e.region_id = $1 AND (e.name_key = $2 OR (e.credit_code IS NOT NULL AND e.credit_code = $3)) ORDER BY e.id`, regionID, nameKey, code)
	if err != nil {
		return nil, fmt.Errorf("store: similar enterprises: %w", err)
	}
	defer rows.Close()
	var out []invest.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// InsertContact adds a contact to an enterprise.
func (s *Store) InsertContact(ctx context.Context, c *invest.Contact) error {
	id, err := s.insertID(ctx, `INSERT INTO enterprise_contacts (enterprise_id, name, title, phone, email, note) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.EnterpriseID, c.Name, c.Title, c.Phone, c.Email, c.Note)
	if err != nil {
		return fmt.Errorf("store: insert contact: %w", err)
	}
	c.ID = id
	return nil
}

// Contacts lists an enterprise's contacts.
func (s *Store) Contacts(ctx context.Context, enterpriseID int64) ([]invest.Contact, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, enterprise_id, name, title, phone, email, note FROM enterprise_contacts WHERE enterprise_id = $1 ORDER BY id`, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("store: contacts of %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	out := []invest.Contact{}
	for rows.Next() {
		var c invest.Contact
		if err := rows.Scan(&c.ID, &c.EnterpriseID, &c.Name, &c.Title, &c.Phone, &c.Email, &c.Note); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ─── chains ────────────────────────────────────────────────────────────────────

// InsertChain writes a new chain.
func (s *Store) InsertChain(ctx context.Context, c *invest.Chain) error {
	id, err := s.insertID(ctx, `INSERT INTO chains (region_id, code, name, position) VALUES ($1, $2, $3, $4)`, c.RegionID, c.Code, c.Name, c.Position)
	if err != nil {
		return fmt.Errorf("store: insert chain %s: %w", c.Code, err)
	}
	c.ID = id
	return nil
}

// Chains lists a region's chains (0: every region's).
func (s *Store) Chains(ctx context.Context, regionID int64) ([]invest.Chain, error) {
	conds, args := InvestScope{RegionID: regionID}.where("c", nil, nil)
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT c.id, c.region_id, c.code, c.name, c.position FROM chains c`+whereSQL(conds)+` ORDER BY c.position, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: chains: %w", err)
	}
	defer rows.Close()
	var out []invest.Chain
	for rows.Next() {
		var c invest.Chain
		if err := rows.Scan(&c.ID, &c.RegionID, &c.Code, &c.Name, &c.Position); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Chain reads one chain.
func (s *Store) Chain(ctx context.Context, id int64) (invest.Chain, error) {
	var c invest.Chain
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, region_id, code, name, position FROM chains WHERE id = $1`, id).
		Scan(&c.ID, &c.RegionID, &c.Code, &c.Name, &c.Position)
	if err != nil {
		return c, fmt.Errorf("store: chain %d: %w", id, mapErr(err))
	}
	return c, nil
}

// InsertLink writes a new link of a chain.
func (s *Store) InsertLink(ctx context.Context, l *invest.Link) error {
	id, err := s.insertID(ctx, `INSERT INTO chain_links (chain_id, parent_id, code, name, extension, position) VALUES ($1, $2, $3, $4, $5, $6)`,
		l.ChainID, nullID(l.ParentID), l.Code, l.Name, l.Extension, l.Position)
	if err != nil {
		return fmt.Errorf("store: insert link %s: %w", l.Code, err)
	}
	l.ID = id
	return nil
}

// Links lists a chain's links (0: every chain's of the region given instead).
func (s *Store) Links(ctx context.Context, chainID, regionID int64) ([]invest.Link, error) {
	q := `SELECT l.id, l.chain_id, COALESCE(l.parent_id, 0), l.code, l.name, l.extension, l.position FROM chain_links l`
	var args []any
	if chainID != 0 {
		q, args = q+` WHERE l.chain_id = $1`, []any{chainID}
	} else {
		q, args = q+` JOIN chains c ON c.id = l.chain_id WHERE c.region_id = $1`, []any{regionID}
	}
	rows, err := s.q(ctx).QueryContext(ctx, q+` ORDER BY l.position, l.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: links: %w", err)
	}
	defer rows.Close()
	var out []invest.Link
	for rows.Next() {
		var l invest.Link
		if err := rows.Scan(&l.ID, &l.ChainID, &l.ParentID, &l.Code, &l.Name, &l.Extension, &l.Position); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// ─── leads ─────────────────────────────────────────────────────────────────────

const leadColumns = `l.id, l.region_id, COALESCE(l.dept_id, 0), l.name, COALESCE(l.enterprise_id, 0), COALESCE(e.name, ''), l.stage, l.stage_on,
	l.reason, l.planned_investment, l.currency, l.foreign_funded, l.yearly_output, l.yearly_tax, l.park, COALESCE(l.link_id, 0), l.owner_id,
	COALESCE(u.display_name, ''), l.notes, l.illustrative, l.version, l.created_at, l.updated_at`

const leadFrom = ` FROM leads l LEFT JOIN enterprises e ON e.id = l.enterprise_id LEFT JOIN users u ON u.id = l.owner_id`

func scanLead(row interface{ Scan(...any) error }) (invest.Lead, error) {
	var l invest.Lead
	var stageOn string
	var planned, output, tax sql.NullString
	err := row.Scan(&l.ID, &l.RegionID, &l.DeptID, &l.Name, &l.EnterpriseID, &l.Enterprise, &l.Stage, &stageOn, &l.Reason, &planned,
		&l.Currency, &l.Foreign, &output, &tax, &l.Park, &l.LinkID, &l.OwnerID, &l.OwnerName, &l.Notes, &l.Illustrative, &l.Version,
		&l.CreatedAt, &l.UpdatedAt)
	if err != nil {
		return l, err
	}
	if l.StageOn, err = parseDateText(stageOn); err != nil {
		return l, fmt.Errorf("lead %d stage date: %w", l.ID, err)
	}
	if l.PlannedInvestment, err = scanDec(planned); err != nil {
		return l, err
	}
	if l.YearlyOutput, err = scanDec(output); err != nil {
		return l, err
	}
	if l.YearlyTax, err = scanDec(tax); err != nil {
		return l, err
	}
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l, nil
}

// InsertLead writes a new lead and sets its id.
func (s *Store) InsertLead(ctx context.Context, l *invest.Lead) error {
	now := s.now()
	l.Version, l.CreatedAt, l.UpdatedAt = 1, now, now
	id, err := s.insertID(ctx, `INSERT INTO leads (region_id, dept_id, name, enterprise_id, stage, stage_on, reason, planned_investment, currency,
		foreign_funded, yearly_output, yearly_tax, park, link_id, owner_id, notes, illustrative, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
		l.RegionID, nullID(l.DeptID), l.Name, nullID(l.EnterpriseID), string(l.Stage), dateText(l.StageOn), l.Reason, decArg(l.PlannedInvestment),
		string(l.Currency), l.Foreign, decArg(l.YearlyOutput), decArg(l.YearlyTax), l.Park, nullID(l.LinkID), l.OwnerID, l.Notes, l.Illustrative,
		l.Version, now, now)
	if err != nil {
		return fmt.Errorf("store: insert lead %q: %w", l.Name, err)
	}
	l.ID = id
	return nil
}

// UpdateLead writes a changed lead (its stage too) if it is still at version prev.
func (s *Store) UpdateLead(ctx context.Context, l *invest.Lead, prev int) error {
	l.UpdatedAt = s.now()
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE leads SET name = $1, enterprise_id = $2, stage = $3, stage_on = $4, reason = $5,
		planned_investment = $6, currency = $7, foreign_funded = $8, yearly_output = $9, yearly_tax = $10, park = $11, link_id = $12,
		owner_id = $13, notes = $14, dept_id = $15, version = $16, updated_at = $17 WHERE id = $18 AND version = $19`,
		l.Name, nullID(l.EnterpriseID), string(l.Stage), dateText(l.StageOn), l.Reason, decArg(l.PlannedInvestment), string(l.Currency), l.Foreign,
		decArg(l.YearlyOutput), decArg(l.YearlyTax), l.Park, nullID(l.LinkID), l.OwnerID, l.Notes, nullID(l.DeptID), l.Version, l.UpdatedAt, l.ID, prev)
	if err != nil {
		return fmt.Errorf("store: update lead %d: %w", l.ID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update lead %d at version %d: %w", l.ID, prev, ErrConflict)
	}
	return nil
}

// LeadFilter narrows a list of leads.
type LeadFilter struct {
	Stage   invest.Stage
	OwnerID int64
	IDs     []int64
	LinkIDs []int64
}

// Leads lists the leads in scope, most recently moved first.
func (s *Store) Leads(ctx context.Context, sc InvestScope, f LeadFilter) ([]invest.Lead, error) {
	conds, args := sc.where("l", nil, nil)
	if f.Stage != "" {
		args = append(args, string(f.Stage))
		conds = append(conds, fmt.Sprintf("l.stage = $%d", len(args)))
	}
	if f.OwnerID != 0 {
		args = append(args, f.OwnerID)
		conds = append(conds, fmt.Sprintf("l.owner_id = $%d", len(args)))
	}
	for _, set := range []struct {
		col string
		ids []int64
	}{{"l.id", f.IDs}, {"l.link_id", f.LinkIDs}} {
		if set.ids == nil {
			continue
		}
		if len(set.ids) == 0 {
			conds = append(conds, "1 = 0")
			continue
		}
		ph := make([]string, len(set.ids))
		for i, id := range set.ids {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		conds = append(conds, fmt.Sprintf("%s IN (%s)", set.col, strings.Join(ph, ", ")))
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+leadColumns+leadFrom+whereSQL(conds)+` ORDER BY l.stage_on DESC, l.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list leads: %w", err)
	}
	defer rows.Close()
	var out []invest.Lead
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list leads: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Lead reads one lead.
func (s *Store) Lead(ctx context.Context, id int64) (invest.Lead, error) {
	l, err := scanLead(s.q(ctx).QueryRowContext(ctx, `SELECT `+leadColumns+leadFrom+` WHERE l.id = $1`, id))
	if err != nil {
		return l, fmt.Errorf("store: lead %d: %w", id, mapErr(err))
	}
	return l, nil
}

// LeadForUpdate reads a lead in a transaction, locking its row on PostgreSQL so that two
// officers moving it at once queue instead of both moving it from the same stage.
func (s *Store) LeadForUpdate(ctx context.Context, id int64) (invest.Lead, error) {
	if s.dialect == Postgres {
		if _, err := s.q(ctx).ExecContext(ctx, `SELECT id FROM leads WHERE id = $1 FOR UPDATE`, id); err != nil {
			return invest.Lead{}, fmt.Errorf("store: lock lead %d: %w", id, err)
		}
	}
	return s.Lead(ctx, id)
}

// InsertMove appends a move to a lead's history.
func (s *Store) InsertMove(ctx context.Context, m *invest.Move) error {
	m.At = s.now()
	id, err := s.insertID(ctx, `INSERT INTO lead_moves (lead_id, from_stage, to_stage, on_date, reason, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		m.LeadID, string(m.From), string(m.To), dateText(m.On), m.Reason, nullID(m.By), m.At)
	if err != nil {
		return fmt.Errorf("store: insert move of lead %d: %w", m.LeadID, err)
	}
	m.ID = id
	return nil
}

// Moves lists the moves of the given leads (nil: every lead of the region), oldest first.
func (s *Store) Moves(ctx context.Context, regionID int64, leadIDs []int64) ([]invest.Move, error) {
	q := `SELECT m.id, m.lead_id, m.from_stage, m.to_stage, m.on_date, m.reason, COALESCE(m.by_user, 0), COALESCE(u.display_name, ''), m.at
		FROM lead_moves m JOIN leads l ON l.id = m.lead_id LEFT JOIN users u ON u.id = m.by_user`
	conds, args := idsWhere("m.lead_id", leadIDs, regionID)
	rows, err := s.q(ctx).QueryContext(ctx, q+whereSQL(conds)+` ORDER BY m.lead_id, m.on_date, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: moves: %w", err)
	}
	defer rows.Close()
	var out []invest.Move
	for rows.Next() {
		var m invest.Move
		var on string
		if err := rows.Scan(&m.ID, &m.LeadID, &m.From, &m.To, &on, &m.Reason, &m.By, &m.ByName, &m.At); err != nil {
			return nil, err
		}
		if m.On, err = parseDateText(on); err != nil {
			return nil, err
		}
		m.At = m.At.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// idsWhere limits a query to some leads, or to a region's when ids is nil.
func idsWhere(col string, ids []int64, regionID int64) ([]string, []any) {
	if ids == nil {
		return []string{"l.region_id = $1"}, []any{regionID}
	}
	if len(ids) == 0 {
		return []string{"1 = 0"}, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), id
	}
	return []string{col + " IN (" + strings.Join(ph, ", ") + ")"}, args
}

// InsertFunds records funds arrived for a lead.
func (s *Store) InsertFunds(ctx context.Context, f *invest.Funds) error {
	f.At = s.now()
	id, err := s.insertID(ctx, `INSERT INTO lead_funds (lead_id, on_date, amount, currency, foreign_funds, rate, usd, note, by_user, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		f.LeadID, dateText(f.On), f.Amount.String(), string(f.Currency), f.Foreign, f.Rate.String(), f.USD.String(), f.Note, nullID(f.By), f.At)
	if err != nil {
		return fmt.Errorf("store: insert funds of lead %d: %w", f.LeadID, err)
	}
	f.ID = id
	return nil
}

// Funds lists the funds of the given leads (nil: every lead of the region), by date.
func (s *Store) Funds(ctx context.Context, regionID int64, leadIDs []int64) ([]invest.Funds, error) {
	conds, args := idsWhere("f.lead_id", leadIDs, regionID)
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT f.id, f.lead_id, f.on_date, f.amount, f.currency, f.foreign_funds, f.rate, f.usd, f.note,
		COALESCE(f.by_user, 0), f.at FROM lead_funds f JOIN leads l ON l.id = f.lead_id`+whereSQL(conds)+` ORDER BY f.on_date, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: funds: %w", err)
	}
	defer rows.Close()
	var out []invest.Funds
	for rows.Next() {
		var f invest.Funds
		var on, amount, rate, usd string
		if err := rows.Scan(&f.ID, &f.LeadID, &on, &amount, &f.Currency, &f.Foreign, &rate, &usd, &f.Note, &f.By, &f.At); err != nil {
			return nil, err
		}
		if f.On, err = parseDateText(on); err != nil {
			return nil, err
		}
		for _, d := range []struct {
			s   string
			dst *decimal.Decimal
		}{{amount, &f.Amount}, {rate, &f.Rate}, {usd, &f.USD}} {
			if *d.dst, err = decimal.NewFromString(d.s); err != nil {
				return nil, fmt.Errorf("store: funds %d: %w", f.ID, err)
			}
		}
		f.At = f.At.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// ─── rates ─────────────────────────────────────────────────────────────────────

// PutRate sets a currency's rate from a date on in a region, replacing one of that date.
func (s *Store) PutRate(ctx context.Context, regionID int64, r *invest.Rate) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM fx_rates WHERE region_id = $1 AND currency = $2 AND on_date = $3`,
		regionID, string(r.Currency), dateText(r.On)); err != nil {
		return fmt.Errorf("store: put rate: %w", err)
	}
	id, err := s.insertID(ctx, `INSERT INTO fx_rates (region_id, currency, on_date, usd, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		regionID, string(r.Currency), dateText(r.On), r.USD.String(), nullID(r.By), s.now())
	if err != nil {
		return fmt.Errorf("store: put rate %s %s: %w", r.Currency, dateText(r.On), err)
	}
	r.ID = id
	return nil
}

// Rates lists a region's rates.
func (s *Store) Rates(ctx context.Context, regionID int64) ([]invest.Rate, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, currency, on_date, usd, COALESCE(by_user, 0) FROM fx_rates WHERE region_id = $1 ORDER BY currency, on_date`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: rates: %w", err)
	}
	defer rows.Close()
	var out []invest.Rate
	for rows.Next() {
		var r invest.Rate
		var on, usd string
		if err := rows.Scan(&r.ID, &r.Currency, &on, &usd, &r.By); err != nil {
			return nil, err
		}
		if r.On, err = parseDateText(on); err != nil {
			return nil, err
		}
		if r.USD, err = decimal.NewFromString(usd); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ─── visits ────────────────────────────────────────────────────────────────────

const visitColumns = `v.id, v.region_id, COALESCE(v.dept_id, 0), v.uid, v.starts_at, v.minutes, v.city, COALESCE(v.enterprise_id, 0),
	COALESCE(e.name, v.enterprise), COALESCE(v.lead_id, 0), v.owner_id, COALESCE(u.display_name, ''), v.purpose, v.outcome, v.next_step,
	v.next_on, v.status, v.illustrative, v.sequence, v.created_at, v.updated_at`

const visitFrom = ` FROM visits v LEFT JOIN enterprises e ON e.id = v.enterprise_id LEFT JOIN users u ON u.id = v.owner_id`

func scanVisit(row interface{ Scan(...any) error }) (invest.Visit, error) {
	var v invest.Visit
	var nextOn string
	err := row.Scan(&v.ID, &v.RegionID, &v.DeptID, &v.UID, &v.Starts, &v.Minutes, &v.City, &v.EnterpriseID, &v.Enterprise, &v.LeadID,
		&v.OwnerID, &v.OwnerName, &v.Purpose, &v.Outcome, &v.NextStep, &nextOn, &v.Status, &v.Illustrative, &v.Sequence, &v.CreatedAt, &v.UpdatedAt)
	if err != nil {
		return v, err
	}
	if v.NextOn, err = parseDateText(nextOn); err != nil {
		return v, err
	}
	v.Starts, v.CreatedAt, v.UpdatedAt = v.Starts.UTC(), v.CreatedAt.UTC(), v.UpdatedAt.UTC()
	return v, nil
}

// InsertVisit writes a new visit with its officers.
func (s *Store) InsertVisit(ctx context.Context, v *invest.Visit) error {
	now := s.now()
	v.CreatedAt, v.UpdatedAt = now, now
	id, err := s.insertID(ctx, `INSERT INTO visits (region_id, dept_id, uid, starts_at, minutes, city, enterprise_id, enterprise, lead_id, owner_id,
		purpose, outcome, next_step, next_on, status, illustrative, sequence, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		v.RegionID, nullID(v.DeptID), v.UID, v.Starts.UTC(), v.Minutes, v.City, nullID(v.EnterpriseID), v.Enterprise, nullID(v.LeadID), v.OwnerID,
		v.Purpose, v.Outcome, v.NextStep, dateText(v.NextOn), string(v.Status), v.Illustrative, v.Sequence, now, now)
	if err != nil {
		return fmt.Errorf("store: insert visit: %w", err)
	}
	v.ID = id
	return s.setVisitOfficers(ctx, v)
}

// UpdateVisit writes a changed visit if it is still at sequence prev.
func (s *Store) UpdateVisit(ctx context.Context, v *invest.Visit, prev int) error {
	v.UpdatedAt = s.now()
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE visits SET starts_at = $1, minutes = $2, city = $3, enterprise_id = $4, enterprise = $5,
		lead_id = $6, owner_id = $7, purpose = $8, outcome = $9, next_step = $10, next_on = $11, status = $12, sequence = $13, dept_id = $14,
		updated_at = $15 WHERE id = $16 AND sequence = $17`,
		v.Starts.UTC(), v.Minutes, v.City, nullID(v.EnterpriseID), v.Enterprise, nullID(v.LeadID), v.OwnerID, v.Purpose, v.Outcome, v.NextStep,
		dateText(v.NextOn), string(v.Status), v.Sequence, nullID(v.DeptID), v.UpdatedAt, v.ID, prev)
	if err != nil {
		return fmt.Errorf("store: update visit %d: %w", v.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update visit %d at sequence %d: %w", v.ID, prev, ErrConflict)
	}
	return s.setVisitOfficers(ctx, v)
}

func (s *Store) setVisitOfficers(ctx context.Context, v *invest.Visit) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM visit_officers WHERE visit_id = $1`, v.ID); err != nil {
		return err
	}
	for _, u := range v.OfficerIDs {
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO visit_officers (visit_id, user_id) VALUES ($1, $2)`, v.ID, u); err != nil {
			return fmt.Errorf("store: visit %d officer %d: %w", v.ID, u, mapErr(err))
		}
	}
	return nil
}

// VisitFilter narrows a list of visits: a time window (either end may be zero), one
// officer's (as owner or going along), one enterprise's or lead's.
type VisitFilter struct {
	From, To     time.Time
	OfficerID    int64
	EnterpriseID int64
	LeadID       int64
	IDs          []int64
}

// Visits lists the visits in scope, by start.
func (s *Store) Visits(ctx context.Context, sc InvestScope, f VisitFilter) ([]invest.Visit, error) {
	conds, args := sc.where("v", nil, nil)
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if !f.From.IsZero() {
		add("v.starts_at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("v.starts_at < $%d", f.To.UTC())
	}
	if f.OfficerID != 0 {
		add("v.id IN (SELECT visit_id FROM visit_officers WHERE user_id = $%d)", f.OfficerID)
	}
	if f.EnterpriseID != 0 {
		add("v.enterprise_id = $%d", f.EnterpriseID)
	}
	if f.LeadID != 0 {
		add("v.lead_id = $%d", f.LeadID)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			ph := make([]string, len(f.IDs))
			for i, id := range f.IDs {
				args = append(args, id)
				ph[i] = fmt.Sprintf("$%d", len(args))
			}
			conds = append(conds, "v.id IN ("+strings.Join(ph, ", ")+")")
		}
	}
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT `+visitColumns+visitFrom+whereSQL(conds)+` ORDER BY v.starts_at, v.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list visits: %w", err)
	}
	var out []invest.Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list visits: %w", err)
		}
		out = append(out, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].OfficerIDs, err = s.visitOfficers(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) visitOfficers(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT user_id FROM visit_officers WHERE visit_id = $1 ORDER BY user_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Visit reads one visit.
func (s *Store) Visit(ctx context.Context, id int64) (invest.Visit, error) {
	vs, err := s.Visits(ctx, InvestScope{}, VisitFilter{IDs: []int64{id}})
	if err != nil {
		return invest.Visit{}, err
	}
	if len(vs) == 0 {
		return invest.Visit{}, fmt.Errorf("store: visit %d: %w", id, ErrNotFound)
	}
	return vs[0], nil
}

// ─── calendar subscriptions ────────────────────────────────────────────────────

// CalendarFeed is an officer's calendar subscription link, kept as the hash of its secret.
type CalendarFeed struct {
	ID        int64
	UserID    int64
	Hash      string
	Hint      string
	CreatedAt time.Time
	RevokedAt time.Time
}

// InsertCalendarFeed stores a new subscription.
func (s *Store) InsertCalendarFeed(ctx context.Context, f *CalendarFeed) error {
	f.CreatedAt = s.now()
	id, err := s.insertID(ctx, `INSERT INTO calendar_feeds (user_id, hash, hint, created_at) VALUES ($1, $2, $3, $4)`, f.UserID, f.Hash, f.Hint, f.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: insert calendar feed: %w", err)
	}
	f.ID = id
	return nil
}

// RevokeCalendarFeeds revokes every live subscription of a user; it says how many.
func (s *Store) RevokeCalendarFeeds(ctx context.Context, userID int64) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, s.now(), userID)
	if err != nil {
		return 0, fmt.Errorf("store: revoke calendar feeds: %w", err)
	}
	return res.RowsAffected()
}

// CalendarFeedByHash finds a subscription by the hash of its secret.
func (s *Store) CalendarFeedByHash(ctx context.Context, hash string) (CalendarFeed, error) {
	var f CalendarFeed
	var revoked sql.NullTime
	err := s.q(ctx).QueryRowContext(ctx, `SELECT id, user_id, hash, hint, created_at, revoked_at FROM calendar_feeds WHERE hash = $1`, hash).
		Scan(&f.ID, &f.UserID, &f.Hash, &f.Hint, &f.CreatedAt, &revoked)
	if err != nil {
		return f, fmt.Errorf("store: calendar feed: %w", mapErr(err))
	}
	if revoked.Valid {
		f.RevokedAt = revoked.Time.UTC()
	}
	return f, nil
}

// CalendarFeeds lists a user's subscriptions, newest first.
func (s *Store) CalendarFeeds(ctx context.Context, userID int64) ([]CalendarFeed, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT id, user_id, hash, hint, created_at, revoked_at FROM calendar_feeds WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: calendar feeds: %w", err)
	}
	defer rows.Close()
	var out []CalendarFeed
	for rows.Next() {
		var f CalendarFeed
		var revoked sql.NullTime
		if err := rows.Scan(&f.ID, &f.UserID, &f.Hash, &f.Hint, &f.CreatedAt, &revoked); err != nil {
			return nil, err
		}
		if revoked.Valid {
			f.RevokedAt = revoked.Time.UTC()
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ─── indicators fed by the pipeline ────────────────────────────────────────────

// SetFeed makes an indicator pipeline-fed (or changes how).
func (s *Store) SetFeed(ctx context.Context, f invest.Feed) error {
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM indicator_feeds WHERE indicator_id = $1`, f.IndicatorID); err != nil {
		return fmt.Errorf("store: set feed: %w", err)
	}
	if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO indicator_feeds (indicator_id, metric, stage, updated_at) VALUES ($1, $2, $3, $4)`,
		f.IndicatorID, string(f.Metric), string(f.Stage), s.now()); err != nil {
		return fmt.Errorf("store: set feed of indicator %d: %w", f.IndicatorID, mapErr(err))
	}
	// A fed indicator's page shows it as computed, not reported: its cached reads move.
	return s.IndicatorChanged(ctx, f.IndicatorID)
}

// Feed reads how an indicator is fed; ErrNotFound when it is reported by hand.
func (s *Store) Feed(ctx context.Context, indicatorID int64) (invest.Feed, error) {
	f := invest.Feed{IndicatorID: indicatorID}
	err := s.q(ctx).QueryRowContext(ctx, `SELECT metric, stage FROM indicator_feeds WHERE indicator_id = $1`, indicatorID).Scan(&f.Metric, &f.Stage)
	if err != nil {
		return f, fmt.Errorf("store: feed of indicator %d: %w", indicatorID, mapErr(err))
	}
	return f, nil
}

// RegionFeeds lists the fed indicators of a region's plans.
func (s *Store) RegionFeeds(ctx context.Context, regionID int64) ([]invest.Feed, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT f.indicator_id, f.metric, f.stage FROM indicator_feeds f
		JOIN indicators i ON i.id = f.indicator_id JOIN plans p ON p.id = i.plan_id WHERE p.region_id = $1 ORDER BY f.indicator_id`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: region feeds: %w", err)
	}
	defer rows.Close()
	var out []invest.Feed
	for rows.Next() {
		var f invest.Feed
		if err := rows.Scan(&f.IndicatorID, &f.Metric, &f.Stage); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ReplaceFeedSources keeps what a fed figure counts (under a key: the plan year), unless
// it is what is kept already: a move that does not change an indicator's sources writes
// nothing, and one that does writes them in batches of multi-row INSERTs.
func (s *Store) ReplaceFeedSources(ctx context.Context, indicatorID int64, key string, srcs []invest.Source) error {
	cur, err := s.FeedSources(ctx, indicatorID, key)
	if err != nil {
		return err
	}
	if sameSources(cur, srcs) {
		return nil
	}
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM feed_sources WHERE indicator_id = $1 AND period = $2`, indicatorID, key); err != nil {
		return fmt.Errorf("store: feed sources: %w", err)
	}
	const batch = 200
	for start := 0; start < len(srcs); start += batch {
		part := srcs[start:min(start+batch, len(srcs))]
		rows := make([]string, len(part))
		args := make([]any, 0, 7*len(part))
		for i, src := range part {
			n := len(args)
			rows[i] = fmt.Sprintf("($%d, $%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7)
			args = append(args, indicatorID, key, src.Kind, src.ID, src.LeadID, dateText(src.On), src.Value.String())
		}
		if _, err := s.q(ctx).ExecContext(ctx, `INSERT INTO feed_sources (indicator_id, period, kind, ref_id, lead_id, on_date, value) VALUES `+
			strings.Join(rows, ", "), args...); err != nil {
			return fmt.Errorf("store: feed sources: %w", err)
		}
	}
	return nil
}

func sameSources(a, b []invest.Source) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(s invest.Source) string {
		return fmt.Sprintf("%s/%d/%d/%s/%s", s.Kind, s.ID, s.LeadID, dateText(s.On), s.Value.String())
	}
	count := map[string]int{}
	for _, s := range a {
		count[key(s)]++
	}
	for _, s := range b {
		k := key(s)
		if count[k] == 0 {
			return false
		}
		count[k]--
	}
	return true
}

// FeedSources reads what a fed figure counts (under its key), with the leads' names.
func (s *Store) FeedSources(ctx context.Context, indicatorID int64, period string) ([]invest.Source, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT f.kind, f.ref_id, f.lead_id, COALESCE(l.name, ''), f.on_date, f.value FROM feed_sources f
		LEFT JOIN leads l ON l.id = f.lead_id WHERE f.indicator_id = $1 AND f.period = $2 ORDER BY f.on_date, f.ref_id`, indicatorID, period)
	if err != nil {
		return nil, fmt.Errorf("store: feed sources: %w", err)
	}
	defer rows.Close()
	out := []invest.Source{}
	for rows.Next() {
		var src invest.Source
		var on, value string
		if err := rows.Scan(&src.Kind, &src.ID, &src.LeadID, &src.Name, &on, &value); err != nil {
			return nil, err
		}
		if src.On, err = parseDateText(on); err != nil {
			return nil, err
		}
		if src.Value, err = decimal.NewFromString(value); err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// InvestDepartments lists the departments of a region that officers belong to: the
// investment centre (招商中心), whose head and clerks read its records.
func (s *Store) InvestDepartments(ctx context.Context, regionID int64) ([]int64, error) {
	rows, err := s.q(ctx).QueryContext(ctx, `SELECT DISTINCT ud.department_id FROM user_departments ud
		JOIN user_roles ur ON ur.user_id = ud.user_id AND ur.role = 'officer'
		JOIN departments d ON d.id = ud.department_id
		WHERE d.region_id = $1 OR $1 = 0 ORDER BY ud.department_id`, regionID)
	if err != nil {
		return nil, fmt.Errorf("store: investment departments: %w", err)
	}
	return scanIDs(rows)
}

// feedLockBase keys the advisory lock of a region's fed indicators (migrations use 7253001).
const feedLockBase = 7253100000

// LockFeeds serialises the recomputation of a region's pipeline-fed indicators until the
// transaction ends: two moves of different leads at once would otherwise each count
// without the other's and the second write of the figure would conflict. PostgreSQL takes
// a transaction-scoped advisory lock (later reads see what the holder committed); SQLite
// has one writer already.
func (s *Store) LockFeeds(ctx context.Context, regionID int64) error {
	if !InTx(ctx) {
		return fmt.Errorf("store: lock feeds outside a transaction")
	}
	if s.dialect != Postgres {
		return nil
	}
	if _, err := s.q(ctx).ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, feedLockBase+regionID); err != nil {
		return fmt.Errorf("store: lock feeds of region %d: %w", regionID, err)
	}
	return nil
}
