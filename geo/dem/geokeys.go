package dem

import (
	"fmt"
	"math"

	"twin/geo"
)

// GeoKey IDs and values (GeoTIFF 1.1, OGC 19-008r4).
const (
	keyModelType      = 1024
	keyRasterType     = 1025
	keyCitation       = 1026
	keyGeographicType = 2048
	keyProjectedType  = 3072

	modelProjected  = 1
	modelGeographic = 2
	rasterIsArea    = 1
	rasterIsPoint   = 2
	userDefined     = 32767
)

// georef is a grid's placement read from the GeoTIFF tags.
type georef struct {
	x0, y0, dx, dy float64
	flip           bool // stored south-up
	crs            string
}

// geoKeys reads the short-valued keys of the GeoKeyDirectory; keys whose
// values live in the double or ASCII params are skipped (none of the keys
// this package uses does).
func (t *tiffFile) geoKeys() (map[uint16]uint16, error) {
	dir, err := t.uints(tagGeoKeyDirectory)
	if err != nil || dir == nil {
		return nil, err
	}
	at := t.ifd[tagGeoKeyDirectory].at
	if len(dir) < 4 || dir[0] != 1 {
		return nil, t.errAt(at, geo.ErrSyntax, "GeoKeyDirectory: bad header")
	}
	n := int(dir[3])
	if n > (len(dir)-4)/4 {
		return nil, t.errAt(at, geo.ErrSyntax, "GeoKeyDirectory: %d keys in %d values", n, len(dir))
	}
	keys := make(map[uint16]uint16, n)
	for i := 0; i < n; i++ {
		k := dir[4+4*i:]
		if k[1] == 0 && k[2] == 1 {
			keys[uint16(k[0])] = uint16(k[3])
		}
	}
	return keys, nil
}

// georef reads the geotransform and CRS. Warnings say what was ignored.
func (t *tiffFile) georef(l *layout) (georef, []string, error) {
	keys, err := t.geoKeys()
	if err != nil {
		return georef{}, nil, err
	}
	gt, err := t.geoTransform()
	if err != nil {
		return georef{}, nil, err
	}
	if keys[keyRasterType] == rasterIsPoint { // GDAL's default: shift to the corner
		gt[0] -= gt[1] / 2
		gt[3] -= gt[5] / 2
	}
	ref := georef{x0: gt[0], y0: gt[3], dx: gt[1], dy: -gt[5]}
	if gt[5] > 0 {
		ref.flip, ref.dy, ref.y0 = true, gt[5], gt[3]+float64(l.height)*gt[5]
	}
	for _, v := range []float64{ref.x0, ref.y0, ref.dx, ref.dy} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return georef{}, nil, t.errAt(t.ifd[tagTiepoint].at, geo.ErrInvalid, "non-finite geotransform %v", gt)
		}
	}
	if !(ref.dx > 0 && ref.dy > 0) {
		return georef{}, nil, t.errAt(t.ifd[tagPixelScale].at, geo.ErrUnsupported, "geotransform %v is not north-up with positive cell size", gt)
	}
	var warns []string
	ref.crs, warns = crsFromKeys(keys)
	return ref, warns, nil
}

// crsFromKeys names the CRS as "EPSG:n", or "" with a warning when the file
// defines its own.
func crsFromKeys(keys map[uint16]uint16) (string, []string) {
	if keys == nil {
		return "", []string{"no GeoKeyDirectory: CRS unknown"}
	}
	proj, okP := keys[keyProjectedType]
	geog, okG := keys[keyGeographicType]
	var code uint16
	switch keys[keyModelType] {
	case modelProjected:
		code, okG = proj, false
	case modelGeographic:
		code, okP = geog, false
	default:
		if okP {
			code = proj
		} else {
			code = geog
		}
	}
	if (okP || okG) && code > 0 && code < userDefined {
		return fmt.Sprintf("EPSG:%d", code), nil
	}
	return "", []string{"user-defined or missing CRS GeoKeys: CRS unknown (pass Options.CRS)"}
}

// geoTransform returns GDAL's six-term geotransform from
// ModelTransformation, or from ModelTiepoint and ModelPixelScale.
func (t *tiffFile) geoTransform() ([6]float64, error) {
	m, err := t.floats(tagTransformation)
	if err != nil {
		return [6]float64{}, err
	}
	if m != nil {
		if len(m) < 16 {
			return [6]float64{}, t.errAt(t.ifd[tagTransformation].at, geo.ErrSyntax, "ModelTransformation has %d values, want 16", len(m))
		}
		if m[1] != 0 || m[4] != 0 {
			return [6]float64{}, t.errAt(t.ifd[tagTransformation].at, geo.ErrUnsupported, "rotated ModelTransformation")
		}
		return [6]float64{m[3], m[0], 0, m[7], 0, m[5]}, nil
	}
	tie, err1 := t.floats(tagTiepoint)
	scale, err2 := t.floats(tagPixelScale)
	if err := firstErr(err1, err2); err != nil {
		return [6]float64{}, err
	}
	switch {
	case tie == nil && scale == nil:
		return [6]float64{}, t.errAt(0, geo.ErrUnsupported, "no georeferencing (ModelTiepoint/ModelPixelScale or ModelTransformation)")
	case len(tie) < 6 || len(scale) < 2:
		return [6]float64{}, t.errAt(t.ifd[tagTiepoint].at, geo.ErrUnsupported, "%d tiepoint and %d scale values: want one tiepoint and a pixel scale", len(tie), len(scale))
	}
	// The tiepoint ties raster (I, J) to model (X, Y).
	return [6]float64{tie[3] - tie[0]*scale[0], scale[0], 0, tie[4] + tie[1]*scale[1], 0, -scale[1]}, nil
}
