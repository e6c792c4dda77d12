// Package tickets remembers the weighing tickets of a deliveries file
// exactly, in little memory and about one memory probe a ticket, so that
// a ladle billed twice is found even among tens of millions of tickets.
//
// tickets.go holds [Set], every ticket exactly; hashes.go holds [Hashes],
// eight bytes a ticket, to tell which may be repeated before an exact pass.
package tickets

import (
	"bytes"
	"errors"
	"math"
)

// Set is a set of tickets, each with the line that had it first: an
// open-addressing table of 8-byte slots (a 32-bit fingerprint of the
// ticket's hash and which entry it is), and the text of every ticket, so
// that two tickets with the same hash are still told apart. Texts and
// entries are kept in fixed-size chunks that are filled and, but for the
// first, never moved: growing costs no copy, and touches no more memory
// than the tickets take.
// Nothing in it but the chunk lists holds a pointer for the garbage
// collector to trace, however many millions of tickets there are.
type Set struct {
	slots []ticketSlot // open addressing, linear probing; len is a power of 2
	shift uint         // 32 − log2(len(slots)): home's shift
	used  int
	text  [][]byte   // chunks of ticket text, each up to textChunk bytes
	locs  [][]uint64 // pages of entries: where each ticket's text is (see loc)
	lines [][]int32  // pages of entries: the line of each ticket's row
	n     int32      // entries so far
	sink  uint32     // what Touch loaded, kept so that the loads are not optimized away
}

const (
	textChunk = 1 << 20 // bytes of ticket text a chunk holds
	pageBits  = 16      // entries a page holds: 1 << pageBits
	pageMask  = 1<<pageBits - 1
	// MaxTicket is the longest ticket a set takes, in bytes.
	MaxTicket = 1<<16 - 1
)

// loc packs where a ticket's text is: its chunk, its offset in the chunk
// and its length.
func loc(chunk, offset, length int) uint64 {
	return uint64(chunk)<<40 | uint64(offset)<<16 | uint64(length)
}

type ticketSlot struct {
	fingerprint uint32 // the high half of the ticket's hash, whose top bits chose the slot
	entry       int32  // index into ends and lines, plus one; 0 marks an empty slot
}

func fingerprint(hash uint64) uint32 { return uint32(hash >> 32) }

// home returns the slot where a probe for fingerprint fp starts: its top
// bits. Since the fingerprint alone decides it, growing the table moves
// slots without hashing a ticket again.
func (s *Set) home(fp uint32) uint64 { return uint64(fp) >> s.shift }

const initialBits = 10

// maxEntries bounds the tickets of a set, what an int32 entry holds.
const maxEntries = math.MaxInt32 - 1

// ErrFull is Claim's error past two billion tickets.
var ErrFull = errors.New("has more than two billion tickets; split the file")

// ErrTooLong is Claim's error for a ticket over MaxTicket bytes.
var ErrTooLong = errors.New("is longer than 65535 bytes: a ticket is a short number")

// New returns an empty set.
func New() *Set {
	return &Set{slots: make([]ticketSlot, 1<<initialBits), shift: 32 - initialBits}
}

func (s *Set) textOf(i int32) []byte {
	l := s.locs[i>>pageBits][i&pageMask]
	chunk, offset, length := int(l>>40), int(l>>16&(1<<24-1)), int(l&0xFFFF)
	return s.text[chunk][offset : offset+length]
}

func (s *Set) lineOf(i int32) int32 { return s.lines[i>>pageBits][i&pageMask] }

// Touch loads the table slot where hash starts its probe: loads of many
// slots, one after another, wait for memory together rather than in turn.
func (s *Set) Touch(hash uint64) {
	s.sink ^= s.slots[s.home(fingerprint(hash))].fingerprint
}

// Claim looks ticket up and, when it is new, adds it with line. It returns
// the line of the row that had it first, and whether that was another row.
func (s *Set) Claim(ticket []byte, hash uint64, line int32) (first int32, seen bool, err error) {
	mask := uint64(len(s.slots) - 1)
	for i := s.home(fingerprint(hash)); ; i = (i + 1) & mask {
		slot := &s.slots[i]
		if slot.entry == 0 {
			return line, false, s.add(ticket, hash, line, slot)
		}
		if slot.fingerprint == fingerprint(hash) && bytes.Equal(s.textOf(slot.entry-1), ticket) {
			return s.lineOf(slot.entry - 1), true, nil
		}
	}
}

func (s *Set) add(ticket []byte, hash uint64, line int32, slot *ticketSlot) error {
	switch {
	case len(ticket) > MaxTicket:
		return ErrTooLong
	case s.n == maxEntries:
		return ErrFull
	}
	if k := len(s.text) - 1; k < 0 || len(s.text[k])+len(ticket) > textChunk {
		s.text = append(s.text, make([]byte, 0, firstOr(len(s.text), 4<<10, textChunk)))
	}
	k := len(s.text) - 1
	offset := len(s.text[k])
	s.text[k] = append(s.text[k], ticket...)
	if s.n&pageMask == 0 {
		c := firstOr(len(s.locs), 1<<10, 1<<pageBits)
		s.locs = append(s.locs, make([]uint64, 0, c))
		s.lines = append(s.lines, make([]int32, 0, c))
	}
	p := len(s.locs) - 1
	s.locs[p] = append(s.locs[p], loc(k, offset, len(ticket)))
	s.lines[p] = append(s.lines[p], line)
	s.n++
	*slot = ticketSlot{fingerprint: fingerprint(hash), entry: s.n}
	if s.used++; s.used*10 > len(s.slots)*7 {
		s.grow()
	}
	return nil
}

// firstOr returns the capacity of a new chunk or page, given how many
// there are: the first starts small and grows by append, so that a small
// file's set stays small; the others are made full size, never to move.
func firstOr(have, small, full int) int {
	if have == 0 {
		return small
	}
	return full
}

// grow doubles the table, keeping it at most 70% full so that probes stay
// short. Each slot's new home comes from its fingerprint.
func (s *Set) grow() {
	old := s.slots
	s.slots = make([]ticketSlot, 2*len(old))
	s.shift--
	mask := uint64(len(s.slots) - 1)
	for _, slot := range old {
		if slot.entry == 0 {
			continue
		}
		i := s.home(slot.fingerprint)
		for s.slots[i].entry != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = slot
	}
}

// LineOf returns the line of the row that has ticket, if any, without
// claiming it.
func (s *Set) LineOf(ticket []byte, hash uint64) (int32, bool) {
	mask := uint64(len(s.slots) - 1)
	for i := s.home(fingerprint(hash)); ; i = (i + 1) & mask {
		slot := s.slots[i]
		if slot.entry == 0 {
			return 0, false
		}
		if slot.fingerprint == fingerprint(hash) && bytes.Equal(s.textOf(slot.entry-1), ticket) {
			return s.lineOf(slot.entry - 1), true
		}
	}
}
