// Command labels writes a CPU profile of about one second of busy work
// done under pprof.Do labels, so that its samples carry string labels
// (`worker`: hash or sort, `phase`: warm or hot). heapscope uses it to test
// --tag-focus and --tag-ignore on string labels, which Go heap profiles never
// carry.
//
// Usage: labels OUT
package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"time"
)

var sink uint64

//go:noinline
func hashWork(deadline time.Time) {
	var sum [32]byte
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			sum = sha256.Sum256(sum[:])
		}
	}
	sink += uint64(sum[0])
}

//go:noinline
func sortWork(deadline time.Time) {
	values := make([]int, 4096)
	for time.Now().Before(deadline) {
		for i := range values {
			values[i] = (i * 7919) % 4096
		}
		sort.Ints(values)
	}
	sink += uint64(values[0])
}

// run does each kind of work under its labels for the given time.
func run(phase string, each time.Duration) {
	ctx := context.Background()
	pprof.Do(ctx, pprof.Labels("worker", "hash", "phase", phase), func(context.Context) {
		hashWork(time.Now().Add(each))
	})
	pprof.Do(ctx, pprof.Labels("worker", "sort", "phase", phase), func(context.Context) {
		sortWork(time.Now().Add(each))
	})
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: labels OUT")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	run("warm", 200*time.Millisecond)
	run("hot", 300*time.Millisecond)
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
