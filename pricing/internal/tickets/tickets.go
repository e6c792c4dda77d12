// Package tickets remembers the weighing tickets of a deliveries file
// exactly, in little memory and about one memory probe a ticket, so that
// a ladle billed twice is found even among tens of millions of tickets.
package tickets

import (
	"bytes"
	"errors"
	"hash/maphash"
	"math"
)

// Set is a set of tickets, each with the line that had it first: an
// open-addressing table of 8-byte slots (a 32-bit fingerprint of the
// ticket's hash and where its text is), and the text of every ticket in one
// byte slice, so that two tickets with the same hash are still told apart.
// Nothing in it holds a pointer for the garbage collector to trace, however
// many millions of tickets there are.
type Set struct {
	seed  maphash.Seed
	slots []ticketSlot // open addressing, linear probing; len is a power of 2
	shift uint         // 32 − log2(len(slots)): home's shift
	used  int
	text  []byte   // every ticket's text, one after another
	ends  []uint32 // ticket i is text[ends[i-1]:ends[i]]
	lines []int32  // the line of ticket i's row
	sink  uint32   // what Touch loaded, kept so that the loads are not optimized away
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

// maxTicketText bounds the text of all tickets, what a uint32 offset holds.
const maxTicketText = math.MaxUint32

// ErrFull is Claim's error when the tickets' text would pass 4 GiB.
var ErrFull = errors.New("has more ticket text than 4 GiB; split the file")

// New returns an empty set.
func New() *Set {
	return &Set{seed: maphash.MakeSeed(), slots: make([]ticketSlot, 1<<initialBits), shift: 32 - initialBits}
}

func (s *Set) textOf(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]]
}

// Hash returns the hash of ticket that Claim and LineOf take.
func (s *Set) Hash(ticket []byte) uint64 { return maphash.Bytes(s.seed, ticket) }

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
			return s.lines[slot.entry-1], true, nil
		}
	}
}

func (s *Set) add(ticket []byte, hash uint64, line int32, slot *ticketSlot) error {
	if len(s.text)+len(ticket) > maxTicketText {
		return ErrFull
	}
	s.text = append(s.text, ticket...)
	s.ends = append(s.ends, uint32(len(s.text)))
	s.lines = append(s.lines, line)
	*slot = ticketSlot{fingerprint: fingerprint(hash), entry: int32(len(s.ends))}
	if s.used++; s.used*10 > len(s.slots)*7 {
		s.grow()
	}
	return nil
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
			return s.lines[slot.entry-1], true
		}
	}
}
