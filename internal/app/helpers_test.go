package app

import "github.com/lantu-dev/lantu/internal/audit"

// auditAll reads the whole audit log of a test's database.
var auditAll = audit.Filter{Limit: 1000}
