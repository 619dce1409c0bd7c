package report

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testPNG encodes a w×h image with a diagonal gradient.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteDirImages: an extra image is embedded in report.html as a data
// URI carrying exactly its PNG bytes (decoding back to its 16×9 size),
// linked from report.md in a "Wall view" section after the summary and
// written to images/NAME.png; without images neither page has the section.
func TestWriteDirImages(t *testing.T) {
	pngBytes := testPNG(t, 16, 9)
	im := Image{Name: "wall", Title: "Wall view at the peak", Caption: "Maximum flood depth; closed links in red.", PNG: pngBytes}
	dir := t.TempDir()
	if _, err := WriteDir(dir, fixture(), Options{Images: []Image{im}}); err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(dir, HTMLFile))
	m := regexp.MustCompile(`<figure class="wall" id="image-wall"><img class="wall" alt="Wall view at the peak" src="data:image/png;base64,([^"]+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("report.html has no wall figure:\n%.2000s", page)
	}
	got, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil || !bytes.Equal(got, pngBytes) {
		t.Fatalf("embedded image: %v, %d bytes, want the %d given", err, len(got), len(pngBytes))
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(got)); err != nil || cfg.Width != 16 || cfg.Height != 9 {
		t.Errorf("embedded PNG %v %+v, want 16×9", err, cfg)
	}
	if i, j := strings.Index(page, "<h2>Wall view</h2>"), strings.Index(page, "<h2>Charts</h2>"); i < 0 || j < i {
		t.Errorf("Wall view section at %d, charts at %d: want it before the charts", i, j)
	}
	md := readFile(t, filepath.Join(dir, MarkdownFile))
	want := "## Wall view\n\n![Wall view at the peak](images/wall.png)\n\nMaximum flood depth; closed links in red.\n\n"
	if !strings.Contains(md, want) {
		t.Errorf("report.md lacks %q:\n%s", want, md)
	}
	if b := readFile(t, filepath.Join(dir, ImagesDir, "wall.png")); b != string(pngBytes) {
		t.Errorf("images/wall.png: %d bytes, want %d", len(b), len(pngBytes))
	}

	plain := t.TempDir()
	if _, err := WriteDir(plain, fixture(), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{HTMLFile, MarkdownFile} {
		if s := readFile(t, filepath.Join(plain, f)); strings.Contains(s, "Wall view") {
			t.Errorf("%s without images has a Wall view section", f)
		}
	}
	if _, err := os.Stat(filepath.Join(plain, ImagesDir)); !os.IsNotExist(err) {
		t.Errorf("images/ written without images: %v", err)
	}
}

// TestImageValidate: names that are not plain file names and empty images
// are refused with ErrImage before anything is written.
func TestImageValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		im   Image
		ok   bool
	}{
		{"ok", Image{Name: "wall_1-a", PNG: []byte{1}}, true},
		{"empty name", Image{PNG: []byte{1}}, false},
		{"path", Image{Name: "../x", PNG: []byte{1}}, false},
		{"no bytes", Image{Name: "wall"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.im.Validate()
			if (err == nil) != tc.ok || err != nil && !errors.Is(err, ErrImage) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok {
				return
			}
			dir := filepath.Join(t.TempDir(), "r")
			if _, err := WriteDir(dir, fixture(), Options{Images: []Image{tc.im}}); !errors.Is(err, ErrImage) {
				t.Errorf("WriteDir: %v, want ErrImage", err)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("WriteDir created %s: %v", dir, err)
			}
		})
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
