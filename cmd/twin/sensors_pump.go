package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"twin/engine"
)

// deltaSource yields deltas in order, each with the time it is due,
// counted from the start of sending (0: at once). ok is false at the end.
type deltaSource interface {
	next() (d engine.Delta, due time.Duration, ok bool, err error)
}

// pumpStats is what pump did.
type pumpStats struct {
	sent    int
	elapsed time.Duration
}

func (p pumpStats) rate() float64 {
	if p.elapsed <= 0 {
		return 0
	}
	return float64(p.sent) / p.elapsed.Seconds()
}

// pump sends src's deltas to sink in batches of at most batch, each delta
// no earlier than it is due (paced is false: as fast as the sink takes
// them). restamp sets each delta's timestamp to the time it is sent. It
// stops at the end of src or when ctx ends; the end of ctx is not an
// error.
func pump(ctx context.Context, src deltaSource, sink deltaSink, batch int, paced, restamp bool) (pumpStats, error) {
	start := time.Now()
	var st pumpStats
	buf := make([]engine.Delta, 0, batch)
	var pending *engine.Delta
	var pendingDue time.Duration
	done := false
	for !done && ctx.Err() == nil {
		buf = buf[:0]
		for len(buf) < batch {
			if pending == nil {
				d, due, ok, err := src.next()
				if err != nil {
					return st, err
				}
				if !ok {
					done = true
					break
				}
				pending, pendingDue = &d, due
			}
			if wait := pendingDue - time.Since(start); paced && wait > 0 {
				if len(buf) > 0 {
					break // send what is due first
				}
				if !sleepCtx(ctx, wait) {
					return st.finish(start), nil
				}
			}
			if restamp {
				pending.TS = time.Now().UTC()
			}
			buf = append(buf, *pending)
			pending = nil
		}
		if len(buf) == 0 {
			break
		}
		if err := sink.send(ctx, buf); err != nil {
			if ctx.Err() != nil {
				break
			}
			return st.finish(start), err
		}
		st.sent += len(buf)
	}
	return st.finish(start), nil
}

func (p pumpStats) finish(start time.Time) pumpStats {
	p.elapsed = time.Since(start)
	return p
}

// sleepCtx sleeps for d, or less when ctx ends first (then false).
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// simSource streams a simulator's deltas: limit of them (0: no limit),
// each due at its simulated time's offset from the start.
type simSource struct {
	sim   *simulator
	limit int
	n     int
}

func (s *simSource) next() (engine.Delta, time.Duration, bool, error) {
	if s.limit > 0 && s.n >= s.limit {
		return engine.Delta{}, 0, false, nil
	}
	s.n++
	d := s.sim.next()
	return d, d.TS.Sub(s.sim.cfg.Start), true, nil
}

// sliceSource yields fixed deltas, all due at once.
type sliceSource struct{ ds []engine.Delta }

func (s *sliceSource) next() (engine.Delta, time.Duration, bool, error) {
	if len(s.ds) == 0 {
		return engine.Delta{}, 0, false, nil
	}
	d := s.ds[0]
	s.ds = s.ds[1:]
	return d, 0, true, nil
}

// replaySource reads recorded NDJSON deltas; each is due at its
// timestamp's offset from the first one's, divided by speed (0: all at
// once). Lines are checked as the twin would (without the future check:
// recordings are old); a bad line fails the replay with its line number.
type replaySource struct {
	sc    *bufio.Scanner
	name  string
	speed float64
	line  int
	first time.Time
}

func newReplaySource(r io.Reader, name string, speed float64) *replaySource {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	return &replaySource{sc: sc, name: name, speed: speed}
}

func (s *replaySource) next() (engine.Delta, time.Duration, bool, error) {
	for s.sc.Scan() {
		s.line++
		b := s.sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var d engine.Delta
		if err := json.Unmarshal(b, &d); err != nil {
			return d, 0, false, fmt.Errorf("%s:%d: %w", s.name, s.line, err)
		}
		if err := d.Validate(time.Time{}); err != nil {
			return d, 0, false, fmt.Errorf("%s:%d: %w", s.name, s.line, err)
		}
		if s.first.IsZero() {
			s.first = d.TS
		}
		var due time.Duration
		if s.speed > 0 {
			due = time.Duration(float64(d.TS.Sub(s.first)) / s.speed)
		}
		return d, due, true, nil
	}
	if err := s.sc.Err(); err != nil {
		return engine.Delta{}, 0, false, fmt.Errorf("%s:%d: %w", s.name, s.line+1, err)
	}
	return engine.Delta{}, 0, false, nil
}
