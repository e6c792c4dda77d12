package files

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// childEnv names what a re-executed test binary does instead of testing:
// the tests of locks and signals need other processes.
const childEnv = "ALPRICE_FILES_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := child(mode, os.Getenv("STORE")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child runs one child mode:
//   - hold: lock the store, say "locked", then wait to be killed;
//   - add: add LINES lines "ID-i" to the store, each under the lock in a
//     read-modify-write of its own;
//   - write: write the store, stopping half way to say "writing", with a
//     signal handler that calls Interrupt (see childWrite).
func child(mode, store string) error {
	switch mode {
	case "hold":
		if _, err := Lock(context.Background(), store, "hold", 10*time.Second, nil); err != nil {
			return err
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		return errors.New("not killed")
	case "add":
		n, _ := strconv.Atoi(os.Getenv("LINES"))
		return addLines(store, os.Getenv("ID"), n)
	case "write":
		return childWrite(store)
	}
	return fmt.Errorf("unknown child mode %q", mode)
}

// addLines adds n lines to store, one read-merge-write under the lock each.
func addLines(store, id string, n int) error {
	var p Plan
	p.Store("into", store)
	if err := p.Check(); err != nil {
		return err
	}
	var g Guard
	for i := range n {
		unlock, err := Lock(context.Background(), store, "add "+id, time.Minute, nil)
		if err != nil {
			return err
		}
		var data []byte
		if r, err := Open("into", store, StoreLimit, nil); err == nil {
			data, err = ReadAll(r, store, StoreLimit)
			r.Close()
			if err != nil {
				return err
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		data = fmt.Appendf(data, "%s-%d\n", id, i)
		if err := g.WriteFile(&p, store, data); err != nil {
			return err
		}
		if err := unlock(); err != nil {
			return err
		}
	}
	return nil
}

// startChild starts the test binary as a child in mode with env, and waits
// until it prints want on its stdout (none when want is "").
func startChild(t *testing.T, mode, want string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + mode}, env...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	if want == "" {
		return cmd
	}
	said := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		said <- strings.TrimSpace(line)
		io.Copy(io.Discard, out)
	}()
	select {
	case line := <-said:
		if line != want {
			t.Fatalf("child %s said %q, want %q", mode, line, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("child %s did not say %q", mode, want)
	}
	return cmd
}

// writeFile makes a file for a test.
func writeFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// symlink makes a symbolic link for a test, skipping where it cannot
// (Windows without developer mode).
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// names lists dir, to show that no temporary file was left.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range es {
		ns = append(ns, e.Name())
	}
	return ns
}

// kindOf returns the Kind of err, failing the test when err is not an *Error.
func kindOf(t *testing.T, err error) *Error {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	return fe
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
