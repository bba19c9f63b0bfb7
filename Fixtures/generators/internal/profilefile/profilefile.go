// Package profilefile writes one of runtime/pprof's named profiles to a
// file; shared by the generators that write debug=0 and debug=1 pairs.
package profilefile

import (
	"os"
	"runtime/pprof"
)

// Write writes the profile `name` ("heap", "mutex", ...) to path at the
// given debug level (0: profile.proto, 1: legacy text).
func Write(name, path string, debug int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = pprof.Lookup(name).WriteTo(f, debug)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}
