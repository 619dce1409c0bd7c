package proj

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// mapper is what the control-point tests exercise: a *CRS, or a bare
// projection on its own ellipsoid (pureProjection).
type mapper interface {
	Forward(lon, lat float64) (x, y float64)
	Inverse(x, y float64) (lon, lat float64)
}

// pureProjection exposes a projection without datum shift, lon/lat in
// degrees on the projection's own ellipsoid.
type pureProjection struct{ p projection }

func (p pureProjection) Forward(lon, lat float64) (float64, float64) {
	return p.p.project(lon*deg, lat*deg)
}

func (p pureProjection) Inverse(x, y float64) (float64, float64) {
	lam, phi := p.p.unproject(x, y)
	return lam / deg, phi / deg
}

// PROJ definitions cs2cs is driven with where PROJ's EPSG pipeline might pick
// a grid or another transformation than ours: the same projection constants
// (PROJ's EPSG:28992 and EPSG:2056 definitions, `projinfo EPSG:28992 -o PROJ`)
// with the same +towgs84 the package uses (see datum.go). This checks our
// projection and Helmert arithmetic against PROJ's independent code.
const (
	rdProj = "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079" +
		" +x_0=155000 +y_0=463000 +ellps=bessel +units=m +no_defs"
	rdTowgs84   = " +towgs84=565.4171,50.3319,465.5524,-0.398957388243134,0.343987817378283,-1.87740163998045,4.0725"
	lv95Proj    = "+proj=somerc +lat_0=46.95240555555556 +lon_0=7.439583333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +units=m +no_defs"
	lv95Towgs84 = " +towgs84=674.374,15.056,405.346,0,0,0,0"
	wgs84Proj   = "+proj=longlat +datum=WGS84 +no_defs"
	besselProj  = "+proj=longlat +ellps=bessel +no_defs"
)

// controlSet is one CRS (or bare projection) with control points inside its
// area of use and the cs2cs arguments that compute them independently.
type controlSet struct {
	name    string   // CRS identifier for Parse, or a pure-projection name
	fwdArgs []string // cs2cs arguments, lon/lat → x/y
	invArgs []string // cs2cs arguments, x/y → lon/lat
	swapGeo bool     // cs2cs reads and writes the lon/lat side latitude first
	swap    bool     // cs2cs reads and writes the projected side latitude/northing first
	tolM    float64  // agreement required, metres
	points  []orb.Point
}

// mapper returns what the set's rows are checked against.
func (s controlSet) mapper() (mapper, error) {
	switch s.name {
	case "sterea-bessel":
		return pureProjection{newSterea(bessel, rdLon0, rdLat0, 0.9999079, 155000, 463000)}, nil
	case "somerc-bessel":
		return pureProjection{newSomerc(bessel, lv95Lon0, lv95Lat0, 1, 2600000, 1200000)}, nil
	case "tmerc-wide":
		return pureProjection{newTMerc(wgs84, 9, 0, 0.9996, 500000, 0)}, nil
	}
	return Parse(s.name)
}

// oldStyle returns cs2cs arguments in PROJ's "+to" form for two proj strings.
func oldStyle(src, dst string) []string {
	return append(append(strings.Fields(src), "+to"), strings.Fields(dst)...)
}

// epsgSet returns the control set for a supported EPSG code, checked against
// PROJ's own database definition, from WGS84 lon/lat (OGC:CRS84).
func epsgSet(code int, extra ...orb.Point) controlSet {
	return epsgSetFrom("OGC:CRS84", false, code, extra...)
}

// etrsSet is epsgSet for the ETRS89 UTM zones, driven from ETRS89 lat/lon
// (EPSG:4258). The package takes ETRS89 as equal to WGS84, but PROJ's
// pipeline from WGS84 to EPSG:25838 goes through a Turkish datum (TUREF,
// half a metre off), so the pure projection is checked from ETRS89 itself.
func etrsSet(code int, extra ...orb.Point) controlSet {
	return epsgSetFrom("EPSG:4258", true, code, extra...)
}

// epsgSetFrom builds an EPSG control set with src as the lon/lat side.
func epsgSetFrom(src string, swapGeo bool, code int, extra ...orb.Point) controlSet {
	c := fromCode(code)
	id := c.String()
	return controlSet{
		name: id, fwdArgs: []string{src, id}, invArgs: []string{id, src},
		swapGeo: swapGeo, swap: c.LatLonOrder(), tolM: 1e-3,
		points: append(areaPoints(c.AreaOfUse()), extra...),
	}
}

