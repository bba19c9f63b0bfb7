// Command hostile writes a heap profile whose names try to break DOT and
// other text formats: quotes, backslashes, newlines, braces, angle brackets,
// control characters, non-ASCII, and a DOT injection attempt. The profile is
// encoded by hand (profile.proto wire format), so every byte is chosen here.
//
// Usage: hostile OUT.pb.gz
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
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

type buf struct{ bytes.Buffer }

func (b *buf) varint(v uint64) {
	for v >= 0x80 {
		b.WriteByte(byte(v) | 0x80)
		v >>= 7
	}
	b.WriteByte(byte(v))
}
func (b *buf) key(field, wire int)      { b.varint(uint64(field<<3 | wire)) }
func (b *buf) uint(field int, v uint64) { b.key(field, 0); b.varint(v) }
func (b *buf) bytesField(field int, p []byte) {
	b.key(field, 2)
	b.varint(uint64(len(p)))
	b.Write(p)
}
func (b *buf) packed(field int, vs []uint64) {
	var inner buf
	for _, v := range vs {
		inner.varint(v)
	}
	b.bytesField(field, inner.Bytes())
}

type table struct {
	list  []string
	index map[string]uint64
}

func (t *table) id(s string) uint64 {
	if i, ok := t.index[s]; ok {
		return i
	}
	t.index[s] = uint64(len(t.list))
	t.list = append(t.list, s)
	return t.index[s]
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile OUT.pb.gz")
		os.Exit(2)
	}
	strs := &table{index: map[string]uint64{}}
	strs.id("")
	var p buf
	for _, st := range [][2]string{{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}} {
		var vt buf
		vt.uint(1, strs.id(st[0]))
		vt.uint(2, strs.id(st[1]))
		p.bytesField(1, vt.Bytes())
	}

	names := append([]string{"runtime.main", "main.main"}, hostile...)
	// Functions and locations share ids 1..len(names); location i calls function i.
	var fns, locs buf
	for i, name := range names {
		var f buf
		f.uint(1, uint64(i+1))
		f.uint(2, strs.id(name))
		f.uint(3, strs.id(name))
		f.uint(4, strs.id(fmt.Sprintf("/src/we\"ird\\dir{%d}/<file>.go", i)))
		f.uint(5, uint64(10*i+1))
		fns.bytesField(5, f.Bytes())
		var line buf
		line.uint(1, uint64(i+1))
		line.uint(2, uint64(10*i+3))
		var l buf
		l.uint(1, uint64(i+1))
		l.uint(2, 1)
		l.uint(3, uint64(0x401000+16*i))
		l.bytesField(4, line.Bytes())
		locs.bytesField(4, l.Bytes())
	}

	// Samples: runtime.main -> main.main -> hostile[i]; every third leaf is
	// called through the previous hostile function, giving hostile edges.
	for i := range hostile {
		leaf := uint64(3 + i)
		stack := []uint64{leaf, 2, 1}
		if i%3 == 2 {
			stack = []uint64{leaf, leaf - 1, 2, 1}
		}
		size := uint64(64 << uint(i%5))
		objects := uint64(2000 + 100*i)
		var s buf
		s.packed(1, stack)
		s.packed(2, []uint64{objects * 2, objects * 2 * size, objects, objects * size})
		var num buf
		num.uint(1, strs.id("bytes"))
		num.uint(3, size)
		s.bytesField(3, num.Bytes())
		if i%2 == 0 {
			var lab buf
			lab.uint(1, strs.id("tag\"{x}"))
			lab.uint(2, strs.id(fmt.Sprintf("v\\al\"ue\n<%d>", i%4)))
			s.bytesField(3, lab.Bytes())
		}
		p.bytesField(2, s.Bytes())
	}

	var m buf
	m.uint(1, 1)
	m.uint(2, 0x400000)
	m.uint(3, 0x800000)
	m.uint(5, strs.id("/tmp/evil \"bin\"\\{x}"))
	m.uint(7, 1)
	m.uint(8, 1)
	m.uint(9, 1)
	p.bytesField(3, m.Bytes())
	p.Write(locs.Bytes())
	p.Write(fns.Bytes())

	// Period type, period, time; then the string table.
	var pt buf
	pt.uint(1, strs.id("space"))
	pt.uint(2, strs.id("bytes"))
	p.bytesField(11, pt.Bytes())
	p.uint(12, 512*1024)
	p.uint(9, 1700000000000000000)
	comment := strs.id("comment with \"quotes\" and \\ and {braces}")
	p.packed(13, []uint64{comment})
	for _, s := range strs.list {
		p.bytesField(6, []byte(s))
	}

	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(p.Bytes())
	zw.Close()
	if err := os.WriteFile(os.Args[1], out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
