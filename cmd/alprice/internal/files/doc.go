// Package files is where alprice's inputs and outputs meet the file
// system. It exists so that no run destroys what it reads, leaves half a
// file behind, loses a concurrent update of the store, or reads without
// end.
//
// A run first declares every file it touches in a [Plan] — inputs,
// outputs, numbered output series, the store — and calls [Plan.Check]
// before it reads anything: an output naming an input (by path, symbolic
// link or hard link), two outputs naming one file, two inputs on stdin,
// an output in /dev or named NUL, a FIFO or device or read-only file as
// the store are all refused there, as an [*Error] whose [Kind] the caller
// turns into words.
//
// Inputs are opened with [Open] and read with [ReadAll], bounded by the
// limits such as [StoreLimit]; [Spool] copies stdin to a file for a
// reader that reads twice. Outputs and the store are written through
// a [Guard]: temporary file, sync, rename; [Guard.Interrupt] is for the
// signal handler. A read-merge-write of the store happens under [Lock].
//
// Files:
//   - errors.go: [Error], [Kind], [FileType].
//   - plan.go: [Plan], [SeriesName].
//   - check.go: [CheckStore] and the checks of single files; path resolution.
//   - perm_*.go: whether mode bits let us write, per system.
//   - read.go, open_*.go: [Open], [LimitReader], [ReadAll], the limits.
//   - spool.go: [Spool], stdin copied as it is read, to be read again.
//   - write.go: [Guard].
//   - lock.go: [Lock], [LockPath], [Holder].
//
// The package speaks no language to people: every Error() is an English
// string for developers.
package files
