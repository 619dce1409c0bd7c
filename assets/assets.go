package assets

import (
	"embed"
	"io/fs"
)

//go:embed city
var city embed.FS

// CityFiles lists the sample city's data files in load order: road network
// and buildings, terrain, then the sewer network.
var CityFiles = []string{"monaco.osm.pbf", "monaco-srtm3.tif"}

// City returns the sample city's files; names are those in CityFiles. Safe
// for concurrent use.
func City() fs.FS {
	sub, err := fs.Sub(city, "city")
	if err != nil {
		panic(err) // the embedded tree always has city/
	}
	return sub
}
