package dem

import (
	"encoding/binary"
	"io"
	"math"

	"twin/geo"
)

// hgtVoid is the SRTM void (no data) sample.
const hgtVoid = -32768

// hgtMaxSide is the side of the largest tile DecodeHGT accepts (1 arc-second).
const hgtMaxSide = 3601

// DecodeHGT reads an SRTM height tile (.hgt): N×N big-endian int16 samples
// (N = 1201 for 3 arc-seconds, 3601 for 1 arc-second; any square from 2 to
// 3601 is accepted), row 0 north, in metres above the EGM96 geoid. Voids
// (−32768) become NaN. The tile's south-west corner comes from the base name,
// such as N43E007.hgt or s12w077.HGT (case-insensitive, anything may follow
// the seven characters). Samples stand on whole-degree corners (pixel is
// point), so the grid's outer corner is half a cell beyond them: for
// N43E007 with N = 1201, X0 = 7 − 1/2400 and Y0 = 44 + 1/2400, as GDAL
// reports. The CRS is EPSG:4326 unless opt.CRS says otherwise.
//
// Errors are *geo.ParseError values: a name without tile position
// (geo.ErrInvalid, offset 0), a size that is not a square of int16 samples
// (geo.ErrSyntax at the end of the data), more than 3601² samples
// (ErrTooLarge). Time O(N²); safe for concurrent use.
func DecodeHGT(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	if _, _, ok := parseTileName(baseName(name)); !ok {
		return nil, errTileName(name)
	}
	b, err := readAll(r, name, 2*hgtMaxSide*hgtMaxSide)
	if err != nil {
		return nil, err
	}
	return decodeHGT(b, name, opt)
}

func errTileName(name string) error {
	return geo.OffsetError(name, 0, geo.ErrInvalid, "cannot tell the tile's corner from the name (want e.g. N43E007.hgt)")
}

// decodeHGT decodes a tile held in memory.
func decodeHGT(b []byte, name string, opt Options) (*geo.Dataset, error) {
	lon, lat, ok := parseTileName(baseName(name))
	if !ok {
		return nil, errTileName(name)
	}
	n := int(math.Round(math.Sqrt(float64(len(b) / 2))))
	if len(b) > 2*hgtMaxSide*hgtMaxSide || n < 2 || 2*n*n != len(b) {
		return nil, geo.OffsetError(name, int64(len(b)), geo.ErrSyntax,
			"%d bytes is not a square tile of int16 samples (1201² or 3601²)", len(b))
	}
	if err := checkCells(name, 0, 0, int64(n), int64(n), opt); err != nil {
		return nil, err
	}
	data := make([]float32, n*n)
	for i := range data {
		v := int16(binary.BigEndian.Uint16(b[2*i:]))
		if v == hgtVoid {
			data[i] = float32(math.NaN())
		} else {
			data[i] = float32(v)
		}
	}
	cs := 1 / float64(n-1)
	g := &geo.Grid{
		Cols: n, Rows: n, DX: cs, DY: cs, Data: data, CRS: "EPSG:4326",
		X0: float64(lon) - cs/2, Y0: float64(lat+1) + cs/2,
	}
	return dataset(name, g, opt), nil
}

// parseTileName reads the south-west corner from an SRTM tile name such as
// "N43E007" or "s05w120" at the start of base.
func parseTileName(base string) (lon, lat int, ok bool) {
	if len(base) < 7 {
		return 0, 0, false
	}
	digits := func(s string) (int, bool) {
		v := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	lat, ok1 := digits(base[1:3])
	lon, ok2 := digits(base[4:7])
	if !ok1 || !ok2 || lat > 90 || lon > 180 {
		return 0, 0, false
	}
	switch base[0] {
	case 'N', 'n':
	case 'S', 's':
		lat = -lat
	default:
		return 0, 0, false
	}
	switch base[3] {
	case 'E', 'e':
	case 'W', 'w':
		lon = -lon
	default:
		return 0, 0, false
	}
	if lat >= 90 || lon >= 180 {
		return 0, 0, false
	}
	return lon, lat, true
}
