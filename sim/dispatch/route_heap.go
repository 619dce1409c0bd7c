package dispatch

// vheap is an indexed binary min-heap of vertices keyed by cost, with
// decrease-key. pos[v] is v's place in items, -1 when v is not queued.
// Ties pop in a fixed order for a fixed sequence of operations, so
// searches are deterministic.
type vheap struct {
	items []hitem
	pos   []int32
}

type hitem struct {
	key uint32
	v   int32
}

func newVHeap(n int) vheap {
	h := vheap{pos: make([]int32, n)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	return h
}

func (h *vheap) len() int { return len(h.items) }

// push inserts v with key k, or lowers v's key to k if v is queued with a
// larger one.
func (h *vheap) push(v int32, k uint32) {
	i := h.pos[v]
	if i < 0 {
		i = int32(len(h.items))
		h.items = append(h.items, hitem{k, v})
		h.pos[v] = i
	} else if k >= h.items[i].key {
		return
	} else {
		h.items[i].key = k
	}
	h.up(int(i))
}

// pop removes and returns the vertex with the least key.
func (h *vheap) pop() (int32, uint32) {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.pos[h.items[0].v] = 0
	h.items = h.items[:last]
	h.pos[top.v] = -1
	if last > 0 {
		h.down(0)
	}
	return top.v, top.key
}

// minKey returns the least key; the heap must not be empty.
func (h *vheap) minKey() uint32 { return h.items[0].key }

// clear empties the heap in O(len).
func (h *vheap) clear() {
	for _, it := range h.items {
		h.pos[it.v] = -1
	}
	h.items = h.items[:0]
}

func (h *vheap) up(i int) {
	it := h.items[i]
	for i > 0 {
		p := (i - 1) / 2
		if h.items[p].key <= it.key {
			break
		}
		h.items[i] = h.items[p]
		h.pos[h.items[i].v] = int32(i)
		i = p
	}
	h.items[i] = it
	h.pos[it.v] = int32(i)
}

func (h *vheap) down(i int) {
	it := h.items[i]
	n := len(h.items)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h.items[c+1].key < h.items[c].key {
			c++
		}
		if h.items[c].key >= it.key {
			break
		}
		h.items[i] = h.items[c]
		h.pos[h.items[i].v] = int32(i)
		i = c
	}
	h.items[i] = it
	h.pos[it.v] = int32(i)
}
