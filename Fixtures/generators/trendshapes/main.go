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
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"time"
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
		write(filepath.Join(out, fmt.Sprintf("shapes-%d.pb.gz", n+1)), gzipped(data))
	}
	linear := []shape{{"main.linear", 1024, mibs(4, 8, 12), 0}}
	for n := 0; n < 3; n++ {
		write(filepath.Join(out, "notime", fmt.Sprintf("notime-%d.pb", n+1)), encode(linear, n, 0))
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
	strs := newStrings()
	var p message
	for _, st := range [][2]string{{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}} {
		var vt message
		vt.int(1, strs.id(st[0]))
		vt.int(2, strs.id(st[1]))
		p.bytes(1, vt.b)
	}
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
		var sample message
		sample.packed(1, []int64{int64(i + 2), 1})
		sample.packed(2, []int64{allocated / s.size, allocated, inuse / s.size, inuse})
		var label message
		label.int(1, strs.id("bytes"))
		label.int(3, s.size)
		sample.bytes(3, label.b)
		p.bytes(2, sample.b)
	}
	var mapping message
	mapping.int(1, 1)
	mapping.int(2, 0x400000)
	mapping.int(3, 0x800000)
	mapping.int(5, strs.id("/tmp/heapscope-fixtures/trendshapes"))
	mapping.int(7, 1)
	mapping.int(8, 1)
	mapping.int(9, 1)
	p.bytes(3, mapping.b)
	for i := range names {
		var line message
		line.int(1, int64(i+1))
		line.int(2, int64(10*(i+1)))
		var loc message
		loc.int(1, int64(i+1))
		loc.int(2, 1)
		loc.int(3, int64(0x401000+0x10*i))
		loc.bytes(4, line.b)
		p.bytes(4, loc.b)
	}
	for i, name := range names {
		var fn message
		fn.int(1, int64(i+1))
		fn.int(2, strs.id(name))
		fn.int(3, strs.id(name))
		fn.int(4, strs.id("heapscope/fixtures/trendshapes/main.go"))
		fn.int(5, int64(10*(i+1)-2))
		p.bytes(5, fn.b)
	}
	periodType := strs.id("space")
	periodUnit := strs.id("bytes")
	for _, s := range strs.list {
		p.bytes(6, []byte(s))
	}
	if timeNanos != 0 {
		p.int(9, timeNanos)
	}
	var pt message
	pt.int(1, periodType)
	pt.int(2, periodUnit)
	p.bytes(11, pt.b)
	p.int(12, 512*kib)
	return p.b
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

// message is a protobuf message being written.
type message struct{ b []byte }

func (m *message) varint(v uint64) {
	for v >= 0x80 {
		m.b = append(m.b, byte(v)|0x80)
		v >>= 7
	}
	m.b = append(m.b, byte(v))
}

func (m *message) int(field int, v int64) {
	m.varint(uint64(field) << 3)
	m.varint(uint64(v))
}

func (m *message) bytes(field int, b []byte) {
	m.varint(uint64(field)<<3 | 2)
	m.varint(uint64(len(b)))
	m.b = append(m.b, b...)
}

func (m *message) packed(field int, values []int64) {
	var inner message
	for _, v := range values {
		inner.varint(uint64(v))
	}
	m.bytes(field, inner.b)
}

// stringTable interns strings; index 0 is "".
type stringTable struct {
	list  []string
	index map[string]int64
}

func newStrings() *stringTable {
	return &stringTable{list: []string{""}, index: map[string]int64{"": 0}}
}

func (t *stringTable) id(s string) int64 {
	if i, ok := t.index[s]; ok {
		return i
	}
	t.index[s] = int64(len(t.list))
	t.list = append(t.list, s)
	return t.index[s]
}

func gzipped(data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		fail(err)
	}
	if err := w.Close(); err != nil {
		fail(err)
	}
	return buf.Bytes()
}

func write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "trendshapes:", err)
	os.Exit(1)
}
