package dem

import (
	"encoding/binary"
	"math"
)

// TIFF SampleFormat values.
const (
	sampleUint  = 1
	sampleInt   = 2
	sampleFloat = 3
)

// sampleSupported reports whether bits-bit samples of SampleFormat format
// can be read: 8 to 64-bit integers and 32- or 64-bit floats.
func sampleSupported(bits, format int) bool {
	switch format {
	case sampleUint, sampleInt:
		return bits == 8 || bits == 16 || bits == 32 || bits == 64
	case sampleFloat:
		return bits == 32 || bits == 64
	}
	return false
}

// converter turns len(dst) samples from src into float32 cells, NaN where a
// sample equals the nodata value.
type converter func(src []byte, dst []float32)

// sampleConverter returns the sample size in bytes and the converter for a
// supported sample type. Integer samples are compared with nodata as
// float64 (exact up to 2⁵³), float32 samples as float32 (GDAL_NODATA is
// written with float32 precision), float64 samples as float64.
func sampleConverter(bits, format int, bo binary.ByteOrder, nodata float64, hasND bool) (int, converter) {
	nan := float32(math.NaN())
	if !hasND {
		nodata = math.NaN() // equal to nothing
	}
	ints := func(size int, get func(b []byte) float64) (int, converter) {
		return size, func(src []byte, dst []float32) {
			for i := range dst {
				v := get(src[i*size:])
				if v == nodata {
					dst[i] = nan
				} else {
					dst[i] = float32(v)
				}
			}
		}
	}
	signed := format == sampleInt
	switch {
	case format == sampleFloat && bits == 32:
		nd32 := float32(nodata)
		return 4, func(src []byte, dst []float32) {
			for i := range dst {
				v := math.Float32frombits(bo.Uint32(src[4*i:]))
				if v == nd32 {
					v = nan
				}
				dst[i] = v
			}
		}
	case format == sampleFloat:
		return ints(8, func(b []byte) float64 { return math.Float64frombits(bo.Uint64(b)) })
	case bits == 8 && signed:
		return ints(1, func(b []byte) float64 { return float64(int8(b[0])) })
	case bits == 8:
		return ints(1, func(b []byte) float64 { return float64(b[0]) })
	case bits == 16 && signed:
		return ints(2, func(b []byte) float64 { return float64(int16(bo.Uint16(b))) })
	case bits == 16:
		return ints(2, func(b []byte) float64 { return float64(bo.Uint16(b)) })
	case bits == 32 && signed:
		return ints(4, func(b []byte) float64 { return float64(int32(bo.Uint32(b))) })
	case bits == 32:
		return ints(4, func(b []byte) float64 { return float64(bo.Uint32(b)) })
	case signed:
		return ints(8, func(b []byte) float64 { return float64(int64(bo.Uint64(b))) })
	default:
		return ints(8, func(b []byte) float64 { return float64(bo.Uint64(b)) })
	}
}
