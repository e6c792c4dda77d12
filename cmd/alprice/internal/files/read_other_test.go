//go:build !unix

package files

import "testing"

func platformOpenCases(*testing.T, string) []openCase {
	return nil
}
