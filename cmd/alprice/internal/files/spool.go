package files

import (
	"errors"
	"io"
	"os"
)

// Spooled is an input that can be read only once (stdin) made one that
// can be read again, for a reader that reads twice (the deliveries'
// duplicate check): what is read is copied, as it is read, to a temporary
// file, and a seek reads from the copy. Close removes the file.
type Spooled struct {
	f          *os.File
	src        io.Reader // nil once src is all in f
	flag, name string
}

// Spool returns r, the input a flag names as name ("<stdin>"), copied as
// it is read into a new temporary file in dir (the run's own folder,
// removed with it on an interrupt). r is read as it comes: give it
// bounded, as [Open] gives stdin (more than the input's limit is then
// KindTooLarge, and nothing more is copied).
func Spool(r io.Reader, dir, flag, name string) (*Spooled, error) {
	f, err := os.CreateTemp(dir, "stdin-*")
	if err != nil {
		return nil, ioError(flag, name, err)
	}
	return &Spooled{f: f, src: r, flag: flag, name: name}, nil
}

// Read reads the input, copying it, until its end; after a seek, the copy.
func (s *Spooled) Read(p []byte) (int, error) {
	if s.src == nil {
		return s.f.Read(p)
	}
	n, err := s.src.Read(p)
	if n > 0 {
		if _, werr := s.f.Write(p[:n]); werr != nil {
			return 0, ioError(s.flag, s.name, werr)
		}
	}
	if err == io.EOF {
		s.src = nil
	}
	return n, err
}

// Seek seeks in the input as copied. The offset now is how much was read;
// any other seek first copies the rest of the input, then reads from the
// copy.
func (s *Spooled) Seek(offset int64, whence int) (int64, error) {
	if s.src != nil && !(offset == 0 && whence == io.SeekCurrent) {
		if _, err := io.Copy(s.f, s.src); err != nil {
			var fe *Error
			if errors.As(err, &fe) {
				return 0, err
			}
			return 0, ioError(s.flag, s.name, err)
		}
		s.src = nil
	}
	return s.f.Seek(offset, whence)
}

// Close closes and removes the copy.
func (s *Spooled) Close() error {
	err := s.f.Close()
	if rerr := os.Remove(s.f.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	return err
}
