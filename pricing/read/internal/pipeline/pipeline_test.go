package pipeline

import (
	"context"
	"testing"
)

type batch struct{ n int }

// TestOrderAndEnd: batches come in the order filled, the last one too,
// then no more; inline or in a goroutine alike.
func TestOrderAndEnd(t *testing.T) {
	for _, inline := range []bool{false, true} {
		next := 0
		fill := func(b *batch) bool {
			b.n = next
			next++
			return next < 10
		}
		p := New([]*batch{{}, {}, {}}, fill, inline)
		for want := range 10 {
			b, ok, err := p.Next(context.Background())
			if !ok || err != nil || b.n != want {
				t.Fatalf("inline %v: batch %v, %v, %v; want %d", inline, b, ok, err, want)
			}
		}
		if _, ok, _ := p.Next(context.Background()); ok {
			t.Fatalf("inline %v: a batch after the last", inline)
		}
		p.Close()
		p.Close() // twice is harmless
	}
}

// TestContextEndsTheWait: a producer that never fills does not hold the
// caller once its context is done.
func TestContextEndsTheWait(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	p := New([]*batch{{}}, func(*batch) bool { <-block; return false }, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := p.Next(ctx); err != context.Canceled {
		t.Fatalf("err %v", err)
	}
	p.Close()
}
