//go:build windows

package files

import "io/fs"

// writable reports whether the file lacks the read-only attribute, which
// Go shows as a mode without write bits. Windows refuses to rename over
// such a file anyway; saying so first gives a clear message.
func writable(info fs.FileInfo) bool {
	return info.Mode().Perm()&0o200 != 0
}

// dirWritable is true: Windows ignores the read-only attribute of a folder
// (Explorer uses it to mark customised folders), so a folder we may not
// write shows itself only when the temporary file cannot be made.
func dirWritable(fs.FileInfo) bool { return true }
