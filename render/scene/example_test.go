package scene

import (
	"fmt"
	"testing"

	"twin/engine"
	"twin/geo"
)

// Closing a road recolours only that road's ribbon: one dirty range of its
// 8 vertices in the roads buffer, which the driver re-uploads.
func ExampleScene_Apply() {
	w := smallWorld(&testing.T{})
	s, _ := Build(w.Snapshot(), Options{})
	closed := true
	snap := apply(&testing.T{}, w, engine.Delta{Source: "ops", Seq: 1, Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: "w2", Closed: &closed})
	buf := s.Apply(snap, engine.Delta{Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: "w2"})
	fmt.Println(s.Tiles(), s.DrawList().Item(buf).Layer, s.DrawList().Item(buf).Dirty)
	// Output: 1 roads [{8 8}]
}
