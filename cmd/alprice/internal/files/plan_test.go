package files

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

type checkCase struct {
	name string
	// plan declares the files in dir, making what must exist.
	plan      func(t *testing.T, dir string, p *Plan)
	want      Kind
	ok        bool   // no error wanted
	flag      string // the flag the error names first
	otherFlag string
}

// TestPlanCheck holds Check to each defect of the review: every case with
// a want other than "" was accepted before and destroyed or blocked on a
// file.
func TestPlanCheck(t *testing.T) {
	tests := []checkCase{
		{name: "all distinct", ok: true, plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/q.csv", "q", 0o644)
			writeFile(t, d+"/st.csv", "s", 0o644)
			p.Input("quotes", d+"/q.csv")
			p.Store("into", d+"/st.csv")
			p.Output("out", d+"/new.csv")
			p.OutputSeries("einvoice", d+"/e.xlsx", 5)
			p.Output("absent", "")
		}},
		{name: "stdin and stdout are no clash", ok: true, plan: func(t *testing.T, d string, p *Plan) {
			p.Input("quotes", "-")
			p.Output("out", "-")
		}},
		{name: "the store may be itself", ok: true, plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/st.csv", "s", 0o644)
			p.Store("into", d+"/st.csv")
		}},
		{name: "--out names the store", want: KindSameFile, flag: "out", otherFlag: "into", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/st.csv", "121 quotes", 0o644)
			p.Store("into", d+"/st.csv")
			p.Output("out", d+"/st.csv")
		}},
		{name: "--out names the store by another spelling", want: KindSameFile, flag: "out", otherFlag: "into", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/st.csv", "121 quotes", 0o644)
			p.Store("into", d+"/st.csv")
			p.Output("out", d+"/./sub/../st.csv")
		}},
		{name: "--out is a symlink to an input", want: KindSameFile, flag: "out", otherFlag: "quotes", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/q.csv", "q", 0o644)
			symlink(t, "q.csv", d+"/link.csv")
			p.Input("quotes", d+"/q.csv")
			p.Output("out", d+"/link.csv")
		}},
		{name: "--out is a hard link to an input", want: KindSameFile, flag: "out", otherFlag: "deliveries", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/d.csv", "d", 0o644)
			if err := os.Link(d+"/d.csv", d+"/hard.csv"); err != nil {
				t.Skip(err)
			}
			p.Output("out", d+"/hard.csv")
			p.Input("deliveries", d+"/d.csv")
		}},
		{name: "a numbered sibling is a symlink to an input", want: KindSameFile, flag: "einvoice", otherFlag: "invoices", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/inv.csv", "i", 0o644)
			symlink(t, "inv.csv", d+"/e-3.xlsx")
			p.Input("invoices", d+"/inv.csv")
			p.OutputSeries("einvoice", d+"/e.xlsx", 9)
		}},
		{name: "two outputs name one new file", want: KindSameFile, flag: "red-requests", otherFlag: "out", plan: func(t *testing.T, d string, p *Plan) {
			p.Output("out", d+"/r.csv")
			p.Output("red-requests", d+"/r.csv")
		}},
		{name: "an output is a numbered sibling of a series", want: KindSameFile, flag: "out", otherFlag: "einvoice", plan: func(t *testing.T, d string, p *Plan) {
			p.OutputSeries("einvoice", d+"/e.xlsx", 3)
			p.Output("out", d+"/e-2.xlsx")
		}},
		{name: "a symlink to a file not yet made names another output", want: KindSameFile, flag: "red-requests", otherFlag: "out", plan: func(t *testing.T, d string, p *Plan) {
			symlink(t, "new.csv", d+"/link.csv")
			p.Output("out", d+"/link.csv")
			p.Output("red-requests", d+"/new.csv")
		}},
		{name: "new files through a symlinked folder", want: KindSameFile, flag: "red-requests", otherFlag: "out", plan: func(t *testing.T, d string, p *Plan) {
			os.Mkdir(d+"/real", 0o755)
			symlink(t, "real", d+"/alias")
			p.Output("out", d+"/alias/r.csv")
			p.Output("red-requests", d+"/real/r.csv")
		}},
		{name: "an input names the store", want: KindSameFile, flag: "into", otherFlag: "SOURCE", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/st.csv", "s", 0o644)
			p.Input("SOURCE", d+"/st.csv")
			p.Store("into", d+"/st.csv")
		}},
		{name: "two inputs on stdin", want: KindStdinTwice, flag: "deliveries", otherFlag: "quotes", plan: func(t *testing.T, d string, p *Plan) {
			p.Input("quotes", "-")
			p.Input("deliveries", "-")
		}},
		{name: "two outputs on stdout", want: KindStdoutTwice, flag: "einvoice", otherFlag: "out", plan: func(t *testing.T, d string, p *Plan) {
			p.Output("out", "-")
			p.Output("einvoice", "-")
		}},
		{name: "the store as -", want: KindDash, flag: "into", plan: func(t *testing.T, d string, p *Plan) {
			p.Store("into", "-")
		}},
		{name: "a series as -", want: KindDash, flag: "einvoice", plan: func(t *testing.T, d string, p *Plan) {
			p.OutputSeries("einvoice", "-", 3)
		}},
		{name: "an output that is a folder", want: KindNotRegular, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
			p.Output("out", d)
		}},
		{name: "an output through a link to nothing", want: KindDangling, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
			symlink(t, "gone/x.csv", d+"/link.csv")
			p.Output("out", d+"/link.csv")
		}},
		{name: "a read-only output", want: KindReadOnly, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
			writeFile(t, d+"/ro.csv", "keep", 0o444)
			p.Output("out", d+"/ro.csv")
		}},
		{name: "an output in no folder", want: KindNoDir, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
			p.Output("out", d+"/none/r.csv")
		}},
		{name: "a missing input", want: KindNotFound, flag: "quotes", plan: func(t *testing.T, d string, p *Plan) {
			p.Input("quotes", d+"/none.csv")
		}},
		{name: "a folder as input", want: KindNotRegular, flag: "quotes", plan: func(t *testing.T, d string, p *Plan) {
			p.Input("quotes", d)
		}},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests,
			checkCase{name: "/dev/null as output", want: KindSystemPath, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
				p.Output("out", "/dev/null")
			}},
			checkCase{name: "a link to /dev/stdout as output", want: KindSystemPath, flag: "out", plan: func(t *testing.T, d string, p *Plan) {
				symlink(t, "/dev/stdout", d+"/out.csv")
				p.Output("out", d+"/out.csv")
			}},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var p Plan
			tt.plan(t, dir, &p)
			err := p.Check()
			if tt.ok {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check passed, want %s", tt.want)
			}
			fe := kindOf(t, err)
			if fe.Kind != tt.want || fe.Flag != tt.flag || fe.OtherFlag != tt.otherFlag {
				t.Errorf("Check: %v\n kind %s flag %q other %q, want %s %q %q", err, fe.Kind, fe.Flag, fe.OtherFlag, tt.want, tt.flag, tt.otherFlag)
			}
			if fe.Kind == KindSameFile && (fe.Path == "" || fe.OtherPath == "") {
				t.Errorf("Check: %v: both paths should be named", err)
			}
		})
	}
}

