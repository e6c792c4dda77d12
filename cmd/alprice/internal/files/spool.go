package files

import (
	"errors"
	"io"
	"os"
)

// Spooled is an input that could be read only once (stdin), copied to a
// temporary file so that it can be read again: a reader that reads twice
// (the deliveries' duplicate check) takes it as a file. Close removes the
// file.
type Spooled struct {
	f *os.File
}

// Spool copies r, the input a flag names as name ("<stdin>"), to its end
// into a new temporary file in dir (the run's own folder, removed with it
// on an interrupt), and returns the file read from its start. r is read
// as it comes: give it bounded, as [Open] gives stdin (more than the
// input's limit is then KindTooLarge, and nothing more is written). On an
// error nothing is left in dir.
func Spool(r io.Reader, dir, flag, name string) (*Spooled, error) {
	f, err := os.CreateTemp(dir, "stdin-*")
	if err != nil {
		return nil, ioError(flag, name, err)
	}
	s := &Spooled{f: f}
	if _, err := io.Copy(f, r); err != nil {
		s.Close()
		var fe *Error
		if errors.As(err, &fe) {
			return nil, err
		}
		return nil, ioError(flag, name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		s.Close()
		return nil, ioError(flag, name, err)
	}
	return s, nil
}

func (s *Spooled) Read(p []byte) (int, error) { return s.f.Read(p) }

// Seek seeks the copy.
func (s *Spooled) Seek(offset int64, whence int) (int64, error) { return s.f.Seek(offset, whence) }

// Close closes and removes the copy.
func (s *Spooled) Close() error {
	err := s.f.Close()
	if rerr := os.Remove(s.f.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	return err
}
