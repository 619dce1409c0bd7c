package cityjson

import "testing"

// TestNormalizeCRS covers the spellings of referenceSystem in CityJSON
// 1.0 (URN), 1.1 and 2.0 (OGC URL) files, per the CityJSON specifications'
// "Reference system" sections.
func TestNormalizeCRS(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"urn", "urn:ogc:def:crs:EPSG::7415", "EPSG:7415", true},
		{"urn with version", "urn:ogc:def:crs:EPSG:6.18:3:7415", "EPSG:7415", true},
		{"https url", "https://www.opengis.net/def/crs/EPSG/0/7415", "EPSG:7415", true},
		{"http url", "http://www.opengis.net/def/crs/EPSG/0/2056", "EPSG:2056", true},
		{"url trailing slash", "https://www.opengis.net/def/crs/EPSG/0/28992/", "EPSG:28992", true},
		{"compound urn", "urn:ogc:def:crs,crs:EPSG::28992,crs:EPSG::5709", "EPSG:28992", true},
		{"plain", "EPSG:4326", "EPSG:4326", true},
		{"lower case", "epsg:3857", "EPSG:3857", true},
		{"spaces", "  EPSG:2056 ", "EPSG:2056", true},
		{"empty", "", "", false},
		{"name", "WGS 84", "", false},
		{"ogc crs84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "", false},
		{"not a number", "urn:ogc:def:crs:EPSG::abc", "", false},
		{"zero", "EPSG:0", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NormalizeCRS(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormalizeCRS(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSupportedVersion(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1.0", true}, {"1.1", true}, {"2.0", true}, {"1.0.3", true}, {"2.0.1", true},
		{"0.9", false}, {"1.2", false}, {"3.0", false}, {"2", false}, {"", false}, {"2.0.x", false}, {"v2.0", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := supportedVersion(tt.in); got != tt.want {
				t.Errorf("supportedVersion(%q) = %v", tt.in, got)
			}
		})
	}
}
