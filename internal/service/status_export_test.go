package service

// StatusRefreshes counts the whole-plan rebuilds and the patches the status cache made
// (statuscache.go), for the tests of package service_test.
func StatusRefreshes(s *Service) (rebuilds, patches int64) {
	return s.cache.rebuilds.Load(), s.cache.patches.Load()
}
