package scene

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sort"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// MaxAlarms is the number of alarms the HUD overlay lists.
const MaxAlarms = 8

// HUD gathers the heads-up display of snap at simulation time clock
// (seconds): alarms (sensors whose value exceeds their threshold, largest
// excess first, ties by id), KPIs (units available, closed roads, roads
// under flood water from the last SetFlood grid, length-weighted mean live
// speed) and draws them with a 7×13 bitmap font into a transparent RGBA
// overlay. O(features in the sensors, units and roads layers).
func (s *Scene) HUD(snap *engine.Snapshot, clock float64) *render.HUD {
	h := &render.HUD{Clock: clock, Version: snap.Version()}
	snap.Layer(geo.LayerSensors).Ascend("", func(f geo.Feature) bool {
		p := propsOf(f)
		if v, over := Alarmed(p); over {
			th := p["threshold"].(float64)
			h.Alarms = append(h.Alarms, render.Alarm{Source: f.FeatureID(), Value: v, Threshold: th,
				Message: fmt.Sprintf("%s %.2f > %.2f", f.FeatureID(), v, th)})
		}
		return true
	})
	sort.SliceStable(h.Alarms, func(i, j int) bool {
		return h.Alarms[i].Value-h.Alarms[i].Threshold > h.Alarms[j].Value-h.Alarms[j].Threshold
	})
	snap.Layer(geo.LayerUnits).Ascend("", func(f geo.Feature) bool {
		h.KPIs.UnitsTotal++
		if Available(propsOf(f)) {
			h.KPIs.UnitsAvailable++
		}
		return true
	})
	s.roadKPIs(snap, &h.KPIs)
	h.Overlay = drawHUD(h)
	return h
}

func (s *Scene) roadKPIs(snap *engine.Snapshot, k *render.KPIs) {
	var sum, length float64
	snap.Layer(geo.LayerRoads).Ascend("", func(f geo.Feature) bool {
		r, ok := f.(*geo.Road)
		if !ok {
			return true
		}
		if c, _ := r.Attrs["closed"].(bool); c {
			k.ClosedRoads++
		}
		if s.flooded(r) {
			k.FloodedRoads++
		}
		if r.Length > 0 && r.Drivable {
			v, ok := r.Attrs["speed"].(float64)
			if !ok {
				v = r.MaxSpeed
			}
			sum += v * r.Length
			length += r.Length
		}
		return true
	})
	if length > 0 {
		k.MeanSpeed = sum / length
	}
}

// flooded reports whether any vertex of r lies in a cell of the last flood
// grid at least MinDepth deep.
func (s *Scene) flooded(r *geo.Road) bool {
	g := s.flood
	if g == nil {
		return false
	}
	for _, p := range r.Line {
		if c, rr, ok := g.Cell(p[0], p[1]); ok && g.At(c, rr) >= MinDepth {
			return true
		}
	}
	return false
}

// drawHUD draws the HUD lines in white on a translucent dark panel.
func drawHUD(h *render.HUD) *image.RGBA {
	lines := []string{
		fmt.Sprintf("T+%02d:%02d:%02d  v%d", int(h.Clock)/3600, int(h.Clock)/60%60, int(h.Clock)%60, h.Version),
		fmt.Sprintf("units %d/%d available", h.KPIs.UnitsAvailable, h.KPIs.UnitsTotal),
		fmt.Sprintf("roads closed %d  flooded %d", h.KPIs.ClosedRoads, h.KPIs.FloodedRoads),
		fmt.Sprintf("mean speed %.1f km/h", h.KPIs.MeanSpeed*3.6),
	}
	for i, a := range h.Alarms {
		if i == MaxAlarms {
			lines = append(lines, fmt.Sprintf("… %d more alarms", len(h.Alarms)-MaxAlarms))
			break
		}
		lines = append(lines, "ALARM "+a.Message)
	}
	const pad, lineH = 6, 15
	width := 0
	for _, l := range lines {
		width = max(width, len([]rune(l))*7)
	}
	img := image.NewRGBA(image.Rect(0, 0, width+2*pad, len(lines)*lineH+2*pad))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0, 0, 0, 160}), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Face: basicfont.Face7x13}
	for i, l := range lines {
		d.Src = image.White
		if i >= 4 {
			d.Src = image.NewUniform(color.RGBA{255, 80, 80, 255})
		}
		d.Dot = fixed.P(pad, pad+(i+1)*lineH-3)
		d.DrawString(l)
	}
	return img
}
