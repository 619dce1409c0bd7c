package greenwave

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"twin/geo/sumo"
	"twin/sim/traffic"
	gw "twin/sim/traffic/greenwave"
)

// Config is one comparison. Paths may be relative to the working
// directory.
type Config struct {
	// Net and Routes are the SUMO network and the route file every run
	// shares (one <vehicle> with its route per vehicle, as duarouter
	// writes, so that tlsCoordinator counts every vehicle).
	Net, Routes string
	// Extra are further additional files every run loads (vehicle types,
	// bus stops, signal programs), before the timing file. Their tlLogic
	// programs replace the net's, as with sumo -a: every plan starts from
	// them, and tlsCoordinator.py gets them with its -a.
	Extra []string
	// Dir receives the timing files and SUMO's outputs.
	Dir string
	// SumoHome holds tools/tlsCoordinator.py; empty means $SUMO_HOME or
	// /usr/share/sumo.
	SumoHome string
	// Seeds are SUMO's --seed values; each plan runs once per seed and the
	// figures are averaged over the runs. Empty means {42}.
	Seeds []int
	// UncoordinatedSeed seeds the random offsets of the uncoordinated run.
	UncoordinatedSeed uint64
	// Corridor lists the corridor's junctions; empty means detect it.
	Corridor []string
	// End stops SUMO at this time (s); zero runs until every vehicle has
	// arrived.
	End float64
	// SkipNetOffsets leaves out the run with the net's own offsets.
	SkipNetOffsets bool
	// Build and Options tune our corridor and solver.
	Build   gw.BuildOptions
	Options gw.Options
}

// Metrics are SUMO's trip figures over a set of vehicles: the mean number
// of stops (tripinfo waitingCount: drops to 0.1 m/s or below) and the mean
// travel time (tripinfo duration, s), averaged over the seeds.
type Metrics struct {
	Vehicles   int
	Stops      float64
	TravelTime float64
}

// Row is one timing plan's result: over all vehicles and over the
// vehicles that drive the corridor outbound and inbound (at least one
// whole leg between two signals).
type Row struct {
	Name         string
	All, Out, In Metrics
}

// Result is a comparison: our plan and the rows.
type Result struct {
	Corridor []string
	Plan     *gw.Plan
	Rows     []Row
}

// Row returns the row with the given name.
func (r *Result) Row(name string) (Row, bool) {
	for _, row := range r.Rows {
		if row.Name == name {
			return row, true
		}
	}
	return Row{}, false
}

// Names of the rows.
const (
	NetOffsets    = "net offsets"
	Uncoordinated = "uncoordinated"
	Coordinator   = "tlsCoordinator"
	Ours          = "twin greenwave"
)

