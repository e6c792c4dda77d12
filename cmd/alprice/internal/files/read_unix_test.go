//go:build unix

package files

import "testing"

// platformOpenCases are the inputs only Unix has: a FIFO, which os.Open
// would wait on for ever, and devices.
func platformOpenCases(t *testing.T, dir string) []openCase {
	mkfifo(t, dir+"/fifo.csv")
	symlink(t, "fifo.csv", dir+"/link.csv")
	return []openCase{
		{name: "a FIFO", path: dir + "/fifo.csv", want: KindNotRegular, typ: TypeFIFO},
		{name: "a link to a FIFO", path: dir + "/link.csv", want: KindNotRegular, typ: TypeFIFO},
		{name: "/dev/zero", path: "/dev/zero", want: KindNotRegular, typ: TypeDevice},
	}
}
