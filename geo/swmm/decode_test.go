package swmm

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"twin/geo/internal/inp/inptest"
	"twin/internal/sharedtest"
)

// sectionCounts are the data lines and distinct first-column names per
// section of each shared model, counted independently of this package by
// the tr and awk command inptest.AwkCounts (TestSectionCountsTableMatchesAwk
// re-runs it).
var sectionCounts = map[string]map[string][2]int{
	"swmmanywhere-bellinge_small.inp": {
		"CONDUITS": {15, 15}, "COORDINATES": {16, 16}, "CURVES": {2, 1}, "EVAPORATION": {2, 2},
		"INFILTRATION": {13, 13}, "MAP": {1, 1}, "OPTIONS": {33, 33}, "OUTFALLS": {1, 1},
		"POLYGONS": {142, 13}, "RAINGAGES": {1, 1}, "REPORT": {3, 3}, "SNOWPACKS": {4, 1},
		"STORAGE": {15, 15}, "SUBAREAS": {13, 13}, "SUBCATCHMENTS": {13, 13}, "SYMBOLS": {1, 1},
		"XSECTIONS": {15, 15},
	},
	"usepa-swmm-Example1.inp": {
		"BUILDUP": {4, 2}, "CONDUITS": {13, 13}, "COORDINATES": {14, 14}, "COVERAGES": {10, 8},
		"EVAPORATION": {2, 2}, "INFILTRATION": {8, 8}, "JUNCTIONS": {13, 13}, "LANDUSES": {2, 2},
		"MAP": {2, 2}, "OPTIONS": {31, 31}, "OUTFALLS": {1, 1}, "POLLUTANTS": {2, 2},
		"POLYGONS": {77, 8}, "RAINGAGES": {1, 1}, "REPORT": {5, 5}, "SUBAREAS": {8, 8},
		"SUBCATCHMENTS": {8, 8}, "SYMBOLS": {1, 1}, "TIMESERIES": {11, 1}, "TITLE": {1, 1},
		"VERTICES": {1, 1}, "WASHOFF": {4, 2}, "XSECTIONS": {13, 13},
	},
	"usepa-swmm-Example2.inp": {
		"BACKDROP": {5, 5}, "CONDUITS": {9, 9}, "COORDINATES": {10, 10}, "INFLOWS": {3, 3},
		"JUNCTIONS": {9, 9}, "LABELS": {4, 4}, "OPTIONS": {21, 21}, "OUTFALLS": {1, 1},
		"REPORT": {5, 5}, "TIMESERIES": {15, 3}, "TITLE": {1, 1}, "XSECTIONS": {9, 9},
	},
	"usepa-swmm-Example3.inp": {
		"BACKDROP": {5, 5}, "CONDUITS": {32, 32}, "CONTROLS": {8, 4}, "COORDINATES": {34, 34},
		"CURVES": {3, 1}, "DWF": {30, 30}, "JUNCTIONS": {31, 31}, "LABELS": {1, 1},
		"OPTIONS": {21, 21}, "OUTFALLS": {2, 2}, "PATTERNS": {4, 1}, "PUMPS": {1, 1},
		"REPORT": {5, 5}, "STORAGE": {1, 1}, "TITLE": {3, 3}, "XSECTIONS": {32, 32},
	},
	"usepa-swmm-Example4.inp": {
		"COORDINATES": {1, 1}, "EVAPORATION": {2, 2}, "INFILTRATION": {9, 9},
		"LID_CONTROLS": {24, 6}, "LID_USAGE": {8, 6}, "MAP": {2, 2}, "OPTIONS": {27, 27},
		"OUTFALLS": {1, 1}, "POLYGONS": {138, 9}, "RAINGAGES": {1, 1}, "REPORT": {5, 5},
		"SUBAREAS": {9, 9}, "SUBCATCHMENTS": {9, 9}, "SYMBOLS": {1, 1}, "TIMESERIES": {72, 3},
		"TITLE": {1, 1},
	},
	"usepa-swmm-Example5.inp": {
		"AQUIFERS": {1, 1}, "COORDINATES": {1, 1}, "EVAPORATION": {2, 2}, "GROUNDWATER": {1, 1},
		"INFILTRATION": {1, 1}, "MAP": {2, 2}, "OPTIONS": {31, 31}, "OUTFALLS": {1, 1},
		"POLYGONS": {4, 1}, "RAINGAGES": {1, 1}, "REPORT": {5, 5}, "SUBAREAS": {1, 1},
		"SUBCATCHMENTS": {1, 1}, "SYMBOLS": {1, 1}, "TIMESERIES": {25, 1}, "TITLE": {2, 2},
	},
	"usepa-swmm-Example6.inp": {
		"CONDUITS": {2, 2}, "COORDINATES": {3, 3}, "CURVES": {5, 1}, "EVAPORATION": {2, 2},
		"INFLOWS": {1, 1}, "JUNCTIONS": {1, 1}, "LABELS": {1, 1}, "MAP": {2, 2},
		"OPTIONS": {31, 31}, "OUTFALLS": {1, 1}, "REPORT": {5, 5}, "STORAGE": {1, 1},
		"TIMESERIES": {24, 1}, "TITLE": {3, 3}, "VERTICES": {2, 1}, "WEIRS": {1, 1},
		"XSECTIONS": {3, 3},
	},
}

