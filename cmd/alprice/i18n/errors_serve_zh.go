package i18n

// serveErrorsZH is the catalogue of alprice serve: its flags, and the
// names of files it is given.
var serveErrorsZH = map[string]string{
	"--data %s: %w":              "--data %s:%w",
	"--data %s: is not a folder": "--data %s:不是文件夹",
	"--addr %s: %w":              "--addr %s:%w",
	"serving: %w":                "提供服务时:%w",
	"--%s %s: name a file in DIR, without a folder":      "--%s %s:请给出 DIR 中的文件名,不带文件夹",
	"--max-runs %d: give 1 or more, or 0 for one a core": "--max-runs %d:请给出 1 或更大的数,或 0(每个处理器核心一个)",
}
