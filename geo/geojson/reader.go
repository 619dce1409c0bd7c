package geojson

// recordSeparator starts every record of a GeoJSON text sequence (RFC 8142).
const recordSeparator = 0x1E

// bom is the UTF-8 byte order mark some editors put at the start of a file.
const bom = "\xEF\xBB\xBF"

// blankFraming lets encoding/json read GeoJSONSeq and files with a UTF-8
// byte order mark: it turns record separators and a leading BOM into spaces
// in place, byte for byte, so that offsets still point into the original
// input. (A record separator cannot occur inside valid JSON text, where
// control characters must be escaped.)
func blankFraming(data []byte) {
	if len(data) >= len(bom) && string(data[:len(bom)]) == bom {
		copy(data, "   ")
	}
	for i, c := range data {
		if c == recordSeparator {
			data[i] = ' '
		}
	}
}
