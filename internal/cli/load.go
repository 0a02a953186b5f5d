package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// lantu load: a small load generator the repository carries, so that every figure in
// BENCHMARKS.md can be reproduced without installing anything. It talks only to loopback
// addresses (a load tool must not be pointed at someone else's server), and every run is
// bounded in time and in requests.

func init() {
	c := &Command{Name: "load", Summary: "load-test a lantu server on this machine (loopback only): req/s and latency percentiles",
		Usage: "lantu load [--url http://127.0.0.1:8080] [-c 100] [-d 20s] [-n 0] [--writers 10 --token T --plan ID] [--read-token T] PATH…"}
	c.Run = func(ctx context.Context, env *Env, args []string) error {
		fs := flagSet(env, c)
		base := fs.String("url", "http://127.0.0.1:8080", "the server: a loopback address only")
		clients := fs.Int("c", 100, "concurrent clients (at most 1000)")
		dur := fs.Duration("d", 20*time.Second, "how long to run (at most 10m)")
		maxReq := fs.Int("n", 0, "stop after this many requests (0: only the time bounds the run; at most 10,000,000)")
		writers := fs.Int("writers", 0, "writers approving submitted reports through the API while the readers read")
		token := fs.String("token", "", "API token of a reviewer or admin, for --writers (LANTU_LOAD_TOKEN)")
		planID := fs.Int64("plan", 0, "plan whose review queue the writers work through")
		readToken := fs.String("read-token", "", "API token the readers send, to measure a signed-in reader (no token: the public) (LANTU_LOAD_READ_TOKEN)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *token == "" {
			*token = env.Getenv("LANTU_LOAD_TOKEN")
		}
		if *readToken == "" {
			*readToken = env.Getenv("LANTU_LOAD_READ_TOKEN")
		}
		paths := fs.Args()
		switch {
		case len(paths) == 0:
			return usageError("give at least one path, e.g. /status")
		case *clients < 1 || *clients > 1000:
			return usageError("-c must be within 1–1000")
		case *dur <= 0 || *dur > 10*time.Minute:
			return usageError("-d must be within (0, 10m]")
		case *maxReq < 0 || *maxReq > 10_000_000:
			return usageError("-n must be within 0–10,000,000")
		case *writers < 0 || *writers > 100:
			return usageError("--writers must be within 0–100")
		case *writers > 0 && (*token == "" || *planID == 0):
			return usageError("--writers needs --token and --plan")
		}
		u, err := loopbackURL(*base)
		if err != nil {
			return usageError("%v", err)
		}
		res, err := runLoad(ctx, loadSpec{base: u, paths: paths, clients: *clients, dur: *dur, max: *maxReq,
			writers: *writers, token: *token, plan: *planID, readToken: *readToken})
		if err != nil {
			return err
		}
		res.print(env.Stdout)
		return nil
	}
	register(c)
}

// loopbackURL accepts http URLs whose host is a loopback address or localhost.
func loopbackURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url %q is not an http:// URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("--url %q: lantu load only talks to loopback addresses (127.0.0.1, ::1, localhost)", raw)
	}
	return u, nil
}

type loadSpec struct {
	base    *url.URL
	paths   []string
	clients int
	dur     time.Duration
	max     int
	writers int
	token   string
	plan    int64
	// readToken, when set, signs the readers in (Authorization: Bearer).
	readToken string
}

type loadResult struct {
	took      time.Duration
	lat       []time.Duration
	bytes     int64
	codes     map[int]int
	errs      int
	firstErr  error
	approvals []time.Duration
	writeErrs int
	writeErr  error
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(float64(len(d)-1) * p)
	return d[i]
}

