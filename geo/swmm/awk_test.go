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

// TestBellingeCountsMatchJq cross-checks the Bellinge model against the
// SWMManywhere graph and subcatchment files with jq, live: the graph lacks
// the outfall node and its conduit, which the .inp adds.
func TestBellingeCountsMatchJq(t *testing.T) {
	jq := sharedtest.Tool(t, "jq")
	run := func(filter, rel string) string {
		out, err := exec.Command(jq, filter, sharedtest.Path(t, rel)).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	m := decodeShared(t, "pipes/swmm/swmmanywhere-bellinge_small.inp")
	graph := run("(.nodes|length), (.links|length)", "pipes/swmm/swmmanywhere-bellinge_small_graph.json")
	subs := run(".features|length", "pipes/swmm/swmmanywhere-bellinge_small_subcatchments.geojson")
	got := strconv.Itoa(len(m.Nodes())-1) + " " + strconv.Itoa(len(m.Conduits)-1)
	if graph != got || subs != strconv.Itoa(len(m.Subcatchments)) {
		t.Errorf("jq: graph %q, subcatchments %q; model (less the outfall) %q, %d subcatchments", graph, subs, got, len(m.Subcatchments))
	}
	if len(m.Nodes()) != 16 || len(m.Conduits) != 15 || len(m.Subcatchments) != 13 {
		t.Errorf("Bellinge: %d nodes, %d conduits, %d subcatchments; the data README says 16, 15, 13",
			len(m.Nodes()), len(m.Conduits), len(m.Subcatchments))
	}
}
