package osm

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"encoding/binary"
	"io"

	"twin/geo"
)

// Decode reads an OSM file, PBF or XML (told apart by the first bytes; a
// UTF-8 byte-order mark and white space before the XML's '<' are allowed;
// a gzip or bzip2 wrapper is undone first), and builds the roads, links,
// road_nodes, restrictions, buildings, building_parts and pois layers in lon/lat
// (CRS "EPSG:4326", Format "osm"). name labels errors and warnings.
//
// Errors: a *geo.ParseError wrapping geo.ErrSyntax (truncated or malformed
// input, with ErrTruncated or ErrFormat where they apply) or
// geo.ErrUnsupported (an unknown PBF compression or required feature); PBF
// errors carry the byte offset of the failing blob, XML errors the line.
// Options.Validate's error (wrapping ErrOptions) for bad options, and
// ctx.Err() when ctx ends first. Bad content that can be skipped (invalid
// locations, missing members, unclosed rings, unreadable heights) is
// reported in Dataset.Warnings instead.
//
// The whole file is held in memory while features are built: about 24
// bytes per node plus the node lists of all ways; time is
// O(n log n) in the number of nodes. Safe for concurrent use.
func Decode(ctx context.Context, r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	br, isPBF, lead, err := sniff(r, name)
	if err != nil {
		return nil, err
	}
	var batches []*batch
	if isPBF {
		batches, err = readPBF(ctx, br, name, opt.workers())
	} else {
		var b *batch
		b, err = readXML(ctx, br, name, lead)
		batches = []*batch{b}
	}
	if err != nil {
		return nil, err
	}
	ds := &geo.Dataset{Name: name, Format: "osm", CRS: "EPSG:4326", Layers: make(map[string][]geo.Feature)}
	bl := newBuilder(ds, merge(batches), &opt, !isPBF)
	for _, b := range batches {
		for _, n := range b.notes {
			bl.warn(n.pos, "%s", n.msg)
		}
	}
	if err := bl.build(ctx); err != nil {
		return nil, err
	}
	return ds, nil
}

// sniff looks at the first bytes and returns a reader positioned at the
// start of the OSM data, whether it is PBF, and for XML the number of line
// breaks skipped before the first '<'.
func sniff(r io.Reader, name string) (br *bufio.Reader, isPBF bool, lead int, err error) {
	br = bufio.NewReaderSize(r, 64<<10)
	for range 2 { // at most one compression layer
		head, err := br.Peek(16)
		if len(head) == 0 {
			if err == nil || err == io.EOF {
				return nil, false, 0, geo.OffsetError(name, 0, geo.ErrSyntax, "%w: empty input", ErrFormat)
			}
			return nil, false, 0, geo.OffsetError(name, 0, geo.ErrSyntax, "reading: %v", err)
		}
		switch {
		case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
			zr, err := gzip.NewReader(br)
			if err != nil {
				return nil, false, 0, geo.OffsetError(name, 0, geo.ErrSyntax, "gzip: %v", err)
			}
			br = bufio.NewReaderSize(zr, 64<<10)
			continue
		case bytes.HasPrefix(head, []byte("BZh")):
			br = bufio.NewReaderSize(bzip2.NewReader(br), 64<<10)
			continue
		case looksPBF(head):
			return br, true, 0, nil
		}
		if lead, ok := skipXMLLead(br); ok {
			return br, false, lead, nil
		}
		break
	}
	return nil, false, 0, geo.OffsetError(name, 0, geo.ErrSyntax, "%w", ErrFormat)
}

// looksPBF checks for a BlobHeader length under 64 KiB followed by the
// BlobHeader's field 1 (type, length-delimited) naming OSMHeader or OSMData.
func looksPBF(head []byte) bool {
	if len(head) < 8 {
		return false
	}
	n := binary.BigEndian.Uint32(head)
	return n > 0 && n < maxBlobHeaderSize && head[4] == 0x0a &&
		(bytes.HasPrefix(head[6:], []byte("OSMHeader")) || bytes.HasPrefix(head[6:], []byte("OSMData")))
}

// skipXMLLead discards a UTF-8 byte-order mark and white space, counting
// line breaks, and reports whether a '<' follows.
func skipXMLLead(br *bufio.Reader) (lines int, ok bool) {
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xef, 0xbb, 0xbf}) {
		br.Discard(3)
	}
	for {
		c, err := br.ReadByte()
		if err != nil {
			return lines, false
		}
		switch c {
		case '\n':
			lines++
		case ' ', '\t', '\r':
		case '<':
			br.UnreadByte()
			return lines, true
		default:
			return lines, false
		}
	}
}
