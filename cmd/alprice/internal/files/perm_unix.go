//go:build unix

package files

import (
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// writable reports whether info's mode bits let us write the file. It reads
// the bits rather than trying, and for root (who may write anything) it
// asks for any write bit at all: a file someone made read-only stays so
// even for a script run as root.
func writable(info fs.FileInfo) bool {
	return permits(info, 0o2)
}

// dirWritable reports whether we may make and rename files in the folder
// info describes: write and search permission, read from its bits as
// writable does.
func dirWritable(info fs.FileInfo) bool {
	return permits(info, 0o2) && permits(info, 0o1)
}

// permits reports whether the bit (0o2 write, 0o1 search) is set in the
// class of info's mode that applies to us: owner, group or other.
func permits(info fs.FileInfo, bit fs.FileMode) bool {
	perm := info.Mode().Perm()
	st, ok := info.Sys().(*syscall.Stat_t)
	uid := os.Geteuid()
	switch {
	case !ok:
		return perm&(bit<<6) != 0
	case uid == 0:
		return perm&(bit<<6|bit<<3|bit) != 0
	case int(st.Uid) == uid:
		return perm&(bit<<6) != 0
	case inGroup(int(st.Gid)):
		return perm&(bit<<3) != 0
	}
	return perm&bit != 0
}

func inGroup(gid int) bool {
	if gid == os.Getegid() {
		return true
	}
	groups, err := os.Getgroups()
	return err == nil && slices.Contains(groups, gid)
}
