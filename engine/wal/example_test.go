package wal_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"twin/engine/wal"
)

func Example() {
	dir, err := os.MkdirTemp("", "wal-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	l, err := wal.Open(dir, wal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, rec := range []string{"reading g1 0.42", "move amb-3", "closure r7"} {
		lsn, err := l.AppendSync(ctx, []byte(rec)) // durable when it returns
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("acknowledged", lsn)
	}
	if err := l.Close(); err != nil {
		log.Fatal(err)
	}

	// After a restart: replay from the record after the last snapshot.
	l, err = wal.Open(dir, wal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	err = l.Replay(2, func(lsn uint64, rec []byte) error {
		fmt.Printf("replay %d: %s\n", lsn, rec)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// acknowledged 1
	// acknowledged 2
	// acknowledged 3
	// replay 2: move amb-3
	// replay 3: closure r7
}
