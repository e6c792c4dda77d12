package tickets

import (
	"fmt"
	"hash/maphash"
	"testing"
)

var seed = maphash.MakeSeed()

func hash(ticket []byte) uint64 { return maphash.Bytes(seed, ticket) }

// TestClaimAcrossGrowth claims enough tickets to grow the table many
// times, then finds every one again with its first line.
func TestClaimAcrossGrowth(t *testing.T) {
	s := New()
	const n = 200000
	for i := range n {
		ticket := []byte(fmt.Sprintf("ZD2603-%07d", i))
		first, seen, err := s.Claim(ticket, hash(ticket), int32(i+2))
		if err != nil || seen || first != int32(i+2) {
			t.Fatalf("ticket %d: first %d, seen %v, %v", i, first, seen, err)
		}
	}
	for i := range n {
		ticket := []byte(fmt.Sprintf("ZD2603-%07d", i))
		if line, ok := s.LineOf(ticket, hash(ticket)); !ok || line != int32(i+2) {
			t.Fatalf("ticket %d: line %d, %v", i, line, ok)
		}
		first, seen, _ := s.Claim(ticket, hash(ticket), 1)
		if !seen || first != int32(i+2) {
			t.Fatalf("ticket %d claimed again: first %d, seen %v", i, first, seen)
		}
	}
	if _, ok := s.LineOf([]byte("ZD2603-x"), hash([]byte("ZD2603-x"))); ok {
		t.Error("a ticket never claimed was found")
	}
}

// TestSameHashDifferentText: tickets are told apart by their text, even
// when their hashes are the same.
func TestSameHashDifferentText(t *testing.T) {
	s := New()
	const same = 0xDEADBEEF_00000001
	if _, seen, _ := s.Claim([]byte("A"), same, 2); seen {
		t.Fatal("A seen")
	}
	if _, seen, _ := s.Claim([]byte("B"), same, 3); seen {
		t.Fatal("B taken for A: same hash, other text")
	}
	if first, seen, _ := s.Claim([]byte("B"), same, 4); !seen || first != 3 {
		t.Fatalf("B again: %d, %v", first, seen)
	}
}

// TestRepeatedHashes: the hashes added more than once, and only those,
// whatever bucket they fall in; 0 is kept as 1.
func TestRepeatedHashes(t *testing.T) {
	var h Hashes
	if h.Repeated() != nil {
		t.Fatal("repeats in an empty set")
	}
	for i := range 100000 {
		h.Add(hash([]byte(fmt.Sprint(i))))
	}
	twice := []uint64{hash([]byte("7")), hash([]byte("99999")), 0, 1 << 63}
	for _, x := range twice {
		h.Add(x)
	}
	h.Add(0)
	h.Add(1 << 63)
	r := h.Repeated()
	if len(r) != 4 || h.Len() != 100006 {
		t.Fatalf("%d repeated of %d: %v", len(r), h.Len(), r)
	}
	for _, x := range twice {
		if !IsRepeated(r, x) {
			t.Errorf("%#x not repeated", x)
		}
	}
	if IsRepeated(r, hash([]byte("8"))) {
		t.Error("a hash added once is repeated")
	}
}
