package browser

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
)

func TestCloseKillsProcessAndRemovesProfile(t *testing.T) {
	if _, err := FindChromium(); err != nil {
		Start(t) // skips or fails as every browser test does
	}
	b, err := New(t.Context(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pid := b.PID()
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		b.Close()
		t.Fatalf("browser pid %d: %v", pid, err)
	}
	var profile string
	for arg := range bytes.SplitSeq(cmdline, []byte{0}) {
		if v, ok := bytes.CutPrefix(arg, []byte("--user-data-dir=")); ok {
			profile = string(v)
		}
	}
	if profile == "" {
		b.Close()
		t.Fatalf("browser started without --user-data-dir: %q", cmdline)
	}
	downloads := b.DownloadDir()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("browser pid %d still there after Close (kill 0: %v)", pid, err)
	}
	for _, dir := range []string{profile, downloads} {
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there after Close (%v)", dir, err)
		}
	}
}