// modelCounts counts the model's entries the way the awk command counts
// lines: rows and distinct names per section. Sections whose entries span a
// varying number of values per line ([PATTERNS]) report lines as -1.
func modelCounts(m *Model) map[string][2]int {
	c := map[string][2]int{}
	put := func(sec string, rows, names int) {
		if rows > 0 {
			c[sec] = [2]int{rows, names}
		}
	}
	n := func(k int) [2]int { return [2]int{k, k} }
	for sec, k := range map[string]int{"RAINGAGES": len(m.RainGages), "SUBCATCHMENTS": len(m.Subcatchments),
		"SUBAREAS": len(m.Subareas), "INFILTRATION": len(m.Infiltration), "JUNCTIONS": len(m.Junctions),
		"OUTFALLS": len(m.Outfalls), "DIVIDERS": len(m.Dividers), "STORAGE": len(m.Storage),
		"CONDUITS": len(m.Conduits), "PUMPS": len(m.Pumps), "ORIFICES": len(m.Orifices),
		"WEIRS": len(m.Weirs), "OUTLETS": len(m.Outlets), "XSECTIONS": len(m.XSections),
		"LOSSES": len(m.Losses), "INFLOWS": len(m.Inflows), "DWF": len(m.DWF),
		"COORDINATES": len(m.Coordinates), "SYMBOLS": len(m.Symbols), "OPTIONS": len(m.Options.Keys),
		"TITLE": len(m.Title), "TAGS": len(m.Tags)} {
		if k > 0 {
			c[sec] = n(k)
		}
	}
	var pts int
	for _, ts := range m.TimeSeries {
		pts += len(ts.Times)
	}
	put("TIMESERIES", pts, len(m.TimeSeries))
	pts = 0
	for _, cv := range m.Curves {
		pts += len(cv.X)
	}
	put("CURVES", pts, len(m.Curves))
	for sec, paths := range map[string][]Path{"VERTICES": m.Vertices, "POLYGONS": m.Polygons} {
		pts = 0
		for _, p := range paths {
			pts += len(p.Points)
		}
		put(sec, pts, len(paths))
	}
	if len(m.Patterns) > 0 {
		c["PATTERNS"] = [2]int{-1, len(m.Patterns)}
	}
	mapLines := 0
	if m.Map.HasDimensions {
		mapLines++
	}
	if m.Map.Units != "" {
		mapLines++
	}
	put("MAP", mapLines, mapLines)
	for _, r := range m.Raw {
		n := inptest.LinesAndNames(r.Lines)
		put(r.Name, n[0], n[1])
	}
	return c
}

func TestDecodeSectionCounts(t *testing.T) {
	for _, rel := range sharedExamples {
		name := rel[len("pipes/swmm/"):]
		t.Run(name, func(t *testing.T) {
			inptest.CompareCounts(t, modelCounts(decodeShared(t, rel)), sectionCounts[name])
		})
	}
}

