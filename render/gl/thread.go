//go:build cgo

package gl

import (
	"fmt"
	"runtime"
)

// thread runs closures on one locked OS thread, where the GL context lives.
type thread struct {
	calls chan func()
	done  chan struct{}
}

func newThread() *thread {
	t := &thread{calls: make(chan func()), done: make(chan struct{})}
	go t.loop()
	return t
}

func (t *thread) loop() {
	runtime.LockOSThread()
	defer close(t.done)
	for f := range t.calls {
		f()
	}
}

// do runs f on the thread and waits; a panic in f comes back as an error.
func (t *thread) do(f func() error) (err error) {
	res := make(chan error, 1)
	t.calls <- func() {
		defer func() {
			if r := recover(); r != nil {
				res <- fmt.Errorf("gl: panic on the GL thread: %v", r)
			}
		}()
		res <- f()
	}
	return <-res
}

// stop ends the thread after the calls already queued.
func (t *thread) stop() {
	close(t.calls)
	<-t.done
}
