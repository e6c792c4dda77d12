//go:build unix

package files

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting for a writer
// should it be a FIFO (Open then refuses it); for a regular file
// O_NONBLOCK changes nothing.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
