package epanet_test

import (
	"fmt"
	"strings"

	"twin/geo"
	"twin/geo/epanet"
)

const net = `[JUNCTIONS]
;ID  Elev  Demand
 J1  710   150
 J2  700   0
[PIPES]
 P1  J1  J2  5280  12  100
[COORDINATES]
 J1  0  0
 J2  1  0
[OPTIONS]
 Units  GPM
[END]
`

// ExampleDecode reads a US-unit network; the Model holds SI values.
func ExampleDecode() {
	m, err := epanet.Decode(strings.NewReader(net), "net.inp", epanet.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("J1 elevation %.3f m, demand %.6f m³/s\n", m.Junctions[0].Elevation, m.Junctions[0].Demand)
	fmt.Printf("P1 %.2f m long, diameter %.4f m\n", m.Pipes[0].Length, m.Pipes[0].Diameter)
	// Output:
	// J1 elevation 216.408 m, demand 0.009464 m³/s
	// P1 1609.34 m long, diameter 0.3048 m
}

// ExampleModel_Dataset buries the main 1.2 m below the junction elevations.
func ExampleModel_Dataset() {
	m, err := epanet.Decode(strings.NewReader(net), "net.inp", epanet.Options{Cover: 1.2})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := m.Dataset().Layers[geo.LayerPipes][0].(*geo.Pipe)
	_, crown := p.ZRange()
	fmt.Printf("ground %.3f m, crown %.3f m, invert %.3f m\n", p.GroundFrom, crown, p.InvertFrom)
	// Output:
	// ground 216.408 m, crown 215.208 m, invert 214.903 m
}