func TestSeriesName(t *testing.T) {
	tests := []struct {
		path string
		i    int
		want string
	}{
		{"e.xlsx", 1, "e.xlsx"},
		{"e.xlsx", 2, "e-2.xlsx"},
		{"out/e.xlsx", 12, "out/e-12.xlsx"},
		{"noext", 3, "noext-3"},
		{filepath.Join("a.b", "c"), 2, filepath.Join("a.b", "c-2")},
	}
	for _, tt := range tests {
		if got := SeriesName(tt.path, tt.i); got != tt.want {
			t.Errorf("SeriesName(%q, %d) = %q, want %q", tt.path, tt.i, got, tt.want)
		}
	}
}

func TestWindowsDevice(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"NUL", true},
		{"nul", true},
		{"nul.csv", true},
		{`C:\reports\CON.xlsx`, true},
		{"out/com1.txt", true},
		{"LPT9", true},
		{`\\.\pipe\x`, true},
		{"CONOUT$", true},
		{"console.csv", false},
		{"com10.csv", false},
		{"nullable.csv", false},
		{`C:\reports\out.csv`, false},
		{`\\?\C:\reports\out.csv`, false},
	}
	for _, tt := range tests {
		if got := windowsDevice(tt.path); got != tt.want {
			t.Errorf("windowsDevice(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestResolve holds resolve to what a file system will do when the file is
// made: through a chain of links to a file not yet made, and a link loop.
func TestResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	symlink(t, "b", dir+"/a")
	symlink(t, "sub/c", dir+"/b")
	os.Mkdir(dir+"/sub", 0o755)
	symlink(t, "loop2", dir+"/loop1")
	symlink(t, "loop1", dir+"/loop2")
	tests := []struct{ path, want string }{
		{dir + "/a", dir + "/sub/c"},
		{dir + "/sub/../new", dir + "/new"},
		{dir + "/none/deeper/x", dir + "/none/deeper/x"},
		{dir + "/loop1", ""}, // anything, but it must end
	}
	for _, tt := range tests {
		got := resolve(tt.path)
		if tt.want != "" && got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