func TestDecodeExample1Values(t *testing.T) {
	m := decodeShared(t, "pipes/swmm/usepa-swmm-Example1.inp")
	const ft, acre, inch = 0.3048, 4046.8564224, 25.4 // NIST SP 811, exact
	tests := []struct {
		name      string
		got, want float64
	}{
		// [JUNCTIONS] "9 1000 3 0 0 0": invert 1000 ft, max depth 3 ft.
		{"junction 9 invert", m.Junctions[0].Elevation, 1000 * ft},
		{"junction 9 max depth", m.Junctions[0].MaxDepth, 3 * ft},
		// [SUBCATCHMENTS] "1 RG1 9 10 50 500 0.01 0": 10 acres, width 500 ft.
		{"subcatchment 1 area", m.Subcatchments[0].Area, 10 * acre},
		{"subcatchment 1 width", m.Subcatchments[0].Width, 500 * ft},
		// [SUBAREAS] S-Imperv 0.05 in.
		{"subarea 1 S-Imperv", m.Subareas[0].SImperv, 0.05 * inch / 1000},
		// [INFILTRATION] Horton "1 0.35 0.25 4.14 0.50 0": in/h, 1/h, days.
		{"Horton max rate", m.Infiltration[0].MaxRate, 0.35 * inch},
		{"Horton decay", m.Infiltration[0].Decay, 4.14 / 3600},
		{"Horton dry time", m.Infiltration[0].DryTime, 0.5 * 86400},
		// [CONDUITS] "6 10 21 400 0.01 0 1": outlet offset 1 ft.
		{"conduit 6 length", m.Conduits[3].Length, 400 * ft},
		{"conduit 6 out offset", m.Conduits[3].OutOffset, 1 * ft},
		{"conduit 6 roughness", m.Conduits[3].Roughness, 0.01},
		// [XSECTIONS] "1 CIRCULAR 1.5": 1.5 ft diameter.
		{"xsection 1 geom1", m.XSections[0].Geom[0], 1.5 * ft},
		// [TIMESERIES] "TS1 1:00 0.25": rain intensity 0.25 in/h at 3600 s.
		{"TS1 time 1", m.TimeSeries[0].Times[1], 3600},
		{"TS1 value 1", m.TimeSeries[0].Values[1], 0.25 * inch},
		{"TS1 time 7", m.TimeSeries[0].Times[7], 27 * 3600},
		// [RAINGAGES] "RG1 INTENSITY 1:00": one hour.
		{"RG1 interval", m.RainGages[0].Interval, 3600},
		// [OPTIONS] WET_STEP 00:15:00, ROUTING_STEP 0:01:00.
		{"wet step", m.Options.WetStep, 900},
		{"routing step", m.Options.RoutingStep, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !near(tt.got, tt.want, 1e-12) {
				t.Errorf("got %.15g, want %.15g", tt.got, tt.want)
			}
		})
	}
	if got := m.TimeSeries[0].Unit; got != "mm/h" {
		t.Errorf("TS1 unit %q, want mm/h (it feeds an INTENSITY gage)", got)
	}
	// START_DATE 01/01/1998 START_TIME 00:00:00, END_DATE 01/02/1998 END_TIME 12:00:00.
	if want := time.Date(1998, 1, 1, 0, 0, 0, 0, time.UTC); !m.Options.Start.Equal(want) {
		t.Errorf("start %v, want %v", m.Options.Start, want)
	}
	if want := time.Date(1998, 1, 2, 12, 0, 0, 0, time.UTC); !m.Options.End.Equal(want) {
		t.Errorf("end %v, want %v", m.Options.End, want)
	}
	if m.Options.FlowUnits != "CFS" || m.Options.Infiltration != Horton || m.Options.FlowRouting != "KINWAVE" {
		t.Errorf("options %+v", m.Options)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %v", m.Warnings)
	}
}

