package report

import (
	"bytes"
	"encoding/base64"
	"flag"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"twin/geo"
	"twin/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a small hand-made result with every section: a flooded
// baseline and a variant, dispatch, traffic with a two-signal corridor.
func fixture() *scenarios.Results {
	ts := []float64{60, 120, 180}
	grid := &geo.Grid{Cols: 3, Rows: 2, DX: 40, DY: 40, Data: []float32{0, 0.2, 0.5, 0.1, 0, 1.2}}
	corr := &scenarios.CorridorResult{Road: "Main Street", Signals: []string{"n1", "n2"}, PositionsM: []float64{0, 300}, SpeedMS: 12.5, FreeS: 24,
		Plans: []scenarios.PlanOutcome{
			{Plan: "fixed", CycleS: 90, OffsetsS: []float64{0, 50}, GreenOut: []scenarios.Window{{Start: 0, Length: 42}, {Start: 0, Length: 42}}, GreenIn: []scenarios.Window{{Start: 0, Length: 42}, {Start: 0, Length: 42}}, BandOutS: 16, BandInS: 20, TravelOutS: 50, TravelInS: 45},
			{Plan: "greenwave", CycleS: 90, OffsetsS: []float64{0, 24}, GreenOut: []scenarios.Window{{Start: 0, Length: 42}, {Start: 0, Length: 42}}, GreenIn: []scenarios.Window{{Start: 0, Length: 42}, {Start: 0, Length: 42}}, BandOutS: 42, BandInS: 6, TravelOutS: 36, TravelInS: 46}},
		Final: "fixed", FinalOutS: 50, FinalInS: 45}
	variant := func(name string, depth, resp float64) *scenarios.VariantResult {
		return &scenarios.VariantResult{Name: name, Simulations: []string{"flood", "dispatch", "traffic"}, ReachedS: 180,
			Deltas: map[string]int{"flood": 4, "traffic": 2},
			Flood: &scenarios.FloodResult{CellM: 40, RainMM: 30, PeakRoadDepthM: depth, FloodedAreaHa: 0.48, PeakClosedLinks: 2, ClosedLinks: 3,
				AffectedBuildings: 5, RainM3: 1000, SewerM3: 400, OutflowM3: 100, StoredM3: 500,
				Hydrographs: []scenarios.Hydrograph{{Name: "gauge", DepthM: []float64{0, depth, depth / 2}}}, MaxDepth: grid},
			Dispatch: &scenarios.DispatchResult{Incidents: 3, Reached: 3, MeanS: resp, MedianS: resp, P90S: resp + 60, WithinTarget: 2.0 / 3, TargetS: 480, Units: 2,
				CoverageStart: 1, CoverageMin: 0.9, List: []scenarios.IncidentResult{
					{ID: "i0001", AtS: 10, Station: "A", Reached: true, ResponseS: resp - 30, TravelS: resp - 90},
					{ID: "i0002", AtS: 70, Station: "A", Reached: true, ResponseS: resp, TravelS: resp - 60},
					{ID: "i0003", AtS: 130, Station: "B", Reached: true, ResponseS: resp + 30, TravelS: resp - 30}}},
			Traffic: &scenarios.TrafficResult{MeanFactor: 0.9, PeakVC: 0.95, Corridor: corr},
			Series:  scenarios.Series{TS: ts, RainMMh: []float64{10, 40, 10}, WaterM3: []float64{100, 400, 500}, ClosedLinks: []int{0, 2, 1}, SpeedFactor: []float64{1, 0.8, 0.9}},
		}
	}
	return &scenarios.Results{Scenario: "Fixture", Description: "A hand-made result.", Seed: 1, Start: "2026-07-14T17:00:00+02:00", DurationS: 180, StepS: 60,
		Variants: []*scenarios.VariantResult{variant("baseline", 0.6, 300), variant("pumps", 0.4, 240)},
		Comparisons: []scenarios.Comparison{
			{Variant: "pumps", Metric: "mean response time", Unit: "s", Base: 300, Value: 240, Delta: -60, Pct: -20, Better: "lower", Verdict: "better"},
			{Variant: "pumps", Metric: "affected buildings", Base: 5, Value: 6, Delta: 1, Pct: 20, Better: "lower", Verdict: "worse"},
			{Variant: "pumps", Metric: "unreachable incidents", Base: 0, Value: 0, Better: "lower", Verdict: "same"},
		}}
}

// TestMarkdownGolden compares report.md of the fixture with the golden
// file (go test ./scenarios/report -run Golden -update rewrites it).
func TestMarkdownGolden(t *testing.T) {
	charts, err := Charts(fixture())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, fixture(), charts); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("report.md differs from %s (run with -update after checking):\n%s", golden, buf.String())
	}
}

