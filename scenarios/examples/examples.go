package examples

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml
var files embed.FS

// Names lists the example files, the demo's last.
var Names = []string{"rainstorm.yaml", "greenwave.yaml", "siting.yaml", "combined.yaml"}

// Demo is the example twin demo runs.
const Demo = "combined.yaml"

// FS returns the example files. Safe for concurrent use.
func FS() fs.FS { return files }

// Read returns the bytes of one example.
func Read(name string) ([]byte, error) { return fs.ReadFile(files, name) }
