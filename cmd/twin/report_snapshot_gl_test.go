//go:build cgo

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"twin/scenarios"
)

// TestGLDemoWallView: twin demo, cut to 40 simulated minutes, embeds the
// wall view in report.html: a PNG data URI that decodes to 1920×1080 with
// at least 100 distinct colours (a blank frame has 1), the same bytes as
// images/wall.png. The closed roads lie under the flood's translucent
// water, so their colour is not asserted here (TestCloseRoadsOf checks the
// marking); report.md's caption counts as many links closed at the peak
// as metrics.json's peak_closed_links. With --no-snapshot the report has no wall view.
func TestGLDemoWallView(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	runGL(t, "demo", "--duration", "40m", "--out", out)
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<img class="wall" alt="[^"]*" src="data:image/png;base64,([^"]+)">`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("report.html has no embedded wall view")
	}
	raw, err := base64.StdEncoding.DecodeString(html.UnescapeString(string(m[1])))
	if err != nil {
		t.Fatal(err)
	}
	if file, err := os.ReadFile(filepath.Join(out, "images", "wall.png")); err != nil || !bytes.Equal(file, raw) {
		t.Errorf("images/wall.png (%v) differs from the embedded image", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != reportShotWidth || b.Dy() != reportShotHeight {
		t.Fatalf("wall view %v, want %dx%d", b, reportShotWidth, reportShotHeight)
	}
	if colours := colourCount(img); colours < 100 {
		t.Errorf("%d distinct colours, want ≥ 100", colours)
	}

	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("the %d links closed by water at the peak", baselineClosed(t, out)); !strings.Contains(string(md), want) {
		t.Errorf("report.md lacks %q", want)
	}

	plain := filepath.Join(t.TempDir(), "plain")
	runGL(t, "demo", "--duration", "5m", "--no-snapshot", "--out", plain)
	if b, err := os.ReadFile(filepath.Join(plain, "report.html")); err != nil || strings.Contains(string(b), "Wall view") {
		t.Errorf("--no-snapshot: report.html (%v) has a wall view", err)
	}
}

// colourCount returns the number of distinct 8-bit colours of img.
func colourCount(img image.Image) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return len(seen)
}

// baselineClosed reads the baseline's peak count of links closed by water
// from metrics.json.
func baselineClosed(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res scenarios.Results
	if err := json.Unmarshal(b, &res); err != nil || len(res.Variants) == 0 || res.Variants[0].Flood == nil {
		t.Fatalf("metrics.json: %v, no baseline flood", err)
	}
	return res.Variants[0].Flood.PeakClosedLinks
}