// TestChartsRender: every chart the fixture allows is drawn, in order, and
// each is a PNG with ink on at least 1 % of its pixels.
func TestChartsRender(t *testing.T) {
	charts, err := Charts(fixture())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range charts {
		names = append(names, c.Name)
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		b, ink := img.Bounds(), 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
					ink++
				}
			}
		}
		if share := float64(ink) / float64(b.Dx()*b.Dy()); share < 0.01 {
			t.Errorf("%s: %.2f %% of the pixels inked", c.Name, 100*share)
		}
	}
	want := "rain hydrographs closed-links max-depth response-0 response-1 comparison timespace-fixed timespace-greenwave"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("charts %q, want %q", got, want)
	}
}

// TestHTMLSelfContained: report.html embeds every chart as a PNG data URI,
// names no outside resource and shows the comparison's sign and %.
func TestHTMLSelfContained(t *testing.T) {
	res := fixture()
	charts, err := Charts(res)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, res, charts); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	srcs := regexp.MustCompile(`src="data:image/png;base64,([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(srcs) != len(charts) {
		t.Fatalf("%d embedded images, want %d", len(srcs), len(charts))
	}
	for _, m := range srcs {
		b, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{"http://", "https://", "<script", "<link"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"−60", "−20 %", "+20 %", `class="better"`, `class="worse"`, `id="chart-max-depth"`} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestWriteDir writes the folder and checks metrics.json is the same bytes
// on a second write.
func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	files, err := WriteDir(dir, fixture(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3+9 || filepath.Base(files[0]) != HTMLFile {
		t.Fatalf("wrote %v", files)
	}
	a, _ := os.ReadFile(filepath.Join(dir, MetricsFile))
	if _, err := WriteDir(dir, fixture(), Options{Outputs: []string{"metrics"}}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, MetricsFile))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("metrics.json changed between writes")
	}
}

// TestHeadlines: the flood toll, the baseline's response and the first
// variant's largest improvement.
func TestHeadlines(t *testing.T) {
	h := Headlines(fixture())
	if len(h) != 3 || !strings.Contains(h[0], "2 road links closed") || !strings.Contains(h[1], "mean 5 min") ||
		!strings.Contains(h[2], "pumps: mean response time (s) 300 → 240 (−20 %, better)") {
		t.Fatalf("%q", h)
	}
}

// TestMicroRows: a run of the microsimulation lists what reached it
// (closures, reroutes, retimed signals) and how its trips ended, with the
// numbers of the result as given.
func TestMicroRows(t *testing.T) {
	res := fixture()
	res.Variants[0].Traffic = &scenarios.TrafficResult{Model: scenarios.TrafficMicro, MeanFactor: 0.9,
		Micro: &scenarios.MicroResult{Closures: 4, Reopenings: 1, Rerouted: 7, Retimed: 3, Inserted: 120, Arrived: 100, Waiting: 2, MeanTravelS: 321.5}}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, res, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| trips inserted / arrived / waiting | 120 / 100 / 2 |", "| mean trip time (s) | 321.5 |",
		"| road closures / reopenings reaching the simulation | 4 / 1 |", "| vehicles rerouted round closures | 7 |", "| signals retimed | 3 |"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in\n%s", want, buf.String())
		}
	}
}
