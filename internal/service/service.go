// Package service holds lantu's use-cases. Each write runs in one transaction that also
// writes its audit row; web, API and CLI call these and never the store.
package service

import (
	"context"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/store"
)

// Actor is who makes a change and from where, for the audit log.
type Actor struct {
	UserID  int64
	Login   string
	Address string
}

// System is the actor for changes lantu makes by itself (first start, demo data) and for
// the command line run by whoever holds the database.
var System = Actor{Login: "system"}

// Service bundles the use-cases over one store.
type Service struct {
	store *store.Store
	// Now is the clock; tests set it.
	Now func() time.Time
}

// New makes the services over a store.
func New(s *store.Store) *Service {
	return &Service{store: s, Now: func() time.Time { return time.Now().UTC() }}
}

// Store gives read access for views that need raw listings.
func (s *Service) Store() *store.Store { return s.store }

// record writes an audit entry in the transaction ctx carries.
func (s *Service) record(ctx context.Context, a Actor, action, entity string, id int64, before, after any, note string) error {
	return s.store.AppendAudit(ctx, &audit.Entry{
		At: s.Now(), UserID: a.UserID, UserLogin: a.Login, Action: action, Entity: entity, EntityID: id,
		Before: audit.Snapshot(before), After: audit.Snapshot(after), Address: a.Address, Note: note,
	})
}
