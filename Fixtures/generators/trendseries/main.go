// Command trendseries writes a long series of heap profiles of one memory
// pattern, at Go's default MemProfileRate (512 KiB), for the verdict tests of
// `heapscope trend`: five leaks and five patterns that do not leak.
//
// Usage: trendseries -mode MODE [-seed N] [-n SNAPSHOTS] [-warm N] -out DIR
//
// Each round does the pattern's work and a little request garbage
// (main.requestScratch, so no two snapshots are identical), then runs
// runtime.GC() and writes DIR/MODE-SEED-RRRR.pb.gz. The seed drives every
// random choice. The allocation site of each pattern is its own
// //go:noinline function, named after the mode:
//
// Leaks (the site must come out growing):
//   - linear:    main.leakLinear keeps 200 new 1 KiB buffers a round.
//   - step:      main.leakStepMap inserts into a map so that its bucket array
//     doubles every n/7 rounds: flat stretches between doublings.
//   - evacuate:  main.leakEvacuatingMap grows a map slowly, so that the old
//     bucket array is still held for a few rounds after each doubling and
//     then freed at once: a climb with dips.
//   - closure:   main.leakClosure.func1 fills a map captured by a closure
//     kept in a global.
//   - slowleak:  main.leakSlow keeps 160 KiB a round (at most 0.5% of the
//     heap) while main.noisyPool holds 32 to 48 MiB, a new random amount
//     every round (±20% of the heap).
//
// Controls (the site must not come out growing):
//   - ttl:        main.ttlCachePut: entries live 5 to 15 rounds; the cache is
//     warmed up before the first snapshot (steady state).
//   - sawtooth:   main.sawtoothFill fills a map that is dropped and rebuilt
//     every 3 to 8 rounds.
//   - ring:       main.ringPut writes into a ring of 4000 slots (2 KiB each),
//     filled in the first rounds, then overwritten.
//   - bigbuffers: main.holdBigBuffer holds 4 MiB buffers, 0 to 2 new ones a
//     round, each for 1 to 10 rounds.
//   - warmcache:  main.warmCachePut fills a cache during the first third of
//     the series, then only reads it.
//
// -warm N runs N rounds before the first snapshot (default: the mode's own,
// 15 for ttl, else 0).
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var (
	rng     *rand.Rand
	rounds  int
	scratch [][]byte
)

