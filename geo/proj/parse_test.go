package proj

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"twin/geo"
)

func TestParseSpellings(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"epsg upper", "EPSG:32632", "EPSG:32632"},
		{"epsg lower", "epsg:4490", "EPSG:4490"},
		{"bare code", "4326", "EPSG:4326"},
		{"blanks", "  EPSG:3857\t", "EPSG:3857"},
		{"crs84", "CRS84", "CRS84"},
		{"ogc crs84", "OGC:CRS84", "CRS84"},
		{"wms crs:84", "CRS:84", "CRS84"},
		{"urn crs84", "urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84"},
		{"urn crs84 no version", "urn:ogc:def:crs:OGC::CRS84", "CRS84"},
		{"http crs84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84"},
		{"https crs84", "https://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84"},
		{"urn epsg", "urn:ogc:def:crs:EPSG::7415", "EPSG:7415"},
		{"urn epsg versioned", "urn:ogc:def:crs:EPSG:6.6:4326", "EPSG:4326"},
		{"urn x-ogc", "urn:x-ogc:def:crs:EPSG:28992", "EPSG:28992"},
		{"http epsg", "http://www.opengis.net/def/crs/EPSG/0/2056", "EPSG:2056"},
		{"https epsg", "https://www.opengis.net/def/crs/EPSG/0/25832", "EPSG:25832"},
		{"gml srs", "http://www.opengis.net/gml/srs/epsg.xml#4258", "EPSG:4258"},
		{"local", "LOCAL:7.42,43.73", "LOCAL:7.42,43.73"},
		{"local lower, blanks, trailing zeros", "local: 7.420 , 43.7300", "LOCAL:7.42,43.73"},
		{"local negative zero", "LOCAL:-0,-33.5", "LOCAL:0,-33.5"},
		{"gk 3 zone", "EPSG:4527", "EPSG:4527"},
		{"gk 6 cm", "EPSG:4512", "EPSG:4512"},
		{"utm south", "EPSG:32760", "EPSG:32760"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := c.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Parse(c.String())
			if err != nil || again.String() != c.String() {
				t.Errorf("Parse(String()) = %v, %v; want %q", again, err, c.String())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in    string
		want, wantG error
	}{
		{"unknown epsg", "EPSG:99999", ErrUnknownCRS, geo.ErrUnsupported},
		{"unknown bare code", "2154", ErrUnknownCRS, geo.ErrUnsupported},
		{"utm zone 61", "EPSG:32661", ErrUnknownCRS, geo.ErrUnsupported},
		{"etrs zone 39", "EPSG:25839", ErrUnknownCRS, geo.ErrUnsupported},
		{"other authority", "ESRI:102100", ErrUnknownCRS, geo.ErrUnsupported},
		{"unknown urn code", "urn:ogc:def:crs:EPSG::1", ErrUnknownCRS, geo.ErrUnsupported},
		{"empty", "", ErrMalformedCRS, geo.ErrSyntax},
		{"garbage", "not a crs", ErrMalformedCRS, geo.ErrSyntax},
		{"epsg letters", "EPSG:43x6", ErrMalformedCRS, geo.ErrSyntax},
		{"epsg negative", "EPSG:-4326", ErrMalformedCRS, geo.ErrSyntax},
		{"epsg empty", "EPSG:", ErrMalformedCRS, geo.ErrSyntax},
		{"epsg too long", "EPSG:43260000000000000000", ErrMalformedCRS, geo.ErrSyntax},
		{"urn no code", "urn:ogc:def:crs:EPSG:", ErrMalformedCRS, geo.ErrSyntax},
		{"urn bad version", "urn:ogc:def:crs:EPSG:v1:4326", ErrMalformedCRS, geo.ErrSyntax},
		{"local one number", "LOCAL:7.42", ErrMalformedCRS, geo.ErrSyntax},
		{"local words", "LOCAL:east,north", ErrMalformedCRS, geo.ErrSyntax},
		{"local nan", "LOCAL:NaN,0", ErrMalformedCRS, geo.ErrInvalid},
		{"local out of range", "LOCAL:200,0", ErrMalformedCRS, geo.ErrInvalid},
		{"local lat 91", "LOCAL:0,91", ErrMalformedCRS, geo.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error", tt.in, c)
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, tt.wantG) {
				t.Errorf("Parse(%q) error %q does not wrap %v and %v", tt.in, err, tt.want, tt.wantG)
			}
			if !strings.HasPrefix(err.Error(), "proj: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
		})
	}
}

