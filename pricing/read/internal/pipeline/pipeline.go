// Package pipeline fills batches in a goroutine of its own while the
// caller works on the batch before: on two cores, reading a file and
// making sense of it overlap.
package pipeline

import "context"

// Pipeline hands out batches of type B filled by a producer, in order.
type Pipeline[B any] struct {
	fill    func(*B) bool // fills a batch; false after the last
	full    chan *B
	free    chan *B
	done    chan struct{}
	current *B // the batch the caller holds
	ended   bool
	inline  bool // fill in the caller's goroutine: no scheduling in the way
}

// New returns a pipeline of the batches given, filled by fill, which
// reports whether more batches may follow the one it filled. With inline,
// batches are filled in the caller's goroutine when asked for: for a
// fuzzer, whose coverage must not depend on scheduling.
func New[B any](batches []*B, fill func(*B) bool, inline bool) *Pipeline[B] {
	p := &Pipeline[B]{fill: fill, full: make(chan *B, len(batches)), free: make(chan *B, len(batches)),
		done: make(chan struct{}), inline: inline}
	for _, b := range batches {
		p.free <- b
	}
	if !inline {
		go p.produce()
	}
	return p
}

// Next returns the next filled batch, and takes back the one returned
// before; ok is false after the last. It waits for the producer, or for
// ctx.
func (p *Pipeline[B]) Next(ctx context.Context) (b *B, ok bool, err error) {
	if p.current != nil {
		p.free <- p.current
		p.current = nil
	}
	if p.inline {
		if p.ended {
			return nil, false, nil
		}
		b = <-p.free
		p.ended = !p.fill(b)
		p.current = b
		return b, true, nil
	}
	select {
	case b, ok = <-p.full:
		p.current = b
		return b, ok, nil
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// Close stops the producer; call it when done with the pipeline.
func (p *Pipeline[B]) Close() {
	select {
	case <-p.done:
	default:
		close(p.done)
	}
}

func (p *Pipeline[B]) produce() {
	defer close(p.full)
	for {
		var b *B
		select {
		case b = <-p.free:
		case <-p.done:
			return
		}
		more := p.fill(b)
		select {
		case p.full <- b:
		case <-p.done:
			return
		}
		if !more {
			return
		}
	}
}
