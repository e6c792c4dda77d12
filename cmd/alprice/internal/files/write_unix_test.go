//go:build unix

package files

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// childWrite writes store with a Guard whose Interrupt the SIGINT handler
// calls, as run's handler does; half way it says "writing" and waits for
// the signal.
func childWrite(store string) error {
	var p Plan
	p.Output("out", store)
	var g Guard
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		g.Interrupt()
		os.Exit(130)
	}()
	return g.Write(&p, store, func(w io.Writer) error {
		io.WriteString(w, "half of it")
		fmt.Println("writing")
		time.Sleep(time.Minute)
		return errors.New("no signal came")
	})
}

// TestSignalLeavesNothing: a SIGINT or SIGTERM in the middle of a write
// leaves the old file as it was and no temporary file.
func TestSignalLeavesNothing(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.csv")
			writeFile(t, out, "old", 0o644)
			cmd := startChild(t, "write", "writing", "STORE="+out)
			if got := names(t, dir); len(got) != 2 {
				t.Fatalf("while writing the folder holds %v, want out.csv and a temporary file", got)
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Fatalf("child ended with %v, want exit status 130", err)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"out.csv"}) {
				t.Errorf("after the signal the folder holds %v, want only out.csv", got)
			}
			if got := readString(t, out); got != "old" {
				t.Errorf("out.csv holds %q, want the old %q", got, "old")
			}
		})
	}
}

// TestNewFileMode: a new file gets 0644 less the umask, as a file made
// directly would.
func TestNewFileMode(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	out := filepath.Join(dir, "new.csv")
	var p Plan
	p.Output("out", out)
	var g Guard
	if err := g.WriteFile(&p, out, []byte("x")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o640 {
		t.Errorf("new file has mode %o, want 0640 (0644 less umask 027)", got)
	}
}
