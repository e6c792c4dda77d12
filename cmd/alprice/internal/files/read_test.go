package files

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestLimitReader: at the limit is fine, one byte more fails, whatever
// the reads' sizes; nothing is silently cut.
func TestLimitReader(t *testing.T) {
	tests := []struct {
		size, limit int64
		tooLarge    bool
	}{
		{0, 0, false},
		{1, 0, true},
		{10, 10, false},
		{11, 10, true},
		{5000, 4096, true},
		{4096, 4096, false},
		{7, -1, false},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(strings.Repeat("x", int(tt.size)))
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := io.ReadAll(LimitReader(r, "quotes", "q.csv", tt.limit))
			if !tt.tooLarge {
				if err != nil || int64(len(got)) != tt.size {
					t.Errorf("size %d limit %d: read %d, %v", tt.size, tt.limit, len(got), err)
				}
				continue
			}
			fe := kindOf(t, err)
			if fe.Kind != KindTooLarge || fe.Limit != tt.limit || fe.Flag != "quotes" || fe.Path != "q.csv" {
				t.Errorf("size %d limit %d: %v", tt.size, tt.limit, err)
			}
			if int64(len(got)) > tt.limit {
				t.Errorf("size %d limit %d: %d bytes came through", tt.size, tt.limit, len(got))
			}
		}
	}
}

// TestReadAll: the bytes within the limit, an error beyond it.
func TestReadAll(t *testing.T) {
	tests := []struct {
		data     string
		limit    int64
		tooLarge bool
	}{
		{"", 0, false},
		{"abc", 3, false},
		{"abcd", 3, true},
		{strings.Repeat("é", 5000), 10000, false},
		{strings.Repeat("é", 5000), 9999, true},
		{strings.Repeat("x", 100000), -1, false},
	}
	for _, tt := range tests {
		got, err := ReadAll(iotest.HalfReader(strings.NewReader(tt.data)), "in.csv", tt.limit)
		if tt.tooLarge {
			if fe := kindOf(t, err); fe.Kind != KindTooLarge || fe.Limit != tt.limit || fe.Path != "in.csv" {
				t.Errorf("%d bytes, limit %d: %v", len(tt.data), tt.limit, err)
			}
			continue
		}
		if err != nil || string(got) != tt.data {
			t.Errorf("%d bytes, limit %d: read %d bytes, %v", len(tt.data), tt.limit, len(got), err)
		}
	}
	boom := errors.New("boom")
	if _, err := ReadAll(iotest.ErrReader(boom), "in.csv", 10); !errors.Is(err, boom) {
		t.Errorf("ReadAll of a failing reader: %v", err)
	}
}

// TestSparseFile: a 20 GB sparse file, which crashed the runtime when read
// whole, fails just past the limit, fast, allocating about the limit.
func TestSparseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(20 << 30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	f.Close()
	const limit = 4 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	r, err := Open("quotes", path, limit, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = ReadAll(r, path, 1<<40)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if fe := kindOf(t, err); fe.Kind != KindTooLarge || fe.Flag != "quotes" || fe.Limit != limit {
		t.Errorf("ReadAll of a 20 GB file: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*limit {
		t.Errorf("ReadAll with a %d-byte limit allocated %d bytes", limit, alloc)
	}
	if took > 5*time.Second {
		t.Errorf("ReadAll took %v to refuse", took)
	}
}

// openCase is an input for Open: ok, or refused with want (and typ).
type openCase struct {
	name string
	path string
	want Kind
	ok   bool
	typ  FileType
}

// TestOpen: what a named input may be.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/q.csv", "date,price\n", 0o644)
	tests := []openCase{
		{name: "a file", path: dir + "/q.csv", ok: true},
		{name: "a missing file", path: dir + "/none.csv", want: KindNotFound},
		{name: "a directory", path: dir, want: KindNotRegular, typ: TypeDirectory},
	}
	tests = append(tests, platformOpenCases(t, dir)...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				r, err := Open("quotes", tt.path, 1<<20, nil)
				if err == nil {
					_, err = ReadAll(r, tt.path, 1<<20)
					r.Close()
				}
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Open blocked")
			}
			if tt.ok {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				return
			}
			fe := kindOf(t, err)
			if fe.Kind != tt.want || fe.Flag != "quotes" || (tt.want == KindNotRegular && fe.Type != tt.typ) {
				t.Errorf("Open: %v: kind %s type %s, want %s %s", err, fe.Kind, fe.Type, tt.want, tt.typ)
			}
			if tt.want == KindNotFound && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("Open: %v is not fs.ErrNotExist", err)
			}
		})
	}
}

// zeros is an endless stdin, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestOpenStdin: "-" reads the stdin given, bounded as a file is.
func TestOpenStdin(t *testing.T) {
	r, err := Open("deliveries", "-", 10, strings.NewReader("0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(r); err != nil || string(got) != "0123456789" {
		t.Errorf("read %q, %v", got, err)
	}
	r, _ = Open("deliveries", "-", 1000, zeros{})
	if _, err := io.ReadAll(r); kindOf(t, err).Kind != KindTooLarge {
		t.Errorf("an endless stdin: %v", err)
	}
}

// A file opened within a limit seeks, for a reader that reads it twice,
// and the limit counts again from where it seeks to.
func TestOpenSeeks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open("deliveries", path, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, ok := r.(io.ReadSeeker)
	if !ok {
		t.Fatal("an opened file does not seek")
	}
	for pass := range 2 {
		b, err := io.ReadAll(s)
		if err != nil || string(b) != "0123456789" {
			t.Fatalf("pass %d: %q, %v", pass+1, b, err)
		}
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
	}
}