// TestCRSProperties checks the descriptive methods against the EPSG dataset
// (names as `projinfo --list-crs` prints them, axis order as `projinfo
// EPSG:n -o WKT2_2019` lists the AXIS entries).
func TestCRSProperties(t *testing.T) {
	tests := []struct {
		in         string
		code       int
		name, uri  string
		geographic bool
		latLon     bool
	}{
		{"EPSG:4326", 4326, "WGS 84", "http://www.opengis.net/def/crs/EPSG/0/4326", true, true},
		{"EPSG:4490", 4490, "China Geodetic Coordinate System 2000", "http://www.opengis.net/def/crs/EPSG/0/4490", true, true},
		{"EPSG:4258", 4258, "ETRS89", "http://www.opengis.net/def/crs/EPSG/0/4258", true, true},
		{"CRS84", 0, "WGS 84 (CRS84)", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", true, false},
		{"EPSG:3857", 3857, "WGS 84 / Pseudo-Mercator", "http://www.opengis.net/def/crs/EPSG/0/3857", false, false},
		{"EPSG:32632", 32632, "WGS 84 / UTM zone 32N", "http://www.opengis.net/def/crs/EPSG/0/32632", false, false},
		{"EPSG:32750", 32750, "WGS 84 / UTM zone 50S", "http://www.opengis.net/def/crs/EPSG/0/32750", false, false},
		{"EPSG:25832", 25832, "ETRS89 / UTM zone 32N", "http://www.opengis.net/def/crs/EPSG/0/25832", false, false},
		{"EPSG:4491", 4491, "CGCS2000 / Gauss-Kruger zone 13", "http://www.opengis.net/def/crs/EPSG/0/4491", false, true},
		{"EPSG:4512", 4512, "CGCS2000 / Gauss-Kruger CM 135E", "http://www.opengis.net/def/crs/EPSG/0/4512", false, true},
		{"EPSG:4527", 4527, "CGCS2000 / 3-degree Gauss-Kruger zone 39", "http://www.opengis.net/def/crs/EPSG/0/4527", false, true},
		{"EPSG:4554", 4554, "CGCS2000 / 3-degree Gauss-Kruger CM 135E", "http://www.opengis.net/def/crs/EPSG/0/4554", false, true},
		{"EPSG:28992", 28992, "Amersfoort / RD New", "http://www.opengis.net/def/crs/EPSG/0/28992", false, false},
		{"EPSG:7415", 7415, "Amersfoort / RD New + NAP height", "http://www.opengis.net/def/crs/EPSG/0/7415", false, false},
		{"EPSG:2056", 2056, "CH1903+ / LV95", "http://www.opengis.net/def/crs/EPSG/0/2056", false, false},
		{"LOCAL:7.42,43.73", 0, "Local transverse Mercator at 7.42,43.73", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.Code() != tt.code || c.Name() != tt.name || c.URI() != tt.uri ||
				c.Geographic() != tt.geographic || c.LatLonOrder() != tt.latLon {
				t.Errorf("got code %d name %q uri %q geographic %v latLon %v, want %d %q %q %v %v",
					c.Code(), c.Name(), c.URI(), c.Geographic(), c.LatLonOrder(),
					tt.code, tt.name, tt.uri, tt.geographic, tt.latLon)
			}
			if tt.uri != "" {
				byURI, err := Parse(c.URI())
				if err != nil || byURI.String() != c.String() {
					t.Errorf("Parse(URI()) = %v, %v", byURI, err)
				}
			}
		})
	}
}

func TestSupported(t *testing.T) {
	codes := Supported()
	// 7 single codes + 60 + 60 UTM + 11 ETRS89 UTM + 64 CGCS2000 GK.
	if len(codes) != 202 {
		t.Errorf("len(Supported()) = %d, want 202", len(codes))
	}
	if !slices.IsSorted(codes) {
		t.Error("Supported() not sorted")
	}
	for _, code := range codes {
		c, err := EPSG(code)
		if err != nil {
			t.Fatalf("EPSG(%d): %v", code, err)
		}
		if c.Code() != code || c.String() != "EPSG:"+itoa(code) {
			t.Errorf("EPSG(%d) = %s (code %d)", code, c, c.Code())
		}
	}
}

func itoa(n int) string { return g(float64(n)) }

// FuzzParse feeds arbitrary strings to Parse: it must not panic, an error
// must wrap one of the package sentinels and a geo sentinel, and a success
// must give a CRS whose String parses back to itself and whose Forward and
// Inverse run at a point of its area.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"EPSG:32632", "epsg:4490", "4326", "CRS84", "OGC:CRS84", "CRS:84",
		"urn:ogc:def:crs:EPSG::7415", "urn:ogc:def:crs:OGC:1.3:CRS84",
		"http://www.opengis.net/def/crs/EPSG/0/2056", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
		"LOCAL:7.42,43.73", "LOCAL:1e2,-4.5e1", "EPSG:99999", "ESRI:102100", "", "LOCAL:,", "urn:ogc:def:crs:EPSG:",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			known := errors.Is(err, ErrUnknownCRS) && errors.Is(err, geo.ErrUnsupported)
			bad := errors.Is(err, ErrMalformedCRS) && (errors.Is(err, geo.ErrSyntax) || errors.Is(err, geo.ErrInvalid))
			if !known && !bad {
				t.Fatalf("Parse(%q): error %v wraps no package sentinel", s, err)
			}
			return
		}
		again, err := Parse(c.String())
		if err != nil || again.String() != c.String() {
			t.Fatalf("Parse(%q) = %s, but Parse(%s) = %v, %v", s, c, c, again, err)
		}
		ctr := c.AreaOfUse().Center()
		lon, lat := c.Inverse(c.Forward(ctr[0], ctr[1]))
		if d := groundDistance(ctr[0], ctr[1], lon, lat); !(d < 1e-6) {
			t.Fatalf("%s: round trip at the area centre %v off by %g m", c, ctr, d)
		}
	})
}
