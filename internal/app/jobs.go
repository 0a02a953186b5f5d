package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/lantu-dev/lantu/internal/service"
)

// jobEvery is how often a server looks for scheduled work. Every server runs the loop;
// the work itself is shared out through leases in the database (see service.RunReminders).
const jobEvery = time.Minute

// runJobs runs the scheduled jobs until ctx ends: the day's reminders once the hour has
// come (one server of several gets the day's lease), then delivering the outbox. A pass
// under way when ctx ends is finished, so that no claimed message is left half-sent.
func runJobs(ctx context.Context, svc *service.Service, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		pass, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
		if run, err := svc.RunReminders(pass, service.ServerID, svc.Now()); err != nil {
			log.ErrorContext(pass, "reminders: the day's run failed", "err", err)
		} else if run.Ran {
			log.InfoContext(pass, "reminders: the day's run", "items", run.Items, "already_today", run.Skipped,
				"messages", run.Messages, "no_address", run.NoAddress)
		}
		if res, err := svc.DeliverReminders(pass, service.ServerID); err != nil {
			log.ErrorContext(pass, "reminders: delivery failed", "err", err)
		} else if res.Sent+res.Failed > 0 {
			log.InfoContext(pass, "reminders: delivered", "sent", res.Sent, "failed", res.Failed, "given_up", res.GivenUp)
		}
		if _, err := svc.PruneLoginFailures(pass); err != nil {
			log.WarnContext(pass, "login limiter: prune old failures", "err", err)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// reminderMetrics writes the outbox's messages by channel and status.
func reminderMetrics(svc *service.Service) func(w io.Writer) {
	return func(w io.Writer) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		counts, err := svc.ReminderCounts(ctx)
		if err != nil {
			slog.WarnContext(ctx, "metrics: count reminders", "err", err)
			return
		}
		keys := make([][2]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
		fmt.Fprintf(w, "# HELP lantu_reminders_messages Reminder messages (催报) in the outbox, by channel and status (sent, pending, failed: given up); every server's.\n# TYPE lantu_reminders_messages gauge\n")
		for _, k := range keys {
			fmt.Fprintf(w, "lantu_reminders_messages{channel=%s,status=%s} %d\n", label(k[0]), label(k[1]), counts[k])
		}
	}
}
