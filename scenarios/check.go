package scenarios

import (
	"fmt"

	"twin/engine"
)

// Check validates the scenario against the World it will run on: closed
// and opened roads, pump nodes and pipes must exist, and stations,
// incidents and gauges must lie within the city's bounds. Errors are
// *Error values wrapping ErrNotInWorld (joined), with the file position of
// each reference. O(events + features).
func (s *Scenario) Check(snap *engine.Snapshot) error {
	c, err := newCity(snap)
	if err != nil {
		return &Error{File: s.file, Line: 1, Col: 1, Msg: err.Error(), Err: ErrNotInWorld}
	}
	return s.check(c)
}

func (s *Scenario) check(c *city) error {
	is := &issues{name: s.file}
	if len(s.source) > 0 {
		if f, err := parseFile(s.source); err == nil {
			is.file = f
		}
	}
	s.checkPlaces(is, c, "$", s.Flood.Gauges, s.Dispatch.Stations)
	checkEventsIn(is, c, "$.events", s.Events)
	for i := range s.Variants {
		v := &s.Variants[i]
		p := fmt.Sprintf("$.variants[%d]", i)
		if v.Dispatch != nil {
			s.checkPlaces(is, c, p, nil, v.Dispatch.Stations)
		}
		if v.Flood != nil {
			s.checkPlaces(is, c, p, v.Flood.Gauges, nil)
		}
		checkEventsIn(is, c, p+".events", v.Events)
	}
	return is.err()
}

func (s *Scenario) checkPlaces(is *issues, c *city, p string, gauges []Place, stations []Station) {
	for i, g := range gauges {
		checkInside(is, c, fmt.Sprintf("%s.flood.gauges[%d]", p, i), g.Lon, g.Lat)
	}
	for i, st := range stations {
		checkInside(is, c, fmt.Sprintf("%s.dispatch.stations[%d]", p, i), st.Lon, st.Lat)
	}
}

func checkInside(is *issues, c *city, p string, lon, lat float64) {
	b, ok := c.snap.BoundsLonLat()
	if !ok || lon < b.Min[0] || lon > b.Max[0] || lat < b.Min[1] || lat > b.Max[1] {
		is.addf(ErrNotInWorld, p, "place %.5f, %.5f lies outside the city (%.4f…%.4f, %.4f…%.4f)", lon, lat, b.Min[0], b.Max[0], b.Min[1], b.Max[1])
	}
}

func checkEventsIn(is *issues, c *city, path string, evs []Event) {
	for i := range evs {
		e := &evs[i]
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case e.Close != nil:
			if _, err := c.ways(e.Close); err != nil {
				is.addf(ErrNotInWorld, p+".close", "close: %v", err)
			}
		case e.Open != nil:
			if _, err := c.ways(e.Open); err != nil {
				is.addf(ErrNotInWorld, p+".open", "open: %v", err)
			}
		case e.Pump != nil:
			if c.pipeNodes[e.Pump.Node] == nil {
				is.addf(ErrNotInWorld, p+".pump.node", "pump: no pipe node %q", e.Pump.Node)
			}
		case e.Pipe != nil:
			if c.pipes[e.Pipe.ID] == nil {
				is.addf(ErrNotInWorld, p+".pipe.id", "pipe: no pipe %q", e.Pipe.ID)
			}
		case e.Incident != nil:
			checkInside(is, c, p+".incident", e.Incident.Lon, e.Incident.Lat)
		case e.Station != nil:
			checkInside(is, c, p+".station", e.Station.Lon, e.Station.Lat)
		}
	}
}
