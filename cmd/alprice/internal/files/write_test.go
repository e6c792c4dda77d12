package files

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TestGuardWrite holds Write to its contract: the target is replaced only
// whole, keeps its mode, and nothing temporary is left on any path.
func TestGuardWrite(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name string
		// setup makes the files in dir and declares them in p; out is the
		// path written.
		setup func(t *testing.T, dir string, p *Plan) (out string)
		write func(g *Guard, dir string) func(io.Writer) error
		want  string // the content of out afterwards
		kind  Kind   // the Kind of the error wanted
		err   error  // or this error
		mode  os.FileMode
		files []string // what dir holds afterwards
	}{
		{
			name: "replaces whole and keeps the mode",
			setup: func(t *testing.T, d string, p *Plan) string {
				writeFile(t, d+"/out.csv", "old", 0o600)
				p.Output("out", d+"/out.csv")
				return d + "/out.csv"
			},
			want: "new", mode: 0o600, files: []string{"out.csv"},
		},
		{
			name: "an error of the writer leaves the old file",
			setup: func(t *testing.T, d string, p *Plan) string {
				writeFile(t, d+"/out.csv", "old", 0o644)
				p.Output("out", d+"/out.csv")
				return d + "/out.csv"
			},
			write: func(*Guard, string) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "half"); return boom }
			},
			want: "old", err: boom, files: []string{"out.csv"},
		},
		{
			name: "an interrupt while writing leaves the old file",
			setup: func(t *testing.T, d string, p *Plan) string {
				writeFile(t, d+"/out.csv", "old", 0o644)
				p.Output("out", d+"/out.csv")
				return d + "/out.csv"
			},
			write: func(g *Guard, _ string) func(io.Writer) error {
				return func(w io.Writer) error { io.WriteString(w, "half"); g.Interrupt(); return nil }
			},
			want: "old", kind: KindInterrupted, files: []string{"out.csv"},
		},
		{
			name: "a path not declared is not written",
			setup: func(t *testing.T, d string, p *Plan) string {
				p.Output("out", d+"/declared.csv")
				return d + "/other.csv"
			},
			kind: KindUndeclared, files: nil,
		},
		{
			name: "a numbered sibling beyond the series is not written",
			setup: func(t *testing.T, d string, p *Plan) string {
				p.OutputSeries("einvoice", d+"/e.xlsx", 2)
				return d + "/e-3.xlsx"
			},
			kind: KindUndeclared, files: nil,
		},
		{
			name: "a symlink to an input swapped in after Check is refused",
			setup: func(t *testing.T, d string, p *Plan) string {
				writeFile(t, d+"/in.csv", "input", 0o644)
				p.Input("quotes", d+"/in.csv")
				p.Output("out", d+"/out.csv")
				return d + "/out.csv"
			},
			write: func(_ *Guard, d string) func(io.Writer) error {
				return func(w io.Writer) error {
					io.WriteString(w, "new")
					return os.Symlink("in.csv", d+"/out.csv")
				}
			},
			kind: KindSameFile, files: []string{"in.csv", "out.csv"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var p Plan
			out := tt.setup(t, dir, &p)
			if err := p.Check(); err != nil {
				t.Fatalf("Check: %v", err)
			}
			var g Guard
			write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
			if tt.write != nil {
				write = tt.write(&g, dir)
			}
			err := g.Write(&p, out, write)
			switch {
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Errorf("Write: %v, want %v", err, tt.err)
				}
			case tt.want != "" && tt.kind == 0 && tt.err == nil:
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
			default:
				if fe := kindOf(t, err); fe.Kind != tt.kind {
					t.Errorf("Write: %v, kind %s, want %s", err, fe.Kind, tt.kind)
				}
			}
			if got := names(t, dir); !slices.Equal(got, tt.files) {
				t.Errorf("the folder holds %v, want %v", got, tt.files)
			}
			if tt.want != "" {
				if got := readString(t, out); got != tt.want {
					t.Errorf("%s holds %q, want %q", out, got, tt.want)
				}
			}
			if tt.mode != 0 && runtime.GOOS != "windows" {
				if info, err := os.Stat(out); err != nil || info.Mode().Perm() != tt.mode {
					t.Errorf("mode %v (%v), want %v", info.Mode().Perm(), err, tt.mode)
				}
			}
			if fe := (*Error)(nil); tt.kind == KindSameFile && errors.As(err, &fe) {
				if got := readString(t, dir+"/in.csv"); got != "input" {
					t.Errorf("the input now holds %q", got)
				}
			}
		})
	}
}

// TestGuardPanic: a panic in the writer leaves no temporary file.
func TestGuardPanic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	writeFile(t, out, "old", 0o644)
	var p Plan
	p.Output("out", out)
	var g Guard
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not come through")
			}
		}()
		g.Write(&p, out, func(w io.Writer) error { io.WriteString(w, "half"); panic("boom") })
	}()
	if got := names(t, dir); !slices.Equal(got, []string{"out.csv"}) {
		t.Errorf("the folder holds %v, want only out.csv", got)
	}
	if got := readString(t, out); got != "old" {
		t.Errorf("out.csv holds %q", got)
	}
}

// TestGuardAfterInterrupt: once interrupted, a Guard writes nothing more.
func TestGuardAfterInterrupt(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	var p Plan
	p.Output("out", out)
	var g Guard
	g.Interrupt()
	err := g.WriteFile(&p, out, []byte("x"))
	if fe := kindOf(t, err); fe.Kind != KindInterrupted || fe.Flag != "out" {
		t.Errorf("WriteFile after Interrupt: %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("the folder holds %v", got)
	}
}

// TestGuardThroughSymlink: a symlink is written through; it stays a link.
func TestGuardThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/real.csv", "old", 0o640)
	symlink(t, "real.csv", dir+"/link.csv")
	var p Plan
	p.Store("into", dir+"/link.csv")
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	var g Guard
	if err := g.WriteFile(&p, dir+"/link.csv", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(dir + "/link.csv"); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.csv is no longer a link (%v)", err)
	}
	if got := readString(t, dir+"/real.csv"); got != "new" {
		t.Errorf("real.csv holds %q", got)
	}
	if info, _ := os.Stat(dir + "/real.csv"); runtime.GOOS != "windows" && info.Mode().Perm() != 0o640 {
		t.Errorf("real.csv has mode %v, want 0640", info.Mode().Perm())
	}
}
