package greenwave

import (
	"bufio"
	"slices"
	"strings"
	"testing"

	"twin/geo/sumo"
	"twin/internal/sharedtest"
	"twin/sim/traffic"
)

// TestFindArterialBologna: in the Bologna Acosta scenario (its "adapted"
// programs loaded) the streets are one-way and the traffic lights are
// joined over two to four junctions each. The busiest chain is the one the
// Pepoli routes drive (796 + 407 vehicles): their links pass the lights
// 210 (junction 27), 221 (junctions 1c and 1) and 235 (junction 204c), as
// the tl attributes of the net's connections along the route say. The
// arterial is one-way, each light appears once, the vehicles of both
// Pepoli routes drive it, and the corridor built from it coordinates
// outbound only.
func TestFindArterialBologna(t *testing.T) {
	const dir = "sumo/bologna-acosta/"
	raw, err := sumo.DecodeNet(bufio.NewReader(sharedtest.Open(t, dir+"acosta_buslanes.net.xml")), "acosta_buslanes.net.xml")
	if err != nil {
		t.Fatal(err)
	}
	tls, err := sumo.DecodeDemand(bufio.NewReader(sharedtest.Open(t, dir+"acosta_tls.add.xml")), "acosta_tls.add.xml")
	if err != nil {
		t.Fatal(err)
	}
	net, err := traffic.FromSUMO(raw, tls.TLLogics)
	if err != nil {
		t.Fatal(err)
	}
	rou, err := sumo.DecodeDemand(bufio.NewReader(sharedtest.Open(t, dir+"acosta.rou.xml")), "acosta.rou.xml")
	if err != nil {
		t.Fatal(err)
	}
	d := DemandFromSUMO(net, rou)
	a, err := FindArterial(net, d)
	if err != nil {
		t.Fatal(err)
	}
	var sigs []string
	for _, n := range a.Nodes {
		sigs = append(sigs, net.Signals[net.Nodes[n].Signal].ID)
	}
	if want := []string{"210", "221", "235"}; !slices.Equal(sigs, want) || !a.OneWay() {
		t.Fatalf("arterial %v (lights %v, one-way %v), want lights %v one-way", a.IDs(net), sigs, a.OneWay(), want)
	}
	pepoli := 0
	for _, v := range rou.Vehicles {
		r, ok := edgeIndices(net, v.Edges)
		if out, _ := a.Uses(r); ok && out && strings.HasPrefix(v.ID, "Pepoli_") {
			pepoli++
		}
	}
	if pepoli < 796+407 {
		t.Errorf("%d Pepoli vehicles drive the arterial, want at least the 1203 of its two routes through 210, 221 and 235", pepoli)
	}
	c, err := NewCorridor(net, a, d, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.FlowIn != 0 || c.FlowOut < 1000 {
		t.Errorf("flows %v/%v veh/h, want ≥ 1000 outbound (the Pepoli routes alone) and 0 inbound", c.FlowOut, c.FlowIn)
	}
	if _, err := Solve(c, Options{WholeSeconds: true}); err != nil {
		t.Error(err)
	}
}
