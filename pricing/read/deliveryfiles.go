package read

import (
	"context"
	"hash/maphash"
	"io"
	"sort"
	"strings"

	"alprice/pricing"
	"alprice/pricing/read/internal/tickets"
)

// DeliveryFiles reads several deliveries files as one, in order, so that a
// ticket is billed once across them: a weighbridge export that overlaps the
// month before is read beside it, and a ladle in both is a bad row naming
// both lines, whichever month it is dated in. Each file is read and checked
// as [DeliveryReader] reads it (its own header, its own duplicate check);
// DeliveryFiles adds the check across files, keeping every good row's
// ticket exactly (about 30 bytes a ticket).
//
// Every file must be readable again (a regular file, not a pipe): when one
// needs a second pass to name its repeated tickets, all are read again.
type DeliveryFiles struct {
	readers []*DeliveryReader
	names   string
	cur     int          // the reader Next reads
	seed    maphash.Seed // of the tickets across files
	seen    *tickets.Set // every good row's ticket so far, at its line across files
	bases   []int32      // the line across files where each file's line 0 is
	last    int32        // the last line the current file returned
	done    int          // rows of the files read to their end
	blank   int          // blank rows of the files read to their end
}

// NewDeliveryFiles reads the header of each file; names are used in
// messages. Each reader must be an [io.ReadSeeker].
func NewDeliveryFiles(files []io.Reader, names []string, enc Encoding) (*DeliveryFiles, error) {
	df := &DeliveryFiles{names: strings.Join(names, ", "), seed: maphash.MakeSeed(), seen: tickets.New(), bases: []int32{0}}
	for i, r := range files {
		if _, ok := r.(io.ReadSeeker); !ok {
			df.Close()
			return nil, &pricing.InputError{Source: names[i], Err: pricing.Errorf("is not a file that can be read again: with more than one deliveries file, give each as a file, not stdin")}
		}
		dr, err := NewDeliveryReader(r, names[i], enc)
		if err != nil {
			df.Close()
			return nil, err
		}
		df.readers = append(df.readers, dr)
	}
	return df, nil
}

// Source names the files, as the titles of outputs give them.
func (df *DeliveryFiles) Source() string { return df.names }

// File returns the name of the file the rows Next returned last come from.
func (df *DeliveryFiles) File() string { return df.readers[min(df.cur, len(df.readers)-1)].File() }

// Rows returns how many data rows Next has returned so far, of every file.
func (df *DeliveryFiles) Rows() int {
	if df.cur < len(df.readers) {
		return df.done + df.readers[df.cur].Rows()
	}
	return df.done
}

// Blank returns how many blank rows were skipped so far, in every file.
func (df *DeliveryFiles) Blank() int {
	if df.cur < len(df.readers) {
		return df.blank + df.readers[df.cur].Blank()
	}
	return df.blank
}

// Next returns the next rows, of one file at a time, in the order the
// files were given; a good row whose ticket an earlier row of any file
// had is made bad, naming that row.
func (df *DeliveryFiles) Next(ctx context.Context) ([]pricing.Delivery, error) {
	for df.cur < len(df.readers) {
		dr := df.readers[df.cur]
		rows, err := dr.Next(ctx)
		if err == io.EOF {
			df.done, df.blank = df.done+dr.Rows(), df.blank+dr.Blank()
			df.bases = append(df.bases, df.bases[len(df.bases)-1]+df.last)
			df.cur, df.last = df.cur+1, 0
			continue
		}
		if checkErr := df.checkAcross(dr, rows); checkErr != nil {
			return nil, checkErr
		}
		return rows, err
	}
	return nil, io.EOF
}

// checkAcross claims the ticket of every good row of rows, at its line
// across files, and makes a row bad whose ticket another row had.
func (df *DeliveryFiles) checkAcross(dr *DeliveryReader, rows []pricing.Delivery) error {
	base := df.bases[df.cur]
	for i := range rows {
		d := &rows[i]
		df.last = max(df.last, int32(d.Line))
		if d.Problems != nil || len(d.TicketText) == 0 {
			continue // a bad row claims no ticket; the file's own check has told a repeat in it
		}
		first, dup, err := df.seen.Claim(d.TicketText, maphash.Bytes(df.seed, d.TicketText), base+int32(d.Line))
		if err != nil {
			return &pricing.InputError{Source: dr.File(), Line: d.Line, Err: err}
		}
		if dup {
			name, line := df.lineOf(first)
			d.Problems = append(d.Problems, dr.Problem(i, pricing.TicketField, d.Ticket(),
				pricing.Errorf("is a duplicate ticket: %s:%d has it too, and a ladle is billed once", name, line)))
		}
	}
	return nil
}

// lineOf turns a line across files back into a file's name and its line.
func (df *DeliveryFiles) lineOf(across int32) (string, int) {
	// bases[k] is where file k starts; the file is the last base below.
	k := sort.Search(len(df.bases), func(k int) bool { return df.bases[k] >= across }) - 1
	return df.readers[k].File(), int(across - df.bases[k])
}

// Problem reports a bad value in field f of row i of the rows Next
// returned last, in the file they come from.
func (df *DeliveryFiles) Problem(i int, f pricing.DeliveryField, value string, err error) *pricing.InputError {
	return df.readers[df.cur].Problem(i, f, value, err)
}

// Again reports whether the files must be read once more — one of them
// needs a second pass to name its repeated tickets — and makes them all
// start over when they must.
func (df *DeliveryFiles) Again() (bool, error) {
	need := false
	for _, dr := range df.readers {
		again, err := dr.again(false)
		if err != nil {
			return false, err
		}
		need = need || again
	}
	if !need {
		return false, nil
	}
	// The files that needed no second pass start over too: a settlement
	// is of every row of every file.
	for _, dr := range df.readers {
		if _, err := dr.again(true); err != nil {
			return false, err
		}
	}
	df.cur, df.last, df.done, df.blank = 0, 0, 0, 0
	df.bases, df.seen = []int32{0}, tickets.New()
	return true, nil
}

// Close releases every file's reader.
func (df *DeliveryFiles) Close() {
	for _, dr := range df.readers {
		dr.Close()
	}
}