// projSet returns a control set driven by explicit proj strings; tolM is in
// metres.
func projSet(name, src, dst string, tolM float64, area orb.Bound, extra ...orb.Point) controlSet {
	return controlSet{
		name: name, fwdArgs: oldStyle(src, dst), invArgs: oldStyle(dst, src),
		tolM: tolM, points: append(areaPoints(area), extra...),
	}
}

// areaPoints spreads seven points over b, staying 2% inside its edges.
func areaPoints(b orb.Bound) []orb.Point {
	fr := [][2]float64{{0.02, 0.02}, {0.98, 0.1}, {0.5, 0.5}, {0.25, 0.75}, {0.9, 0.98}, {0.02, 0.6}, {0.7, 0.3}}
	pts := make([]orb.Point, len(fr))
	for i, f := range fr {
		lon := b.Min[0] + f[0]*(b.Max[0]-b.Min[0])
		lat := b.Min[1] + f[1]*(b.Max[1]-b.Min[1])
		pts[i] = orb.Point{math.Round(lon*1e4) / 1e4, math.Round(lat*1e4) / 1e4}
	}
	return pts
}

// controlSets lists every CRS family the package supports, several codes per
// family, with well-known places added where they fall inside.
func controlSets() []controlSet {
	monaco, helsinki, beijing := orb.Point{7.42, 43.73}, orb.Point{24.94, 60.17}, orb.Point{116.4, 39.9}
	delft, zurich := orb.Point{4.3571, 52.0116}, orb.Point{8.5417, 47.3769}
	sets := []controlSet{
		epsgSet(4326, monaco), epsgSet(4490, beijing), epsgSet(4258, helsinki),
		epsgSet(3857, monaco, orb.Point{-179.9, 85.0}),
	}
	for _, c := range []int{32601, 32610, 32617, 32631, 32632, 32633, 32635, 32650, 32654, 32660,
		32701, 32718, 32723, 32733, 32750, 32756, 32760} {
		sets = append(sets, epsgSet(c, monaco, helsinki))
	}
	for _, c := range []int{25828, 25830, 25832, 25833, 25835, 25838} {
		sets = append(sets, etrsSet(c, orb.Point{10.3, 55.3}))
	}
	for _, c := range []int{4491, 4495, 4501, 4502, 4508, 4512, 4513, 4520, 4527, 4533, 4534, 4541, 4548, 4554} {
		sets = append(sets, epsgSet(c, beijing))
	}
	rdArea := fromCode(28992).AreaOfUse()
	lvArea := fromCode(2056).AreaOfUse()
	sets = append(sets,
		projSet("EPSG:28992", wgs84Proj, rdProj+rdTowgs84, 1e-2, rdArea, delft),
		projSet("EPSG:7415", wgs84Proj, rdProj+rdTowgs84, 1e-2, rdArea, delft),
		projSet("EPSG:2056", wgs84Proj, lv95Proj+lv95Towgs84, 1e-2, lvArea, zurich),
		projSet("sterea-bessel", besselProj, rdProj, 1e-3, rdArea, orb.Point{6, 53}),
		projSet("somerc-bessel", besselProj, lv95Proj, 1e-3, lvArea, zurich),
		// UTM 32N's projection 10° either side of its central meridian, three
		// zones wide: Krüger's n⁶ series must still agree with PROJ's
		// (Poder/Engsager) Transverse Mercator to well under a millimetre.
		projSet("tmerc-wide", wgs84Proj, "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +no_defs",
			1e-4, orb.Bound{Min: orb.Point{-1, -80}, Max: orb.Point{19, 84}}, orb.Point{19, 0}, orb.Point{-1, 45}, orb.Point{19, 70}),
	)
	for _, o := range []orb.Point{monaco, beijing, {-70.65, -33.45}} {
		name := "LOCAL:" + formatDeg(o[0]) + "," + formatDeg(o[1])
		dst := fmt.Sprintf("+proj=tmerc +lat_0=%s +lon_0=%s +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
			formatDeg(o[1]), formatDeg(o[0]))
		c, _ := Parse(name)
		sets = append(sets, projSet(name, wgs84Proj, dst, 1e-3, c.AreaOfUse()))
	}
	// Keep only the extra points that fall inside each set's area.
	for i := range sets {
		sets[i].points = insideArea(sets[i])
	}
	return sets
}

// insideArea drops the named extra points that lie outside the set's area.
func insideArea(s controlSet) []orb.Point {
	m, err := s.mapper()
	if err != nil {
		return s.points
	}
	c, ok := m.(*CRS)
	if !ok {
		return s.points
	}
	var out []orb.Point
	for _, p := range s.points {
		if c.AreaOfUse().Contains(p) {
			out = append(out, p)
		}
	}
	return out
}
