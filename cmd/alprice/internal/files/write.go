package files

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Guard writes the outputs and the store of a [Plan] so that no failure,
// panic or signal leaves a half-written file or a temporary file behind:
// each is written to a temporary file in the target's folder, synced, and
// renamed over the target only once complete. The signal handler calls
// [Guard.Interrupt], which removes every temporary file in progress and
// stops every rename to come. The zero Guard is ready; one serves a whole
// run, for all its plans.
type Guard struct {
	mu          sync.Mutex
	tmps        map[string]struct{} // temporary files being written
	interrupted bool
}

// newFileMode is the mode of a file that did not exist, before the umask.
const newFileMode fs.FileMode = 0o644

// WriteFile writes data to path as [Guard.Write] does.
func (g *Guard) WriteFile(p *Plan, path string, data []byte) error {
	return g.Write(p, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes path, an output or the store that p declared with exactly
// this text (else KindUndeclared), with what write writes to w, which is
// buffered by the file system only: large outputs need not fit in memory.
//
// A symbolic link is written through: the file it leads to is replaced,
// the link stays. A replaced file keeps its mode; a new one gets 0644 less
// the umask. Just before the rename the target is checked once more
// against every other file of p, so a link swapped in since [Plan.Check]
// is refused (KindSameFile) rather than followed onto an input. Whatever
// goes wrong — write's error, a panic in write, a failed sync, an
// interrupt — the temporary file is removed and the target is as it was.
func (g *Guard) Write(p *Plan, path string, write func(w io.Writer) error) (err error) {
	e, ok := p.declared(path)
	if !ok {
		return &Error{Kind: KindUndeclared, Path: path}
	}
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		target, err = resolve(path), checkDir(e.flag, path)
		if _, lerr := os.Lstat(path); lerr == nil {
			// A link to nothing: Check refused it; it came since.
			return &Error{Kind: KindDangling, Flag: e.flag, Path: path, Target: danglingTarget(path, target)}
		}
	}
	if err != nil {
		return asError(e.flag, path, err)
	}
	mode, exists := newFileMode, false
	if info, err := os.Stat(target); err == nil {
		if t := fileType(info); t != TypeRegular {
			return &Error{Kind: KindNotRegular, Flag: e.flag, Path: path, Type: t}
		}
		mode, exists = info.Mode().Perm(), true
	}
	tmp, err := g.create(target)
	if err != nil {
		return asError(e.flag, path, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			g.remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if exists {
		// Chmod is not masked by the umask: the mode stays exactly.
		if err := tmp.Chmod(mode); err != nil {
			return ioError(e.flag, path, err)
		}
	}
	if err := tmp.Sync(); err != nil {
		return ioError(e.flag, path, err)
	}
	if err := tmp.Close(); err != nil {
		return ioError(e.flag, path, err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return &Error{Kind: KindInterrupted, Flag: e.flag, Path: path}
	}
	if o, clash := p.clash(target, e); clash {
		return &Error{Kind: KindSameFile, Flag: e.flag, Path: path, OtherFlag: o.flag, OtherPath: o.path}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return ioError(e.flag, path, err)
	}
	renamed = true
	delete(g.tmps, tmp.Name())
	syncDir(filepath.Dir(target))
	return nil
}

// create makes a new temporary file beside target, registered so that
// Interrupt can remove it. It is made with O_EXCL and mode 0644, so that
// the umask applies to a new file just as it would to one made directly.
func (g *Guard) create(target string) (*os.File, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return nil, &Error{Kind: KindInterrupted, Path: target}
	}
	for range 10 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, newFileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if g.tmps == nil {
			g.tmps = map[string]struct{}{}
		}
		g.tmps[name] = struct{}{}
		return f, nil
	}
	return nil, fs.ErrExist
}

// remove removes a temporary file that will not be renamed.
func (g *Guard) remove(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	os.Remove(name)
	delete(g.tmps, name)
}

// Interrupt stops every write for good: it removes the temporary files
// being written, and no rename happens after it returns (one under way
// finishes first, so a target is either as it was or complete). Call it
// from the SIGINT/SIGTERM handler before the process exits.
func (g *Guard) Interrupt() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.interrupted = true
	for name := range g.tmps {
		os.Remove(name)
	}
	g.tmps = nil
}

// syncDir makes a rename in dir durable on Unix. Windows cannot open a
// folder for syncing, and its rename is durable enough once the file is
// flushed; a failure here only loses durability, never data, so it is
// ignored.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// asError returns err as an *Error about the flag's path.
func asError(flag, path string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		if fe.Flag == "" {
			fe.Flag, fe.Path = flag, path
		}
		return fe
	}
	return ioError(flag, path, err)
}
