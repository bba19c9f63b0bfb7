// Package pbwire hand-encodes protocol buffers in the wire format, with
// helpers for the profile.proto messages the fixture generators write
// (hostile, trendshapes). Standard library only. Fields are written in the
// order the caller adds them, and gzip output has no name and no mtime, so
// the same calls always give the same bytes.
package pbwire

import (
	"bytes"
	"compress/gzip"
	"os"
)

// Wire types used here.
const (
	wireVarint = 0
	wireBytes  = 2
)

// Message is a protobuf message being encoded: its fields, in order.
type Message struct{ b []byte }

// Encoded is the message's encoding so far.
func (m *Message) Encoded() []byte { return m.b }

func (m *Message) varint(v uint64) {
	for v >= 0x80 {
		m.b = append(m.b, byte(v)|0x80)
		v >>= 7
	}
	m.b = append(m.b, byte(v))
}

func (m *Message) key(field, wire int) { m.varint(uint64(field)<<3 | uint64(wire)) }

// Uint adds a varint field (uint64, or any non-negative id).
func (m *Message) Uint(field int, v uint64) {
	m.key(field, wireVarint)
	m.varint(v)
}

// Int adds a varint field holding an int64 (two's complement, as proto int64).
func (m *Message) Int(field int, v int64) { m.Uint(field, uint64(v)) }

// Bytes adds a length-delimited field (bytes or string).
func (m *Message) Bytes(field int, p []byte) {
	m.key(field, wireBytes)
	m.varint(uint64(len(p)))
	m.b = append(m.b, p...)
}

// Embed adds sub as an embedded message field.
func (m *Message) Embed(field int, sub *Message) { m.Bytes(field, sub.b) }

// PackedUint adds a packed repeated varint field.
func (m *Message) PackedUint(field int, vs []uint64) {
	var inner Message
	for _, v := range vs {
		inner.varint(v)
	}
	m.Embed(field, &inner)
}

// PackedInt adds a packed repeated int64 field.
func (m *Message) PackedInt(field int, vs []int64) {
	var inner Message
	for _, v := range vs {
		inner.varint(uint64(v))
	}
	m.Embed(field, &inner)
}

// Append adds the fields already encoded in other, unchanged.
func (m *Message) Append(other *Message) { m.b = append(m.b, other.b...) }

// Strings is a string table: each string gets the next index the first time
// it is seen. Index 0 is "".
type Strings struct {
	list  []string
	index map[string]int64
}

// NewStrings returns a table holding only "" (index 0).
func NewStrings() *Strings {
	return &Strings{list: []string{""}, index: map[string]int64{"": 0}}
}

// ID is the index of s, adding s to the table if it is new.
func (t *Strings) ID(s string) int64 {
	if i, ok := t.index[s]; ok {
		return i
	}
	t.index[s] = int64(len(t.list))
	t.list = append(t.list, s)
	return t.index[s]
}

// AppendTable adds every string of the table, in index order, as repeated
// field `field` of m.
func (t *Strings) AppendTable(m *Message, field int) {
	for _, s := range t.list {
		m.Bytes(field, []byte(s))
	}
}

// Gzip compresses data with the default level and an empty header (no file
// name, no modification time).
func Gzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes data to path (mode 0644), gzipped first if gz is set.
func WriteFile(path string, data []byte, gz bool) error {
	if gz {
		var err error
		if data, err = Gzip(data); err != nil {
			return err
		}
	}
	return os.WriteFile(path, data, 0o644)
}
