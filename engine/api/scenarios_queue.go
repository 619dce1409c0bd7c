package api

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"twin/engine"
	"twin/scenarios"
)

// ScenarioOptions bound the scenario runs of MountScenarios. The zero value
// means the defaults in each comment.
type ScenarioOptions struct {
	// Workers is how many scenarios run at once (default 1); each runs its
	// variants one at a time.
	Workers int
	// MaxQueued is how many accepted scenarios may wait (default 8); a
	// POST beyond it gets 503.
	MaxQueued int
	// MaxKept is how many finished runs are kept for GET (default 32, the
	// oldest forgotten first).
	MaxKept int
	// Timeout bounds one run's wall time (default 15 min); a run over it is
	// cancelled and keeps its partial results.
	Timeout time.Duration
	// MaxDuration bounds the simulated time a scenario may ask for
	// (default 24 h); longer ones are refused with 422.
	MaxDuration time.Duration
}

// Validate reports negative fields.
func (o ScenarioOptions) Validate() error {
	if o.Workers < 0 || o.MaxQueued < 0 || o.MaxKept < 0 || o.Timeout < 0 || o.MaxDuration < 0 {
		return fmt.Errorf("%w: negative scenario limit", ErrConfig)
	}
	return nil
}

func (o ScenarioOptions) withDefaults() ScenarioOptions {
	if o.Workers == 0 {
		o.Workers = 1
	}
	if o.MaxQueued == 0 {
		o.MaxQueued = 8
	}
	if o.MaxKept == 0 {
		o.MaxKept = 32
	}
	if o.Timeout == 0 {
		o.Timeout = 15 * time.Minute
	}
	if o.MaxDuration == 0 {
		o.MaxDuration = 24 * time.Hour
	}
	return o
}

// Run states.
const (
	stateQueued   = "queued"
	stateRunning  = "running"
	stateDone     = "done"
	stateFailed   = "failed"
	stateCanceled = "cancelled"
)

// scenarioJob is one submitted scenario.
type scenarioJob struct {
	id   string
	sc   *scenarios.Scenario
	snap *engine.Snapshot

	mu        sync.Mutex
	state     string
	done      map[string]time.Duration // simulated time reached, by run
	total     time.Duration            // simulated time of all runs
	submitted time.Time
	started   time.Time
	finished  time.Time
	err       string
	res       *scenarios.Results
}

// scenarioQueue runs jobs on a fixed set of workers.
type scenarioQueue struct {
	opt   ScenarioOptions
	jobs  chan *scenarioJob
	quit  chan struct{}
	wg    sync.WaitGroup
	now   func() time.Time
	mu    sync.Mutex
	byID  map[string]*scenarioJob
	order []string // submission order, for forgetting the oldest
	seq   int
}

func newScenarioQueue(opt ScenarioOptions, now func() time.Time) *scenarioQueue {
	q := &scenarioQueue{opt: opt, jobs: make(chan *scenarioJob, opt.MaxQueued), quit: make(chan struct{}),
		now: now, byID: map[string]*scenarioJob{}}
	for i := 0; i < opt.Workers; i++ {
		q.wg.Add(1)
		go q.work()
	}
	return q
}

// errQueueFull: no room for another scenario.
var errQueueFull = errors.New("api: scenario queue full")

// submit queues a scenario; errQueueFull when MaxQueued are waiting.
func (q *scenarioQueue) submit(sc *scenarios.Scenario, snap *engine.Snapshot) (*scenarioJob, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.seq++
	j := &scenarioJob{id: strconv.Itoa(q.seq), sc: sc, snap: snap, state: stateQueued, done: map[string]time.Duration{},
		total: sc.Duration * time.Duration(1+len(sc.Variants)), submitted: q.now()}
	select {
	case q.jobs <- j:
	default:
		q.seq--
		return nil, errQueueFull
	}
	q.byID[j.id] = j
	q.order = append(q.order, j.id)
	q.forget()
	return j, nil
}

// forget drops the oldest finished jobs beyond MaxKept.
func (q *scenarioQueue) forget() {
	for len(q.order) > q.opt.MaxKept+q.opt.MaxQueued+q.opt.Workers {
		old := q.byID[q.order[0]]
		if st := old.status().State; st == stateQueued || st == stateRunning {
			return
		}
		delete(q.byID, q.order[0])
		q.order = q.order[1:]
	}
}

func (q *scenarioQueue) get(id string) *scenarioJob {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.byID[id]
}

func (q *scenarioQueue) work() {
	defer q.wg.Done()
	for {
		select {
		case <-q.quit:
			return
		case j := <-q.jobs:
			q.run(j)
		}
	}
}

// run runs one job under the timeout and the queue's life.
func (q *scenarioQueue) run(j *scenarioJob) {
	ctx, cancel := context.WithTimeout(context.Background(), q.opt.Timeout)
	defer cancel()
	go func() {
		select {
		case <-q.quit:
			cancel()
		case <-ctx.Done():
		}
	}()
	j.mu.Lock()
	j.state, j.started = stateRunning, q.now()
	j.mu.Unlock()
	res, err := scenarios.Run(ctx, j.snap, j.sc, scenarios.RunOptions{Parallel: 1, Progress: j.progress})
	j.mu.Lock()
	defer j.mu.Unlock()
	j.finished, j.res = q.now(), res
	switch {
	case err == nil:
		j.state = stateDone
	case errors.Is(err, scenarios.ErrCanceled):
		j.state, j.err = stateCanceled, "cancelled after "+q.opt.Timeout.String()+" or at shutdown; results are partial"
	default:
		j.state, j.err = stateFailed, err.Error()
	}
}

func (j *scenarioJob) progress(run string, done, _ time.Duration) {
	j.mu.Lock()
	j.done[run] = done
	j.mu.Unlock()
}

// close stops the workers, cancelling running scenarios.
func (q *scenarioQueue) close() {
	close(q.quit)
	q.wg.Wait()
}
