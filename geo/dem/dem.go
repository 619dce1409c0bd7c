package dem

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path"
	"strings"

	"twin/geo"
)

// ErrTooLarge marks a raster or archive whose declared size exceeds the
// limits in [Options]. It is wrapped together with geo.ErrInvalid.
var ErrTooLarge = errors.New("dem: raster too large")

// Default limits used when the matching Options field is zero.
const (
	// DefaultMaxCells is 2³⁰ cells: 4 GiB of float32 values.
	DefaultMaxCells = 1 << 30
	// DefaultMaxBytes is the most a GeoTIFF or zip file may hold, and the
	// most an entry of a zip may expand to: 4 GiB.
	DefaultMaxBytes = 4 << 30
)

// Options tune decoding. The zero value is ready to use.
type Options struct {
	// CRS, when not "", overrides or supplies the grid's CRS ("EPSG:n"),
	// for instance from a .prj sidecar read with [ParsePRJ].
	CRS string
	// MaxCells bounds Cols×Rows; a larger raster is rejected with
	// ErrTooLarge before any allocation. 0 means DefaultMaxCells.
	MaxCells int64
	// MaxBytes bounds how many bytes of a GeoTIFF or zip are read into
	// memory, and how far a zip entry may expand. 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxCells() int64 {
	if o.MaxCells > 0 {
		return o.MaxCells
	}
	return DefaultMaxCells
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// format names a raster encoding Decode can read.
type format int

const (
	formatUnknown format = iota
	formatASC
	formatHGT
	formatZIP
	formatTIFF
)

// Decode reads a DEM in the format given by name's extension (.asc, .hgt,
// .zip, .tif, .tiff) or, when the first bytes say otherwise, by those bytes
// (TIFF and zip signatures, an ESRI ASCII header). It returns a dataset with
// Format "dem", one grid and the grid's CRS (opt.CRS when set).
//
// Errors are *geo.ParseError values (see the package doc); a name with no
// known extension and no recognisable content wraps geo.ErrUnsupported.
// Memory is one float32 per cell plus, for GeoTIFF and zip, the file itself.
// Safe for concurrent use.
func Decode(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(16)
	switch sniff(head, name) {
	case formatASC:
		return DecodeASC(br, name, opt)
	case formatHGT:
		return DecodeHGT(br, name, opt)
	case formatZIP:
		return decodeZip(br, name, opt)
	case formatTIFF:
		return DecodeGeoTIFF(br, name, opt)
	}
	return nil, geo.OffsetError(name, 0, geo.ErrUnsupported, "unknown DEM format (want .asc, .hgt, .zip or .tif)")
}

// sniff picks the format from the first bytes, falling back on the name's
// extension.
func sniff(head []byte, name string) format {
	switch {
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")):
		return formatTIFF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return formatZIP
	}
	switch ext(name) {
	case ".asc":
		return formatASC
	case ".hgt":
		return formatHGT
	case ".zip":
		return formatZIP
	case ".tif", ".tiff":
		return formatTIFF
	}
	if looksLikeASC(head) {
		return formatASC
	}
	return formatUnknown
}

// ext returns the lower-case extension of a slash or backslash separated name.
func ext(name string) string {
	return strings.ToLower(path.Ext(baseName(name)))
}

// baseName strips directories separated by '/' or '\' from name.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// looksLikeASC reports whether head starts with an ESRI ASCII header key.
func looksLikeASC(head []byte) bool {
	s := strings.ToLower(strings.TrimLeft(string(head), " \t\r\n"))
	for _, k := range []string{"ncols", "nrows", "xll", "yll", "cellsize"} {
		if strings.HasPrefix(s, k) {
			return true
		}
	}
	return false
}

// dataset wraps g into the dataset every decoder returns, applying opt.CRS.
func dataset(name string, g *geo.Grid, opt Options) *geo.Dataset {
	if opt.CRS != "" {
		g.CRS = opt.CRS
	}
	return &geo.Dataset{Name: name, Format: "dem", CRS: g.CRS, Grids: []*geo.Grid{g}}
}

// checkCells rejects sizes that are not positive or exceed the limit, before
// anything is allocated. at positions the error (line, or offset when line
// is 0).
func checkCells(name string, line int, off int64, cols, rows int64, opt Options) error {
	mk := func(kind error, format string, args ...any) error {
		if line > 0 {
			return geo.LineError(name, line, kind, format, args...)
		}
		return geo.OffsetError(name, off, kind, format, args...)
	}
	if cols <= 0 || rows <= 0 {
		return mk(geo.ErrInvalid, "raster size %d×%d is not positive", cols, rows)
	}
	if cols > opt.maxCells() || rows > opt.maxCells()/cols {
		return mk(geo.ErrInvalid, "%w: %d×%d cells exceed the limit of %d", ErrTooLarge, cols, rows, opt.maxCells())
	}
	return nil
}

// readAll reads r into memory, failing with ErrTooLarge past limit bytes.
// A reader that knows its length (bytes.Reader, strings.Reader) gets an
// exact buffer.
func readAll(r io.Reader, name string, limit int64) ([]byte, error) {
	hint := int64(0)
	if l, ok := r.(interface{ Len() int }); ok {
		hint = int64(l.Len())
	}
	return readAllHint(r, name, limit, hint)
}

// readAllHint is readAll with a size hint for the first allocation.
func readAllHint(r io.Reader, name string, limit, hint int64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 && hint <= limit {
		buf.Grow(int(hint) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	b := buf.Bytes()
	if err != nil {
		return nil, geo.OffsetError(name, int64(len(b)), geo.ErrSyntax, "read: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, geo.OffsetError(name, limit, geo.ErrInvalid, "%w: file exceeds %d bytes", ErrTooLarge, limit)
	}
	return b, nil
}
