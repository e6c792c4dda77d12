//go:build !unix

package files

import "runtime"

func isWindows() bool { return runtime.GOOS == "windows" }

var platformStoreCases []storeCase
