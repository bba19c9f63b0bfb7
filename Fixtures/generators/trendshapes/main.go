// Command trendshapes writes synthetic heap profiles with known shapes for
// `heapscope trend`, hand-encoding profile.proto (no runtime sampling, so the
// values are exact and the output is the same on every run).
//
// Usage: trendshapes OUTDIR
//
// It writes:
//   - OUTDIR/shapes-<n>.pb.gz, n = 1..6: six snapshots taken 10 minutes apart
//     (time_nanos 2026-01-01T00:00:00Z + (n-1)*10m). Every function below is
//     a leaf called from main.main, allocating blocks of its own size (the
//     numeric `bytes` label). inuse_space per snapshot, in MiB:
//     main.linear      4  8 12 16 20 24          growing
//     main.step        4  4  8  8 16 16          growing (map buckets doubling)
//     main.sawtooth    4 12  4 12  4 12          fluctuating
//     main.shrinking  24 20 16 12  8  4          shrinking
//     main.appearing   0  0  0  8  8  8          new
//     main.vanishing   8  8  8  0  0  0          gone
//     main.steady     16 MiB + {0,+64,-64,+32,0,-32} KiB   stable
//     main.tiny       64 KiB more every snapshot (64..384 KiB): under the noise floor, stable
//     alloc_space is the inuse value plus what was allocated and freed: zero
//     for the leaks, 40 MiB per snapshot for main.sawtooth (churn).
//     period_type space/bytes, period 524288 (Go's default MemProfileRate).
//   - OUTDIR/notime/notime-<n>.pb, n = 1..3: raw (not gzipped) protobuf
//     without time_nanos; main.linear holds 4, 8, 12 MiB. (A subdirectory, so
//     that `heapscope trend OUTDIR` reads the six shapes only.)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"heapscope/fixtures/internal/pbwire"
)

const (
	mib = 1 << 20
	kib = 1 << 10
)

type shape struct {
	name  string
	size  int64   // block size: the `bytes` label
	inuse []int64 // inuse_space per snapshot
	churn int64   // bytes allocated and freed per snapshot
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: trendshapes OUTDIR")
		os.Exit(2)
	}
	out := os.Args[1]
	if err := os.MkdirAll(filepath.Join(out, "notime"), 0o755); err != nil {
		fail(err)
	}
	steady := []int64{0, 64 * kib, -64 * kib, 32 * kib, 0, -32 * kib}
	shapes := []shape{
		{"main.linear", 1024, mibs(4, 8, 12, 16, 20, 24), 0},
		{"main.step", 4096, mibs(4, 4, 8, 8, 16, 16), 0},
		{"main.sawtooth", 512, mibs(4, 12, 4, 12, 4, 12), 40 * mib},
		{"main.shrinking", 2048, mibs(24, 20, 16, 12, 8, 4), 0},
		{"main.appearing", 256, mibs(0, 0, 0, 8, 8, 8), 0},
		{"main.vanishing", 8192, mibs(8, 8, 8, 0, 0, 0), 0},
		{"main.steady", 128, nil, 0},
		{"main.tiny", 64, nil, 0},
	}
	for i := range steady {
		shapes[6].inuse = append(shapes[6].inuse, 16*mib+steady[i])
		shapes[7].inuse = append(shapes[7].inuse, int64(i+1)*64*kib)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for n := 0; n < 6; n++ {
		data := encode(shapes, n, start.Add(time.Duration(n)*10*time.Minute).UnixNano())
		write(filepath.Join(out, fmt.Sprintf("shapes-%d.pb.gz", n+1)), data, true)
	}
	linear := []shape{{"main.linear", 1024, mibs(4, 8, 12), 0}}
	for n := 0; n < 3; n++ {
		write(filepath.Join(out, "notime", fmt.Sprintf("notime-%d.pb", n+1)), encode(linear, n, 0), false)
	}
}

func mibs(values ...int64) []int64 {
	for i := range values {
		values[i] *= mib
	}
	return values
}

// encode writes snapshot n of the shapes as a profile.proto message.
func encode(shapes []shape, n int, timeNanos int64) []byte {
	strs := pbwire.NewStrings()
	var p pbwire.Message
	pbwire.HeapSampleTypes(&p, strs)
	// Function and location 1 is main.main; shape i is function/location i+2.
	names := []string{"main.main"}
	for _, s := range shapes {
		names = append(names, s.name)
	}
	for i, s := range shapes {
		inuse := s.inuse[n]
		if inuse == 0 {
			continue
		}
		var allocated int64
		for k := 0; k <= n; k++ {
			allocated += s.churn
		}
		allocated += maxUpTo(s.inuse, n)
		values := []int64{allocated / s.size, allocated, inuse / s.size, inuse}
		sample := pbwire.Sample([]uint64{uint64(i + 2), 1}, values, pbwire.NumLabel(strs, "bytes", s.size))
		p.Embed(pbwire.ProfileSample, sample)
	}
	p.Embed(pbwire.ProfileMapping, pbwire.Mapping(strs, 1, 0x400000, 0x800000, "/tmp/heapscope-fixtures/trendshapes"))
	for i := range names {
		id := uint64(i + 1)
		p.Embed(pbwire.ProfileLocation, pbwire.Location(id, 1, uint64(0x401000+0x10*i), id, int64(10*(i+1))))
	}
	for i, name := range names {
		fn := pbwire.Function(strs, uint64(i+1), name, "heapscope/fixtures/trendshapes/main.go", int64(10*(i+1)-2))
		p.Embed(pbwire.ProfileFunction, fn)
	}
	// The period type's strings go into the table; the message itself is
	// written after time_nanos.
	periodType := pbwire.ValueType(strs, "space", "bytes")
	strs.AppendTable(&p, pbwire.ProfileStringTable)
	if timeNanos != 0 {
		p.Int(pbwire.ProfileTimeNanos, timeNanos)
	}
	p.Embed(pbwire.ProfilePeriodType, periodType)
	p.Int(pbwire.ProfilePeriod, 512*kib)
	return p.Encoded()
}

// maxUpTo is the largest value of v[0...n]: what a leak allocated so far.
func maxUpTo(v []int64, n int) int64 {
	var m int64
	for _, x := range v[:n+1] {
		if x > m {
			m = x
		}
	}
	return m
}

func write(path string, data []byte, gz bool) {
	if err := pbwire.WriteFile(path, data, gz); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "trendshapes:", err)
	os.Exit(1)
}
