package wal

import (
	"bytes"
	"encoding/hex"
	"hash/crc32"
	"testing"
)

func crc(p []byte) uint32 { return crc32.Checksum(p, castagnoli) }

// TestRecordLayout pins the on-disk format documented in doc.go. The
// checksum 7e7ef015 (little-endian) was computed outside Go, with a bitwise
// CRC-32C (reflected polynomial 0x82F63B78) in Python over "hi" ‖ 02000000 ‖
// 0700000000000000; that implementation gives the standard check value
// e3069283 for "123456789".
func TestRecordLayout(t *testing.T) {
	got := appendRecord(nil, 7, []byte("hi"), crc([]byte("hi")))
	want := "02000000" + "7e7ef015" + "0700000000000000" + "6869"
	if hex.EncodeToString(got) != want {
		t.Fatalf("record bytes\n got %x\nwant %s", got, want)
	}
	sc := newScanner(bytes.NewReader(got), "x.wal", int64(len(got)), 7)
	if !sc.scan() || sc.lsn != 7 || string(sc.rec) != "hi" {
		t.Fatalf("scan: lsn %d rec %q err %v", sc.lsn, sc.rec, sc.err)
	}
	if sc.scan() || sc.err != nil {
		t.Fatalf("scan past the end: err %v", sc.err)
	}
}

func TestSegmentNames(t *testing.T) {
	tests := []struct {
		name    string
		first   uint64
		ok, bad bool
	}{
		{"00000000000000000001.wal", 1, true, false},
		{"18446744073709551615.wal", 1<<64 - 1, true, false},
		{"18446744073709551616.wal", 0, true, true},
		{"00000000000000000000.wal", 0, true, true},
		{"0000000000000000001.wal", 0, false, false},
		{"00000000000000000001.wal.tmp", 0, false, false},
		{"0000000000000000000a.wal", 0, false, false},
		{"LOCK", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, ok, err := parseSegmentName(tt.name)
			if first != tt.first || ok != tt.ok || (err != nil) != tt.bad {
				t.Fatalf("parseSegmentName = %d, %v, %v; want %d, %v, bad=%v", first, ok, err, tt.first, tt.ok, tt.bad)
			}
		})
	}
	if got := segmentName(4097); got != "00000000000000004097.wal" {
		t.Fatalf("segmentName(4097) = %s", got)
	}
}
