package dem

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

// ESRI WKT as `gdalsrsinfo -o wkt_esri --single-line EPSG:n` (GDAL 3.6.2)
// prints it; geogWGS84 and geogCGCS are the GEOGCS parts.
const (
	geogWGS84 = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	geogCGCS  = `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	esri4547  = `PROJCS["CGCS2000_3_Degree_GK_CM_114E",` + geogCGCS + `,PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	esri32632 = `PROJCS["WGS_1984_UTM_Zone_32N",` + geogWGS84 + `,PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
)

// tmPRJ is a Transverse Mercator PROJCS with a name ParsePRJ does not know,
// so that only its parameters can name it.
func tmPRJ(geog string, cm, k, fe, fn float64) string {
	return fmt.Sprintf(`PROJCS["local grid",%s,PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",%g],PARAMETER["False_Northing",%g],PARAMETER["Central_Meridian",%g],PARAMETER["Scale_Factor",%g],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`,
		geog, fe, fn, cm, k)
}

func TestParsePRJ(t *testing.T) {
	tests := []struct {
		name, wkt, want string
	}{
		{"ESRI WGS 84", geogWGS84, "EPSG:4326"},
		{"ESRI CGCS2000", geogCGCS, "EPSG:4490"},
		{"ESRI UTM 32N", esri32632, "EPSG:32632"},
		{"ESRI UTM 33S", strings.Replace(esri32632, "Zone_32N", "Zone_33S", 1), "EPSG:32733"},
		{"ESRI CGCS2000 3° CM 114E", esri4547, "EPSG:4547"},
		{"ESRI CGCS2000 3° zone 39", strings.Replace(esri4547, "CM_114E", "Zone_39", 1), "EPSG:4527"},
		{"ESRI CGCS2000 6° zone 20", strings.Replace(esri4547, "3_Degree_GK_CM_114E", "GK_Zone_20", 1), "EPSG:4498"},
		{"ESRI Beijing 1954 CM 117E", `PROJCS["Beijing_1954_Gauss_Kruger_CM_117E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]]]]`, "EPSG:21460"},
		{"ESRI Xian 1980 3° CM 114E", `PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]]]]`, "EPSG:2383"},
		{"ESRI ETRS89 UTM 32N", `PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]]]]`, "EPSG:25832"},
		{"ESRI NAD83 UTM 10N", `PROJCS["NAD_1983_UTM_Zone_10N",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]]]]`, "EPSG:26910"},
		{"ESRI Web Mercator", `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",` + geogWGS84 + `,PROJECTION["Mercator_Auxiliary_Sphere"],UNIT["Meter",1.0]]`, "EPSG:3857"},
		// `gdalsrsinfo -o wkt1 EPSG:4547`: the outer AUTHORITY wins over the
		// GEOGCS's EPSG 4490.
		{"WKT1 with AUTHORITY", `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4547"]]`, "EPSG:4547"},
		{"WKT1 unknown projection with AUTHORITY", `PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],AUTHORITY["EPSG","2154"]]`, "EPSG:2154"},
		{"WKT1 EPSG names", `PROJCS["WGS 84 / UTM zone 50N",GEOGCS["WGS 84",DATUM["WGS_1984"]]]`, "EPSG:32650"},
		{"WKT1 EPSG GK name", `PROJCS["CGCS2000 / Gauss-Kruger CM 75E",GEOGCS["China Geodetic Coordinate System 2000"]]`, "EPSG:4502"},
		{"WKT2 with ID", `GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],ID["EPSG",4326]]`, "EPSG:4326"},
		{"parentheses and spaces", "GEOGCS ( \"GCS_WGS_1984\" , DATUM ( \"D_WGS_1984\" ) )\n", "EPSG:4326"},
		{"datum only", `GEOGCS["unnamed",DATUM["D_China_2000"]]`, "EPSG:4490"},
		{"compound", `COMPD_CS["x",` + esri32632 + `,VERT_CS["EGM96 geoid height"]]`, "EPSG:32632"},
		// Parameters only (central meridian, scale, false easting/northing as
		// in EPSG's definitions of the zones).
		{"params UTM 32N", tmPRJ(geogWGS84, 9, 0.9996, 500000, 0), "EPSG:32632"},
		{"params UTM 50S", tmPRJ(geogWGS84, 117, 0.9996, 500000, 10000000), "EPSG:32750"},
		{"params GK CM 117E (3° preferred)", tmPRJ(geogCGCS, 117, 1, 500000, 0), "EPSG:4548"},
		{"params GK 3° zone 39", tmPRJ(geogCGCS, 117, 1, 39500000, 0), "EPSG:4527"},
		{"params GK 6° zone 20", tmPRJ(geogCGCS, 117, 1, 20500000, 0), "EPSG:4498"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePRJ(strings.NewReader(tt.wkt), "t.prj")
			if err != nil || got != tt.want {
				t.Errorf("ParsePRJ = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("shared monaco", func(t *testing.T) {
		got, err := ParsePRJ(sharedtest.Open(t, monacoPRJ), "srtm3-monaco-crop.prj")
		if err != nil || got != "EPSG:4326" {
			t.Errorf("ParsePRJ = %q, %v; want EPSG:4326", got, err)
		}
	})
}

func TestParsePRJErrors(t *testing.T) {
	tests := []struct {
		name, wkt string
		kind      error
		off       int64
	}{
		{"empty", "", geo.ErrSyntax, 0},
		{"garbage", "\x00\x01 hello", geo.ErrSyntax, 0},
		{"no bracket", "GEOGCS", geo.ErrSyntax, 6},
		{"unterminated", `GEOGCS["GCS_WGS_1984"`, geo.ErrSyntax, 21},
		{"unterminated string", `GEOGCS["GCS_WGS_1984`, geo.ErrSyntax, 20},
		{"mismatched bracket", `GEOGCS["x")`, geo.ErrSyntax, 10},
		{"trailing text", geogWGS84 + " x", geo.ErrSyntax, int64(len(geogWGS84) + 1)},
		{"empty argument", `GEOGCS["x",,]`, geo.ErrSyntax, 11},
		{"too deep", strings.Repeat("A[", 40) + strings.Repeat("]", 40), geo.ErrSyntax, 66},
		{"unknown datum", `GEOGCS["GCS_Tokyo",DATUM["D_Tokyo"]]`, geo.ErrUnsupported, 0},
		{"Lambert without authority", `PROJCS["RGF93 v1 / Lambert-93",` + geogWGS84 + `,PROJECTION["Lambert_Conformal_Conic_2SP"]]`, geo.ErrUnsupported, 0},
		{"local CS", `LOCAL_CS["site grid",UNIT["metre",1]]`, geo.ErrUnsupported, 0},
		{"UTM in feet", strings.Replace(tmPRJ(geogWGS84, 9, 0.9996, 500000, 0), `UNIT["Meter",1.0]]`, `UNIT["Foot_US",0.3048006096012192]]`, 1), geo.ErrUnsupported, 0},
		{"UTM zone out of range", `PROJCS["WGS_1984_UTM_Zone_61N",` + geogWGS84 + `]`, geo.ErrUnsupported, 0},
		{"GK zone out of range", `PROJCS["CGCS2000_3_Degree_GK_Zone_12",` + geogCGCS + `]`, geo.ErrUnsupported, 0},
		{"GK params off the zones", tmPRJ(geogCGCS, 116, 1, 500000, 0), geo.ErrUnsupported, 0},
		{"UTM params on an unknown datum", tmPRJ(`GEOGCS["GCS_Tokyo",DATUM["D_Tokyo"]]`, 9, 0.9996, 500000, 0), geo.ErrUnsupported, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePRJ(strings.NewReader(tt.wkt), "bad.prj")
			pe := wantParseError(t, err, tt.kind)
			if pe.Offset != tt.off {
				t.Errorf("offset %d, want %d (%v)", pe.Offset, tt.off, err)
			}
		})
	}
}

var prjAll = flag.Bool("dem.prjall", false, "check every CRS of the ParsePRJ families against projinfo (about 500 codes)")

// prjSpans are the projected families ParsePRJ names, as EPSG code ranges.
var prjSpans = [][2]int{
	{32601, 32660}, {32701, 32760}, {25828, 25838}, {26901, 26923},
	{4491, 4554},   // CGCS2000 Gauss-Krüger
	{2327, 2390},   // Xian 1980 Gauss-Krüger
	{2401, 2442},   // Beijing 1954 3° Gauss-Krüger
	{21413, 21423}, // Beijing 1954 6° zones
	{21453, 21463}, // Beijing 1954 6° central meridians
}

// prjSample returns EPSG codes ParsePRJ claims to name: the geographic
// ones, both ends of every family and n more drawn from the families.
func prjSample(seed uint64, n int) []int {
	codes := []int{4326, 4490, 4258, 4269, 4610, 4214, 3857}
	spans := prjSpans
	r := rand.New(rand.NewPCG(seed, 0))
	for _, s := range spans {
		codes = append(codes, s[0], s[1])
	}
	for i := 0; i < n; i++ {
		s := spans[r.IntN(len(spans))]
		codes = append(codes, s[0]+r.IntN(s[1]-s[0]+1))
	}
	return codes
}

// TestParsePRJAgainstPROJ names a seeded sample of the supported CRSs from
// the ESRI WKT that `projinfo -o WKT1_ESRI EPSG:n` writes (names only, no
// AUTHORITY), and from `projinfo -o WKT1_GDAL EPSG:n` with its AUTHORITY
// nodes removed (EPSG names, or parameters).
func TestParsePRJAgainstPROJ(t *testing.T) {
	projinfo := sharedtest.Tool(t, "projinfo")
	codes := prjSample(testSeed(t), 20)
	if *prjAll {
		codes = prjSample(0, 0)[:7]
		for _, s := range prjSpans {
			for c := s[0]; c <= s[1]; c++ {
				codes = append(codes, c)
			}
		}
	}
	auth := regexp.MustCompile(`,\s*(AUTHORITY|ID)\[[^\]]*\]`)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	var mu sync.Mutex
	for _, code := range codes {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			want := fmt.Sprintf("EPSG:%d", code)
			for _, form := range []string{"WKT1_ESRI", "WKT1_GDAL"} {
				out, err := exec.Command(projinfo, "-o", form, "--single-line", "-q", want).Output()
				wkt := auth.ReplaceAllString(string(out), "")
				got := ""
				if err == nil {
					got, err = ParsePRJ(strings.NewReader(wkt), "t.prj")
				}
				if got != want {
					mu.Lock()
					t.Errorf("%s %s: ParsePRJ = %q, %v\n%s", want, form, got, err, wkt)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
}
