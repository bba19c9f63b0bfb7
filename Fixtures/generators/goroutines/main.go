// Command goroutines writes Go's count profiles as legacy text (debug=1):
// the goroutine profile (`goroutine profile: total N`) and the
// threadcreate profile (`threadcreate profile: total N`).
//
// Usage: goroutines GOROUTINE_OUT THREADCREATE_OUT
//
// Goroutines park in three places: 5 wait on a channel in waitForWork,
// 3 on a mutex in lockAndWait (one level deeper, through inlined
// holdLock), 2 in sleeper; one more runs with pprof labels, so the text
// holds a `# labels:` line.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"

	"heapscope/fixtures/internal/profilefile"
)

var (
	work    = make(chan int)
	blocked sync.Mutex
	started sync.WaitGroup
)

//go:noinline
func waitForWork() {
	started.Done()
	<-work
}

func holdLock() {
	blocked.Lock()
	blocked.Unlock()
}

//go:noinline
func lockAndWait() {
	started.Done()
	holdLock()
}

//go:noinline
func sleeper() {
	started.Done()
	time.Sleep(time.Hour)
}

//go:noinline
func labelled() {
	pprof.Do(context.Background(), pprof.Labels("role", "worker"), func(context.Context) {
		started.Done()
		<-work
	})
}

func write(name, path string) {
	if err := profilefile.Write(name, path, 1); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: goroutines GOROUTINE_OUT THREADCREATE_OUT")
		os.Exit(2)
	}
	blocked.Lock()
	for _, group := range []struct {
		n  int
		fn func()
	}{{5, waitForWork}, {3, lockAndWait}, {2, sleeper}, {1, labelled}} {
		for i := 0; i < group.n; i++ {
			started.Add(1)
			go group.fn()
		}
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond) // let every goroutine park
	write("goroutine", os.Args[1])
	write("threadcreate", os.Args[2])
}
