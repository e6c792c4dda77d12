package files

import (
	"fmt"
	"strconv"
	"time"
)

// Kind says what went wrong with a file, for the one function that turns
// errors into words for people and exit codes: that function switches on
// it, so a new Kind is a new case there.
type Kind int

// The kinds of [Error]. The comment of each names the fields it sets
// besides Kind, Flag and Path.
const (
	// KindIO is any other failure of the file system; Err is the cause.
	KindIO Kind = iota
	// KindSameFile: an output names the file another flag names (same
	// path, or the same file through a symbolic or hard link); OtherFlag
	// and OtherPath name the other one.
	KindSameFile
	// KindStdinTwice: two inputs are "-", and stdin can be read once;
	// OtherFlag is the first one.
	KindStdinTwice
	// KindStdoutTwice: two outputs are "-", and they would interleave;
	// OtherFlag is the first one.
	KindStdoutTwice
	// KindDash: "-" where only a file will do (the store, a numbered
	// series of outputs).
	KindDash
	// KindSystemPath: an output or the store is a system path — in /dev,
	// /proc or /sys, or a Windows device name such as NUL or CON.
	KindSystemPath
	// KindNotRegular: the file is something else; Type says what.
	KindNotRegular
	// KindDangling: a symbolic link to nothing; Target is what it points to.
	KindDangling
	// KindReadOnly: the file exists and has no write permission for us, so
	// it is not replaced.
	KindReadOnly
	// KindDirReadOnly: the folder that would hold the new file has no write
	// permission for us; Target is the folder.
	KindDirReadOnly
	// KindNoDir: the folder that would hold an output does not exist;
	// Target is the folder.
	KindNoDir
	// KindNotFound: an input does not exist. Err is fs.ErrNotExist.
	KindNotFound
	// KindTooLarge: an input holds more than Limit bytes.
	KindTooLarge
	// KindLocked: another process held the store's lock for all of Wait;
	// Holder is who, when its lock file says (nil otherwise).
	KindLocked
	// KindUndeclared: a write to a path its [Plan] did not declare: a
	// mistake in the program, not in what the user gave.
	KindUndeclared
	// KindInterrupted: a signal stopped the run before the file was
	// renamed into place; nothing was written.
	KindInterrupted
)

var kindNames = [...]string{
	KindIO: "io", KindSameFile: "same-file", KindStdinTwice: "stdin-twice",
	KindStdoutTwice: "stdout-twice", KindDash: "dash", KindSystemPath: "system-path",
	KindNotRegular: "not-regular", KindDangling: "dangling", KindReadOnly: "read-only",
	KindDirReadOnly: "dir-read-only", KindNoDir: "no-dir", KindNotFound: "not-found",
	KindTooLarge: "too-large", KindLocked: "locked", KindUndeclared: "undeclared",
	KindInterrupted: "interrupted",
}

// String returns a short fixed name of the kind, for tests and logs.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// FileType is what a path is when it is not the regular file wanted, so
// that a message can say "a named pipe" rather than "not a file".
type FileType int

// The file types [Error.Type] reports.
const (
	TypeRegular FileType = iota
	TypeDirectory
	TypeFIFO
	TypeDevice
	TypeSocket
	TypeOther
)

var typeNames = [...]string{
	TypeRegular: "a regular file", TypeDirectory: "a directory", TypeFIFO: "a named pipe (FIFO)",
	TypeDevice: "a device", TypeSocket: "a socket", TypeOther: "not a regular file",
}

// String describes the type in English for developers, with its article.
func (t FileType) String() string {
	if t >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "FileType(" + strconv.Itoa(int(t)) + ")"
}

// Error is every error of this package. Kind decides what it means; the
// fields carry what a message needs, so that the catalogue can word it in
// any language. Error() is English for developers, never shown to users
// as is.
type Error struct {
	Kind      Kind
	Flag      string // the flag naming the file, without "--"; "" when none
	Path      string // the path as given
	OtherFlag string // KindSameFile, KindStdinTwice, KindStdoutTwice
	OtherPath string // KindSameFile
	Target    string // KindDangling: the link's target; KindNoDir, KindDirReadOnly: the folder
	Type      FileType
	Limit     int64         // KindTooLarge: the most bytes allowed
	Wait      time.Duration // KindLocked: how long we waited
	Holder    *Holder       // KindLocked: who holds the lock; nil when unknown
	Err       error         // the cause, for KindIO and KindNotFound
}

// Error returns an English developer message: "--flag path: what".
func (e *Error) Error() string {
	var what string
	switch e.Kind {
	case KindSameFile:
		what = fmt.Sprintf("is the same file as %s %s", flagText(e.OtherFlag), e.OtherPath)
	case KindStdinTwice:
		what = fmt.Sprintf("stdin is already read by %s", flagText(e.OtherFlag))
	case KindStdoutTwice:
		what = fmt.Sprintf("stdout is already written by %s", flagText(e.OtherFlag))
	case KindDash:
		what = "needs a file, not - (stdin/stdout)"
	case KindSystemPath:
		what = "is a system path, not a file to write"
	case KindNotRegular:
		what = "is " + e.Type.String() + ", not a regular file"
	case KindDangling:
		what = fmt.Sprintf("is a symbolic link to %s, which does not exist", e.Target)
	case KindReadOnly:
		what = "is read-only"
	case KindDirReadOnly:
		what = fmt.Sprintf("the folder %s is read-only", e.Target)
	case KindNoDir:
		what = fmt.Sprintf("the folder %s does not exist", e.Target)
	case KindNotFound:
		what = "does not exist"
	case KindTooLarge:
		what = fmt.Sprintf("is larger than %d bytes", e.Limit)
	case KindLocked:
		who := "another process"
		if e.Holder != nil {
			who = e.Holder.String()
		}
		what = fmt.Sprintf("is locked by %s; gave up after %s", who, e.Wait)
	case KindUndeclared:
		what = "was not declared in the plan of files"
	case KindInterrupted:
		what = "interrupted; not written"
	default:
		what = fmt.Sprint(e.Err)
	}
	if e.Flag == "" {
		return e.Path + ": " + what
	}
	return "--" + e.Flag + " " + e.Path + ": " + what
}

// Unwrap returns the cause, so errors.Is(err, fs.ErrNotExist) and the like
// keep working.
func (e *Error) Unwrap() error { return e.Err }

func flagText(flag string) string {
	if flag == "" {
		return "an argument"
	}
	return "--" + flag
}
