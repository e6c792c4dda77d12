package main

import (
	"io"
	"os"
)

// terminalWidth is the width, in columns, of the terminal w writes to;
// false when w is no terminal — a pipe, a file, a buffer — whose reader
// gets every column whatever the width, so that scripts see stable output.
func terminalWidth(w io.Writer) (int, bool) {
	f, ok := w.(*os.File)
	if !ok {
		return 0, false
	}
	width, ok := fileTerminalWidth(f)
	return width, ok && width > 0
}
