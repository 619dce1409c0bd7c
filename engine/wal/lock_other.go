//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package wal

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockDir creates dir/LOCK but cannot lock it on this platform: keeping a
// second process out is then up to the caller.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("wal: %w", err)
	}
	return f, nil
}

// unlockDir closes the file lockDir opened.
func unlockDir(f *os.File) error { return f.Close() }
