package osm

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/osm"

	"twin/geo"
)

// blockDecoder turns one frame into a batch. Each worker owns one; it is
// not safe for concurrent use.
type blockDecoder struct {
	name string
	raw  bytes.Buffer // decompressed block, reused
	zr   io.ReadCloser
	// Scratch for packed fields, reused from block to block.
	ints, keys, vals []uint64
	dense            dense
	st               []string // string table of the current block
	// granularity (nanodegrees) and offsets (nanodegrees) of the block.
	gran, latOff, lonOff int64
	b                    *batch
	off                  int64
}

func newBlockDecoder(name string) *blockDecoder { return &blockDecoder{name: name} }

// decodeFrame decodes a HeaderBlock (checked, yields an empty batch), an
// OSMData block, or skips an unknown blob type as the format asks.
func (d *blockDecoder) decodeFrame(f frame) (*batch, error) {
	d.off = f.off
	d.b = &batch{}
	if f.kind != "OSMHeader" && f.kind != "OSMData" {
		return d.b, nil
	}
	data, err := d.unpack(f.blob)
	if err != nil {
		return nil, err
	}
	if f.kind == "OSMHeader" {
		return d.b, d.header(data)
	}
	if err := d.block(data); err != nil {
		return nil, d.errf(geo.ErrSyntax, "OSMData block: %w", err)
	}
	return d.b, nil
}

func (d *blockDecoder) errf(kind error, format string, args ...any) error {
	return geo.OffsetError(d.name, d.off, kind, format, args...)
}

// unpack returns the Blob's uncompressed content (raw or zlib).
func (d *blockDecoder) unpack(blob []byte) ([]byte, error) {
	var raw, zdata []byte
	rawSize := -1
	var other protowireNumber
	for len(blob) > 0 {
		f, err := nextField(&blob)
		if err != nil {
			return nil, d.errf(geo.ErrSyntax, "blob: %w", err)
		}
		switch {
		case f.num == 1 && f.isBytes():
			raw = f.data
		case f.num == 2 && f.isVarint():
			rawSize = int(int32(f.val))
		case f.num == 3 && f.isBytes():
			zdata = f.data
		case f.num >= 4 && f.num <= 7 && f.isBytes():
			other = protowireNumber(f.num)
		}
	}
	switch {
	case raw != nil:
		return raw, nil
	case zdata != nil:
		return d.inflate(zdata, rawSize)
	case other != 0:
		return nil, d.errf(geo.ErrUnsupported, "blob compression %s", other)
	}
	return nil, d.errf(geo.ErrSyntax, "blob has no data")
}

// protowireNumber names the Blob compression fields this decoder lacks.
type protowireNumber int

func (n protowireNumber) String() string {
	switch n {
	case 4:
		return "lzma"
	case 5:
		return "bzip2"
	case 6:
		return "lz4"
	case 7:
		return "zstd"
	}
	return fmt.Sprintf("field %d", int(n))
}

func (d *blockDecoder) inflate(zdata []byte, rawSize int) ([]byte, error) {
	if rawSize < 0 || rawSize > maxBlobSize {
		return nil, d.errf(geo.ErrSyntax, "blob raw_size %d outside 0..32 MiB", rawSize)
	}
	var err error
	if d.zr == nil {
		d.zr, err = zlib.NewReader(bytes.NewReader(zdata))
	} else {
		err = d.zr.(zlib.Resetter).Reset(bytes.NewReader(zdata), nil)
	}
	if err != nil {
		d.zr = nil
		return nil, d.errf(geo.ErrSyntax, "zlib: %v", err)
	}
	d.raw.Reset()
	n, err := d.raw.ReadFrom(io.LimitReader(d.zr, int64(rawSize)+1))
	if err != nil {
		return nil, d.errf(geo.ErrSyntax, "zlib: %v", err)
	}
	if n != int64(rawSize) {
		return nil, d.errf(geo.ErrSyntax, "zlib data inflates to %d bytes, raw_size says %d", n, rawSize)
	}
	return d.raw.Bytes(), nil
}

