package files

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// role is what a run does with a file.
type role int

const (
	roleInput  role = iota // read
	roleOutput             // written, replacing what was there
	roleStore              // read, then rewritten in place
)

// entry is one file of a plan: a flag's path, or one name of a series.
type entry struct {
	flag string
	path string
	role role
}

// Plan is every file one run touches — inputs, outputs and the store —
// declared before any of them is read, so that [Plan.Check] can refuse a
// run that would destroy one of its own inputs, and a [Guard] can refuse to
// write any file the plan did not declare. The zero Plan is empty and
// ready; a flag not given (path "") is ignored.
type Plan struct {
	entries []entry
}

// Input declares a file the flag names that is only read; "-" is stdin.
func (p *Plan) Input(flag, path string) { p.add(flag, path, roleInput) }

// Output declares a file the flag names that is written whole, replacing
// what was there; "-" is stdout.
func (p *Plan) Output(flag, path string) { p.add(flag, path, roleOutput) }

// OutputSeries declares the numbered outputs a flag names: path and its
// siblings [SeriesName](path, 2) up to SeriesName(path, max), all checked
// as outputs, since which of them a run writes is known only once it has
// read its inputs. A run must not write more than max of them: the one
// beyond is not declared and a [Guard] refuses it.
func (p *Plan) OutputSeries(flag, path string, max int) {
	if path == "-" {
		p.add(flag, path, roleOutput)
		p.entries[len(p.entries)-1].role = roleSeriesDash
		return
	}
	for i := 1; i <= max; i++ {
		p.add(flag, SeriesName(path, i), roleOutput)
	}
}

// roleSeriesDash marks "-" given as a series, which Check refuses: many
// files cannot go to one stdout.
const roleSeriesDash role = -1

// Store declares the store the flag names: read, then rewritten in place.
// No other flag may name its file, not even as an input.
func (p *Plan) Store(flag, path string) { p.add(flag, path, roleStore) }

func (p *Plan) add(flag, path string, r role) {
	if path != "" {
		p.entries = append(p.entries, entry{flag: flag, path: path, role: r})
	}
}

// SeriesName is the i-th file of a series whose first file is path: path
// itself for i ≤ 1, else the name with -i before the extension
// (e.xlsx, e-2.xlsx, e-3.xlsx).
func SeriesName(path string, i int) string {
	if i <= 1 {
		return path
	}
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-" + strconv.Itoa(i) + ext
}

// Check checks the plan before anything is read and returns the first
// problem as an [*Error]:
//   - an output or the store naming the file of any other flag — the same
//     path, or the same file through a symbolic or hard link, or a path
//     that will be the same file once made (links to files not yet made
//     included) — is KindSameFile, with both flags and paths;
//   - two inputs on stdin are KindStdinTwice, two outputs on stdout
//     KindStdoutTwice; "-" is otherwise never a clash; the store or a
//     series as "-" is KindDash;
//   - then each file on its own: an output or the store as [CheckStore]
//     says; an input must exist and be a regular file.
//
// Clashes come first because they say the most about what went wrong.
func (p *Plan) Check() error {
	ids := make([]identity, len(p.entries))
	for i, e := range p.entries {
		if e.path != "-" {
			ids[i] = identify(e.path)
		}
	}
	var stdin, stdout *entry
	for i := range p.entries {
		e := &p.entries[i]
		if e.path == "-" {
			switch {
			case e.role == roleStore || e.role == roleSeriesDash:
				return &Error{Kind: KindDash, Flag: e.flag, Path: e.path}
			case e.role == roleInput && stdin != nil:
				return &Error{Kind: KindStdinTwice, Flag: e.flag, Path: e.path, OtherFlag: stdin.flag}
			case e.role == roleInput:
				stdin = e
			case stdout != nil:
				return &Error{Kind: KindStdoutTwice, Flag: e.flag, Path: e.path, OtherFlag: stdout.flag}
			default:
				stdout = e
			}
			continue
		}
		for j := range p.entries[:i] {
			o := &p.entries[j]
			if o.path == "-" || (e.role == roleInput && o.role == roleInput) {
				continue
			}
			if ids[i].same(ids[j]) {
				// The written one is named first: it is the one to change.
				if e.role == roleInput {
					e, o = o, e
				}
				return &Error{Kind: KindSameFile, Flag: e.flag, Path: e.path, OtherFlag: o.flag, OtherPath: o.path}
			}
		}
	}
	for _, e := range p.entries {
		var err error
		switch {
		case e.path == "-":
		case e.role == roleInput:
			err = checkInput(e.flag, e.path)
		default:
			err = checkWritable(e.flag, e.path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// identity is what tells whether two paths are one file: the file itself
// when it exists, and where the path leads in any case.
type identity struct {
	info     fs.FileInfo // nil when nothing exists there (yet)
	resolved string
}

func identify(path string) identity {
	id := identity{resolved: resolve(path)}
	if info, err := os.Stat(path); err == nil {
		id.info = info
	}
	return id
}

func (a identity) same(b identity) bool {
	if a.info != nil && b.info != nil && os.SameFile(a.info, b.info) {
		return true
	}
	return samePath(a.resolved, b.resolved)
}

// declared returns the entry a [Guard] writes path for: an output or the
// store declared with exactly this path.
func (p *Plan) declared(path string) (entry, bool) {
	for _, e := range p.entries {
		if e.path == path && (e.role == roleOutput || e.role == roleStore) {
			return e, true
		}
	}
	return entry{}, false
}

// clash returns the first other entry whose existing file target is, just
// before target is replaced: a link swapped in since Check would otherwise
// let the write destroy an input.
func (p *Plan) clash(target string, self entry) (entry, bool) {
	t, err := os.Stat(target)
	if err != nil {
		return entry{}, false
	}
	for _, e := range p.entries {
		if e == self || e.path == "-" {
			continue
		}
		if info, err := os.Stat(e.path); err == nil && os.SameFile(info, t) {
			return e, true
		}
	}
	return entry{}, false
}