// Run writes the four timing files (the net's own offsets, seeded random
// offsets, tlsCoordinator.py's and ours), runs SUMO on each for every seed
// and collects the trip figures.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Seeds) == 0 {
		cfg.Seeds = []int{42}
	}
	home := cfg.SumoHome
	if home == "" {
		home = os.Getenv("SUMO_HOME")
	}
	if home == "" {
		home = "/usr/share/sumo"
	}
	cfg.SumoHome = home
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, err
	}
	net, dem, err := load(cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var plans []struct{ name, add string }
	if !cfg.SkipNetOffsets {
		plans = append(plans, struct{ name, add string }{NetOffsets, ""})
	}
	unc := filepath.Join(cfg.Dir, "uncoordinated.add.xml")
	if err := writeUncoordinated(unc, net, cfg.UncoordinatedSeed); err != nil {
		return nil, err
	}
	plans = append(plans, struct{ name, add string }{Uncoordinated, unc})
	tlsc := filepath.Join(cfg.Dir, "tlsCoordinator.add.xml")
	script := filepath.Join(home, "tools", "tlsCoordinator.py")
	targs := []string{script, "-n", cfg.Net, "-r", cfg.Routes, "-o", tlsc}
	if tls := tlsFiles(cfg.Extra); len(tls) > 0 {
		targs = append(targs, "-a", tls)
	}
	if err := runCmd(ctx, cfg, "python3", targs...); err != nil {
		return nil, err
	}
	plans = append(plans, struct{ name, add string }{Coordinator, tlsc})
	ours := filepath.Join(cfg.Dir, "greenwave.add.xml")
	art, err := writeOurs(ours, net, dem, cfg, res)
	if err != nil {
		return nil, err
	}
	plans = append(plans, struct{ name, add string }{Ours, ours})
	dirs := directions(net, dem, art)
	for _, p := range plans {
		row := Row{Name: p.name}
		for _, seed := range cfg.Seeds {
			trips, err := runSUMO(ctx, cfg, p.add, seed)
			if err != nil {
				return nil, fmt.Errorf("%s, seed %d: %w", p.name, seed, err)
			}
			row.accumulate(trips, dirs)
		}
		row.average(len(cfg.Seeds))
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// load decodes the network and the routes.
func load(cfg Config) (*traffic.Network, *sumo.Demand, error) {
	f, err := os.Open(cfg.Net)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	raw, err := sumo.DecodeNet(bufio.NewReader(f), filepath.Base(cfg.Net))
	if err != nil {
		return nil, nil, err
	}
	var programs []sumo.TLLogic
	for _, path := range cfg.Extra {
		d, err := decodeDemand(path)
		if err != nil {
			return nil, nil, err
		}
		programs = append(programs, d.TLLogics...)
	}
	net, err := traffic.FromSUMO(raw, programs)
	if err != nil {
		return nil, nil, err
	}
	dem, err := decodeDemand(cfg.Routes)
	return net, dem, err
}

func decodeDemand(path string) (*sumo.Demand, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return sumo.DecodeDemand(bufio.NewReader(r), filepath.Base(path))
}

// tlsFiles returns the comma-joined files of extra that hold tlLogic
// programs.
func tlsFiles(extra []string) string {
	var files []string
	for _, path := range extra {
		if d, err := decodeDemand(path); err == nil && len(d.TLLogics) > 0 {
			files = append(files, path)
		}
	}
	return strings.Join(files, ",")
}

// writeUncoordinated writes every signal's program under programID
// "uncoordinated" with an offset drawn uniformly from its cycle.
func writeUncoordinated(path string, net *traffic.Network, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	logics := make([]sumo.TLLogic, 0, len(net.Signals))
	for i := range net.Signals {
		l := net.Signals[i].TLLogic()
		l.ProgramID, l.Type = "uncoordinated", "static"
		l.Offset = float64(rng.IntN(max(int(l.Cycle()), 1)))
		for k := range l.Phases {
			l.Phases[k].MinDur, l.Phases[k].MaxDur = l.Phases[k].Duration, l.Phases[k].Duration
		}
		logics = append(logics, l)
	}
	return writeAdditional(path, logics)
}

// writeOurs builds the corridor, solves it and writes the plan's
// additional file; it returns the arterial.
func writeOurs(path string, net *traffic.Network, dem *sumo.Demand, cfg Config, res *Result) (*gw.Arterial, error) {
	d := gw.DemandFromSUMO(net, dem)
	var (
		art *gw.Arterial
		err error
	)
	if len(cfg.Corridor) > 0 {
		art, err = gw.ArterialThrough(net, cfg.Corridor)
	} else {
		art, err = gw.FindArterial(net, d)
	}
	if err != nil {
		return nil, err
	}
	c, err := gw.NewCorridor(net, art, d, cfg.Build)
	if err != nil {
		return nil, err
	}
	plan, err := gw.Solve(c, cfg.Options)
	if err != nil {
		return nil, err
	}
	logics, err := plan.TLLogics(net)
	if err != nil {
		return nil, err
	}
	res.Corridor, res.Plan = art.IDs(net), plan
	return art, writeAdditional(path, logics)
}

func writeAdditional(path string, logics []sumo.TLLogic) error {
	var buf bytes.Buffer
	if err := sumo.EncodeAdditional(&buf, logics); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// directions maps each vehicle ID to whether its route drives the
// corridor outbound (1), inbound (2), or neither (0).
func directions(net *traffic.Network, dem *sumo.Demand, art *gw.Arterial) map[string]int {
	named := map[string][]string{}
	for _, r := range dem.Routes {
		named[r.ID] = r.Edges
	}
	dirs := make(map[string]int, len(dem.Vehicles))
	for _, v := range dem.Vehicles {
		ids := v.Edges
		if len(ids) == 0 {
			ids = named[v.Route]
		}
		route := make([]int32, 0, len(ids))
		for _, id := range ids {
			if e, ok := net.Edge(id); ok {
				route = append(route, e)
			}
		}
		switch out, in := art.Uses(route); {
		case out && !in:
			dirs[v.ID] = 1
		case in && !out:
			dirs[v.ID] = 2
		}
	}
	return dirs
}

// runSUMO runs SUMO with one timing file (none: the net's programs) and
// returns its trips.
func runSUMO(ctx context.Context, cfg Config, add string, seed int) ([]sumo.TripInfo, error) {
	name := "net"
	if add != "" {
		name = filepath.Base(add)
	}
	out := filepath.Join(cfg.Dir, fmt.Sprintf("tripinfo-%s-%d.xml", name, seed))
	args := []string{"-n", cfg.Net, "-r", cfg.Routes, "--tripinfo-output", out,
		"--seed", strconv.Itoa(seed), "--no-step-log", "--no-warnings", "--duration-log.disable"}
	adds := append([]string(nil), cfg.Extra...)
	if add != "" {
		adds = append(adds, add)
	}
	if len(adds) > 0 {
		args = append(args, "-a", strings.Join(adds, ","))
	}
	if cfg.End > 0 {
		args = append(args, "--end", strconv.FormatFloat(cfg.End, 'f', -1, 64))
	}
	if err := runCmd(ctx, cfg, "sumo", args...); err != nil {
		return nil, err
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return sumo.DecodeTripInfos(bufio.NewReader(f), filepath.Base(out))
}

func runCmd(ctx context.Context, cfg Config, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "SUMO_HOME="+cfg.SumoHome)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, tail(out.Bytes()))
	}
	return nil
}

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}

