package dem

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"twin/geo"
)

// zipEntry is a raster found in a zip archive.
type zipEntry struct {
	f   *zip.File
	fmt format
}

// decodeZip reads a zip archive into memory (at most opt.MaxBytes) and
// decodes its raster: the first .hgt entry, or else the only .asc, .tif or
// .tiff entry. An .asc entry takes its CRS from a .prj entry of the same
// stem unless opt.CRS is set. Errors inside the entry are reported as
// "archive.zip/entry".
func decodeZip(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	b, err := readAll(r, name, opt.maxBytes())
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, geo.OffsetError(name, 0, geo.ErrSyntax, "zip: %v", err)
	}
	e, err := pickZipEntry(zr, name)
	if err != nil {
		return nil, err
	}
	inner := name + "/" + e.f.Name
	data, err := readZipFile(e.f, inner, opt)
	if err != nil {
		return nil, err
	}
	var warn *geo.Warning
	if e.fmt == formatASC && opt.CRS == "" {
		opt.CRS, warn = zipPRJ(zr, e.f.Name, inner, opt)
	}
	var ds *geo.Dataset
	switch e.fmt {
	case formatHGT:
		ds, err = decodeHGT(data, inner, opt)
	case formatASC:
		ds, err = DecodeASC(bytes.NewReader(data), inner, opt)
	default:
		ds, err = decodeGeoTIFF(data, inner, opt)
	}
	if err != nil {
		return nil, err
	}
	ds.Name = name
	if warn != nil {
		ds.Warnings = append(ds.Warnings, *warn)
	}
	return ds, nil
}

// pickZipEntry chooses the raster entry of an archive.
func pickZipEntry(zr *zip.Reader, name string) (zipEntry, error) {
	var found []zipEntry
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") {
			continue
		}
		switch ext(f.Name) {
		case ".hgt":
			return zipEntry{f, formatHGT}, nil
		case ".asc":
			found = append(found, zipEntry{f, formatASC})
		case ".tif", ".tiff":
			found = append(found, zipEntry{f, formatTIFF})
		}
	}
	switch len(found) {
	case 0:
		return zipEntry{}, geo.OffsetError(name, 0, geo.ErrUnsupported, "zip holds no .hgt, .asc or .tif entry")
	case 1:
		return found[0], nil
	}
	return zipEntry{}, geo.OffsetError(name, 0, geo.ErrUnsupported,
		"zip holds %d rasters (%s, %s, …); want one", len(found), found[0].f.Name, found[1].f.Name)
}

// readZipFile decompresses one entry, refusing to expand past opt.MaxBytes.
func readZipFile(f *zip.File, inner string, opt Options) ([]byte, error) {
	if f.UncompressedSize64 > uint64(opt.maxBytes()) {
		return nil, geo.OffsetError(inner, 0, geo.ErrInvalid, "%w: entry expands to %d bytes, over %d",
			ErrTooLarge, f.UncompressedSize64, opt.maxBytes())
	}
	rc, err := f.Open()
	if err != nil {
		return nil, geo.OffsetError(inner, 0, geo.ErrUnsupported, "zip entry: %v", err)
	}
	defer rc.Close()
	// Trust the declared size only as far as deflate can expand (1032:1).
	hint := min(f.UncompressedSize64, f.CompressedSize64*1032+64)
	return readAllHint(rc, inner, opt.maxBytes(), int64(hint))
}

// zipPRJ parses the .prj entry beside an .asc entry, if any. A .prj it
// cannot read gives a warning, not an error.
func zipPRJ(zr *zip.Reader, asc, inner string, opt Options) (string, *geo.Warning) {
	stem := strings.TrimSuffix(asc, asc[len(asc)-len(ext(asc)):])
	for _, f := range zr.File {
		if !strings.EqualFold(f.Name, stem+".prj") {
			continue
		}
		b, err := readZipFile(f, inner, Options{MaxBytes: min(opt.maxBytes(), 1<<20)})
		if err == nil {
			var crs string
			if crs, err = ParsePRJ(bytes.NewReader(b), f.Name); err == nil {
				return crs, nil
			}
		}
		return "", &geo.Warning{File: inner, Offset: -1, Msg: "ignoring " + f.Name + ": " + err.Error()}
	}
	return "", nil
}
