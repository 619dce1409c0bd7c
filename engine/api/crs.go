package api

import (
	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/geo/proj"
)

// crsCRS84 is the default CRS of OGC API – Features.
var crsCRS84 = mustCRS("CRS84")

func mustCRS(s string) *proj.CRS {
	c, err := proj.Parse(s)
	if err != nil {
		panic(err) // the fixed names above always parse
	}
	return c
}

// wireCRSs are the CRSs every collection can be served in besides the
// World's own: CRS84, WGS84 and CGCS2000 in authority axis order, and Web
// Mercator.
var wireCRSs = []*proj.CRS{crsCRS84, mustCRS("EPSG:4326"), mustCRS("EPSG:4490"), mustCRS("EPSG:3857")}

// supportedCRS lists the CRSs the snapshot can serve: the wire CRSs and the
// World's local CRS.
func supportedCRS(s *engine.Snapshot) []*proj.CRS {
	out := append([]*proj.CRS(nil), wireCRSs...)
	if c := s.CRS(); c != nil {
		out = append(out, c)
	}
	return out
}

func crsURIs(cs []*proj.CRS) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.URI()
	}
	return out
}

// parseCRS resolves a crs or bbox-crs parameter (a URI, URN, CURIE such as
// [EPSG:4326], or EPSG:n) to one of the supported CRSs; default when empty.
func parseCRS(s *engine.Snapshot, param, v string, def *proj.CRS) (*proj.CRS, error) {
	if v == "" {
		return def, nil
	}
	if len(v) > 2 && v[0] == '[' && v[len(v)-1] == ']' {
		v = v[1 : len(v)-1] // safe CURIE
	}
	c, err := proj.Parse(v)
	if err != nil {
		return nil, badParam(param, "unknown CRS %q", v)
	}
	for _, ok := range supportedCRS(s) {
		if ok.String() == c.String() {
			return ok, nil
		}
	}
	return nil, badParam(param, "CRS %s is not offered; use one of %v", c, crsURIs(supportedCRS(s)))
}

// toWire returns the function taking World coordinates to the wire
// coordinates of c, in c's axis order; nil when they are the same.
func toWire(s *engine.Snapshot, c *proj.CRS) geo.PointFunc {
	world := s.CRS()
	if world == nil || world.String() == c.String() {
		return nil
	}
	fn := proj.Transformer(world, c)
	if c.LatLonOrder() {
		return func(p orb.Point) orb.Point { q := fn(p); return orb.Point{q[1], q[0]} }
	}
	return fn
}

// fromWire is the inverse of toWire: wire coordinates of c (in c's axis
// order) to the World's CRS.
func fromWire(s *engine.Snapshot, c *proj.CRS) geo.PointFunc {
	world := s.CRS()
	if world == nil || world.String() == c.String() {
		return func(p orb.Point) orb.Point { return p }
	}
	fn := proj.Transformer(c, world)
	if c.LatLonOrder() {
		return func(p orb.Point) orb.Point { return fn(orb.Point{p[1], p[0]}) }
	}
	return fn
}

// wirePrecision is the number of decimals written: 7 for degrees (~1 cm),
// 3 for metres (1 mm).
func wirePrecision(c *proj.CRS) int {
	if c.Geographic() {
		return 7
	}
	return 3
}
