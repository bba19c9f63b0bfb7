// Command leakysvc is a small HTTP service that leaks memory the way the
// mapleak generator does, with net/http/pprof serving its heap profile, so
// that heapscope can fetch and watch a live Go service in tests and demos.
//
// Usage: leakysvc [-addr 127.0.0.1:0] [-every 100ms] [-ticks 600] [-rate 4096]
//
// It listens on -addr (127.0.0.1 and a free port by default), prints
// "listening on HOST:PORT" on standard output, and serves /debug/pprof/.
// An internal load loop runs -ticks times, once every -every, then stops;
// the service keeps serving until it is killed (or -exit-after passes).
//
// Each tick feeds four sites:
//   - (*Cache).Put via cacheNeverEvicts: a global map cache that never evicts;
//   - captureInClosure: a map held by a closure kept in a global slice;
//   - churnInsertDelete: a map with insert/delete churn whose bucket array
//     grows to the largest batch so far and is never shrunk;
//   - (*BoundedCache).Put via boundedCachePut: a fixed-capacity cache, the
//     control that does not leak.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

type Session struct {
	ID   string
	Data []byte
	Seen int64
}

type Cache struct{ m map[string]*Session }

//go:noinline
func (c *Cache) Put(key string, s *Session) { c.m[key] = s }

var (
	mu           sync.Mutex
	sessionCache = &Cache{m: map[string]*Session{}}
	churnMap     = map[int64][16]byte{}
	churnNext    int64
	handlers     []func() int
	lru          = NewBoundedCache(2000)
)

//go:noinline
func cacheNeverEvicts(tick, n int) {
	for i := tick * n; i < (tick+1)*n; i++ {
		k := "session-" + strconv.Itoa(i)
		sessionCache.Put(k, &Session{ID: k, Data: make([]byte, 320), Seen: int64(i)})
	}
}

//go:noinline
func churnInsertDelete(tick int) {
	peak := 500 * (tick + 1)
	start := churnNext
	for i := 0; i < peak; i++ {
		churnMap[churnNext] = [16]byte{byte(i)}
		churnNext++
	}
	for k := start; k < churnNext-4; k++ {
		delete(churnMap, k)
	}
}

//go:noinline
func captureInClosure(tick, n int) {
	m := make(map[string][]byte)
	for i := 0; i < n; i++ {
		m["req-"+strconv.Itoa(tick*1000000+i)] = make([]byte, 192)
	}
	handlers = append(handlers, func() int { return len(m) })
}

type BoundedCache struct {
	cap   int
	m     map[string][]byte
	order []string
	head  int
}

func NewBoundedCache(capacity int) *BoundedCache {
	return &BoundedCache{cap: capacity, m: make(map[string][]byte, capacity), order: make([]string, 0, capacity)}
}

//go:noinline
func (c *BoundedCache) Put(key string, v []byte) {
	if len(c.order) < c.cap {
		c.order = append(c.order, key)
	} else {
		delete(c.m, c.order[c.head])
		c.order[c.head] = key
		c.head = (c.head + 1) % c.cap
	}
	c.m[key] = v
}

var lruNext int

//go:noinline
func boundedCachePut(n int) {
	for i := 0; i < n; i++ {
		lru.Put("lru-"+strconv.Itoa(lruNext), make([]byte, 256))
		lruNext++
	}
}

// load runs the bounded load loop: ticks rounds, one every period.
func load(ticks int, period time.Duration) {
	for tick := 0; tick < ticks; tick++ {
		mu.Lock()
		cacheNeverEvicts(tick, 200)
		churnInsertDelete(tick)
		captureInClosure(tick, 150)
		boundedCachePut(300)
		mu.Unlock()
		time.Sleep(period)
	}
}

// warmUp is a throwaway allocation that makes the runtime draw its next
// sampling point at the new MemProfileRate (see Fixtures/README.md).
var warmUp []byte

//go:noinline
func initProfiling(rate int) {
	runtime.MemProfileRate = rate
	warmUp = make([]byte, 4<<20)
	warmUp = nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback; port 0 picks a free port)")
	every := flag.Duration("every", 100*time.Millisecond, "time between load ticks")
	ticks := flag.Int("ticks", 600, "load ticks to run before the load stops")
	rate := flag.Int("rate", 4096, "runtime.MemProfileRate")
	exitAfter := flag.Duration("exit-after", 10*time.Minute, "exit on its own after this long")
	flag.Parse()
	initProfiling(*rate)

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", listener.Addr())
	go load(*ticks, *every)
	time.AfterFunc(*exitAfter, func() { os.Exit(0) })
	if err := http.Serve(listener, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
