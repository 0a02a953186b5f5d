package service

import "github.com/lantu-dev/lantu/internal/store"

// The rows the service reads hand to web and api, named here so that the HTTP layer
// depends on the services alone and never imports the store.
type (
	IndicatorRow = store.IndicatorRow
	StoredReport = store.StoredReport
)

// ErrConflict: the row changed since it was read, or a unique value is taken.
var ErrConflict = store.ErrConflict

// ErrUnavailable: the database cannot store now (disk full, read-only, gone); the write
// was rolled back and nothing of it was saved.
var ErrUnavailable = store.ErrUnavailable
