package proj_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"twin/geo/proj"
)

func ExampleCRS_Forward() {
	utm, err := proj.Parse("EPSG:32632")
	if err != nil {
		panic(err)
	}
	// Monaco's harbour, WGS84 lon/lat in degrees → UTM 32N metres.
	x, y := utm.Forward(7.42, 43.73)
	fmt.Printf("%s: E %.3f m, N %.3f m\n", utm.Name(), x, y)
	// Output: WGS 84 / UTM zone 32N: E 372751.123 m, N 4843098.236 m
}

func ExampleCRS_Inverse() {
	rd, _ := proj.EPSG(28992)
	// Delft in RD New; Inverse applies the Amersfoort → WGS84 shift.
	lon, lat := rd.Inverse(84477, 447346)
	fmt.Printf("lon %.6f, lat %.6f\n", lon, lat)
	// Output: lon 4.359996, lat 52.009992
}

func ExampleParse() {
	for _, s := range []string{
		"urn:ogc:def:crs:EPSG::7415",
		"http://www.opengis.net/def/crs/OGC/1.3/CRS84",
		"epsg:4490",
		"LOCAL:116.40,39.90",
	} {
		c, err := proj.Parse(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-20s geographic=%-5v latLon=%v\n", c, c.Geographic(), c.LatLonOrder())
	}
	_, err := proj.Parse("EPSG:2154")
	fmt.Println(err)
	// Output:
	// EPSG:7415            geographic=false latLon=false
	// CRS84                geographic=true  latLon=false
	// EPSG:4490            geographic=true  latLon=true
	// LOCAL:116.4,39.9     geographic=false latLon=false
	// proj: unknown CRS (geo: unsupported): EPSG:2154
}

func ExampleForLonLat() {
	for _, city := range []struct {
		name     string
		lon, lat float64
	}{
		{"Monaco", 7.42, 43.73},
		{"Beijing", 116.4, 39.9},
		{"Sydney", 151.21, -33.87},
	} {
		c := proj.ForLonLat(city.lon, city.lat)
		fmt.Printf("%-8s %s %s\n", city.name, c, c.Name())
	}
	// Output:
	// Monaco   EPSG:32632 WGS 84 / UTM zone 32N
	// Beijing  EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39
	// Sydney   EPSG:32756 WGS 84 / UTM zone 56S
}

func ExampleTransformer() {
	lv95, _ := proj.EPSG(2056)
	utm, _ := proj.EPSG(32632)
	toUTM := proj.Transformer(lv95, utm)
	// Zürich main station, LV95 → UTM 32N (cs2cs EPSG:2056 EPSG:32632 gives
	// 465270.428 5246384.773).
	p := toUTM(orb.Point{2683186.29, 1247156.74})
	fmt.Printf("E %.2f, N %.2f\n", p[0], p[1])
	// Output: E 465270.43, N 5246384.77
}
