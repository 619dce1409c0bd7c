package inptest

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"twin/internal/sharedtest"
)

// AwkCounts is the shell command that counts, independently of the Go
// decoders, the data lines and distinct first-column names per section of
// the .inp file $1:
//
//	tr -d '\r' < FILE | awk '/^\[/{s=toupper($1);next} /^[ \t]*;/||NF==0{next}
//	  {c[s]++; if(!((s,$1) in seen)){seen[s,$1]=1; d[s]++}}
//	  END{for(k in c)print k,c[k],d[k]}'
//
// (tr removes CR line ends, which awk would count as a field). The format
// packages keep its output for each shared file in a sectionCounts table.
const AwkCounts = `tr -d '\r' < "$1" | awk '/^\[/{s=toupper($1);next} /^[ \t]*;/||NF==0{next} ` +
	`{c[s]++; if(!((s,$1) in seen)){seen[s,$1]=1; d[s]++}} END{for(k in c)print k,c[k],d[k]}'`

// RunAwkCounts runs AwkCounts on the shared data file rel and returns, per
// upper-case section name, its data lines and distinct names. It skips t
// (fails it under CI=true) when sh, tr, awk or the file is missing.
func RunAwkCounts(t *testing.T, rel string) map[string][2]int {
	t.Helper()
	sharedtest.Tool(t, "awk")
	sharedtest.Tool(t, "tr")
	sh := sharedtest.Tool(t, "sh")
	out, err := exec.Command(sh, "-c", AwkCounts, "sh", sharedtest.Path(t, rel)).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		a, _ := strconv.Atoi(f[1])
		b, _ := strconv.Atoi(f[2])
		got[strings.Trim(f[0], "[]")] = [2]int{a, b}
	}
	return got
}

// MatchAwkCounts re-runs AwkCounts on rel and fails t where the committed
// table want differs from it, so that the table cannot drift from the data.
func MatchAwkCounts(t *testing.T, rel string, want map[string][2]int) {
	t.Helper()
	got := RunAwkCounts(t, rel)
	if len(got) != len(want) {
		t.Errorf("awk finds %d sections, table has %d", len(got), len(want))
	}
	for sec, w := range want {
		if got[sec] != w {
			t.Errorf("[%s]: awk %v, table %v", sec, got[sec], w)
		}
	}
}

// CompareCounts fails t for each section whose decoded lines and names
// (got, by section) differ from the awk counts want, and for each decoded
// section awk did not count. A got line count of -1 means "not comparable"
// (entries spanning a varying number of values per line) and checks the
// names only.
func CompareCounts(t *testing.T, got, want map[string][2]int) {
	t.Helper()
	for sec, w := range want {
		if g := got[sec]; g[1] != w[1] || (g[0] != -1 && g[0] != w[0]) {
			t.Errorf("[%s]: got %d lines / %d names, awk counts %d / %d", sec, g[0], g[1], w[0], w[1])
		}
	}
	for sec := range got {
		if _, ok := want[sec]; !ok {
			t.Errorf("[%s] decoded but absent from the awk counts", sec)
		}
	}
}

// LinesAndNames counts lines as awk counts a section kept verbatim: the
// lines and their distinct first words (split at a space or tab).
func LinesAndNames(lines []string) [2]int {
	seen := map[string]bool{}
	for _, l := range lines {
		if i := strings.IndexAny(l, " \t"); i >= 0 {
			l = l[:i]
		}
		seen[l] = true
	}
	return [2]int{len(lines), len(seen)}
}
