package pricing

import (
	"bytes"
	"errors"
	"hash/maphash"
	"math"
	"slices"
)

// ticketSet remembers the tickets of a deliveries file exactly, in little
// memory and one probe a row: an open-addressing table of 8-byte slots (a
// 32-bit fingerprint of the ticket's hash and where its text is), and the
// text of every ticket in one byte slice, so that two tickets with the same
// hash are still told apart. Nothing in it holds a
// pointer for the garbage collector to trace, however many millions of
// tickets there are.
type ticketSet struct {
	seed  maphash.Seed
	slots []ticketSlot // open addressing, linear probing; len is a power of 2
	used  int
	text  []byte   // every ticket's text, one after another
	ends  []uint32 // ticket i is text[ends[i-1]:ends[i]]
	lines []int32  // the line of ticket i's row
	sink  uint32   // what touch loaded, kept so that the loads are not optimized away
}

type ticketSlot struct {
	fingerprint uint32 // the high half of the ticket's hash; the low half chose the slot
	entry       int32  // index into ends and lines, plus one; 0 marks an empty slot
}

func fingerprint(hash uint64) uint32 { return uint32(hash >> 32) }

// maxTicketText bounds the text of all tickets, what a uint32 offset holds.
const maxTicketText = math.MaxUint32

var errTooManyTickets = errors.New("has more ticket text than 4 GiB; split the file")

func newTicketSet() *ticketSet {
	return &ticketSet{seed: maphash.MakeSeed(), slots: make([]ticketSlot, 1024)}
}

func (s *ticketSet) textOf(i int32) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]]
}

// hashOf returns the hash of ticket that claim and lineOf take.
func (s *ticketSet) hashOf(ticket []byte) uint64 { return maphash.Bytes(s.seed, ticket) }

// touch loads the table slot where hash starts its probe: loads of many
// slots, one after another, wait for memory together rather than in turn.
func (s *ticketSet) touch(hash uint64) {
	s.sink ^= s.slots[hash&uint64(len(s.slots)-1)].fingerprint
}

// claim looks ticket up and, when it is new, adds it with line. It returns
// the line of the row that had it first, and whether that was another row.
func (s *ticketSet) claim(ticket []byte, hash uint64, line int32) (first int32, seen bool, err error) {
	mask := uint64(len(s.slots) - 1)
	for i := hash & mask; ; i = (i + 1) & mask {
		slot := &s.slots[i]
		if slot.entry == 0 {
			return line, false, s.add(ticket, hash, line, slot)
		}
		if slot.fingerprint == fingerprint(hash) && bytes.Equal(s.textOf(slot.entry-1), ticket) {
			return s.lines[slot.entry-1], true, nil
		}
	}
}

func (s *ticketSet) add(ticket []byte, hash uint64, line int32, slot *ticketSlot) error {
	if len(s.text)+len(ticket) > maxTicketText {
		return errTooManyTickets
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
// short. A slot's home is found again from its ticket's hash.
func (s *ticketSet) grow() {
	s.resize(2 * len(s.slots))
}

func (s *ticketSet) resize(size int) {
	s.slots = make([]ticketSlot, size)
	mask := uint64(size - 1)
	for e := range int32(len(s.ends)) {
		hash := s.hashOf(s.textOf(e))
		i := hash & mask
		for s.slots[i].entry != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = ticketSlot{fingerprint: fingerprint(hash), entry: e + 1}
	}
}

// expect makes room for n tickets at once, sparing the growth of the
// table and of the slices.
func (s *ticketSet) expect(n int) {
	const typicalTicket = 16
	s.text = slices.Grow(s.text, n*typicalTicket)
	s.ends = slices.Grow(s.ends, n)
	s.lines = slices.Grow(s.lines, n)
	size := len(s.slots)
	for size*7 < n*10 {
		size *= 2
	}
	if size > len(s.slots) {
		s.resize(size)
	}
}

// lineOf returns the line of the row that has ticket, if any, without
// claiming it.
func (s *ticketSet) lineOf(ticket []byte, hash uint64) (int32, bool) {
	mask := uint64(len(s.slots) - 1)
	for i := hash & mask; ; i = (i + 1) & mask {
		slot := s.slots[i]
		if slot.entry == 0 {
			return 0, false
		}
		if slot.fingerprint == fingerprint(hash) && bytes.Equal(s.textOf(slot.entry-1), ticket) {
			return s.lines[slot.entry-1], true
		}
	}
}
