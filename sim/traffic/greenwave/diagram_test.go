package greenwave

import (
	"bytes"
	"image/png"
	"testing"

	"twin/geo/sumo"
)

// arterialOutputs builds the test arterial's corridor from its network and
// demand, solves it over 60–120 s and writes the plan, the SUMO additional
// file and the diagram.
func arterialOutputs(t *testing.T) (plan, add, img []byte) {
	t.Helper()
	net := arterialNet(t)
	d := DemandFromSUMO(net, arterialDemand())
	a, err := FindArterial(net, d)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCorridor(net, a, d, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Solve(c, Options{CycleMin: 60, CycleMax: 120, WholeSeconds: true})
	if err != nil {
		t.Fatal(err)
	}
	var pb, ab, ib bytes.Buffer
	if err := p.WriteJSON(&pb); err != nil {
		t.Fatal(err)
	}
	logics, err := p.TLLogics(net)
	if err != nil {
		t.Fatal(err)
	}
	if err := sumo.EncodeAdditional(&ab, logics); err != nil {
		t.Fatal(err)
	}
	if err := DrawPNG(&ib, c, p, DiagramOptions{}); err != nil {
		t.Fatal(err)
	}
	return pb.Bytes(), ab.Bytes(), ib.Bytes()
}

// TestArterialOutputsDeterministic: the same network and demand give
// byte-identical plan, additional file and diagram.
func TestArterialOutputsDeterministic(t *testing.T) {
	p1, a1, i1 := arterialOutputs(t)
	p2, a2, i2 := arterialOutputs(t)
	if !bytes.Equal(p1, p2) || !bytes.Equal(a1, a2) || !bytes.Equal(i1, i2) {
		t.Fatal("outputs differ between two identical runs")
	}
}

// TestDiagramPNG: the default diagram is 24 × 15 cm at 96 dpi (907 × 567
// pixels, gonum/plot's PNG resolution) and shows the signals' green and
// red and both bands.
func TestDiagramPNG(t *testing.T) {
	_, _, raw := arterialOutputs(t)
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 907 || b.Dy() != 567 {
		t.Errorf("image %v, want 907 × 567", b)
	}
	count := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case g > 0x80 && r < 0x40 && bl < 0x60:
				count["green"]++
			case r > 0xb0 && g < 0x40 && bl < 0x40:
				count["red"]++
			case bl > 0xc0 && r < 0xc0 && g < 0xd0 && bl > r+0x30:
				count["out band"]++
			case r > 0xe0 && g > 0xb0 && g < 0xe0 && bl < 0xc0:
				count["in band"]++
			}
		}
	}
	for _, k := range []string{"green", "red", "out band", "in band"} {
		if count[k] < 200 {
			t.Errorf("%s: %d pixels, want ≥ 200 (counts %v)", k, count[k], count)
		}
	}
}

func TestDiagramOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  DiagramOptions
		ok   bool
	}{
		{"zero", DiagramOptions{}, true},
		{"negative cycles", DiagramOptions{Cycles: -1}, false},
		{"too many cycles", DiagramOptions{Cycles: 51}, false},
		{"negative width", DiagramOptions{Width: -1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.opt.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
