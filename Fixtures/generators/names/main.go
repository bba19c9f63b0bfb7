// Command names encodes small heap profiles by hand (through
// internal/pbwire) for pprof's naming rules and a diff corner case.
//
// Usage: names OUTDIR
//
//   - OUTDIR/names.pb.gz: functions whose names look like demangled C++
//     (simplified by pprof), the exempt Java and Go generic-method forms, Go
//     generic shape names, a function with only a system name, one already
//     demangled (name differs from system name), and names holding invalid
//     UTF-8 bytes. runtime.main -> main.main -> each of them.
//   - OUTDIR/zero-base.pb.gz, OUTDIR/zero-new.pb.gz: main.main calls
//     main.same (equal in both, so 0 with -diff_base) and main.grow.
//
// The output is identical on every run.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"heapscope/fixtures/internal/pbwire"
)

// leaf is one function under main.main: its name and system name.
type leaf struct{ name, system string }

var leaves = []leaf{
	{"std::vector<int, std::allocator<int> >::push_back(int const&)", ""},
	{"Foo::Bar(int) const", ""},
	{"ns::Outer<ns::Inner<char> >::method()", ""},
	{"unbalanced::f(int))", ""},
	{"java.util.HashMap.<init>", ""},
	{"main.(*List[go.shape.int_0]).Push", ""},
	{"main.Map[go.shape.func(int) string]", ""},
	{"main.Keys[go.shape.struct { X int }]", ""},
	{"", "OnlySystem::name(long)"},
	{"Already::demangled(int)", "_ZN7Already9demangledEi"},
	{"main.bad\xffname", ""},
	{"main.half\xe2\x82rune", ""},
}

func function(strs *pbwire.Strings, id uint64, l leaf) *pbwire.Message {
	system := l.system
	if system == "" {
		system = l.name
	}
	var f pbwire.Message
	f.Uint(1, id)
	f.Int(2, strs.ID(l.name))
	f.Int(3, strs.ID(system))
	f.Int(4, strs.ID(fmt.Sprintf("src/file%d.cc", id)))
	f.Int(5, int64(id*10))
	return &f
}

// stack is a sample: location ids leaf first, and its inuse bytes.
type stack struct {
	ids   []uint64
	bytes int64
}

func write(path string, names []leaf, samples []stack) {
	strs := pbwire.NewStrings()
	var p pbwire.Message
	pbwire.HeapSampleTypes(&p, strs)
	for _, s := range samples {
		values := []int64{s.bytes / 64, s.bytes, s.bytes / 64, s.bytes}
		p.Embed(pbwire.ProfileSample, pbwire.Sample(s.ids, values, pbwire.NumLabel(strs, "bytes", 64)))
	}
	p.Embed(pbwire.ProfileMapping, pbwire.Mapping(strs, 1, 0x400000, 0x800000, "/tmp/names"))
	for i := range names {
		id := uint64(i + 1)
		p.Embed(pbwire.ProfileLocation, pbwire.Location(id, 1, uint64(0x401000+16*i), id, int64(10*i+3)))
	}
	for i, l := range names {
		p.Embed(pbwire.ProfileFunction, function(strs, uint64(i+1), l))
	}
	p.Embed(pbwire.ProfilePeriodType, pbwire.ValueType(strs, "space", "bytes"))
	p.Int(pbwire.ProfilePeriod, 512*1024)
	p.Int(pbwire.ProfileTimeNanos, 1700000000000000000)
	strs.AppendTable(&p, pbwire.ProfileStringTable)
	if err := pbwire.WriteFile(path, p.Encoded(), true); err != nil {
		fmt.Fprintln(os.Stderr, "names:", err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: names OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]

	names := append([]leaf{{"runtime.main", ""}, {"main.main", ""}}, leaves...)
	var samples []stack
	for i := range leaves {
		samples = append(samples, stack{[]uint64{uint64(3 + i), 2, 1}, int64(1024 * (i + 1))})
	}
	write(filepath.Join(dir, "names.pb.gz"), names, samples)

	zero := []leaf{{"runtime.main", ""}, {"main.main", ""}, {"main.same", ""}, {"main.grow", ""}}
	write(filepath.Join(dir, "zero-base.pb.gz"), zero, []stack{{[]uint64{3, 2, 1}, 4096}, {[]uint64{4, 2, 1}, 1024}})
	write(filepath.Join(dir, "zero-new.pb.gz"), zero, []stack{{[]uint64{3, 2, 1}, 4096}, {[]uint64{4, 2, 1}, 8192}})
}
