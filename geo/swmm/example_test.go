package swmm_test

import (
	"fmt"
	"strings"

	"twin/geo"
	"twin/geo/swmm"
)

const usModel = `[OPTIONS]
FLOW_UNITS CFS
[JUNCTIONS]
;;Name Elev MaxDepth
MH1    100  8
[OUTFALLS]
OUT    95   FREE
[CONDUITS]
C1 MH1 OUT 400 0.013 1 0
[XSECTIONS]
C1 CIRCULAR 1.5
[COORDINATES]
MH1 0   0
OUT 120 0
`

// ExampleDecode reads a US-unit model; the Model holds SI values.
func ExampleDecode() {
	m, err := swmm.Decode(strings.NewReader(usModel), "example.inp", swmm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	j, c := m.Junctions[0], m.Conduits[0]
	fmt.Printf("%s: invert %.4f m, depth %.4f m\n", j.Name, j.Elevation, j.MaxDepth)
	fmt.Printf("%s: %.2f m long, in offset %.4f m, diameter %.4f m\n", c.Name, c.Length, c.InOffset, m.XSections[0].Geom[0])
	fmt.Println("file units:", m.Options.FlowUnits)
	// Output:
	// MH1: invert 30.4800 m, depth 2.4384 m
	// C1: 121.92 m long, in offset 0.3048 m, diameter 0.4572 m
	// file units: CFS
}

// ExampleModel_Dataset shows the pipe layer with absolute inverts.
func ExampleModel_Dataset() {
	m, err := swmm.Decode(strings.NewReader(usModel), "example.inp", swmm.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ds := m.Dataset()
	p := ds.Layers[geo.LayerPipes][0].(*geo.Pipe)
	fmt.Printf("%s %s→%s invert %.4f→%.4f m, ground %.4f m at %s\n", p.Kind, p.From, p.To, p.InvertFrom, p.InvertTo, p.GroundFrom, p.From)
	// Output:
	// conduit MH1→OUT invert 30.7848→28.9560 m, ground 32.9184 m at MH1
}
