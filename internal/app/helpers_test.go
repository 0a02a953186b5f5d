package app

import (
	"time"

	"github.com/lantu-dev/lantu/internal/api"
	"github.com/lantu-dev/lantu/internal/audit"
)

var (
	timeZero time.Time
	auditAll = audit.Filter{Limit: 1000}
)

func apiWriteRoutes() []string { return api.WriteRoutes }
