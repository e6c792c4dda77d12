package main

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"alprice/pricing"
)

// checkFormatFlags holds the output flags to one another once the format is
// known: a --format that contradicts the extension of --out is refused (a
// JSON file named .xlsx opens as a broken workbook), and a flag that has no
// effect on the chosen format is said, never silently dropped.
func (a *app) checkFormatFlags(cmd *cobra.Command, formatGiven bool) error {
	if formatGiven && a.toFile() {
		ext := strings.ToLower(filepath.Ext(a.outFile))
		// Text of either kind is at home in a .txt file.
		plainText := ext == ".txt" && a.format == "markdown"
		if implied, ok := formatByExtension[ext]; ok && implied != a.format && !plainText {
			return usageError{pricing.Errorf("--format %s contradicts --out %s, a %s file by its extension: drop --format, or name the file for %s",
				a.format, a.outFile, implied, a.format)}
		}
	}
	if a.bom && a.format != "csv" {
		a.warn(a.lang.T("--bom has no effect on --format %s: only CSV starts with a byte order mark", "--bom 对 --format %s 无效:只有 CSV 才以字节顺序标记开头"), a.format)
	}
	if wide := cmd.Flags().Lookup("wide"); wide != nil && wide.Changed && a.format != "table" {
		a.warn(a.lang.T("--wide has no effect on --format %s: only a table on a terminal is narrowed", "--wide 对 --format %s 无效:只有终端上的表格才会被收窄"), a.format)
	}
	return nil
}
