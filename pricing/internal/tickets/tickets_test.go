package tickets

import (
	"fmt"
	"testing"
)

// TestClaimAcrossGrowth claims enough tickets to grow the table many
// times, then finds every one again with its first line.
func TestClaimAcrossGrowth(t *testing.T) {
	s := New()
	const n = 200000
	for i := range n {
		ticket := []byte(fmt.Sprintf("ZD2603-%07d", i))
		first, seen, err := s.Claim(ticket, s.Hash(ticket), int32(i+2))
		if err != nil || seen || first != int32(i+2) {
			t.Fatalf("ticket %d: first %d, seen %v, %v", i, first, seen, err)
		}
	}
	for i := range n {
		ticket := []byte(fmt.Sprintf("ZD2603-%07d", i))
		if line, ok := s.LineOf(ticket, s.Hash(ticket)); !ok || line != int32(i+2) {
			t.Fatalf("ticket %d: line %d, %v", i, line, ok)
		}
		first, seen, _ := s.Claim(ticket, s.Hash(ticket), 1)
		if !seen || first != int32(i+2) {
			t.Fatalf("ticket %d claimed again: first %d, seen %v", i, first, seen)
		}
	}
	if _, ok := s.LineOf([]byte("ZD2603-x"), s.Hash([]byte("ZD2603-x"))); ok {
		t.Error("a ticket never claimed was found")
	}
}

// TestSameHashDifferentText: tickets are told apart by their text, even
// when their hashes are the same.
func TestSameHashDifferentText(t *testing.T) {
	s := New()
	const hash = 0xDEADBEEF_00000001
	if _, seen, _ := s.Claim([]byte("A"), hash, 2); seen {
		t.Fatal("A seen")
	}
	if _, seen, _ := s.Claim([]byte("B"), hash, 3); seen {
		t.Fatal("B taken for A: same hash, other text")
	}
	if first, seen, _ := s.Claim([]byte("B"), hash, 4); !seen || first != 3 {
		t.Fatalf("B again: %d, %v", first, seen)
	}
}
