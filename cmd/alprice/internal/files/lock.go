package files

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// NotifyAfter is how long [Lock] waits for a busy lock before it calls
// notify, so that a short wait passes unremarked and a long one is
// explained.
const NotifyAfter = 2 * time.Second

// pollEvery is how often a busy lock is tried again.
const pollEvery = 50 * time.Millisecond

// holderOffset is where the holder's record starts in the lock file. On
// Windows the lock is a mandatory lock of byte 0, which no other process
// may then read; the record after it stays readable to a waiter.
const holderOffset = 1

// Holder is who holds a store's lock, as its lock file records it.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"` // what the holder said it is doing
	Since   time.Time `json:"since"`
}

// String describes the holder in English for developers.
func (h *Holder) String() string {
	return fmt.Sprintf("process %d on %s (%s) since %s", h.PID, h.Host, h.Command, h.Since.Format(time.DateTime))
}

// LockPath is the lock file of the store at storePath: .<name>.lock beside
// the file the path leads to, so that every name of one store shares one
// lock. The file is left in place after use: removing it would let a
// waiter lock a file no longer there while a newcomer locks a new one.
func LockPath(storePath string) string {
	r := resolve(storePath)
	return filepath.Join(filepath.Dir(r), "."+filepath.Base(r)+".lock")
}

// Lock takes the exclusive lock of the store at storePath, for a
// read-merge-write: read the store after Lock returns, write it, then
// call unlock. holder says what this run is doing ("alprice quotes add");
// with our pid, host and start time it is written into the lock file, so
// that a waiter can say who it waits for.
//
// The lock is an advisory lock of the operating system (flock on Unix,
// LockFileEx on Windows): it dies with its process, so the lock file of a
// process that crashed or was killed never blocks. A busy lock is tried
// again until wait has passed — then KindLocked, naming the holder — or
// ctx is done (ctx.Err()). notify, if not nil, is called once with the
// holder (nil when its lock file does not say) when the lock has been busy
// for [NotifyAfter].
// unlock may be called more than once; only the first call counts.
func Lock(ctx context.Context, storePath, holder string, wait time.Duration, notify func(holder *Holder)) (unlock func() error, err error) {
	return lock(ctx, storePath, holder, wait, NotifyAfter, notify)
}

func lock(ctx context.Context, storePath, holder string, wait, notifyAfter time.Duration, notify func(*Holder)) (func() error, error) {
	path := LockPath(storePath)
	fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o666))
	start := time.Now()
	notified := false
	for {
		ok, err := fl.TryLock()
		if err != nil {
			return nil, ioError("", storePath, err)
		}
		if ok {
			break
		}
		h := readHolder(path)
		waited := time.Since(start)
		if waited >= wait {
			return nil, &Error{Kind: KindLocked, Path: storePath, Wait: wait, Holder: h}
		}
		if notify != nil && !notified && waited >= notifyAfter {
			notified = true
			notify(h)
		}
		t := time.NewTimer(min(pollEvery, wait-waited))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	writeHolder(path, holder)
	var once sync.Once
	var uerr error
	return func() error {
		once.Do(func() {
			clearHolder(path)
			if err := fl.Unlock(); err != nil {
				uerr = ioError("", storePath, err)
			}
		})
		return uerr
	}, nil
}

// writeHolder records who we are in the lock file we hold. It is best
// effort: without it a waiter says "another process".
func writeHolder(path, command string) {
	host, _ := os.Hostname()
	rec, _ := json.Marshal(Holder{PID: os.Getpid(), Host: host, Command: command, Since: time.Now().Truncate(time.Second)})
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := f.WriteAt(append(rec, '\n'), holderOffset); err == nil {
		f.Truncate(int64(holderOffset + len(rec) + 1))
	}
}

// clearHolder empties the record before the lock is released, so that
// the next waiter does not name a process that is gone. A dead holder's
// record stays until the next holder writes its own; it is read only
// while the lock is busy, so it is not shown for long.
func clearHolder(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Truncate(holderOffset)
		f.Close()
	}
}

// readHolder reads who holds the lock; nil when the record is missing or
// half written.
func readHolder(path string) *Holder {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.ReadAt(buf, holderOffset)
	line, _, _ := bytes.Cut(buf[:n], []byte("\n"))
	var h Holder
	if json.Unmarshal(line, &h) != nil || h.PID == 0 {
		return nil
	}
	return &h
}
