package live

import (
	"sync"

	"twin/engine"
)

// Batch is one applied, durable batch: its live version and the deltas that
// were applied (duplicates left out), in order.
type Batch struct {
	Version uint64         `json:"version"`
	Deltas  []engine.Delta `json:"deltas"`
}

// Sub is one subscription. Receive batches from C until it is closed; then
// Resync reports whether the subscription was cut off (it fell behind, or
// asked for a version no longer kept) and the subscriber must fetch the
// current state and subscribe again from Version.
type Sub struct {
	C      <-chan *Batch
	c      chan *Batch
	hub    *hub
	resync bool
	since  uint64
}

// Resync reports whether the subscription ended because the subscriber must
// resynchronise. Valid once C is closed.
func (s *Sub) Resync() bool {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return s.resync
}

// Close ends the subscription. Safe to call more than once.
func (s *Sub) Close() { s.hub.drop(s, false) }

// hub fans batches out to subscribers, keeping the last ring batches for
// subscribers that resume from an earlier version.
type hub struct {
	mu   sync.Mutex
	ring []*Batch // the last len(ring) batches, oldest first
	size int
	last uint64 // version of the last published batch
	subs map[*Sub]struct{}
}

func newHub(size int, last uint64) *hub {
	return &hub{size: size, last: last, subs: map[*Sub]struct{}{}}
}

// subscribe returns a subscription receiving every batch after since, with
// a channel buffer of buf batches. Batches still in the ring are queued at
// once; if since is older than the ring (or the backlog exceeds buf) the
// subscription starts cut off, with Resync true.
func (h *hub) subscribe(since uint64, buf int) *Sub {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan *Batch, buf)
	s := &Sub{C: c, c: c, hub: h, since: since}
	if since > h.last {
		since = h.last // a version from the future: start from now
	}
	oldest := h.last - uint64(len(h.ring)) // versions ≤ oldest are gone
	if since < oldest {
		s.resync = true
		close(c)
		return s
	}
	for _, b := range h.ring {
		if b.Version <= since {
			continue
		}
		select {
		case c <- b:
		default:
			s.resync = true
			close(c)
			return s
		}
	}
	h.subs[s] = struct{}{}
	return s
}

// publish records b and offers it to every subscriber; one whose buffer is
// full is cut off (resync) rather than waited for.
func (h *hub) publish(b *Batch) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.last = b.Version
	if len(h.ring) == h.size && h.size > 0 {
		copy(h.ring, h.ring[1:])
		h.ring = h.ring[:len(h.ring)-1]
	}
	if h.size > 0 {
		h.ring = append(h.ring, b)
	}
	for s := range h.subs {
		select {
		case s.c <- b:
		default:
			s.resync = true
			delete(h.subs, s)
			close(s.c)
		}
	}
}

func (h *hub) drop(s *Sub, resync bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; ok {
		delete(h.subs, s)
		s.resync = resync
		close(s.c)
	}
}

// closeAll ends every subscription (the store is closing).
func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		delete(h.subs, s)
		close(s.c)
	}
}