// bellingeGraph is the part of swmmanywhere-bellinge_small_graph.json the
// cross-check reads, with encoding/json so that the test needs no jq. The
// counts were taken with jq 1.6:
//
//	jq '(.nodes|length), (.links|length)' swmmanywhere-bellinge_small_graph.json  → 15, 14
//	jq '.features|length' swmmanywhere-bellinge_small_subcatchments.geojson       → 13
//
// The .inp adds the outfall node G72F050_outfall and the conduit to it:
// 16 nodes, 15 conduits, 13 subcatchments.
type bellingeGraph struct {
	Nodes []struct {
		ID      string  `json:"id"`
		X       float64 `json:"x"`
		Y       float64 `json:"y"`
		Floor   float64 `json:"chamber_floor_elevation"`
		Surface float64 `json:"surface_elevation"`
	} `json:"nodes"`
	Links []struct {
		ID       string  `json:"id"`
		Length   float64 `json:"length"`
		Diameter float64 `json:"diameter"`
		U, V     string
	} `json:"links"`
}

func TestBellingeCrossCheck(t *testing.T) {
	m := decodeShared(t, "pipes/swmm/swmmanywhere-bellinge_small.inp")
	var g bellingeGraph
	if err := json.NewDecoder(sharedtest.Open(t, "pipes/swmm/swmmanywhere-bellinge_small_graph.json")).Decode(&g); err != nil {
		t.Fatal(err)
	}
	var sub struct {
		Features []struct {
			Properties struct {
				ID   string  `json:"id"`
				Area float64 `json:"area"` // m²
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(sharedtest.Open(t, "pipes/swmm/swmmanywhere-bellinge_small_subcatchments.geojson")).Decode(&sub); err != nil {
		t.Fatal(err)
	}
	nodes := m.Nodes()
	if len(nodes) != len(g.Nodes)+1 || len(m.Conduits) != len(g.Links)+1 || len(m.Subcatchments) != len(sub.Features) {
		t.Fatalf("nodes %d conduits %d subcatchments %d; graph has %d+1, %d+1, %d",
			len(nodes), len(m.Conduits), len(m.Subcatchments), len(g.Nodes), len(g.Links), len(sub.Features))
	}
	ds := m.Dataset()
	byID := map[string]float64{}
	for _, f := range ds.Layers["pipe_nodes"] {
		_, hi := f.ZRange()
		byID[f.FeatureID()] = hi
	}
	for _, n := range g.Nodes {
		got := nodes[n.ID]
		// Tolerance 1e-9 m: both files come from the same float64 values.
		if !near(got.Invert, n.Floor, 1e-9) || !near(got.Ground(), n.Surface, 1e-9) || !near(byID[n.ID], n.Surface, 1e-9) {
			t.Errorf("node %s: invert %v ground %v, graph floor %v surface %v", n.ID, got.Invert, got.Ground(), n.Floor, n.Surface)
		}
	}
	xs := map[string]XSection{}
	for _, x := range m.XSections {
		xs[x.Link] = x
	}
	conduits := map[string]Conduit{}
	for _, c := range m.Conduits {
		conduits[c.Name] = c
	}
	for _, l := range g.Links {
		c := conduits[l.ID]
		if c.From != l.U || c.To != l.V || !near(c.Length, l.Length, 1e-9) || !near(xs[l.ID].Geom[0], l.Diameter, 1e-9) {
			t.Errorf("link %s: %+v %v, graph %+v", l.ID, c, xs[l.ID].Geom, l)
		}
	}
	// Area: the .inp gives hectares (FLOW_UNITS LPS); the GeoJSON's "area"
	// is m². Tolerance 1e-6 m² for the JSON's float printing.
	area := map[string]float64{}
	for _, s := range m.Subcatchments {
		area[s.Outlet] = s.Area
	}
	for _, f := range sub.Features {
		if got := area[f.Properties.ID]; math.Abs(got-f.Properties.Area) > 1e-6 {
			t.Errorf("subcatchment at %s: area %v m², GeoJSON %v", f.Properties.ID, got, f.Properties.Area)
		}
	}
}
