package live

import (
	"context"
	"sync"
)

// recordLog is the write-ahead log the Store needs; *wal.Log implements it,
// and memLog is its in-memory stand-in for a Store without a data directory.
type recordLog interface {
	Append(rec []byte) (lsn uint64, err error)
	Sync(ctx context.Context, lsn uint64) error
	Replay(from uint64, fn func(lsn uint64, rec []byte) error) error
	Truncate(before uint64) error
	LastLSN() uint64
	Close() error
}

// memLog numbers records but keeps none: without a data directory nothing
// survives a restart, and nothing needs replaying.
type memLog struct {
	mu  sync.Mutex
	lsn uint64
}

func (m *memLog) Append([]byte) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lsn++
	return m.lsn, nil
}
func (m *memLog) Sync(context.Context, uint64) error { return nil }
func (m *memLog) Replay(uint64, func(uint64, []byte) error) error {
	return nil
}
func (m *memLog) Truncate(uint64) error { return nil }
func (m *memLog) LastLSN() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lsn
}
func (m *memLog) Close() error { return nil }
