package pbwire

// Field numbers of the Profile message (profile.proto).
const (
	ProfileSampleType  = 1
	ProfileSample      = 2
	ProfileMapping     = 3
	ProfileLocation    = 4
	ProfileFunction    = 5
	ProfileStringTable = 6
	ProfileTimeNanos   = 9
	ProfilePeriodType  = 11
	ProfilePeriod      = 12
	ProfileComment     = 13
)

// ValueType is a ValueType message: type and unit, as string indexes.
func ValueType(strs *Strings, typ, unit string) *Message {
	var vt Message
	vt.Int(1, strs.ID(typ))
	vt.Int(2, strs.ID(unit))
	return &vt
}

// HeapSampleTypes adds the four sample types of a Go heap profile to p:
// alloc_objects, alloc_space, inuse_objects, inuse_space.
func HeapSampleTypes(p *Message, strs *Strings) {
	for _, st := range [][2]string{{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}} {
		p.Embed(ProfileSampleType, ValueType(strs, st[0], st[1]))
	}
}

// Sample is a Sample message: location ids leaf first, one value per sample
// type, then the labels.
func Sample(locationIDs []uint64, values []int64, labels ...*Message) *Message {
	var s Message
	s.PackedUint(1, locationIDs)
	s.PackedInt(2, values)
	for _, l := range labels {
		s.Embed(3, l)
	}
	return &s
}

// NumLabel is a numeric Label message (key, num).
func NumLabel(strs *Strings, key string, num int64) *Message {
	var l Message
	l.Int(1, strs.ID(key))
	l.Int(3, num)
	return &l
}

// StrLabel is a string Label message (key, str).
func StrLabel(strs *Strings, key, value string) *Message {
	var l Message
	l.Int(1, strs.ID(key))
	l.Int(2, strs.ID(value))
	return &l
}

// Mapping is a Mapping message for [start, limit) backed by file, with
// has_functions, has_filenames and has_line_numbers set.
func Mapping(strs *Strings, id, start, limit uint64, file string) *Message {
	var m Message
	m.Uint(1, id)
	m.Uint(2, start)
	m.Uint(3, limit)
	m.Int(5, strs.ID(file))
	m.Uint(7, 1)
	m.Uint(8, 1)
	m.Uint(9, 1)
	return &m
}

// Location is a Location message with one line: functionID at line.
func Location(id, mappingID, address, functionID uint64, line int64) *Message {
	var ln Message
	ln.Uint(1, functionID)
	ln.Int(2, line)
	var loc Message
	loc.Uint(1, id)
	loc.Uint(2, mappingID)
	loc.Uint(3, address)
	loc.Embed(4, &ln)
	return &loc
}

// Function is a Function message; name is both name and system_name.
func Function(strs *Strings, id uint64, name, file string, startLine int64) *Message {
	var f Message
	f.Uint(1, id)
	f.Int(2, strs.ID(name))
	f.Int(3, strs.ID(name))
	f.Int(4, strs.ID(file))
	f.Int(5, startLine)
	return &f
}
