package service

import "context"

// UsersStamp names the state of every user's name (store.UsersStamp): a page that shows
// people's names is kept under it as well as under the data stamp.
func (s *Service) UsersStamp(ctx context.Context) (string, error) {
	return s.store.UsersStamp(ctx)
}
