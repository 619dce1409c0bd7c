package greenwave_test

import (
	"fmt"

	"twin/sim/traffic/greenwave"
)

// Four signals 560 m apart, travelled at 12.5 m/s (44.8 s) both ways with
// equal flows, each with a 42 s green for the corridor in a 90 s cycle:
// the alternate system (offsets 0, C/2, 0, C/2) is nearly ideal. By hand:
// the first and last signals are 3·44.8 = 134.4 s apart, 0.6 s off an odd
// multiple of C/2, so each band loses 0.6 s of the 42 s green.
func ExampleSolve() {
	program := []greenwave.Phase{
		{Duration: 42, Out: true, In: true},
		{Duration: 3, Fixed: true},
		{Duration: 42},
		{Duration: 3, Fixed: true},
	}
	c := &greenwave.Corridor{FlowOut: 600, FlowIn: 600}
	for i := 0; i < 4; i++ {
		c.Signals = append(c.Signals, greenwave.Signal{ID: fmt.Sprint("J", i+1), Phases: program})
		if i > 0 {
			leg := greenwave.Leg{Length: 560, Speed: 12.5}
			c.Links = append(c.Links, greenwave.Link{Out: leg, In: leg})
		}
	}
	p, err := greenwave.Solve(c, greenwave.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("cycle %.0f s, bands %.1f s out, %.1f s in\n", p.Cycle, p.Out.Width, p.In.Width)
	for _, s := range p.Signals {
		fmt.Printf("%s offset %.1f s\n", s.ID, s.Offset)
	}
	// Output:
	// cycle 90 s, bands 41.4 s out, 41.4 s in
	// J1 offset 0.0 s
	// J2 offset 45.0 s
	// J3 offset 0.0 s
	// J4 offset 45.0 s
}
