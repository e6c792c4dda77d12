//go:build !unix && !windows

package files

import "io/fs"

// writable reports whether the owner's write bit is set.
func writable(info fs.FileInfo) bool { return info.Mode().Perm()&0o200 != 0 }

// dirWritable reports whether the owner's write bit is set.
func dirWritable(info fs.FileInfo) bool { return info.Mode().Perm()&0o200 != 0 }
