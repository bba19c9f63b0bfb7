// Command hostile writes a heap profile whose names try to break DOT and
// other text formats: quotes, backslashes, newlines, braces, angle brackets,
// control characters, non-ASCII, and a DOT injection attempt. The profile is
// encoded by hand (profile.proto wire format), so every byte is chosen here.
//
// Usage: hostile OUT.pb.gz
package main

import (
	"fmt"
	"os"

	"heapscope/fixtures/internal/pbwire"
)

// Hostile function names, each a leaf called by main.main.
var hostile = []string{
	`main.quote"d`,
	`main.back\slash`,
	"main.new\nline",
	"main.{braces}",
	"main.<angle>&amp;",
	"main.ünïcødé.函数",
	"main.ctrl\x01\x7f\tchars",
	`main."}; N99 [label="pwned"]; {"`,
	`main.trailing\`,
	`github.com/evil/v2/pkg"x.(*T).M`,
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile OUT.pb.gz")
		os.Exit(2)
	}
	strs := pbwire.NewStrings()
	var p pbwire.Message
	pbwire.HeapSampleTypes(&p, strs)

	names := append([]string{"runtime.main", "main.main"}, hostile...)
	// Functions and locations share ids 1..len(names); location i calls function i.
	var fns, locs pbwire.Message
	for i, name := range names {
		id := uint64(i + 1)
		file := fmt.Sprintf("/src/we\"ird\\dir{%d}/<file>.go", i)
		fns.Embed(pbwire.ProfileFunction, pbwire.Function(strs, id, name, file, int64(10*i+1)))
		locs.Embed(pbwire.ProfileLocation, pbwire.Location(id, 1, uint64(0x401000+16*i), id, int64(10*i+3)))
	}

	// Samples: runtime.main -> main.main -> hostile[i]; every third leaf is
	// called through the previous hostile function, giving hostile edges.
	for i := range hostile {
		leaf := uint64(3 + i)
		stack := []uint64{leaf, 2, 1}
		if i%3 == 2 {
			stack = []uint64{leaf, leaf - 1, 2, 1}
		}
		size := int64(64 << uint(i%5))
		objects := int64(2000 + 100*i)
		labels := []*pbwire.Message{pbwire.NumLabel(strs, "bytes", size)}
		if i%2 == 0 {
			labels = append(labels, pbwire.StrLabel(strs, "tag\"{x}", fmt.Sprintf("v\\al\"ue\n<%d>", i%4)))
		}
		values := []int64{objects * 2, objects * 2 * size, objects, objects * size}
		p.Embed(pbwire.ProfileSample, pbwire.Sample(stack, values, labels...))
	}

	p.Embed(pbwire.ProfileMapping, pbwire.Mapping(strs, 1, 0x400000, 0x800000, "/tmp/evil \"bin\"\\{x}"))
	p.Append(&locs)
	p.Append(&fns)

	// Period type, period, time; then the string table.
	p.Embed(pbwire.ProfilePeriodType, pbwire.ValueType(strs, "space", "bytes"))
	p.Int(pbwire.ProfilePeriod, 512*1024)
	p.Int(pbwire.ProfileTimeNanos, 1700000000000000000)
	comment := strs.ID("comment with \"quotes\" and \\ and {braces}")
	p.PackedInt(pbwire.ProfileComment, []int64{comment})
	strs.AppendTable(&p, pbwire.ProfileStringTable)

	if err := pbwire.WriteFile(os.Args[1], p.Encoded(), true); err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}
