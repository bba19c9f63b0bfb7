// Command recursive writes a heap profile whose stacks contain the same
// function several times, to test that cumulative values count a sample
// only once per function even when it recurses.
//
// Usage: recursive OUT
//
// Patterns:
//   - descend: direct recursion to depth 12, allocating at every third depth
//     (directly in descend, and via the inlinable helper levelBuf).
//   - ping / pong: mutual recursion; ping allocates on even n, pong on
//     multiples of 3.
//   - buildTree: a recursive binary-tree builder that allocates a node at
//     every level (newNode is inlined).
//
// All results are retained in globals, so inuse equals alloc for these
// functions (modulo sampling).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

var (
	keptLevels [][]byte
	keptPing   [][]byte
	keptTrees  []*Node
)

const maxDepth = 12

// levelBuf is small and gets inlined into descend.
func levelBuf(depth int) []byte {
	return make([]byte, 96+depth*32)
}

//go:noinline
func descend(depth int) {
	if depth%3 == 0 {
		// Allocation attributed to descend itself.
		b := make([]byte, 256+depth*16)
		keptLevels = append(keptLevels, b)
	}
	if depth%4 == 1 {
		// Allocation attributed to the inlined helper.
		keptLevels = append(keptLevels, levelBuf(depth))
	}
	if depth < maxDepth {
		descend(depth + 1)
	}
}

//go:noinline
func ping(n int) {
	if n <= 0 {
		return
	}
	if n%2 == 0 {
		keptPing = append(keptPing, make([]byte, 200+n*8))
	}
	pong(n - 1)
}

//go:noinline
func pong(n int) {
	if n <= 0 {
		return
	}
	if n%3 == 0 {
		keptPing = append(keptPing, make([]byte, 300+n*8))
	}
	ping(n - 1)
}

type Node struct {
	Left, Right *Node
	Depth       int
	Payload     [48]byte
}

// newNode is small and gets inlined into buildTree.
func newNode(depth int) *Node {
	return &Node{Depth: depth}
}

//go:noinline
func buildTree(depth int) *Node {
	n := newNode(depth)
	if depth > 0 {
		n.Left = buildTree(depth - 1)
		n.Right = buildTree(depth - 1)
	}
	return n
}

// warmUp is a throwaway allocation; see initProfiling.
var warmUp []byte

// initProfiling sets runtime.MemProfileRate so that every later allocation is
// sampled at the new rate. Setting the variable alone is not enough: each P's
// allocation cache keeps the next sampling point it drew at start-up with the
// default rate (512 KiB), so a large allocation made soon after could go
// unsampled. Running on a single P and making one big allocation (which is
// sampled and redraws the next sampling point at the new rate) fixes that.
// The warm-up shows up in alloc_* as main.initProfiling, with inuse 0.
//
//go:noinline
func initProfiling(rate int) {
	runtime.MemProfileRate = rate
	runtime.GOMAXPROCS(1)
	warmUp = make([]byte, 4<<20)
	warmUp = nil
}

func main() {
	initProfiling(512)

	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: recursive OUT")
		os.Exit(2)
	}

	for i := 0; i < 1600; i++ {
		descend(0)
	}
	for i := 0; i < 1200; i++ {
		ping(16)
	}
	for i := 0; i < 24; i++ {
		keptTrees = append(keptTrees, buildTree(9))
	}

	runtime.GC()
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runtime.KeepAlive(keptLevels)
	runtime.KeepAlive(keptPing)
	runtime.KeepAlive(keptTrees)
}
