package live

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"twin/engine"
)

// run ingests the batches that gather makes, one at a time and in order,
// while gather makes the next: parsing overlaps the Store's fsync. It
// returns when Close is called, ctx ends, or the Store stops taking
// batches.
func (m *MQTT) run(ctx context.Context) {
	defer close(m.done)
	batches := make(chan []message, 1)
	quit := make(chan struct{})
	defer close(quit)
	go m.gather(ctx, batches, quit)
	for msgs := range batches {
		if err := m.ingest(ctx, msgs); err != nil {
			m.mu.Lock()
			m.err = err
			m.mu.Unlock()
			m.opt.Log.Error("mqtt: ingest stopped; unacknowledged messages stay with the broker", "err", err)
			return
		}
	}
}

// gather makes batches of up to BatchSize messages, waiting at most
// BatchWait after the first, parses them and sends them to out, which it
// closes when Close is called or ctx ends. It returns early when quit is
// closed.
func (m *MQTT) gather(ctx context.Context, out chan<- []message, quit <-chan struct{}) {
	defer close(out)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		var batch []message
		select {
		case <-m.stop:
			return
		case <-ctx.Done():
			return
		case msg := <-m.in:
			batch = append(make([]message, 0, m.opt.BatchSize), m.parse(msg))
		}
		timer.Reset(m.opt.BatchWait)
	fill:
		for len(batch) < m.opt.BatchSize {
			select {
			case msg := <-m.in:
				batch = append(batch, m.parse(msg))
			case <-timer.C:
				break fill
			case <-m.stop:
				break fill
			}
		}
		timer.Stop()
		m.stats.received.Add(uint64(len(batch)))
		select {
		case out <- batch:
		case <-quit:
			return
		}
	}
}

// parse decodes a message's payload.
func (m *MQTT) parse(in inMsg) message {
	msg := message{inMsg: in}
	msg.deltas, msg.reason, msg.err = parsePayload(in.payload, m.opt.Now(), m.opt.MaxPayload)
	return msg
}

// message is a received message with its parsed deltas, or why it is
// rejected.
type message struct {
	inMsg
	deltas []engine.Delta
	reason string // a Reject… constant; empty while the message may apply
	err    error
}

// ingest ingests the deltas of a batch of parsed messages in one Store
// batch. When the Store rejects a delta, the message that carried it is set
// aside and the rest is tried again, so only bad messages are dropped; a
// batch with k bad messages takes up to k+1 tries. Once the batch is durable
// every message (rejected ones too: they can never apply) is acknowledged.
// Any other Store error is returned with no message acknowledged.
func (m *MQTT) ingest(ctx context.Context, msgs []message) error {
	var ds []engine.Delta
	var owner []int // owner[i]: the message of ds[i]
	for {
		ds, owner = ds[:0], owner[:0]
		for i := range msgs {
			if msgs[i].reason == "" {
				for _, d := range msgs[i].deltas {
					ds = append(ds, d)
					owner = append(owner, i)
				}
			}
		}
		if len(ds) == 0 {
			break
		}
		res, err := m.store.Ingest(ctx, ds)
		var rej *RejectError
		if errors.As(err, &rej) && rej.Index >= 0 && rej.Index < len(owner) {
			bad := &msgs[owner[rej.Index]]
			bad.reason, bad.err = rejectReason(rej.Err), fmt.Errorf("delta %d: %w", rej.Index-firstOf(owner, owner[rej.Index])+1, rej.Err)
			continue
		}
		if err != nil {
			return err
		}
		m.stats.batches.Add(1)
		m.stats.applied.Add(uint64(res.Applied))
		m.stats.duplicates.Add(uint64(res.Duplicates))
		break
	}
	for i := range msgs {
		if msg := &msgs[i]; msg.reason != "" {
			m.stats.reject(msg.reason)
			m.opt.Log.Warn("mqtt: message rejected", "topic", msg.topic, "reason", msg.reason, "err", msg.err)
		}
		if err := msgs[i].ack(); err != nil {
			// The connection that delivered it is gone; the broker sends it
			// again on the next one and it is acknowledged as a duplicate.
			m.opt.Log.Debug("mqtt: ack after reconnect", "topic", msgs[i].topic, "err", err)
		}
	}
	return nil
}

// firstOf returns the index of the first entry of owner equal to msg.
func firstOf(owner []int, msg int) int {
	for i, o := range owner {
		if o == msg {
			return i
		}
	}
	return 0
}

// rejectReason classifies a Store rejection.
func rejectReason(err error) string {
	if errors.Is(err, engine.ErrUnknownFeature) {
		return RejectUnknownFeature
	}
	return RejectInvalid
}

// parsePayload decodes an MQTT payload: one delta object, or several
// (NDJSON, or objects one after another), each validated against now (see
// engine.Delta.Validate). A message is taken or rejected whole: it returns
// the deltas, or a Reject… reason and an error saying which delta (1-based)
// is wrong and why. O(len(payload)).
func parsePayload(payload []byte, now time.Time, maxPayload int) ([]engine.Delta, string, error) {
	if len(payload) > maxPayload {
		return nil, RejectTooLarge, fmt.Errorf("payload of %d bytes is over the limit of %d", len(payload), maxPayload)
	}
	if bytes.IndexByte(payload, '\n') < 0 {
		// One line, as nearly every sensor sends: one object, decoded
		// without a Decoder's buffer. Anything else takes the long way,
		// which also positions the error.
		var d engine.Delta
		if json.Unmarshal(payload, &d) == nil {
			if err := d.Validate(now); err != nil {
				return nil, RejectInvalid, fmt.Errorf("delta 1: %w", err)
			}
			return []engine.Delta{d}, "", nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	var out []engine.Delta
	for n := 1; ; n++ {
		var d engine.Delta
		err := dec.Decode(&d)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, RejectBadJSON, fmt.Errorf("delta %d (byte %d): %w", n, dec.InputOffset(), err)
		}
		if err := d.Validate(now); err != nil {
			return nil, RejectInvalid, fmt.Errorf("delta %d: %w", n, err)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, RejectEmpty, errors.New("payload holds no delta")
	}
	return out, "", nil
}
