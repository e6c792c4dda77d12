//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileTerminalWidth asks the terminal f is for its window size; a file or
// a pipe has none.
func fileTerminalWidth(f *os.File) (int, bool) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0, false
	}
	return int(ws.Col), true
}
