// Command cpu writes a CPU profile (not a heap profile) of about one second
// of busy work. heapscope uses it to test the error for a profile that has
// no heap sample types.
//
// Usage: cpu OUT
package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"time"
)

var sink uint64

//go:noinline
func hashLoop(deadline time.Time) {
	var sum [32]byte
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			sum = sha256.Sum256(sum[:])
		}
	}
	sink += uint64(sum[0])
}

//go:noinline
func sortLoop(deadline time.Time) {
	xs := make([]int, 4096)
	for time.Now().Before(deadline) {
		for i := range xs {
			xs[i] = (i * 7919) % 4096
		}
		sort.Ints(xs)
	}
	sink += uint64(xs[0])
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: cpu OUT")
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
	start := time.Now()
	hashLoop(start.Add(600 * time.Millisecond))
	sortLoop(start.Add(1100 * time.Millisecond))
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
