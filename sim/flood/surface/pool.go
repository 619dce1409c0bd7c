package surface

import "sync"

// pool is a fixed set of goroutines that run one phase of a step on their
// bands. The caller's goroutine runs band 0 itself, so a pool of one worker
// starts no goroutine. Dispatch sends on buffered channels and waits on a
// WaitGroup: nothing is allocated per step.
type pool struct {
	cmds []chan int // to workers 1..n−1
	wg   sync.WaitGroup
	run  func(phase, band int)
	once sync.Once
}

// newPool starts workers−1 goroutines; run(phase, band) does the work.
func newPool(workers int, run func(phase, band int)) *pool {
	p := &pool{run: run, cmds: make([]chan int, workers-1)}
	for i := range p.cmds {
		ch := make(chan int, 1)
		p.cmds[i] = ch
		go func(band int) {
			for ph := range ch {
				p.run(ph, band)
				p.wg.Done()
			}
		}(i + 1)
	}
	return p
}

// do runs phase on every band and returns when all are done.
func (p *pool) do(phase int) {
	p.wg.Add(len(p.cmds))
	for _, ch := range p.cmds {
		ch <- phase
	}
	p.run(phase, 0)
	p.wg.Wait()
}

// stop ends the goroutines; safe to call more than once.
func (p *pool) stop() {
	p.once.Do(func() {
		for _, ch := range p.cmds {
			close(ch)
		}
	})
}
