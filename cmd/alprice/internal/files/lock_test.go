package files

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLockWaiterIsTold: a second locker waits, is told who holds the lock
// once notifyAfter has passed, and gives up after wait naming the holder.
func TestLockWaiterIsTold(t *testing.T) {
	store := filepath.Join(t.TempDir(), "st.csv")
	unlock, err := Lock(context.Background(), store, "alprice quotes fetch", time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var told []string
	notify := func(h *Holder) { mu.Lock(); told = append(told, h.String()); mu.Unlock() }
	_, err = lock(context.Background(), store, "alprice quotes add", 400*time.Millisecond, 100*time.Millisecond, notify)
	fe := kindOf(t, err)
	if fe.Kind != KindLocked || fe.Path != store || fe.Wait != 400*time.Millisecond {
		t.Fatalf("a second Lock: %v", err)
	}
	if fe.Holder == nil || fe.Holder.PID != os.Getpid() || fe.Holder.Command != "alprice quotes fetch" {
		t.Errorf("the holder named is %+v", fe.Holder)
	}
	mu.Lock()
	if len(told) != 1 || !strings.Contains(told[0], "alprice quotes fetch") || !strings.Contains(told[0], strconv.Itoa(os.Getpid())) {
		t.Errorf("the waiter was told %q, want once who holds it", told)
	}
	mu.Unlock()

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := Lock(ctx, store, "cancelled", time.Minute, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Lock with a cancelled context: %v", err)
	}

	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := unlock(); err != nil {
		t.Errorf("a second unlock: %v", err)
	}
	unlock2, err := Lock(context.Background(), store, "next", 0, nil)
	if err != nil {
		t.Fatalf("Lock once free: %v", err)
	}
	unlock2()
}

// TestLockPath: every name of one store shares one lock, beside the file.
func TestLockPath(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	writeFile(t, dir+"/st.csv", "", 0o644)
	symlink(t, "st.csv", dir+"/link.csv")
	want := filepath.Join(dir, ".st.csv.lock")
	for _, p := range []string{dir + "/st.csv", dir + "/link.csv", dir + "/sub/../st.csv"} {
		if got := LockPath(p); got != want {
			t.Errorf("LockPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestLockOfKilledProcess: the lock of a process killed while it held it
// blocks nobody, though its lock file is still there and still names it.
func TestLockOfKilledProcess(t *testing.T) {
	store := filepath.Join(t.TempDir(), "st.csv")
	cmd := startChild(t, "hold", "locked", "STORE="+store)
	_, err := Lock(context.Background(), store, "parent", 0, nil)
	if fe := kindOf(t, err); fe.Kind != KindLocked || fe.Holder == nil || fe.Holder.PID != cmd.Process.Pid || fe.Holder.Command != "hold" {
		t.Fatalf("Lock while the child holds it: %v (holder %+v)", err, fe.Holder)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(LockPath(store)); err != nil {
		t.Fatalf("the lock file is gone: %v", err)
	}
	start := time.Now()
	unlock, err := Lock(context.Background(), store, "parent", 5*time.Second, nil)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	defer unlock()
	if took := time.Since(start); took > time.Second {
		t.Errorf("Lock after the holder was killed took %v", took)
	}
}

// TestLockTwoProcesses: two processes each add 200 lines to one store,
// each line a read-merge-write of its own under the lock: none is lost.
func TestLockTwoProcesses(t *testing.T) {
	const n = 200
	store := filepath.Join(t.TempDir(), "st.csv")
	var cmds []*os.Process
	for _, id := range []string{"a", "b"} {
		cmd := startChild(t, "add", "", "STORE="+store, "ID="+id, "LINES="+strconv.Itoa(n))
		cmds = append(cmds, cmd.Process)
	}
	for _, p := range cmds {
		if st, err := p.Wait(); err != nil || !st.Success() {
			t.Fatalf("a child failed: %v %v", st, err)
		}
	}
	lines := strings.Split(strings.TrimSuffix(readString(t, store), "\n"), "\n")
	for _, id := range []string{"a", "b"} {
		var got, want []string
		for i := range n {
			want = append(want, fmt.Sprintf("%s-%d", id, i))
		}
		for _, l := range lines {
			if strings.HasPrefix(l, id+"-") {
				got = append(got, l)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("the store holds %d lines of %s, want %d in order", len(got), id, n)
		}
	}
	if len(lines) != 2*n {
		t.Errorf("the store holds %d lines, want %d", len(lines), 2*n)
	}
	if got := names(t, filepath.Dir(store)); !slices.Equal(got, []string{".st.csv.lock", "st.csv"}) {
		t.Errorf("the folder holds %v", got)
	}
}
