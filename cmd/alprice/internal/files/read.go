package files

import (
	"io"
	"math"
	"os"
)

// The limits of the inputs, in bytes: each is far above any real file
// (so that no clerk meets it) and far below what would exhaust a clerk's
// PC (so that a wrong file — a disk image, a sparse file, /dev/zero —
// fails at once, naming the limit). A file read whole costs about its size
// in memory, and the parsed values a few times that.
const (
	// AgreementsLimit: an agreements file (YAML) is a few kilobytes. Keep
	// it equal to pricing.MaxAgreementsSize, which bounds the same file.
	AgreementsLimit int64 = 1 << 20
	// HolidaysLimit: a holidays file is a few dozen lines a year.
	HolidaysLimit int64 = 1 << 20
	// StoreLimit: the quotes store is about 60 bytes a trading day,
	// 15 KiB a year; 64 MiB is thousands of years.
	StoreLimit int64 = 64 << 20
	// QuoteSourceLimit: a saved price-list page or export is well under a
	// megabyte; pages with inline scripts and images reach a few.
	QuoteSourceLimit int64 = 64 << 20
	// WorkbookLimit: a batch-issuing workbook (.xlsx, read whole by
	// excelize) of the platform's largest batch is a few megabytes. The
	// zip inside may unpack to far more: bound that with excelize's
	// Options.UnzipSizeLimit as well.
	WorkbookLimit int64 = 256 << 20
	// XMLInvoiceLimit: one e-invoice XML is tens of kilobytes.
	XMLInvoiceLimit int64 = 4 << 20
	// StreamLimit: the deliveries and invoices CSV files are read as a
	// stream, row by row, so their size costs time, not memory; the limit
	// only stops a file that never ends. 8 GiB is decades of deliveries.
	StreamLimit int64 = 8 << 30
)

// Open opens the input file a flag names, for reading at most limit bytes:
// reading more fails with KindTooLarge rather than stopping silently. "-"
// is stdin (nil means os.Stdin); the run's injected stdin is passed in so
// that tests can give their own. A named input must be a regular file: a
// FIFO (which would block), a device (/dev/zero never ends) or a directory
// is refused, checked on the file opened, not only on the name, and opened
// so that a FIFO swapped in cannot block the open itself. Errors are
// [*Error].
func Open(flag, path string, limit int64, stdin io.Reader) (io.ReadCloser, error) {
	name := path
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		return io.NopCloser(LimitReader(stdin, flag, name, limit)), nil
	}
	if err := checkInput(flag, path); err != nil {
		return nil, err
	}
	if limit < 0 {
		limit = math.MaxInt64 - 1 // no limit, and limit+1 still counts
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, ioError(flag, path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, ioError(flag, path, err)
	}
	if t := fileType(info); t != TypeRegular {
		f.Close()
		return nil, &Error{Kind: KindNotRegular, Flag: flag, Path: path, Type: t}
	}
	return &limitedFile{r: newLimitReader(f, flag, name, limit), f: f, limit: limit}, nil
}

// limitedFile is an input file read within its limit. It can seek, for a
// reader that reads the file twice (the deliveries' duplicate check): the
// limit then counts from where it seeks to.
type limitedFile struct {
	r     *limitReader
	f     *os.File
	limit int64
}

func (l *limitedFile) Read(p []byte) (int, error) { return l.r.Read(p) }

func (l *limitedFile) Close() error { return l.f.Close() }

// Seek seeks the file; the bytes after the new offset are held to the limit.
func (l *limitedFile) Seek(offset int64, whence int) (int64, error) {
	pos, err := l.f.Seek(offset, whence)
	if err == nil {
		l.r.left, l.r.over = max(l.limit-pos, 0), false
	}
	return pos, err
}

// LimitReader returns a reader of r that fails with KindTooLarge, naming
// flag, name and limit, once r holds more than limit bytes: it reads at
// most limit+1 bytes from r, returns at most limit, and never trusts a
// size the file states. A negative limit is no limit.
func LimitReader(r io.Reader, flag, name string, limit int64) io.Reader {
	if limit < 0 {
		return r
	}
	return newLimitReader(r, flag, name, limit)
}

func newLimitReader(r io.Reader, flag, name string, limit int64) *limitReader {
	return &limitReader{r: r, left: limit, err: &Error{Kind: KindTooLarge, Flag: flag, Path: name, Limit: limit}}
}

type limitReader struct {
	r    io.Reader
	left int64  // bytes still allowed
	err  *Error // the error once more came
	over bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.over {
		return 0, l.err
	}
	// One byte more than allowed tells "exactly at the limit" from "over".
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		n, l.left, l.over = int(l.left), 0, true
		return n, l.err
	}
	l.left -= int64(n)
	return n, err
}

// ReadAll reads r to its end, at most limit bytes: more is KindTooLarge
// naming name and limit (or the error of a [LimitReader] r already is).
// Memory grows with what was read, never with a size the file claims, and
// stays below about twice limit.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	r = LimitReader(r, "", name, limit)
	size := int64(512)
	if limit >= 0 && limit < size {
		size = limit + 1
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			grow := int64(cap(buf))
			if limit >= 0 && int64(cap(buf))+grow > limit+1 {
				grow = max(limit+1-int64(cap(buf)), 1)
			}
			buf = append(buf[:cap(buf)], make([]byte, grow)...)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
