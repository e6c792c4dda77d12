package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// CheckStore checks the file a flag names as a store — read, then
// rewritten in place — before it is read: it must be a regular file we may
// write, in a folder we may write, or not exist yet in a folder we may
// write. A FIFO, device, socket or directory is refused (a FIFO would
// block for ever, /dev/zero would never end), so is a symbolic link to
// nothing (replacing it with a file would silently cut the link) and a
// read-only file or folder (the user marked it so; replacing it by rename
// would work on Unix anyway, so it is refused rather than done).
func CheckStore(flag, path string) error {
	if path == "-" {
		return &Error{Kind: KindDash, Flag: flag, Path: path}
	}
	return checkWritable(flag, path)
}

// checkWritable checks an output or the store, as CheckStore says.
func checkWritable(flag, path string) error {
	if systemPath(path) {
		return &Error{Kind: KindSystemPath, Flag: flag, Path: path}
	}
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return checkDir(flag, path)
	}
	if err != nil {
		return ioError(flag, path, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		resolved := resolve(path)
		if systemPath(resolved) {
			// /dev/stdout leads through /proc to whatever the stream is,
			// a regular file when redirected: never replace that.
			return &Error{Kind: KindSystemPath, Flag: flag, Path: path}
		}
		if info, err = os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return &Error{Kind: KindDangling, Flag: flag, Path: path, Target: danglingTarget(path, resolved)}
		}
		if err != nil {
			return ioError(flag, path, err)
		}
	}
	if t := fileType(info); t != TypeRegular {
		return &Error{Kind: KindNotRegular, Flag: flag, Path: path, Type: t}
	}
	if !writable(info) {
		return &Error{Kind: KindReadOnly, Flag: flag, Path: path}
	}
	return checkDir(flag, path)
}

// checkDir checks that the folder holding the file path leads to exists
// and may take a new file: the temporary file of every write goes there.
func checkDir(flag, path string) error {
	dir := filepath.Dir(resolve(path))
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !info.IsDir()) {
		return &Error{Kind: KindNoDir, Flag: flag, Path: path, Target: filepath.Dir(path)}
	}
	if err != nil {
		return ioError(flag, path, err)
	}
	if !dirWritable(info) {
		return &Error{Kind: KindDirReadOnly, Flag: flag, Path: path, Target: filepath.Dir(path)}
	}
	return nil
}

// checkInput checks an input a flag names before anything is read: it
// exists and is a regular file; "-" is stdin and always fine.
func checkInput(flag, path string) error {
	if path == "-" {
		return nil
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if l, lerr := os.Lstat(path); lerr == nil && l.Mode()&fs.ModeSymlink != 0 {
			return &Error{Kind: KindDangling, Flag: flag, Path: path, Target: danglingTarget(path, resolve(path))}
		}
		return &Error{Kind: KindNotFound, Flag: flag, Path: path, Err: fs.ErrNotExist}
	}
	if err != nil {
		return ioError(flag, path, err)
	}
	if t := fileType(info); t != TypeRegular {
		return &Error{Kind: KindNotRegular, Flag: flag, Path: path, Type: t}
	}
	return nil
}

// danglingTarget is what a message names as the missing target of the
// link path: the link's own text when it is one hop, which is what the
// user wrote, else the end of the chain.
func danglingTarget(path, resolved string) string {
	if t, err := os.Readlink(path); err == nil {
		if _, err := os.Lstat(joinLink(path, t)); errors.Is(err, fs.ErrNotExist) {
			return t
		}
	}
	return resolved
}

// fileType says what info describes.
func fileType(info fs.FileInfo) FileType {
	m := info.Mode()
	switch {
	case m.IsRegular():
		return TypeRegular
	case m.IsDir():
		return TypeDirectory
	case m&fs.ModeNamedPipe != 0:
		return TypeFIFO
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return TypeDevice
	case m&fs.ModeSocket != 0:
		return TypeSocket
	}
	return TypeOther
}

// maxHops bounds how many symbolic links resolve follows, as the kernel
// does, so that a loop of links ends.
const maxHops = 40

// resolve returns the absolute, clean path that path leads to through
// every symbolic link, in the path's folders and at its end, even when the
// end does not exist yet (a new file, or a link to a file not yet made):
// two paths that resolve alike would write one file. On an error it does
// the best it can; a comparison of paths is then only less sure, never
// wrong about a file that exists, which os.SameFile settles.
func resolve(path string) string {
	return resolveHops(path, maxHops)
}

func resolveHops(path string, hops int) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	for ; hops > 0; hops-- {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		info, err := os.Lstat(p)
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			t, err := os.Readlink(p)
			if err != nil {
				return p
			}
			p = joinLink(p, t)
			continue
		}
		// p, or a folder on its way, does not exist: resolve the folder
		// and name the file in it.
		dir := filepath.Dir(p)
		if dir == p {
			return p
		}
		return filepath.Join(resolveHops(dir, hops-1), filepath.Base(p))
	}
	return p
}

// joinLink returns the path the link at link with text target names.
func joinLink(link, target string) string {
	if filepath.IsAbs(target) {
		return filepath.Clean(target)
	}
	return filepath.Join(filepath.Dir(link), target)
}

// samePath reports whether two resolved paths name one file, ignoring
// case where the usual file systems do (Windows, macOS).
func samePath(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// systemPath reports whether path names a system file no output belongs
// in: in /dev, /proc or /sys on Unix (also once its links are followed),
// a device name such as NUL, CON or COM1 on Windows.
func systemPath(path string) bool {
	if runtime.GOOS == "windows" {
		return windowsDevice(path)
	}
	return unixSystemPath(path) || unixSystemPath(resolve(path))
}

func unixSystemPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return true
	}
	for _, dir := range []string{"/dev", "/proc", "/sys"} {
		if abs == dir || strings.HasPrefix(abs, dir+"/") {
			return true
		}
	}
	return false
}

// windowsDevice reports whether path names a Windows device: the reserved
// names, in any folder and with any extension ("nul.csv" is NUL too), and
// the \\.\ device namespace. It is a pure function of the text, so it is
// tested on every system.
func windowsDevice(path string) bool {
	if strings.HasPrefix(path, `\\.\`) || strings.HasPrefix(path, `//./`) {
		return true
	}
	base := path
	if i := strings.LastIndexAny(base, `\/:`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// ioError wraps an unexpected failure, keeping only the cause of an
// *fs.PathError since Error names the path itself.
func ioError(flag, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &Error{Kind: KindIO, Flag: flag, Path: path, Err: err}
}
