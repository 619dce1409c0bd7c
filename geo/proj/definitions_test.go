package proj

import (
	"bufio"
	"bytes"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"twin/internal/sharedtest"
)

// TestNamesMatchPROJ compares Name() of every supported code with the name
// PROJ's database gives (`projinfo --list-crs allow_deprecated`; EPSG has
// deprecated EPSG:25838, which the package still reads).
func TestNamesMatchPROJ(t *testing.T) {
	tool := sharedtest.Tool(t, "projinfo")
	out, err := exec.Command(tool, "--list-crs", "allow_deprecated").Output()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		id, name, ok := strings.Cut(sc.Text(), " ")
		if ok {
			names[id] = strings.Trim(strings.TrimSuffix(name, " [deprecated]"), `"`)
		}
	}
	for _, code := range Supported() {
		c, _ := EPSG(code)
		if got, want := c.Name(), names[c.String()]; got != want {
			t.Errorf("%s: Name() = %q, PROJ says %q", c, got, want)
		}
	}
}

// TestTransverseMercatorDefinitionsMatchPROJ reads PROJ's definition of every
// supported Transverse Mercator code (`projinfo EPSG:n -o PROJ -q`) and
// compares central meridian, scale, false origin and ellipsoid with ours.
// This pins the zone ↔ code ↔ false-easting mapping of the CGCS2000
// Gauss-Krüger families, which is easy to get off by one.
func TestTransverseMercatorDefinitionsMatchPROJ(t *testing.T) {
	tool := sharedtest.Tool(t, "projinfo")
	for _, code := range Supported() {
		c, _ := EPSG(code)
		if _, ok := c.proj.(*tmerc); !ok || !definitionChecked(code) {
			continue
		}
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			out, err := exec.Command(tool, c.String(), "-o", "PROJ", "-q").Output()
			if err != nil {
				t.Fatalf("projinfo %s: %v", c, err)
			}
			checkTMerc(t, c, projParams(string(out)))
		})
	}
}

// definitionChecked picks the codes whose PROJ definition is compared: every
// Gauss-Krüger code (where the zone ↔ code ↔ false-easting mapping is easy
// to get off by one), and the first and last code of the UTM families (one
// formula each; the cs2cs tests check more zones numerically). With -short
// every fourth Gauss-Krüger code.
func definitionChecked(code int) bool {
	switch code {
	case utmNorthFirst, utmNorthLast, utmSouthFirst, utmSouthLast, etrsFirst, etrsLast:
		return true
	}
	if code >= gk6ZoneFirst && code <= gk3CMLast {
		return !testing.Short() || code%4 == 0
	}
	return false
}

// checkTMerc compares c's Transverse Mercator with PROJ's parameters p.
func checkTMerc(t *testing.T, c *CRS, p map[string]string) {
	tm := c.proj.(*tmerc)
	if z, ok := p["zone"]; ok { // +proj=utm
		zone, _ := strconv.Atoi(z)
		p["lon_0"] = strconv.Itoa(6*zone - 183)
		p["k"], p["x_0"], p["y_0"] = "0.9996", "500000", "0"
		if _, south := p["south"]; south {
			p["y_0"] = "10000000"
		}
	}
	if e, ok := p["datum"]; ok {
		p["ellps"] = e
	}
	el, ok := map[string]ellipsoid{"WGS84": wgs84, "GRS80": grs80}[p["ellps"]]
	if !ok || el.a != tm.el.a || math.Abs(el.f-tm.el.f) > 1e-15 {
		t.Errorf("PROJ ellipsoid %q, ours %s", p["ellps"], tm.el.name)
	}
	if d := num(t, p["lon_0"]) - tm.lam0/deg; math.Abs(d) > 1e-12 {
		t.Errorf("central meridian differs from PROJ's %s by %g°", p["lon_0"], d)
	}
	x, y := c.proj.project(tm.lam0, 0)
	if x != num(t, p["x_0"]) || y != num(t, p["y_0"]) {
		t.Errorf("false origin (%v, %v), PROJ x_0=%s y_0=%s", x, y, p["x_0"], p["y_0"])
	}
	k := num(t, p["k"])
	if want := k * el.a / (1 + el.n) * (1 + el.n*el.n/4); math.Abs(tm.ka-want)/want > 1e-9 {
		t.Errorf("scale k0 differs from PROJ's %v", k)
	}
}

// projParams splits a PROJ string into its +key=value (or +flag) parameters.
func projParams(def string) map[string]string {
	p := map[string]string{}
	for _, f := range strings.Fields(def) {
		k, v, _ := strings.Cut(strings.TrimPrefix(f, "+"), "=")
		p[k] = v
	}
	return p
}

// num parses a number from a PROJ string.
func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q in PROJ definition", s)
	}
	return v
}
