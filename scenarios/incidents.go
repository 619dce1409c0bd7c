package scenarios

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/paulmach/orb"

	"twin/sim/dispatch"
)

// incident is a call for help at a place and time.
type incident struct {
	id   string
	at   float64   // s from the start
	pt   orb.Point // World CRS
	edge int       // -1: snap at dispatch
	frac float64
	snap *dispatch.Snap // already snapped (a building's)
	name string
}

// roadSampler draws places uniformly along the road links (each link
// weighted by its length).
type roadSampler struct {
	cum   []float64 // cumulative length
	edges []int
	net   *network
}

func newRoadSampler(n *network) *roadSampler {
	s := &roadSampler{net: n}
	total := 0.0
	for e := 0; e < n.g.NumEdges(); e++ {
		_, _, _, l, _ := n.g.Edge(e)
		if l > 0 {
			total += l
			s.cum = append(s.cum, total)
			s.edges = append(s.edges, e)
		}
	}
	return s
}

// draw returns a random edge and share along it.
func (s *roadSampler) draw(r *rand.Rand) (int, float64) {
	x := r.Float64() * s.cum[len(s.cum)-1]
	i := sort.SearchFloat64s(s.cum, x)
	i = min(i, len(s.cum)-1)
	return s.edges[i], r.Float64()
}

// eventRand returns the random source of a generating event: a function of
// the seed and the event itself, so that the same event draws the same
// incidents in every variant.
func eventRand(seed uint64, e *Event) *rand.Rand {
	h := fnv.New64a()
	var b [8]byte
	put := func(v uint64) {
		for i := range b {
			b[i] = byte(v >> (8 * i))
		}
		h.Write(b[:])
	}
	put(uint64(e.At))
	put(math.Float64bits(e.Incidents.RatePerHour))
	put(uint64(e.Incidents.For))
	h.Write([]byte(e.Name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// generate draws the Poisson arrivals of a generating event that ends at
// end (s): exponential gaps of mean 3600/rate seconds.
func (s *roadSampler) generate(seed uint64, e *Event, end float64) []incident {
	r := eventRand(seed, e)
	from := e.At.Seconds()
	if e.Incidents.For > 0 {
		end = math.Min(end, from+e.Incidents.For.Seconds())
	}
	mean := 3600 / e.Incidents.RatePerHour
	var out []incident
	for t := from + r.ExpFloat64()*mean; t < end; t += r.ExpFloat64() * mean {
		edge, frac := s.draw(r)
		line := s.net.g.EdgeLine(edge)
		out = append(out, incident{at: t, pt: pointAlong(line, frac), edge: edge, frac: frac})
	}
	return out
}

// generateAt draws the Poisson arrivals of a generating event at the
// demand's buildings, each with probability proportional to its floor
// area.
func generateAt(seed uint64, e *Event, end float64, dem *dispatch.Demand) []incident {
	r := eventRand(seed, e)
	from := e.At.Seconds()
	if e.Incidents.For > 0 {
		end = math.Min(end, from+e.Incidents.For.Seconds())
	}
	cum := make([]float64, len(dem.Weights))
	total := 0.0
	for i, w := range dem.Weights {
		total += w
		cum[i] = total
	}
	mean := 3600 / e.Incidents.RatePerHour
	var out []incident
	for t := from + r.ExpFloat64()*mean; t < end; t += r.ExpFloat64() * mean {
		i := min(sort.SearchFloat64s(cum, r.Float64()*total), len(cum)-1)
		sn := dem.Snaps[i]
		out = append(out, incident{at: t, pt: dem.Points[i], edge: -1, snap: &sn, name: dem.IDs[i]})
	}
	return out
}

// pointAlong returns the point at share f of a line's length.
func pointAlong(line orb.LineString, f float64) orb.Point {
	total := 0.0
	for i := 1; i < len(line); i++ {
		total += dist(line[i-1], line[i])
	}
	want, run := f*total, 0.0
	for i := 1; i < len(line); i++ {
		d := dist(line[i-1], line[i])
		if run+d >= want && d > 0 {
			t := (want - run) / d
			return orb.Point{line[i-1][0] + t*(line[i][0]-line[i-1][0]), line[i-1][1] + t*(line[i][1]-line[i-1][1])}
		}
		run += d
	}
	return line[len(line)-1]
}

func dist(a, b orb.Point) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }

// secs converts a duration to seconds.
func secs(d time.Duration) float64 { return d.Seconds() }
