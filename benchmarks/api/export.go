package apibench

import (
	"fmt"
	"io"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/geo/geojson"
)

// ExportBuildings writes the buildings layer of s to w as one RFC 7946
// FeatureCollection in lon/lat degrees, in ID order, with every property
// that the items route serves, coordinates at full float64 precision (so
// that loading the file back, into twin or PostGIS, moves no vertex by more
// than the projection's round trip, far below a millimetre). It returns the
// number of features written. Errors: ErrEmpty, engine.ErrNoCRS, or w's or
// the encoder's error. O(n) time, memory bounded by one feature.
func ExportBuildings(w io.Writer, s *engine.Snapshot) (int, error) {
	l := s.Layer(geo.LayerBuildings)
	if l == nil || l.Len() == 0 {
		return 0, fmt.Errorf("%w: %q", ErrEmpty, geo.LayerBuildings)
	}
	if s.CRS() == nil {
		return 0, fmt.Errorf("apibench: export: %w", engine.ErrNoCRS)
	}
	enc, err := geojson.NewWriter(w, geojson.EncodeOptions{
		Name:      geo.LayerBuildings,
		Precision: -1,
		Project:   func(p orb.Point) orb.Point { ll, _ := s.ToLonLat(p); return ll },
	})
	if err != nil {
		return 0, err
	}
	l.Ascend("", func(f geo.Feature) bool {
		err = enc.Write(f)
		return err == nil
	})
	if err != nil {
		return enc.Count(), fmt.Errorf("apibench: export: %w", err)
	}
	return enc.Count(), enc.Close()
}
