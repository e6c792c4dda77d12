package i18n

// filesErrorsZH is the catalogue of the files a run reads and writes: the
// plan checked before anything is read, the inputs' limits, the store.
var filesErrorsZH = map[string]string{
	// an output on an input, or on another output
	"%s is the same file as %s: writing it would destroy the input; name another file":               "%s 与 %s 是同一个文件:写入会毁掉输入;请换一个文件名",
	"%s is the same file as %s: one run cannot write two outputs to one file; name another file":     "%s 与 %s 是同一个文件:一次运行不能把两个输出写进同一个文件;请换一个文件名",
	"%s and %s both read stdin (-); only one input can":                                              "%s 和 %s 都读标准输入(-);只能有一个输入读标准输入",
	"%s and %s both write to stdout (-); only one output can":                                        "%s 和 %s 都写标准输出(-);只能有一个输出写标准输出",
	"%s: needs a file, not - (stdin or stdout)":                                                      "%s:需要一个文件,不能是 -(标准输入或标准输出)",
	"%s: a device or a stream, not a file; write to stdout with --out - or no --out, or name a file": "%s:是设备或流,不是文件;要写到标准输出,请用 --out - 或不加 --out,或写一个文件名",
	"%s: is %s, not a regular file; name a file":                                                     "%s:是%s,不是普通文件;请写一个文件名",
	"%s: is a symbolic link to %s, which does not exist; name the file itself":                       "%s:是指向 %s 的符号链接,而目标不存在;请直接写文件本身",
	"%s: is read-only, so it is not replaced; make it writable, or name another file":                "%s:是只读文件,因此不替换;请先改为可写,或换一个文件名",
	"%s: the folder %s is read-only":                                                                 "%s:文件夹 %s 是只读的",
	"%s: the folder %s does not exist":                                                               "%s:文件夹 %s 不存在",
	"a folder":                                                                                       "文件夹",
	"a named pipe (FIFO)":                                                                            "命名管道(FIFO)",
	"a device":                                                                                       "设备",
	"a socket":                                                                                       "套接字",
	"something else":                                                                                 "其他类型的文件",

	"%s was written without being declared in the plan of files": "写入了 %s,但它不在本次运行声明的文件中",

	// the limits of the inputs
	"%s: is larger than %d bytes, the limit of this input: refused, never cut short": "%s:大于 %d 字节,即此输入的上限:拒绝读取,不截断",

	// the batch-issuing files of one run
	"--einvoice %s: would take %d batch-issuing files; one run writes at most %d: settle fewer agreements or months at a time": "--einvoice %s:需要 %d 个批量开票文件;一次运行最多写 %d 个:请每次结算较少的协议或月份",

	// the store: its lock, and what a rewrite would lose
	"%s: is being updated by %s; gave up after %s: run this again once it is done": "%s:正由 %s 更新;等待 %s 后放弃:请在其完成后重新运行",
	"has columns or rows a store does not keep: the columns %s, and the rows dated on a weekend or holiday, by line (date): %s; import it into a store instead (alprice quotes import FILE --into STORE)": "有报价库不保存的列或行:列 %s,以及日期为周末或节假日的行,行号(日期):%s;请改为把它导入报价库(alprice quotes import FILE --into STORE)",
	"has columns or rows a store does not keep: the columns %s; import it into a store instead (alprice quotes import FILE --into STORE)":                                                                 "有报价库不保存的列或行:列 %s;请改为把它导入报价库(alprice quotes import FILE --into STORE)",
	"has columns or rows a store does not keep: the rows dated on a weekend or holiday, by line (date): %s; import it into a store instead (alprice quotes import FILE --into STORE)":                     "有报价库不保存的列或行:日期为周末或节假日的行,行号(日期):%s;请改为把它导入报价库(alprice quotes import FILE --into STORE)",
}
