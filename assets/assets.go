package assets

import (
	"embed"
	"io/fs"
)

//go:embed city
var city embed.FS

// CityFiles lists the sample city's data files in load order: road network
// and buildings, terrain, then the synthetic sewer network (whose .prj
// sidecar names its CRS).
var CityFiles = []string{"monaco.osm.pbf", "monaco-srtm3.tif", "monaco-sewer.inp"}

// The sewer is generated from the embedded streets and terrain; a test in
// cmd/twin checks that regenerating it gives the same bytes.
//go:generate go run ../cmd/twin gen-sewer --data city/monaco.osm.pbf --data city/monaco-srtm3.tif -o city/monaco-sewer.inp

// City returns the sample city's files; names are those in CityFiles. Safe
// for concurrent use.
func City() fs.FS {
	sub, err := fs.Sub(city, "city")
	if err != nil {
		panic(err) // the embedded tree always has city/
	}
	return sub
}
