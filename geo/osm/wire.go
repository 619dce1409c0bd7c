package osm

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Minimal protobuf reading on top of protowire, for the PBF messages. Every
// function checks bounds and returns errors; none panics on bad input.

var errWire = errors.New("malformed protobuf")

// field is one decoded protobuf field: val holds varint and fixed values,
// data the payload of length-delimited ones.
type field struct {
	num  protowire.Number
	typ  protowire.Type
	val  uint64
	data []byte
}

// nextField consumes one field from *b.
func nextField(b *[]byte) (field, error) {
	num, typ, n := protowire.ConsumeTag(*b)
	if n < 0 {
		return field{}, fmt.Errorf("%w: %v", errWire, protowire.ParseError(n))
	}
	*b = (*b)[n:]
	f := field{num: num, typ: typ}
	switch typ {
	case protowire.VarintType:
		f.val, n = protowire.ConsumeVarint(*b)
	case protowire.Fixed32Type:
		var v uint32
		v, n = protowire.ConsumeFixed32(*b)
		f.val = uint64(v)
	case protowire.Fixed64Type:
		f.val, n = protowire.ConsumeFixed64(*b)
	case protowire.BytesType:
		f.data, n = protowire.ConsumeBytes(*b)
	default:
		n = protowire.ConsumeFieldValue(num, typ, *b)
	}
	if n < 0 {
		return field{}, fmt.Errorf("%w: field %d: %v", errWire, num, protowire.ParseError(n))
	}
	*b = (*b)[n:]
	return f, nil
}

// varints appends the values of a repeated integer field to dst; it accepts
// both the packed encoding and a single unpacked value.
func (f field) varints(dst []uint64) ([]uint64, error) {
	switch f.typ {
	case protowire.VarintType:
		return append(dst, f.val), nil
	case protowire.BytesType:
		b := f.data
		for len(b) > 0 {
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return dst, fmt.Errorf("%w: packed field %d: %v", errWire, f.num, protowire.ParseError(n))
			}
			dst = append(dst, v)
			b = b[n:]
		}
		return dst, nil
	}
	return dst, fmt.Errorf("%w: field %d has wire type %d, want varint", errWire, f.num, f.typ)
}

// isBytes reports whether f is length-delimited.
func (f field) isBytes() bool { return f.typ == protowire.BytesType }

// isVarint reports whether f is a varint.
func (f field) isVarint() bool { return f.typ == protowire.VarintType }

func zigzag(v uint64) int64 { return protowire.DecodeZigZag(v) }
