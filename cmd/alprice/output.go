package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// emit writes r in the chosen format to stdout, or to --out through a
// temporary file that is renamed into place only once complete.
func (a *app) emit(r result) error {
	var buf bytes.Buffer
	w := a.out
	if a.toFile() {
		w = &buf
	}
	var err error
	switch a.format {
	case "json":
		indented := newIndentJSON(w)
		enc := json.NewEncoder(indented)
		enc.SetEscapeHTML(false)
		if err = enc.Encode(r.json()); err == nil {
			err = indented.Flush()
		}
	case "csv":
		if a.bom {
			_, err = io.WriteString(w, "\uFEFF")
		}
		if err == nil {
			err = report.WriteCSV(w, r.doc())
		}
	case "xlsx":
		err = report.WriteXLSX(w, r.doc())
	case "markdown":
		err = report.WriteMarkdown(w, r.doc())
	case "html":
		var h report.HTML
		if h, err = a.htmlOf(r); err == nil {
			err = report.WriteHTML(w, h)
		}
	default:
		err = report.WriteTable(w, r.doc())
	}
	if err != nil {
		return err
	}
	if a.toFile() {
		return a.output.write(a.outFile, buf.Bytes())
	}
	return nil
}

// toFile reports whether the output goes to a file: --out names one other
// than "-", which is stdout.
func (a *app) toFile() bool { return a.outFile != "" && a.outFile != "-" }

// checkOut checks --out before anything is read: it must not be one of the
// inputs (through any path, symlink or hard link: writing it would destroy
// that input), and it must be, or lead through symlinks to, a regular file
// or nothing yet.
func (a *app) checkOut(inputs map[string]string) error {
	if !a.toFile() {
		return nil
	}
	return checkOutput("out", a.outFile, inputs)
}

// checkOutput checks an output file a flag names, as checkOut says.
func checkOutput(flag, path string, inputs map[string]string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		dir := filepath.Dir(path)
		if d, err := os.Stat(dir); err != nil || !d.IsDir() {
			return usageError{pricing.Errorf("--%s %s: the folder %s does not exist", flag, path, dir)}
		}
		return nil
	}
	if err != nil {
		return usageError{pricing.Errorf("--%s %s: %w", flag, path, errors.Unwrap(err))}
	}
	if info.Mode()&os.ModeSymlink != 0 {
		if info, err = os.Stat(path); err != nil {
			return usageError{pricing.Errorf("--%s %s: a symbolic link to nothing (%w); name the file itself", flag, path, errors.Unwrap(err))}
		}
		// /dev/stdout and the like lead through /proc to whatever the
		// stream is: never replace that.
		if target, err := filepath.EvalSymlinks(path); err != nil || systemPath(target) || systemPath(path) {
			return usageError{pricing.Errorf("--%s %s: a device or a stream, not a file; write to stdout with --out - or no --out", flag, path)}
		}
	}
	if !info.Mode().IsRegular() {
		return usageError{pricing.Errorf("--%s %s: not a regular file; write to stdout with --out - or no --out, or name a file", flag, path)}
	}
	for input, inPath := range inputs {
		if inPath == "" || inPath == "-" {
			continue
		}
		if in, err := os.Stat(inPath); err == nil && os.SameFile(in, info) {
			return usageError{pricing.Errorf("--%s %s is the same file as --%s %s: writing it would destroy the input; name another file", flag, path, input, inPath)}
		}
	}
	return nil
}

// systemPath reports whether path is in /dev or /proc, where no output
// file belongs.
func systemPath(path string) bool {
	abs, err := filepath.Abs(path)
	return err != nil || strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/")
}

// outputGuard writes --out files so that an interrupt, whenever it comes,
// leaves no temporary file and no half-written output: the interrupt
// handler and the writer take turns under one lock.
type outputGuard struct {
	mu          sync.Mutex
	tmp         string // the temporary file being written; "" when none
	interrupted bool
}

var errInterrupted = pricing.Errorf("interrupted")

// write writes data to name through a temporary file in the same folder,
// renamed over name only once written and synced: a failure or an interrupt
// leaves any existing file untouched and no temporary file behind. A
// symlink is written through: the file it leads to is replaced, the link
// stays. A new file gets mode 0644; a replaced one keeps its mode.
func (g *outputGuard) write(name string, data []byte) error { return g.writeAs("--out", name, data) }

// writeAs is write for the file of another flag than --out, such as the
// quotes store's --into, which its errors name.
func (g *outputGuard) writeAs(flag, name string, data []byte) (err error) {
	target := name
	if resolved, err := filepath.EvalSymlinks(name); err == nil {
		target = resolved
	}
	mode := os.FileMode(0o644)
	if info, statErr := os.Stat(target); statErr == nil {
		if !info.Mode().IsRegular() {
			return pricing.Errorf("%s %s: not a regular file", flag, name)
		}
		mode = info.Mode().Perm()
	}
	g.mu.Lock()
	if g.interrupted {
		g.mu.Unlock()
		return errInterrupted
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err == nil {
		g.tmp = tmp.Name()
	}
	g.mu.Unlock()
	if err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	if err = tmp.Sync(); err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	if err = tmp.Close(); err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.tmp = ""
	if g.interrupted {
		return errInterrupted
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return pricing.Errorf("%s %s: %w", flag, name, err)
	}
	return nil
}

// interrupt stops any output in progress for good: it removes the
// temporary file, and no rename happens after it.
func (g *outputGuard) interrupt() {
	g.mu.Lock()
	g.interrupted = true
	if g.tmp != "" {
		os.Remove(g.tmp)
		g.tmp = ""
	}
	g.mu.Unlock()
}
