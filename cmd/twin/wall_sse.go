package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"twin/engine/live"
)

// errResync: the server ended the stream with a resync event: the changes
// after the last version seen are no longer kept, and the caller must
// reload the state (see remoteFollower) before following again.
var errResync = errors.New("delta stream: server asked for a resync")

// maxSSELine bounds one SSE line (one encoded batch), bytes.
const maxSSELine = 16 << 20

// readSSE decodes the Server-Sent Events of a twin delta stream from r and
// calls fn with each batch in order. It returns the id (version) of the last
// batch read, and io.EOF at the end of the stream, errResync after a resync
// event, fn's error, or a decoding error naming the line. O(bytes read).
func readSSE(r io.Reader, fn func(*live.Batch) error) (last uint64, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxSSELine)
	var event string
	var data bytes.Buffer
	line := 0
	for sc.Scan() {
		line++
		l := sc.Bytes()
		switch {
		case len(l) == 0: // end of event
			if err := dispatchSSE(event, data.Bytes(), fn, &last); err != nil {
				return last, fmt.Errorf("delta stream line %d: %w", line, err)
			}
			event = ""
			data.Reset()
		case l[0] == ':': // comment, keepalive
		case bytes.HasPrefix(l, []byte("event:")):
			event = strings.TrimSpace(string(l[len("event:"):]))
		case bytes.HasPrefix(l, []byte("data:")):
			if data.Len() > 0 {
				data.WriteByte('\n')
			}
			data.Write(bytes.TrimPrefix(l[len("data:"):], []byte(" ")))
		}
	}
	if err := sc.Err(); err != nil {
		return last, fmt.Errorf("delta stream line %d: %w", line+1, err)
	}
	return last, io.EOF
}

func dispatchSSE(event string, data []byte, fn func(*live.Batch) error, last *uint64) error {
	switch event {
	case "resync":
		return errResync
	case "batch", "":
		if len(data) == 0 {
			return nil
		}
		var b live.Batch
		if err := json.Unmarshal(data, &b); err != nil {
			return fmt.Errorf("batch: %w", err)
		}
		if err := fn(&b); err != nil {
			return err
		}
		*last = b.Version
	}
	return nil
}

// followSSE follows base's /deltas/stream from version since until ctx
// ends, calling fn with each batch; it reconnects after errors (1 s, then
// doubling up to 30 s) with the last version seen. It returns ctx's error,
// fn's, or errResync when the server asks for a resync.
func followSSE(ctx context.Context, client *http.Client, base string, since uint64, fn func(*live.Batch) error, log *slog.Logger) error {
	wait := time.Second
	for {
		last, err := streamOnce(ctx, client, base, since, fn)
		if last > since {
			since, wait = last, time.Second
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var fnErr fnError
		if errors.As(err, &fnErr) {
			return fnErr.err
		}
		if errors.Is(err, errResync) {
			return err
		}
		log.Warn("delta stream interrupted, reconnecting", "url", base, "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// fnError marks an error from the batch callback, which ends following.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

func streamOnce(ctx context.Context, client *http.Client, base string, since uint64, fn func(*live.Batch) error) (uint64, error) {
	// since=0 too: the stream must start right after the version the
	// caller's state was read at, not at the server's current one.
	url := strings.TrimRight(base, "/") + "/deltas/stream?since=" + strconv.FormatUint(since, 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, fnError{err}
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return readSSE(resp.Body, func(b *live.Batch) error {
		if err := fn(b); err != nil {
			return fnError{err}
		}
		return nil
	})
}
