package settle

import (
	"testing"

	"alprice/pricing/internal/sample"

	"pgregory.net/rapid"
)

// TestBuyerCacheIsFind: find, through its cache, finds what Find finds,
// whatever names come in whatever order — names of the same length and
// last byte, which share a slot, included.
func TestBuyerCacheIsFind(t *testing.T) {
	ags, _ := sample.Inputs(t)
	names := []string{"", "x", "y", "ZD-2026-009", "WC-2026-001"}
	for _, a := range ags.List {
		names = append(names, a.ID, a.Buyer.Name, a.ID+" ")
	}
	rapid.Check(t, func(t *rapid.T) {
		b := NewBuyerIndex(ags)
		for _, name := range rapid.SliceOfN(rapid.SampledFrom(names), 1, 50).Draw(t, "names") {
			if got, want := b.find(name), b.Find(name); got != want {
				t.Fatalf("%q: find %d, Find %d", name, got, want)
			}
		}
	})
}
