// Command mapleak writes a series of heap profiles of a program with three
// map leaks and one bounded (non-leaking) cache.
//
// Usage: mapleak OUTDIR
//
// It runs five phases, sleeping 300ms between them, and after each phase
// writes OUTDIR/mapleak-<phase>.pb.gz (gzipped protobuf, after runtime.GC()).
//
// Leak patterns, each in its own function:
//   - cacheNeverEvicts -> (*Cache).Put: a global map used as a cache that never
//     evicts; it grows by the same number of sessions every phase.
//   - churnInsertDelete: a global map with heavy insert/delete churn. Each
//     phase inserts a larger batch than the last and deletes almost all of it;
//     the bucket array that was grown for the peak is never shrunk.
//   - captureInClosure: a map captured by a closure that is registered in a
//     global slice, so the map outlives its use.
//
// And one pattern that does not leak:
//   - boundedCachePut -> (*BoundedCache).Put: a fixed-capacity cache that
//     evicts the oldest entry; its in-use size stays flat after phase 1.
//
// Small helpers (keyFor, newSession, payload) are left inlinable on purpose so
// that pprof shows "(inline)" frames; the named leak functions are
// //go:noinline so that their names are stable.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

const phases = 5

// ---------------------------------------------------------------------------
// Pattern 1: a cache that never evicts.

type Session struct {
	ID    string
	User  string
	Data  []byte
	Seen  int64
	Flags uint32
}

type Cache struct {
	m map[string]*Session
}

// Globals are initialised in main, after runtime.MemProfileRate is set.
var sessionCache *Cache

// keyFor is small enough to be inlined into its callers.
func keyFor(prefix string, i int) string {
	return prefix + strconv.Itoa(i)
}

// newSession is small enough to be inlined; its allocations appear in
// profiles as "main.newSession (inline)".
func newSession(id string, i int) *Session {
	return &Session{ID: id, User: "user", Data: make([]byte, 320), Seen: int64(i)}
}

//go:noinline
func (c *Cache) Put(key string, s *Session) {
	c.m[key] = s
}

//go:noinline
func cacheNeverEvicts(phase, n int) {
	base := (phase - 1) * n
	for i := base; i < base+n; i++ {
		k := keyFor("session-", i)
		sessionCache.Put(k, newSession(k, i))
	}
}

// ---------------------------------------------------------------------------
// Pattern 2: insert/delete churn; the map's buckets are never released.

type churnValue [16]byte

var churnMap map[int64]churnValue
var churnNext int64

//go:noinline
func churnInsertDelete(phase int) {
	peak := 8000 << (phase - 1) // 8000, 16000, 32000, 64000, 128000
	start := churnNext
	for i := 0; i < peak; i++ {
		var v churnValue
		v[0] = byte(i)
		churnMap[churnNext] = v
		churnNext++
	}
	// Delete everything but the last 16 keys of this batch.
	for k := start; k < churnNext-16; k++ {
		delete(churnMap, k)
	}
}

// ---------------------------------------------------------------------------
// Pattern 3: a map captured by a closure that outlives its use.

var handlers []func() int

// payload is small enough to be inlined.
func payload(n int) []byte {
	return make([]byte, n)
}

//go:noinline
func captureInClosure(phase, n int) {
	m := make(map[string][]byte)
	fill := func(i int) {
		m[keyFor("req-", phase*1000000+i)] = payload(192)
	}
	for i := 0; i < n; i++ {
		fill(i)
	}
	// The work is done, but the closure (and with it m) stays reachable.
	handlers = append(handlers, func() int { return len(m) })
}

// ---------------------------------------------------------------------------
// Pattern 4 (no leak): a bounded cache with a fixed capacity.

type BoundedCache struct {
	cap   int
	m     map[string][]byte
	order []string // ring of keys, oldest at head
	head  int
}

func NewBoundedCache(capacity int) *BoundedCache {
	return &BoundedCache{
		cap:   capacity,
		m:     make(map[string][]byte, capacity),
		order: make([]string, 0, capacity),
	}
}

//go:noinline
func (c *BoundedCache) Put(key string, v []byte) {
	if _, ok := c.m[key]; ok {
		c.m[key] = v
		return
	}
	if len(c.order) < c.cap {
		c.order = append(c.order, key)
	} else {
		delete(c.m, c.order[c.head])
		c.order[c.head] = key
		c.head = (c.head + 1) % c.cap
	}
	c.m[key] = v
}

var lru *BoundedCache
var lruNext int

//go:noinline
func boundedCachePut(n int) {
	for i := 0; i < n; i++ {
		lru.Put(keyFor("lru-", lruNext), payload(256))
		lruNext++
	}
}

// ---------------------------------------------------------------------------

func writeHeap(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
	initProfiling(4096)

	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mapleak OUTDIR")
		os.Exit(2)
	}
	outDir := os.Args[1]

	sessionCache = &Cache{m: make(map[string]*Session)}
	churnMap = make(map[int64]churnValue)
	lru = NewBoundedCache(4000)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	for phase := 1; phase <= phases; phase++ {
		cacheNeverEvicts(phase, 6000)
		churnInsertDelete(phase)
		captureInClosure(phase, 5000)
		boundedCachePut(6000)

		path := filepath.Join(outDir, fmt.Sprintf("mapleak-%d.pb.gz", phase))
		if err := writeHeap(path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if phase < phases {
			time.Sleep(300 * time.Millisecond)
		}
	}
	// Keep everything reachable until the last profile was written.
	runtime.KeepAlive(sessionCache)
	runtime.KeepAlive(handlers)
	runtime.KeepAlive(lru)
}
