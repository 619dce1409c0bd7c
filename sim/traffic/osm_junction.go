package traffic

import "math"

// junction creates the links of node ni and their right of way.
func (b *osmBuilder) junction(ni int32) {
	nd := &b.n.Nodes[ni]
	var made []int32
	for _, in := range nd.In {
		outs := b.outsOf(ni, in)
		for _, out := range outs {
			made = append(made, b.movement(ni, in, out)...)
		}
	}
	if len(made) == 0 {
		return
	}
	if b.signal[nd.ID] {
		b.signalize(ni, made)
		return
	}
	top := 0
	for _, in := range nd.In {
		top = max(top, b.n.Edges[in].Priority)
	}
	var major []int32
	for _, li := range made {
		if b.n.Edges[b.n.Lanes[b.n.Links[li].From].Edge].Priority == top {
			major = append(major, li)
		}
	}
	for _, li := range made {
		lk := &b.n.Links[li]
		if b.n.Edges[b.n.Lanes[lk.From].Edge].Priority == top {
			continue
		}
		lk.State = 'm'
		for _, m := range major {
			lk.Yield = append(lk.Yield, m)
			lk.Foes = append(lk.Foes, m)
		}
	}
}

// outsOf lists the edges a vehicle on in may leave node ni by: all but the
// reverse of in, unless that is the only one.
func (b *osmBuilder) outsOf(ni, in int32) []int32 {
	nd := &b.n.Nodes[ni]
	var outs []int32
	for _, out := range nd.Out {
		if b.n.Edges[out].To != b.n.Edges[in].From {
			outs = append(outs, out)
		}
	}
	if len(outs) == 0 {
		outs = append(outs, nd.Out...)
	}
	return outs
}

// movement adds the links from edge in to edge out at node ni.
func (b *osmBuilder) movement(ni, in, out int32) []int32 {
	dir, _ := b.turn(in, out)
	inLanes, outLanes := b.n.Edges[in].Lanes, b.n.Edges[out].Lanes
	// Every lane takes every movement, so that short OSM links never need
	// a lane change (which a vehicle cannot make on a link shorter than
	// itself).
	var pairs [][2]int32
	for k, l := range inLanes {
		pairs = append(pairs, [2]int32{l, outLanes[min(k, len(outLanes)-1)]})
	}
	speed := min(b.n.Edges[in].Speed, b.n.Edges[out].Speed)
	switch dir {
	case 'r':
		speed = min(speed, osmRightTurnSpeed)
	case 'l', 't':
		speed = min(speed, osmLeftTurnSpeed)
	}
	var made []int32
	for _, p := range pairs {
		from, to := p[0], p[1]
		fs, ts := b.n.Edges[in].Shape, b.n.Edges[out].Shape
		length := max(math.Hypot(ts[0].X-fs[len(fs)-1].X, ts[0].Y-fs[len(fs)-1].Y), osmMinInternal)
		via := int32(len(b.n.Lanes))
		id := ":" + b.n.Nodes[ni].ID + "_" + itoa(len(b.n.Links))
		b.n.Lanes = append(b.n.Lanes, Lane{ID: id, Edge: -1, Length: length, Speed: speed, Allow: b.n.Lanes[to].Allow, Left: -1, Right: -1})
		b.n.laneIndex[id] = via
		li := int32(len(b.n.Links))
		b.n.Links = append(b.n.Links, Link{From: from, To: to, Via: via, Node: ni, Index: int32(len(made)),
			Signal: -1, SignalIndex: -1, Dir: dir, State: 'M'})
		b.n.Lanes[from].Out = append(b.n.Lanes[from].Out, li)
		made = append(made, li)
	}
	return made
}

// signalize puts the links of node ni under a signal running DefaultPlan:
// approaches whose heading is within 45° of the first approach's axis
// (either way) form stage 0, the others stage 1; left turns and U-turns
// are permissive and yield to the other approaches of their stage.
func (b *osmBuilder) signalize(ni int32, made []int32) {
	nd := &b.n.Nodes[ni]
	si := int32(len(b.n.Signals))
	axis := b.heading(nd.In[0], true)
	stage := make([]int, len(made))
	permissive := make([]bool, len(made))
	for k, li := range made {
		lk := &b.n.Links[li]
		lk.Signal, lk.SignalIndex = si, int32(k)
		d := math.Abs(math.Remainder(b.heading(b.n.Lanes[lk.From].Edge, true)-axis, math.Pi))
		if d > math.Pi/4 {
			stage[k] = 1
		}
		permissive[k] = lk.Dir == 'l' || lk.Dir == 't'
	}
	for k, li := range made {
		if !permissive[k] {
			continue
		}
		lk := &b.n.Links[li]
		for j, o := range made {
			ol := &b.n.Links[o]
			if stage[j] == stage[k] && !permissive[j] && b.n.Lanes[ol.From].Edge != b.n.Lanes[lk.From].Edge {
				lk.Yield = append(lk.Yield, o)
				lk.Foes = append(lk.Foes, o)
			}
		}
	}
	b.n.Signals = append(b.n.Signals, Signal{ID: nd.ID, Nodes: []int32{ni}, Links: made, NumLinks: len(made),
		Program: DefaultPlan(stage, permissive)})
	nd.Signal, nd.Type = si, "traffic_light"
}

// DefaultPlan returns the fixed-time program twin gives signals that come
// without one (OSM): stage 0 green for 27 s, yellow 3 s, then stage 1
// green 27 s, yellow 3 s (a 60 s cycle, offset 0, netconvert's default
// split for a two-stage junction at that cycle). stage[i] (0 or 1) is the
// stage of controlled link i; permissive links get 'g' (green, yielding)
// instead of 'G'. When every link is in one stage, the plan is 45 s green,
// 3 s yellow and 12 s red. O(links).
func DefaultPlan(stage []int, permissive []bool) Program {
	green := func(s int, yellow bool) string {
		st := make([]byte, len(stage))
		for i := range st {
			switch {
			case stage[i] != s:
				st[i] = 'r'
			case yellow:
				st[i] = 'y'
			case i < len(permissive) && permissive[i]:
				st[i] = 'g'
			default:
				st[i] = 'G'
			}
		}
		return string(st)
	}
	both := false
	for _, s := range stage {
		both = both || s != stage[0]
	}
	p := Program{ID: "0", Type: "static"}
	if !both {
		first := 0
		if len(stage) > 0 {
			first = stage[0]
		}
		p.Phases = []Phase{{Duration: 45, State: green(first, false)}, {Duration: 3, State: green(first, true)}, {Duration: 12, State: green(1-first, false)}}
		return p
	}
	p.Phases = []Phase{{Duration: 27, State: green(0, false)}, {Duration: 3, State: green(0, true)},
		{Duration: 27, State: green(1, false)}, {Duration: 3, State: green(1, true)}}
	return p
}
