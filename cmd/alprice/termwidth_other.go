//go:build !unix && !windows

package main

import "os"

// fileTerminalWidth knows no terminal on this system: every column.
func fileTerminalWidth(*os.File) (int, bool) { return 0, false }
