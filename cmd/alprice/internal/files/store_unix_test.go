//go:build unix

package files

import (
	"net"
	"syscall"
	"testing"
)

func isWindows() bool { return false }

var platformStoreCases = []storeCase{
	{name: "a FIFO", want: KindNotRegular, typ: TypeFIFO, setup: func(t *testing.T, d string) string {
		mkfifo(t, d+"/st.csv")
		return d + "/st.csv"
	}},
	{name: "a socket", want: KindNotRegular, typ: TypeSocket, setup: func(t *testing.T, d string) string {
		l, err := net.Listen("unix", d+"/st.sock")
		if err != nil {
			t.Skip(err)
		}
		t.Cleanup(func() { l.Close() })
		return d + "/st.sock"
	}},
	{name: "/dev/zero", want: KindSystemPath, setup: func(t *testing.T, d string) string { return "/dev/zero" }},
	{name: "a link to /dev/zero", want: KindSystemPath, setup: func(t *testing.T, d string) string {
		symlink(t, "/dev/zero", d+"/st.csv")
		return d + "/st.csv"
	}},
	{name: "a device outside /dev", want: KindNotRegular, typ: TypeDevice, setup: func(t *testing.T, d string) string {
		// The same device as /dev/null (1, 3); needs root, as here.
		if err := syscall.Mknod(d+"/null", syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("mknod: %v", err)
		}
		return d + "/null"
	}},
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}
