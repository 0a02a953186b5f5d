package service

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/lantu-dev/lantu/internal/auth"
	"github.com/lantu-dev/lantu/internal/store"
)

// Regions form a tree by parent code (province → city → district). A user of a region
// reads what belongs to the regions under it as if it were their own region's — the
// city's planning office sees every district's plans and figures, with what its roles
// allow at home — but writes only in their own region: approving, editing and unlocking
// stay with each district.

// treeReads are the actions a region's users may take down the tree: reads, and a
// city's admin managing the users of its districts (the users page lists them).
var treeReads = map[auth.Action]bool{auth.PlanReadInternal: true, auth.ReportRead: true, auth.EvidenceRead: true, auth.UserManage: true}

// treeTTL bounds how long a server keeps the tree: regions are only ever added, so a
// stale tree can only withhold a new district for this long, never grant too much.
const treeTTL = time.Minute

// regionTree is each region's parent, read from the database at most every treeTTL.
type regionTree struct {
	mu     sync.Mutex
	parent map[int64]int64
	at     time.Time
}

// under reports whether region is below ancestor in the tree.
func (t *regionTree) under(st *store.Store, region, ancestor int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.parent == nil || time.Since(t.at) > treeTTL || t.missing(region) {
		t.load(st)
	}
	for cur, depth := region, 0; depth < 10; depth++ {
		p, ok := t.parent[cur]
		if !ok || p == 0 {
			return false
		}
		if p == ancestor {
			return true
		}
		cur = p
	}
	return false
}

// missing: a region the tree has not seen (added since it was read).
func (t *regionTree) missing(region int64) bool {
	_, ok := t.parent[region]
	return !ok && time.Since(t.at) > time.Second
}

func (t *regionTree) load(st *store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	regions, err := st.Regions(ctx)
	if err != nil {
		slog.Warn("region tree: read regions", "err", err) // keep the old tree: reads down it may be refused meanwhile
		return
	}
	byCode := map[string]int64{}
	for _, r := range regions {
		byCode[r.Code] = r.ID
	}
	t.parent = make(map[int64]int64, len(regions))
	for _, r := range regions {
		t.parent[r.ID] = byCode[r.ParentCode]
	}
	t.at = time.Now()
}
