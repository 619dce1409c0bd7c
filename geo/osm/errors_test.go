package osm

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"twin/geo"
)

func decodeBytes(data []byte, opt Options) (*geo.Dataset, error) {
	return Decode(context.Background(), bytes.NewReader(data), "in.osm", opt)
}

// parseErr asserts err is a *geo.ParseError wrapping every one of kinds.
func parseErr(t *testing.T, err error, kinds ...error) *geo.ParseError {
	t.Helper()
	var pe *geo.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *geo.ParseError", err, err)
	}
	for _, k := range kinds {
		if !errors.Is(err, k) {
			t.Errorf("error %q does not wrap %q", err, k)
		}
	}
	if pe.File != "in.osm" {
		t.Errorf("File %q, want in.osm", pe.File)
	}
	return pe
}

func TestDecodeNotOSM(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"text", "hello world"},
		{"white space only", " \n\t"},
		{"json", `{"type":"FeatureCollection"}`},
		{"short binary", "\x00\x00\x00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeBytes([]byte(tc.in), Options{})
			pe := parseErr(t, err, geo.ErrSyntax, ErrFormat)
			if pe.Offset != 0 {
				t.Errorf("Offset %d, want 0", pe.Offset)
			}
		})
	}
}

// blobOffsets walks the PBF framing (4-byte length, BlobHeader with
// datasize in field 3, Blob) and returns each blob's start offset.
func blobOffsets(t *testing.T, data []byte) []int64 {
	t.Helper()
	var offs []int64
	for off := 0; off < len(data); {
		offs = append(offs, int64(off))
		hl := int(binary.BigEndian.Uint32(data[off:]))
		hdr := data[off+4 : off+4+hl]
		size := -1
		for len(hdr) > 0 {
			num, typ, n := protowire.ConsumeTag(hdr)
			hdr = hdr[n:]
			if num == 3 && typ == protowire.VarintType {
				v, n := protowire.ConsumeVarint(hdr)
				size, hdr = int(v), hdr[n:]
				continue
			}
			hdr = hdr[protowire.ConsumeFieldValue(num, typ, hdr):]
		}
		off += 4 + hl + size
	}
	return offs
}

func TestDecodeTruncatedPBF(t *testing.T) {
	data, err := os.ReadFile("testdata/monaco-small.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	offs := blobOffsets(t, data)
	if len(offs) < 2 {
		t.Fatalf("want at least 2 blobs, got offsets %v", offs)
	}
	for cut := 1; cut < len(data); cut += 37 {
		// The error is at the start of the blob the cut falls in.
		want := offs[0]
		for _, o := range offs {
			if int64(cut) > o {
				want = o
			}
		}
		_, err := decodeBytes(data[:cut], Options{})
		if slices.Contains(offs, int64(cut)) {
			continue // a cut between blobs leaves a valid shorter file
		}
		if err == nil {
			t.Fatalf("cut at %d: no error", cut)
		}
		if cut < 16 {
			parseErr(t, err, geo.ErrSyntax) // too short to sniff
			continue
		}
		pe := parseErr(t, err, geo.ErrSyntax, ErrTruncated)
		if pe.Offset != want {
			t.Errorf("cut at %d: error at offset %d, want blob start %d (%v)", cut, pe.Offset, want, err)
		}
	}
}

func TestDecodeCorruptPBF(t *testing.T) {
	data, err := os.ReadFile("testdata/monaco-small.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	offs := blobOffsets(t, data)
	bad := bytes.Clone(data)
	// Overwrite the middle of the second blob's zlib stream.
	mid := int(offs[1]) + (int(offs[2%len(offs)])-int(offs[1]))/2
	if len(offs) == 2 {
		mid = int(offs[1]) + (len(data)-int(offs[1]))/2
	}
	for i := mid; i < mid+16; i++ {
		bad[i] ^= 0x5a
	}
	for _, workers := range []int{1, 4} {
		_, err := decodeBytes(bad, Options{Workers: workers})
		pe := parseErr(t, err, geo.ErrSyntax)
		if pe.Offset != offs[1] {
			t.Errorf("workers %d: error at offset %d, want %d: %v", workers, pe.Offset, offs[1], err)
		}
	}
}

// pbfFile builds a PBF stream from (type, Blob message) pairs.
func pbfFile(blobs ...[2][]byte) []byte {
	var out []byte
	for _, b := range blobs {
		var hdr []byte
		hdr = protowire.AppendTag(hdr, 1, protowire.BytesType)
		hdr = protowire.AppendBytes(hdr, b[0])
		hdr = protowire.AppendTag(hdr, 3, protowire.VarintType)
		hdr = protowire.AppendVarint(hdr, uint64(len(b[1])))
		out = binary.BigEndian.AppendUint32(out, uint32(len(hdr)))
		out = append(append(out, hdr...), b[1]...)
	}
	return out
}

// rawBlob wraps content as an uncompressed Blob (field 1).
func rawBlob(field protowire.Number, content []byte) []byte {
	b := protowire.AppendTag(nil, field, protowire.BytesType)
	return protowire.AppendBytes(b, content)
}

func TestDecodeUnsupportedPBF(t *testing.T) {
	feature := protowire.AppendTag(nil, 4, protowire.BytesType)
	feature = protowire.AppendBytes(feature, []byte("Sort.Geographic"))
	ok := protowire.AppendTag(nil, 4, protowire.BytesType)
	ok = protowire.AppendBytes(ok, []byte("OsmSchema-V0.6"))
	tests := []struct {
		name string
		data []byte
		off  int64
	}{
		{"required feature", pbfFile([2][]byte{[]byte("OSMHeader"), rawBlob(1, feature)}), 0},
		{"zstd blob", pbfFile(
			[2][]byte{[]byte("OSMHeader"), rawBlob(1, ok)},
			[2][]byte{[]byte("OSMData"), rawBlob(7, []byte{1, 2, 3})},
		), int64(len(pbfFile([2][]byte{[]byte("OSMHeader"), rawBlob(1, ok)})))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeBytes(tc.data, Options{})
			if pe := parseErr(t, err, geo.ErrUnsupported); pe.Offset != tc.off {
				t.Errorf("offset %d, want %d", pe.Offset, tc.off)
			}
		})
	}
}

func TestDecodeXMLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
		kind error
	}{
		{"bad id", "<osm>\n<node id=\"x\" lat=\"1\" lon=\"1\"/>\n</osm>", 2, geo.ErrSyntax},
		{"bad lat", "<osm>\n\n<node id=\"1\" lat=\"north\" lon=\"1\"/>\n</osm>", 3, geo.ErrSyntax},
		{"nd without ref", "<osm>\n<way id=\"1\">\n<nd/>\n</way>\n</osm>", 3, geo.ErrSyntax},
		{"member type", "<osm>\n<relation id=\"1\">\n<member type=\"area\" ref=\"1\"/>\n</relation>\n</osm>", 3, geo.ErrSyntax},
		{"truncated", "<osm>\n<node id=\"1\" lat=\"1\" lon=\"1\">\n<tag k=\"a\"", 3, ErrTruncated},
		{"mismatched tag", "<osm>\n<way id=\"1\">\n</node>\n</osm>", 3, geo.ErrSyntax},
		{"root", "<?xml version=\"1.0\"?>\n<gpx>\n</gpx>", 2, geo.ErrUnsupported},
		{"lead lines count", "\n\n<osm>\n<node id=\"x\"/>\n</osm>", 4, geo.ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeBytes([]byte(tc.in), Options{})
			if pe := parseErr(t, err, tc.kind); pe.Line != tc.line {
				t.Errorf("line %d, want %d: %v", pe.Line, tc.line, err)
			}
		})
	}
}