// accumulate adds a run's trips to the row's sums.
func (r *Row) accumulate(trips []sumo.TripInfo, dirs map[string]int) {
	for i := range trips {
		t := &trips[i]
		for _, m := range []*Metrics{&r.All, r.dir(dirs[t.ID])} {
			if m == nil {
				continue
			}
			m.Vehicles++
			m.Stops += float64(t.WaitingCount)
			m.TravelTime += t.Duration
		}
	}
}

func (r *Row) dir(d int) *Metrics {
	switch d {
	case 1:
		return &r.Out
	case 2:
		return &r.In
	}
	return nil
}

// average turns the sums over the seeds into means per vehicle, and the
// vehicle counts into counts per run.
func (r *Row) average(runs int) {
	for _, m := range []*Metrics{&r.All, &r.Out, &r.In} {
		if m.Vehicles > 0 {
			m.Stops /= float64(m.Vehicles)
			m.TravelTime /= float64(m.Vehicles)
		}
		m.Vehicles /= runs
	}
}

// WriteTable prints the result as a Markdown table.
func (r *Result) WriteTable(w io.Writer) error {
	if r.Plan == nil {
		return errors.New("greenwave judge: no plan")
	}
	fmt.Fprintf(w, "corridor %v: cycle %.0f s, bands %.1f s out, %.1f s in\n\n", r.Corridor, r.Plan.Cycle, r.Plan.Out.Width, r.Plan.In.Width)
	fmt.Fprintln(w, "| offsets | vehicles | mean stops | mean travel time (s) | outbound stops | outbound time (s) | inbound stops | inbound time (s) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, row := range r.Rows {
		_, err := fmt.Fprintf(w, "| %s | %d | %.3f | %.1f | %.3f (%d) | %.1f | %.3f (%d) | %.1f |\n", row.Name, row.All.Vehicles,
			row.All.Stops, row.All.TravelTime, row.Out.Stops, row.Out.Vehicles, row.Out.TravelTime, row.In.Stops, row.In.Vehicles, row.In.TravelTime)
		if err != nil {
			return err
		}
	}
	return nil
}