// header checks the HeaderBlock's required features.
func (d *blockDecoder) header(b []byte) error {
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return d.errf(geo.ErrSyntax, "OSMHeader: %w", err)
		}
		if f.num != 4 || !f.isBytes() {
			continue
		}
		switch feat := string(f.data); feat {
		case "OsmSchema-V0.6", "DenseNodes", "HistoricalInformation":
		default:
			return d.errf(geo.ErrUnsupported, "required feature %q", feat)
		}
	}
	return nil
}

// block decodes a PrimitiveBlock: the string table and coordinate
// parameters first, then the groups.
func (d *blockDecoder) block(data []byte) error {
	d.st = d.st[:0]
	d.gran, d.latOff, d.lonOff = 100, 0, 0
	for b := data; len(b) > 0; {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		switch {
		case f.num == 1 && f.isBytes():
			if err := d.stringTable(f.data); err != nil {
				return err
			}
		case f.num == 17 && f.isVarint():
			d.gran = int64(int32(f.val))
		case f.num == 19 && f.isVarint():
			d.latOff = int64(f.val)
		case f.num == 20 && f.isVarint():
			d.lonOff = int64(f.val)
		}
	}
	for b := data; len(b) > 0; {
		f, _ := nextField(&b) // checked by the first pass
		if f.num == 2 && f.isBytes() {
			if err := d.group(f.data); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *blockDecoder) stringTable(b []byte) error {
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		if f.num == 1 && f.isBytes() {
			d.st = append(d.st, string(f.data))
		}
	}
	return nil
}

// group decodes a PrimitiveGroup.
func (d *blockDecoder) group(b []byte) error {
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return err
		}
		if !f.isBytes() {
			continue
		}
		switch f.num {
		case 1:
			err = d.plainNode(f.data)
		case 2:
			err = d.denseNodes(f.data)
		case 3:
			err = d.way(f.data)
		case 4:
			err = d.relation(f.data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// str returns string-table entry i.
func (d *blockDecoder) str(i uint64) (string, error) {
	if i >= uint64(len(d.st)) {
		return "", fmt.Errorf("string index %d outside table of %d", i, len(d.st))
	}
	return d.st[i], nil
}

// tags pairs keys and values given as string-table indices.
func (d *blockDecoder) tags(keys, vals []uint64) (osm.Tags, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("%d tag keys but %d values", len(keys), len(vals))
	}
	if len(keys) == 0 {
		return nil, nil
	}
	tags := make(osm.Tags, len(keys))
	for i := range keys {
		t, err := d.tag(keys[i], vals[i])
		if err != nil {
			return nil, err
		}
		tags[i] = t
	}
	return tags, nil
}

// tag returns the tag whose key and value are string-table entries k and v.
func (d *blockDecoder) tag(k, v uint64) (osm.Tag, error) {
	key, err := d.str(k)
	if err != nil {
		return osm.Tag{}, err
	}
	val, err := d.str(v)
	if err != nil {
		return osm.Tag{}, err
	}
	return osm.Tag{Key: key, Value: val}, nil
}

// addNode stores a node read from the block after checking its location.
func (d *blockDecoder) addNode(id, lat, lon int64, visible bool, tags osm.Tags) {
	if !visible {
		d.b.nodes = append(d.b.nodes, node{id: id, lat: math.NaN()})
		return
	}
	// Dividing (not multiplying by 1e-9) rounds exactly like parsing the
	// decimal degrees of OSM XML, so both encodings give the same floats.
	la := float64(d.latOff+d.gran*lat) / 1e9
	lo := float64(d.lonOff+d.gran*lon) / 1e9
	if !validLonLat(lo, la) {
		d.b.notes = append(d.b.notes, note{d.off, fmt.Sprintf("node n%d: location (%g, %g) out of range; node skipped", id, lo, la)})
		return
	}
	d.b.nodes = append(d.b.nodes, node{id: id, lon: lo, lat: la})
	if len(tags) > 0 {
		d.b.tagged = append(d.b.tagged, taggedNode{id: id, tags: tags})
	}
}

// validLonLat reports whether a location is finite and on the globe.
func validLonLat(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

var errLengths = errors.New("parallel arrays differ in length")
