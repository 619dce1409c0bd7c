package traffic

import (
	"math"
	"math/rand/v2"
	"strconv"

	"twin/geo/sumo"
)

// RandomOptions configure [RandomDemand]. Rate and End are required.
type RandomOptions struct {
	// Rate is the number of vehicles per hour (veh/h), departing at even
	// intervals of 3600/Rate s from Begin until End (s).
	Rate       float64
	Begin, End float64
	// MinLength is the shortest route accepted (m; 0: 300).
	MinLength float64
}

// Validate reports invalid options (wrapping ErrOptions).
func (o RandomOptions) Validate() error {
	if !(o.Rate > 0) || math.IsInf(o.Rate, 0) || !(o.End > o.Begin) || math.IsInf(o.End, 0) || o.MinLength < 0 {
		return errorf(ErrOptions, "rate %v veh/h from %v to %v s", o.Rate, o.Begin, o.End)
	}
	return nil
}

// RandomDemand generates trips like SUMO's randomTrips.py: origins and
// destinations drawn with rng among edges weighted by length, routed by
// the fastest path (Router), redrawn (up to 50 times) when there is no
// path or the route is shorter than MinLength. Vehicles have SUMO's
// default passenger type (DEFAULT_VEHTYPE). O(trips × E log E).
func RandomDemand(n *Network, opt RandomOptions, rng *rand.Rand) (*Demand, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.MinLength == 0 {
		opt.MinLength = 300
	}
	cum := make([]float64, len(n.Edges))
	total := 0.0
	for i := range n.Edges {
		total += n.Edges[i].Length
		cum[i] = total
	}
	draw := func() int32 {
		u := rng.Float64() * total
		lo, hi := 0, len(cum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] <= u {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return int32(lo)
	}
	r := NewRouter(n)
	d := &Demand{Types: []sumo.VType{sumo.DefaultVType("DEFAULT_VEHTYPE")}}
	period := 3600 / opt.Rate
	for k := 0; ; k++ {
		t := opt.Begin + float64(k)*period
		if t >= opt.End {
			break
		}
		for range 50 {
			route, ok := r.Route(draw(), draw(), 0)
			if !ok || routeLength(n, route) < opt.MinLength {
				continue
			}
			d.Trips = append(d.Trips, Trip{ID: "r" + strconv.Itoa(k), Depart: t, Route: route, DepartLane: departBest,
				DepartPos: -1, SpeedFactor: drawSpeedFactor(d.Types[0].SpeedFactor, rng)})
			break
		}
	}
	if len(d.Trips) == 0 {
		return nil, errorf(ErrDemand, "no route of at least %.0f m found", opt.MinLength)
	}
	return d, nil
}

func routeLength(n *Network, route []int32) float64 {
	s := 0.0
	for _, e := range route {
		s += n.Edges[e].Length
	}
	return s
}
