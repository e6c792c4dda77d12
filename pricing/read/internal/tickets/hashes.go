package tickets

// Hashes keeps the hash of every ticket of a file, eight bytes a ticket
// and nothing else, to tell at the end which hashes came more than once:
// only the tickets with those hashes can be duplicates, and a second,
// exact pass need check no others. The hashes are kept in buckets by
// their top byte, each a list of pages that never move (but the first,
// which grows by append so that a small file's hashes stay small), so
// that finding the repeated ones works on one small bucket at a time.
type Hashes struct {
	buckets [1 << bucketBits][][]uint64
	n       int
}

const (
	bucketBits = 8
	hashPage   = 1024 // hashes a page holds
)

// Add adds hash.
func (h *Hashes) Add(hash uint64) {
	pages := &h.buckets[hash>>(64-bucketBits)]
	k := len(*pages) - 1
	if k < 0 || len((*pages)[k]) == hashPage {
		*pages = append(*pages, make([]uint64, 0, firstOr(len(*pages), 8, hashPage)))
		k++
	}
	(*pages)[k] = append((*pages)[k], hash)
	h.n++
}

// Len returns how many hashes were added.
func (h *Hashes) Len() int { return h.n }

// Repeated returns the hashes added more than once; nil for none. Each
// bucket's hashes go through a small open-addressing table, reused from
// bucket to bucket, that stays in the processor's cache.
func (h *Hashes) Repeated() map[uint64]bool {
	var repeated map[uint64]bool
	var table []uint64 // slot 0 marks empty; a hash of 0 is kept as 1 (over-reporting it is harmless)
	for b := range h.buckets {
		n := 0
		for _, page := range h.buckets[b] {
			n += len(page)
		}
		size := 16
		for size < 2*n {
			size *= 2
		}
		if cap(table) < size {
			table = make([]uint64, size)
		}
		table = table[:size]
		clear(table)
		mask := uint64(size - 1)
		for _, page := range h.buckets[b] {
			for _, hash := range page {
				key := max(hash, 1)
				for i := key & mask; ; i = (i + 1) & mask {
					if table[i] == 0 {
						table[i] = key
						break
					}
					if table[i] == key {
						if repeated == nil {
							repeated = map[uint64]bool{}
						}
						repeated[key] = true
						break
					}
				}
			}
		}
	}
	return repeated
}

// IsRepeated reports whether hash is among repeated, as Repeated keys it.
func IsRepeated(repeated map[uint64]bool, hash uint64) bool { return repeated[max(hash, 1)] }
