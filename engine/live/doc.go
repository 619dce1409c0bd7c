// Package live is the live path of the twin: deltas in, durably, and out to
// subscribers.
//
// A Store owns a World's changes after its initial load. Ingest validates a
// batch against the World, applies it atomically (a new snapshot, so queries
// see it), appends it to the write-ahead log and returns once the log is
// fsynced: an acknowledged batch survives a crash. Batches are numbered by
// their log sequence number, the live version, which stays the same across
// restarts; subscribers resume from it.
//
// Restart is: load the base data, Open the Store, which restores the latest
// checkpoint (a compacted set of deltas, one or two per changed feature) and
// replays the log after it. Checkpoints are written every CheckpointEvery
// batches; the log before them is then dropped.
//
// Subscribers receive batches in version order once they are durable. A
// subscriber that falls more than its buffer behind is cut off with a
// resync marker: it should fetch the current state and subscribe again, so a
// slow consumer never blocks ingest.
//
// A Store is safe for concurrent use. Batches are applied one at a time in
// the order their Ingest calls take the store's lock; fsyncs are shared
// between concurrent batches (group commit).
package live