func TestDecodeCancelled(t *testing.T) {
	for _, name := range []string{"testdata/monaco-small.osm.pbf", "testdata/fixture.osm"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err = Decode(ctx, bytes.NewReader(data), "in.osm", Options{})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		ok   bool
	}{
		{"zero", Options{}, true},
		{"workers", Options{Workers: 3}, true},
		{"negative workers", Options{Workers: -1}, false},
		{"speed", Options{DefaultSpeeds: map[string]float64{"residential": 8}}, true},
		{"zero speed", Options{DefaultSpeeds: map[string]float64{"residential": 0}}, false},
		{"NaN speed", Options{DefaultSpeeds: map[string]float64{"service": nan()}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opt.Validate()
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrOptions)) {
				t.Errorf("Validate() = %v, want ok %v", err, tc.ok)
			}
			if _, derr := decodeBytes([]byte("<osm/>"), tc.opt); (derr == nil) != tc.ok {
				t.Errorf("Decode error %v, want ok %v", derr, tc.ok)
			}
		})
	}
}

// TestDecodeWrappers checks that a byte-order mark and blank lines before
// the XML, and gzip around it, give the same features; the warnings' lines
// move with the blank lines.
func TestDecodeWrappers(t *testing.T) {
	plain, err := os.ReadFile("testdata/fixture.osm")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	base, err := decodeBytes(plain, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		data  []byte
		shift int
	}{
		{"bom and blank lines", append([]byte("\ufeff\n \n\t"), plain...), 2},
		{"gzip", gz.Bytes(), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := decodeBytes(tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := countDataset(ds), countDataset(base); got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			for i, w := range ds.Warnings {
				if w.Line != base.Warnings[i].Line+tc.shift {
					t.Errorf("warning %d at line %d, want %d", i, w.Line, base.Warnings[i].Line+tc.shift)
				}
			}
		})
	}
}

func TestDecodeOverrideSpeeds(t *testing.T) {
	data, err := os.ReadFile("testdata/fixture.osm")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := decodeBytes(data, Options{DefaultSpeeds: map[string]float64{"residential": 7}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ds.Layers[geo.LayerLinks] {
		l := f.(*geo.RoadLink)
		if strings.HasPrefix(l.ID, "w11.") && l.SpeedSource == "default" && l.MaxSpeed != 7 {
			t.Errorf("%s: MaxSpeed %v, want the override 7 m/s", l.ID, l.MaxSpeed)
		}
	}
}

func nan() float64 { var z float64; return z / z }