func main() {
	mode := flag.String("mode", "", "the pattern: linear, step, evacuate, closure, slowleak, ttl, sawtooth, ring, bigbuffers, warmcache")
	seed := flag.Int64("seed", 1, "seed of every random choice")
	n := flag.Int("n", 100, "number of snapshots")
	warm := flag.Int("warm", -1, "rounds before the first snapshot (-1: the mode's default)")
	out := flag.String("out", "", "output directory")
	flag.Parse()
	step, ok := patterns[*mode]
	if !ok || *out == "" || *n < 2 {
		fmt.Fprintln(os.Stderr, "usage: trendseries -mode MODE [-seed N] [-n SNAPSHOTS] [-warm N] -out DIR")
		os.Exit(2)
	}
	rng = rand.New(rand.NewSource(*seed))
	rounds = *n
	growth = pow2(6 / float64(*n))
	if *warm < 0 {
		*warm = 0
		if *mode == "ttl" {
			*warm = 15
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for round := -*warm; round < *n; round++ {
		requestScratch()
		step(round)
		if round < 0 {
			continue
		}
		runtime.GC()
		name := filepath.Join(*out, fmt.Sprintf("%s-%d-%04d.pb.gz", *mode, *seed, round+1))
		if err := write(name); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func write(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var patterns = map[string]func(round int){
	"linear": leakLinear, "step": leakStepMap, "evacuate": leakEvacuatingMap, "closure": closureRound,
	"slowleak": slowLeakRound, "ttl": ttlCachePut, "sawtooth": sawtoothFill, "ring": ringRound,
	"bigbuffers": bigBufferRound, "warmcache": warmCachePut,
}

// requestScratch is the garbage of serving requests: freed by the next GC.
//
//go:noinline
func requestScratch() {
	scratch = scratch[:0]
	for i := 0; i < 64+rng.Intn(64); i++ {
		scratch = append(scratch, make([]byte, 4096))
	}
}

// ---- leaks

var linearKept [][]byte

//go:noinline
func leakLinear(round int) {
	for i := 0; i < 200; i++ {
		linearKept = append(linearKept, make([]byte, 1024))
	}
}

type entry32 [32]byte

var stepMap = map[int]entry32{}

// leakStepMap grows the map to 2048·6.5·2^(round/period) entries: its
// bucket array doubles every period rounds.
//
//go:noinline
func leakStepMap(round int) {
	period := float64(rounds) / 7
	target := int(2048 * 6 * pow2(float64(round)/period))
	for len(stepMap) < target {
		stepMap[len(stepMap)] = entry32{}
	}
}

var evacMap = map[int]entry32{}
var growth float64

// leakEvacuatingMap grows the map by the same factor every round, so that
// it doubles six times over the series; the few inserts a round move the old
// buckets over several rounds.
//
//go:noinline
func leakEvacuatingMap(round int) {
	target := int(float64(len(evacMap)) * growth)
	if target < 10000 {
		target = 10000
	}
	for i := len(evacMap); i < target; i++ {
		evacMap[i] = entry32{}
	}
}

var closureAdd func(int)

// leakClosure returns a function that fills a map it captures.
//
//go:noinline
func leakClosure() func(int) {
	held := map[int][]byte{}
	return func(i int) {
		held[i] = make([]byte, 512)
	}
}

func closureRound(round int) {
	if closureAdd == nil {
		closureAdd = leakClosure()
	}
	for i := 0; i < 300; i++ {
		closureAdd(round*300 + i)
	}
}

var slowKept [][]byte
var pool [][]byte

//go:noinline
func leakSlow() {
	for i := 0; i < 160; i++ {
		slowKept = append(slowKept, make([]byte, 1024))
	}
}

// noisyPool holds a new random 32 to 48 MiB in 64 KiB buffers.
//
//go:noinline
func noisyPool() {
	pool = pool[:0]
	for i := 0; i < 512+rng.Intn(257); i++ {
		pool = append(pool, make([]byte, 64<<10))
	}
}

func slowLeakRound(round int) {
	noisyPool()
	leakSlow()
}

// ---- controls

type ttlEntry struct {
	data    []byte
	expires int
}

var ttlCache = map[int]ttlEntry{}
var ttlNext int

//go:noinline
func ttlCachePut(round int) {
	for k, e := range ttlCache {
		if e.expires <= round {
			delete(ttlCache, k)
		}
	}
	for i := 0; i < 2000; i++ {
		ttlCache[ttlNext] = ttlEntry{data: make([]byte, 1024), expires: round + 5 + rng.Intn(11)}
		ttlNext++
	}
}

var sawMap map[int][]byte
var sawLeft int

//go:noinline
func sawtoothFill(round int) {
	if sawLeft == 0 {
		sawMap = map[int][]byte{}
		sawLeft = 3 + rng.Intn(6)
	}
	sawLeft--
	base := len(sawMap)
	for i := 0; i < 3000; i++ {
		sawMap[base+i] = make([]byte, 1024)
	}
}

var ring [4000][]byte
var ringAt int

//go:noinline
func ringPut() {
	ring[ringAt%len(ring)] = make([]byte, 2048)
	ringAt++
}

func ringRound(round int) {
	for i := 0; i < 500; i++ {
		ringPut()
	}
}

type bigBuffer struct {
	data []byte
	left int
}

var bigBuffers []bigBuffer

//go:noinline
func holdBigBuffer() []byte { return make([]byte, 4<<20) }

func bigBufferRound(round int) {
	kept := bigBuffers[:0]
	for _, b := range bigBuffers {
		if b.left--; b.left > 0 {
			kept = append(kept, b)
		}
	}
	for i := len(kept); i < len(bigBuffers); i++ {
		bigBuffers[i] = bigBuffer{} // drop the reference, or the buffer stays reachable
	}
	bigBuffers = kept
	for i := rng.Intn(3); i > 0; i-- {
		bigBuffers = append(bigBuffers, bigBuffer{data: holdBigBuffer(), left: 1 + rng.Intn(10)})
	}
}

var warmCache = map[int][]byte{}
var warmSink int

//go:noinline
func warmCachePut(round int) {
	warmUntil := rounds / 3
	if round < warmUntil {
		// Fast at first, slowing down as the cache fills: 20000 entries in all.
		want := 20000 - 20000*(warmUntil-round-1)*(warmUntil-round-1)/(warmUntil*warmUntil)
		for i := len(warmCache); i < want; i++ {
			warmCache[i] = make([]byte, 1024)
		}
		return
	}
	for i := 0; i < 1000; i++ {
		warmSink += len(warmCache[rng.Intn(20000)])
	}
}

func pow2(x float64) float64 {
	result := 1.0
	for ; x >= 1; x-- {
		result *= 2
	}
	// 2^x for the fraction, by a short series around 0.
	ln2 := 0.6931471805599453
	y := x * ln2
	return result * (1 + y + y*y/2 + y*y*y/6 + y*y*y*y/24)
}
