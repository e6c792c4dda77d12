package files

import (
	"os"
	"testing"
)

// storeCase is one store for CheckStore: setup makes it in dir and
// returns its path.
type storeCase struct {
	name   string
	setup  func(t *testing.T, dir string) string
	ok     bool
	want   Kind
	typ    FileType // for KindNotRegular
	target string   // for KindDangling
}

// storeCases are the cases on every system; store_unix_test.go adds FIFOs,
// sockets and devices.
var storeCases = []storeCase{
	{name: "a new store", ok: true, setup: func(t *testing.T, d string) string { return d + "/st.csv" }},
	{name: "a regular store", ok: true, setup: func(t *testing.T, d string) string {
		writeFile(t, d+"/st.csv", "s", 0o644)
		return d + "/st.csv"
	}},
	{name: "a link to a store", ok: true, setup: func(t *testing.T, d string) string {
		writeFile(t, d+"/st.csv", "s", 0o644)
		symlink(t, "st.csv", d+"/link.csv")
		return d + "/link.csv"
	}},
	{name: "stdin", want: KindDash, setup: func(t *testing.T, d string) string { return "-" }},
	{name: "a directory", want: KindNotRegular, typ: TypeDirectory, setup: func(t *testing.T, d string) string { return d }},
	{name: "a dangling symlink", want: KindDangling, target: "moved.csv", setup: func(t *testing.T, d string) string {
		symlink(t, "moved.csv", d+"/st.csv")
		return d + "/st.csv"
	}},
	// Tests run as root here, and root may write a 0444 file: the check
	// reads the mode bits, so this case holds for root too.
	{name: "a read-only store", want: KindReadOnly, setup: func(t *testing.T, d string) string {
		writeFile(t, d+"/st.csv", "s", 0o444)
		return d + "/st.csv"
	}},
	{name: "a store in no folder", want: KindNoDir, setup: func(t *testing.T, d string) string { return d + "/none/st.csv" }},
	{name: "a store under a file", want: KindNoDir, setup: func(t *testing.T, d string) string {
		writeFile(t, d+"/f", "", 0o644)
		return d + "/f/st.csv"
	}},
}

// TestCheckStore: before, a FIFO blocked for ever, a dangling symlink and a
// read-only store were silently replaced.
func TestCheckStore(t *testing.T) {
	for _, tt := range append(storeCases, platformStoreCases...) {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t, t.TempDir())
			err := CheckStore("into", path)
			if tt.ok {
				if err != nil {
					t.Fatalf("CheckStore: %v", err)
				}
				return
			}
			fe := kindOf(t, err)
			if fe.Kind != tt.want || fe.Flag != "into" || fe.Path != path {
				t.Errorf("CheckStore: %v: kind %s, want %s", err, fe.Kind, tt.want)
			}
			if tt.want == KindNotRegular && fe.Type != tt.typ {
				t.Errorf("CheckStore: %v: type %s, want %s", err, fe.Type, tt.typ)
			}
			if fe.Target != tt.target && tt.target != "" {
				t.Errorf("CheckStore: %v: target %q, want %q", err, fe.Target, tt.target)
			}
		})
	}
}

// TestReadOnlyFolder: a new store in a folder without write permission is
// refused, read from the bits (root could write there regardless).
func TestReadOnlyFolder(t *testing.T) {
	if isWindows() {
		t.Skip("Windows ignores the read-only attribute of folders")
	}
	dir := t.TempDir()
	if err := CheckStore("into", dir+"/st.csv"); err != nil {
		t.Fatalf("CheckStore in a fresh folder: %v", err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	err := CheckStore("into", dir+"/st.csv")
	if fe := kindOf(t, err); fe.Kind != KindDirReadOnly || fe.Target != dir {
		t.Errorf("CheckStore in a 0555 folder: %v", err)
	}
}
