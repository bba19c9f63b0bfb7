// Command contention writes Go's mutex profile twice, back to back once
// every goroutine has stopped: as profile.proto (debug=0) and as the legacy
// contention text (debug=1, `--- mutex:`).
//
// Usage: contention PROTO_OUT TEXT_OUT
//
// Workers contend on two mutexes: lockedAppend holds one while it appends,
// slowPath holds the other across a short sleep.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"heapscope/fixtures/internal/profilefile"
)

var (
	listMu sync.Mutex
	list   []int
	slowMu sync.Mutex
)

//go:noinline
func lockedAppend(v int) {
	listMu.Lock()
	list = append(list, v)
	for i := 0; i < 200; i++ {
		list[len(list)-1] += i
	}
	listMu.Unlock()
}

//go:noinline
func slowPath() {
	slowMu.Lock()
	time.Sleep(200 * time.Microsecond)
	slowMu.Unlock()
}

func write(path string, debugLevel int) {
	if err := profilefile.Write("mutex", path, debugLevel); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: contention PROTO_OUT TEXT_OUT")
		os.Exit(2)
	}
	runtime.SetMutexProfileFraction(1)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				lockedAppend(w * i)
				if i%50 == 0 {
					slowPath()
				}
			}
		}(w)
	}
	wg.Wait()
	write(os.Args[1], 0)
	write(os.Args[2], 1)
}