func (r *loadResult) print(w io.Writer) {
	slices.Sort(r.lat)
	n := len(r.lat)
	fmt.Fprintf(w, "requests %d in %.1f s: %.0f req/s, %.1f MB/s\n", n, r.took.Seconds(), float64(n)/r.took.Seconds(),
		float64(r.bytes)/r.took.Seconds()/1e6)
	fmt.Fprintf(w, "latency p50 %s  p95 %s  p99 %s  max %s\n", ms(percentile(r.lat, 0.5)), ms(percentile(r.lat, 0.95)),
		ms(percentile(r.lat, 0.99)), ms(percentile(r.lat, 1)))
	var codes []string
	for c, k := range r.codes {
		codes = append(codes, fmt.Sprintf("%d×%d", c, k))
	}
	slices.Sort(codes)
	fmt.Fprintf(w, "statuses %s; transport errors %d\n", strings.Join(codes, " "), r.errs)
	if r.firstErr != nil {
		fmt.Fprintf(w, "first error: %v\n", r.firstErr)
	}
	if len(r.approvals) > 0 || r.writeErrs > 0 {
		slices.Sort(r.approvals)
		fmt.Fprintf(w, "approvals %d (%.1f/s): p50 %s  p95 %s  p99 %s  max %s; failed %d\n", len(r.approvals),
			float64(len(r.approvals))/r.took.Seconds(), ms(percentile(r.approvals, 0.5)), ms(percentile(r.approvals, 0.95)),
			ms(percentile(r.approvals, 0.99)), ms(percentile(r.approvals, 1)), r.writeErrs)
		if r.writeErr != nil {
			fmt.Fprintf(w, "first write error: %v\n", r.writeErr)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func runLoad(ctx context.Context, sp loadSpec) (*loadResult, error) {
	tr := &http.Transport{MaxIdleConns: sp.clients + sp.writers, MaxIdleConnsPerHost: sp.clients + sp.writers, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer tr.CloseIdleConnections()
	var queue []writeItem
	if sp.writers > 0 { // read before the clock starts, with its own bound
		qctx, qcancel := context.WithTimeout(ctx, 2*time.Minute)
		var err error
		queue, err = reviewQueue(qctx, client, sp)
		qcancel()
		if err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, sp.dur)
	defer cancel()
	res := &loadResult{codes: map[int]int{}}
	var mu sync.Mutex
	var count atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range sp.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			codes := map[int]int{}
			var bytes int64
			var errs int
			var firstErr error
			for k := i; ctx.Err() == nil; k++ {
				if sp.max > 0 && count.Add(1) > int64(sp.max) {
					break
				}
				u := *sp.base
				path, query, _ := strings.Cut(sp.paths[k%len(sp.paths)], "?")
				u.Path, u.RawQuery = path, query
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
				if sp.readToken != "" {
					req.Header.Set("Authorization", "Bearer "+sp.readToken)
				}
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs++
						if firstErr == nil {
							firstErr = err
						}
					}
					continue
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if ctx.Err() != nil && n == 0 {
					break
				}
				lat = append(lat, time.Since(t0))
				bytes += n
				codes[resp.StatusCode]++
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			res.bytes += bytes
			res.errs += errs
			if res.firstErr == nil {
				res.firstErr = firstErr
			}
			for c, k := range codes {
				res.codes[c] += k
			}
			mu.Unlock()
		}()
	}
	var next atomic.Int64
	for range sp.writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(len(queue)) {
					return
				}
				t0 := time.Now()
				err := approve(ctx, client, sp, queue[i])
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					if ctx.Err() == nil {
						res.writeErrs++
						if res.writeErr == nil {
							res.writeErr = err
						}
					}
				} else {
					res.approvals = append(res.approvals, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.took = time.Since(start)
	return res, nil
}

type writeItem struct {
	ID      int64 `json:"id"`
	Version int   `json:"version"`
}

// reviewQueue reads the submitted reports the writers will approve.
func reviewQueue(ctx context.Context, c *http.Client, sp loadSpec) ([]writeItem, error) {
	u := *sp.base
	u.Path, u.RawQuery = "/api/v1/review", fmt.Sprintf("plan=%d", sp.plan)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	req.Header.Set("Authorization", "Bearer "+sp.token)
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		Data []struct {
			Report writeItem `json:"report"`
		} `json:"data"`
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return nil, fmt.Errorf("review queue: %s: %s", resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	out := make([]writeItem, 0, len(body.Data))
	for _, d := range body.Data {
		out = append(out, d.Report)
	}
	if len(out) == 0 {
		return nil, errors.New("review queue: nothing submitted to approve")
	}
	return out, nil
}

func approve(ctx context.Context, c *http.Client, sp loadSpec, it writeItem) error {
	u := *sp.base
	u.Path = fmt.Sprintf("/api/v1/reports/%d/approve", it.ID)
	b, _ := json.Marshal(map[string]int{"version": it.Version})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+sp.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("approve %d: %s: %s", it.ID, resp.Status, bytes.TrimSpace(msg))
	}
	_, _ = io.Copy(io.Discard, resp.Body) // drained so the connection is reused; the status said it all
	return nil
}
