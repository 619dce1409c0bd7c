package traffic

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"twin/geo/sumo"
	"twin/internal/sharedtest"
)

// sumoHome is where Debian's sumo-tools puts SUMO's Python tools.
const sumoHome = "/usr/share/sumo"

// runTool runs a SUMO program (sumo, netgenerate, duarouter, python3 …)
// with SUMO_HOME set, skipping the test when it is not installed (failing
// under CI), and fails the test when it exits with an error.
func runTool(t testing.TB, dir, name string, args ...string) string {
	t.Helper()
	bin := sharedtest.Tool(t, name)
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SUMO_HOME="+sumoHome)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func readNet(t testing.TB, path string) *sumo.Net {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := sumo.DecodeNet(bufio.NewReader(f), filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readDemand(t testing.TB, paths ...string) *sumo.Demand {
	t.Helper()
	d := &sumo.Demand{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		dd, err := sumo.DecodeDemand(bufio.NewReader(f), filepath.Base(p))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		d.Merge(dd)
	}
	return d
}

func gridNetwork(t testing.TB) *Network {
	t.Helper()
	n, err := FromSUMO(readNet(t, filepath.Join("testdata", "grid3.net.xml")), nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
