package swmm

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"twin/internal/sharedtest"
)

// awkCounts is the section-count command quoted above sectionCounts.
const awkCounts = `tr -d '\r' < "$1" | awk '/^\[/{s=toupper($1);next} /^[ \t]*;/||NF==0{next} ` +
	`{c[s]++; if(!((s,$1) in seen)){seen[s,$1]=1; d[s]++}} END{for(k in c)print k,c[k],d[k]}'`

// runAwkCounts runs awkCounts on a shared file and parses its output.
func runAwkCounts(t *testing.T, rel string) map[string][2]int {
	t.Helper()
	sharedtest.Tool(t, "awk")
	sharedtest.Tool(t, "tr")
	sh := sharedtest.Tool(t, "sh")
	out, err := exec.Command(sh, "-c", awkCounts, "sh", sharedtest.Path(t, rel)).Output()
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

// TestSectionCountsTableMatchesAwk re-runs the independent count live, so
// the committed table cannot drift from the data.
func TestSectionCountsTableMatchesAwk(t *testing.T) {
	for _, rel := range sharedExamples {
		name := rel[len("pipes/swmm/"):]
		t.Run(name, func(t *testing.T) {
			got := runAwkCounts(t, rel)
			want := sectionCounts[name]
			if len(got) != len(want) {
				t.Errorf("awk finds %d sections, table has %d", len(got), len(want))
			}
			for sec, w := range want {
				if got[sec] != w {
					t.Errorf("[%s]: awk %v, table %v", sec, got[sec], w)
				}
			}
		})
	}
}
