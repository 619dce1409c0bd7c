package traffic

import (
	"errors"
	"testing"
)

// TestFromSUMOGrid: the 3×3 netgenerate grid has, by construction, 24
// edges of 2 lanes and 9 signals of 4 phases with a 90 s cycle
// (netgenerate's 42+3+42+3); every movement between normal edges becomes a
// link with its internal lane, and the signal indices cover each program.
func TestFromSUMOGrid(t *testing.T) {
	n := gridNetwork(t)
	if len(n.Edges) != 24 || len(n.Nodes) != 9 || len(n.Signals) != 9 {
		t.Fatalf("%d edges %d nodes %d signals", len(n.Edges), len(n.Nodes), len(n.Signals))
	}
	normal := 0
	for _, l := range n.Lanes {
		if l.Edge >= 0 {
			normal++
		}
	}
	if normal != 48 {
		t.Errorf("%d normal lanes, want 48", normal)
	}
	for _, s := range n.Signals {
		if c := s.Program.Cycle(); c != 90 || len(s.Program.Phases) != 4 {
			t.Errorf("signal %s: cycle %v, %d phases", s.ID, c, len(s.Program.Phases))
		}
		if len(s.Links) != s.NumLinks || s.NumLinks != len(s.Program.Phases[0].State) {
			t.Errorf("signal %s: %d links, %d indices, %d states", s.ID, len(s.Links), s.NumLinks, len(s.Program.Phases[0].State))
		}
	}
	for i, lk := range n.Links {
		if lk.Via < 0 || n.Lanes[lk.Via].Edge != -1 || lk.Signal < 0 || lk.Index < 0 {
			t.Errorf("link %d: %+v", i, lk)
		}
		if n.Edges[n.Lanes[lk.From].Edge].To != lk.Node || n.Edges[n.Lanes[lk.To].Edge].From != lk.Node {
			t.Errorf("link %d does not cross its node", i)
		}
	}
	e, ok := n.Edge("B1C1")
	if !ok || n.Lanes[n.Edges[e].Lanes[0]].Left != n.Edges[e].Lanes[1] || n.Lanes[n.Edges[e].Lanes[1]].Right != n.Edges[e].Lanes[0] {
		t.Error("lane neighbours")
	}
}

// TestYieldFromRequests: at the centre junction B1, in each phase, a
// left turn on a yielding green ('g') gives way to exactly the two straight
// lanes of the opposite approach that are green ('G') with it, as the
// junction's request table says; a movement on 'G' gives way to nothing
// green at the same time.
func TestYieldFromRequests(t *testing.T) {
	n := gridNetwork(t)
	node, _ := n.Node("B1")
	s := &n.Signals[n.Nodes[node].Signal]
	for k, ph := range s.Program.Phases {
		for _, li := range s.Links {
			lk := n.Links[li]
			st := ph.State[lk.SignalIndex]
			greenStraight, greenAny := 0, 0
			for _, y := range lk.Yield {
				if c := ph.State[n.Links[y].SignalIndex]; c == 'G' || c == 'g' {
					greenAny++
					if n.Links[y].Dir == 's' {
						greenStraight++
					}
				}
			}
			from := n.Edges[n.Lanes[lk.From].Edge].ID
			switch {
			case st == 'g' && lk.Dir == 'l' && greenStraight != 2:
				t.Errorf("phase %d: left from %s yields to %d green straight lanes, want 2", k, from, greenStraight)
			case st == 'G' && greenAny != 0:
				t.Errorf("phase %d: priority movement from %s yields to %d green links", k, from, greenAny)
			}
		}
	}
}

func TestWithPrograms(t *testing.T) {
	n := gridNetwork(t)
	p := n.Signals[0].Program
	p.Offset = 30
	m, err := n.WithPrograms(map[string]Program{n.Signals[0].ID: p})
	if err != nil {
		t.Fatal(err)
	}
	if m.Signals[0].Program.Offset != 30 || n.Signals[0].Program.Offset != 0 {
		t.Error("program not replaced in the copy only")
	}
	if _, err := n.WithPrograms(map[string]Program{"nope": p}); !errors.Is(err, ErrNetwork) {
		t.Errorf("unknown signal: %v", err)
	}
	p.Phases = p.Phases[:1]
	p.Phases[0].State = "G"
	if _, err := n.WithPrograms(map[string]Program{n.Signals[0].ID: p}); !errors.Is(err, ErrNetwork) {
		t.Errorf("short states: %v", err)
	}
}
