// Package service holds lantu's use-cases. Each write runs in one transaction that also
// writes its audit row; web, API and CLI call these and never the store.
package service

import (
	"context"
	"time"

	"github.com/lantu-dev/lantu/internal/audit"
	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
)

// Actor is who asks for a use-case and from where: the principal the rules judge, and
// the address the audit log keeps.
type Actor struct {
	auth.Principal
	Address string
	// System marks lantu itself (first start, demo data) and the command line, run by
	// whoever holds the database: it passes every rule, and the audit log says so.
	System bool
}

// System is the actor for changes lantu makes by itself and for the command line.
var System = Actor{Principal: auth.Principal{Login: "system"}, System: true}

// Service bundles the use-cases over one store.
type Service struct {
	store *store.Store
	// Now is the clock; tests set it.
	Now func() time.Time
	// Hasher hashes passwords; tests use cheap parameters.
	Hasher *auth.Hasher
	// Limiter counts failed sign-ins per name and per address.
	Limiter *auth.LoginLimiter
	// Sessions says how long sessions live.
	Sessions auth.SessionPolicy
	// PublicView lets visitors who are not signed in see public indicators.
	PublicView bool
	// tree is the region tree, for reads down it.
	tree regionTree
	// cache keeps each plan's status per version and date (statuscache.go).
	cache statusCache
	// city keeps the city's roll-ups per state of the plans (city.go).
	city cityCache
}

// New makes the services over a store.
func New(s *store.Store) *Service {
	return &Service{store: s, Now: func() time.Time { return time.Now().UTC() },
		Hasher: auth.NewHasher(), Limiter: auth.NewLoginLimiter(), Sessions: auth.DefaultSessionPolicy}
}

// SetClock sets the services' clock and the store's (the stamps it writes) together:
// the demo runs both on its own clock. Set it before serving, not while requests run.
func (s *Service) SetClock(now func() time.Time) {
	s.Now = now
	s.store.SetClock(now)
}

// can asks the one rule set whether the actor may do an action to a resource.
func (s *Service) can(a Actor, action auth.Action, r auth.Resource) error {
	if a.System {
		return nil
	}
	// A city's office reads its districts as its own region (see regions.go).
	if a.RegionID != 0 && r.RegionID != 0 && r.RegionID != a.RegionID && treeReads[action] && s.tree.under(s.store, r.RegionID, a.RegionID) {
		r.RegionID = a.RegionID
	}
	return auth.Can(a.Principal, action, r)
}

// Store gives read access for views that need raw listings.
func (s *Service) Store() *store.Store { return s.store }

// record writes an audit entry in the transaction ctx carries. regionID is the region
// of what changed (0: the deployment's own), which decides who may read the entry.
func (s *Service) record(ctx context.Context, a Actor, regionID int64, action, entity string, id int64, before, after any, note string) error {
	return s.store.AppendAudit(ctx, &audit.Entry{
		At: s.Now(), RegionID: regionID, UserID: a.UserID, UserLogin: a.Login, Action: action, Entity: entity, EntityID: id,
		Before: audit.Snapshot(before), After: audit.Snapshot(after), Address: a.Address, Note: note,
	})
}

type actorKey struct{}

// WithActor puts the actor of a request in its context; the web layer does it once per
// request, and API and page handlers read it back.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom reads the request's actor; anonymous when none was set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Principal: auth.Anonymous()}
}
