// Command legacyheap writes the same heap profile twice, back to back with
// no GC in between: once as profile.proto (debug=0) and once as the legacy
// text format that /debug/pprof/heap?debug=1 serves. Both show the records
// of the last completed GC cycle, so heapscope's function-level views of the
// text must equal those of the protobuf.
//
// Usage: legacyheap PROTO_OUT TEXT_OUT
//
// Patterns:
//   - retain: named leaves (retainSmall, retainLarge) and an inlined helper
//     (makeRecord), all kept in globals, plus garbage (churn) that shows only
//     in alloc_*.
//   - deep: a recursion 40 frames deep that allocates at the bottom, so its
//     stacks are cut at the runtime's depth limit (32 frames in Go 1.19).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"heapscope/fixtures/internal/profilefile"
)

var (
	keptSmall [][]byte
	keptLarge [][]byte
	keptRecs  []*record
	keptDeep  [][]byte
	sink      []byte
)

type record struct {
	ID      int
	Payload [120]byte
}

// makeRecord is small and gets inlined into retainRecords.
func makeRecord(id int) *record {
	return &record{ID: id}
}

//go:noinline
func retainSmall(n int) {
	for i := 0; i < n; i++ {
		keptSmall = append(keptSmall, make([]byte, 64+i%64))
	}
}

//go:noinline
func retainLarge(n int) {
	for i := 0; i < n; i++ {
		keptLarge = append(keptLarge, make([]byte, 48<<10))
	}
}

//go:noinline
func retainRecords(n int) {
	for i := 0; i < n; i++ {
		keptRecs = append(keptRecs, makeRecord(i))
	}
}

//go:noinline
func churn(n int) {
	for i := 0; i < n; i++ {
		sink = make([]byte, 1024+i%512)
	}
}

//go:noinline
func deep(depth int) {
	if depth == 0 {
		keptDeep = append(keptDeep, make([]byte, 2048))
		return
	}
	deep(depth - 1)
}

// warmUp is a throwaway allocation; see initProfiling.
var warmUp []byte

// initProfiling sets runtime.MemProfileRate; see the mapleak generator.
//
//go:noinline
func initProfiling(rate int) {
	runtime.MemProfileRate = rate
	runtime.GOMAXPROCS(1)
	warmUp = make([]byte, 4<<20)
	warmUp = nil
}

func write(path string, debugLevel int) {
	if err := profilefile.Write("heap", path, debugLevel); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	initProfiling(2048)
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: legacyheap PROTO_OUT TEXT_OUT")
		os.Exit(2)
	}
	retainSmall(20000)
	retainLarge(200)
	retainRecords(8000)
	churn(20000)
	for i := 0; i < 300; i++ {
		deep(40)
	}

	// The heap profile shows the records as of the last completed GC.
	// With the collector off from here on, both writes see the same records.
	runtime.GC()
	debug.SetGCPercent(-1)
	write(os.Args[1], 0)
	write(os.Args[2], 1)

	runtime.KeepAlive(keptSmall)
	runtime.KeepAlive(keptLarge)
	runtime.KeepAlive(keptRecs)
	runtime.KeepAlive(keptDeep)
}
