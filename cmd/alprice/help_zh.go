package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commandHelp is a command's help in one language.
type commandHelp struct{ short, long string }

// The annotations that hold a command's Chinese help, set by chinese
// beside its English Short and Long.
const (
	annotationShortZH = "alprice.short.zh"
	annotationLongZH  = "alprice.long.zh"
)

// annotations are a command's cobra annotations.
type annotations map[string]string

// chinese returns the annotations that carry a command's Chinese help:
// each command's literal sets them right below its English.
func chinese(short, long string) annotations {
	return annotations{annotationShortZH: short, annotationLongZH: long}
}

// with adds annotation key with value.
func (a annotations) with(key, value string) annotations {
	a[key] = value
	return a
}

// chineseHelp returns the Chinese help of c: its own annotations, or for
// the commands cobra adds (help, completion) helpZH.
func chineseHelp(c *cobra.Command) (commandHelp, bool) {
	if short, ok := c.Annotations[annotationShortZH]; ok {
		return commandHelp{short, c.Annotations[annotationLongZH]}, true
	}
	h, ok := helpZH[c.CommandPath()]
	return h, ok
}

// exitStatusHelpZH is exitStatusHelp in Chinese.
const exitStatusHelpZH = `

退出状态
  0  成功
  1  发现差异或违反政策之处,或某个数字无法给出(输出和标准错误会写明):check 和 lint
     的问题、settle --skip-invalid 剔除了行、月均价不是最终值(有缺漏或尚未结束的月份)
     或与 --official 不一致、table、settle 或 report 有月份无法定价
  2  用法或输入错误,或未加 --provisional 却按不完整(每个交易日都有报价或已声明无报价
     才算完整)的基准月份定价:标准输出和 --out 都未写入任何内容
  3  alprice 自身的程序错误:请报告
  130, 143  被 SIGINT(Ctrl-C)或 SIGTERM 中断:已有的 --out 文件保持原样`

// exitInterruptedZH is the last line of every EXIT STATUS section.
const exitInterruptedZH = `
  130, 143  被 SIGINT(Ctrl-C)或 SIGTERM 中断:已有的 --out 文件保持原样`

// helpZH is the Chinese help of the commands cobra adds, by their path;
// alprice's own commands carry theirs beside their English (chinese).
var helpZH = map[string]commandHelp{
	"alprice completion": {"生成指定 shell 的自动补全脚本", `为 alprice 生成指定 shell 的自动补全脚本。
生成的脚本如何使用,见各子命令的帮助。`},
	"alprice completion bash": {"生成 bash 的自动补全脚本", `生成 bash 的自动补全脚本。脚本依赖 bash-completion 软件包。

在当前 shell 会话中加载:

	source <(alprice completion bash)

为以后每个会话加载,执行一次:

	alprice completion bash > /etc/bash_completion.d/alprice

设置在新开的 shell 中生效。`},
	"alprice completion fish": {"生成 fish 的自动补全脚本", `生成 fish 的自动补全脚本。

在当前 shell 会话中加载:

	alprice completion fish | source

为以后每个会话加载,执行一次:

	alprice completion fish > ~/.config/fish/completions/alprice.fish

设置在新开的 shell 中生效。`},
	"alprice completion powershell": {"生成 powershell 的自动补全脚本", `生成 powershell 的自动补全脚本。

在当前 shell 会话中加载:

	alprice completion powershell | Out-String | Invoke-Expression

为以后每个会话加载,把上面命令的输出加到 powershell 配置文件中。`},
	"alprice completion zsh": {"生成 zsh 的自动补全脚本", `生成 zsh 的自动补全脚本。

如果环境中尚未启用 shell 补全,请先启用,执行一次:

	echo "autoload -U compinit; compinit" >> ~/.zshrc

在当前 shell 会话中加载:

	source <(alprice completion zsh)

为以后每个会话加载,执行一次:

	alprice completion zsh > "${fpath[1]}/_alprice"

设置在新开的 shell 中生效。`},
	"alprice help": {"任一命令的帮助", `显示任一命令的帮助。
输入 alprice help [命令路径] 查看详细说明。`},
}

// flagsZH is the Chinese of every flag's description: by the command's
// path and the flag where a command's flag says something of its own,
// else by the flag's name. Placeholders stay in backticks.
var flagsZH = map[string]string{
	"alprice serve --data":       "所服务的文件夹 `DIR`:协议、报价库及旁边的其他文件",
	"alprice serve --addr":       "监听的 `HOST:PORT`;非本机回环地址需要 --token",
	"alprice serve --token":      "每个请求都须带上的令牌 `TOKEN`(第一次加在地址后,之后由浏览器记住);给出非回环地址而未给出令牌时生成并显示",
	"alprice serve --agreements": "DIR 中的协议文件 `FILE`",
	"alprice serve --quotes":     "DIR 中的报价库文件 `FILE`",
	"alprice serve --production": "DIR 中电解铝企业的产量文件 `FILE`,用于政策报表(DIR 中没有时不用)",
	"alprice serve --max-runs":   "同时运行命令的请求至多 `N` 个,其余的排队等候(至多一分钟,之后返回 503);0 表示每个处理器核心一个,至少两个",
	"help":                       "显示帮助",
	"version":                    "显示 alprice 的版本",
	"bom":                        "CSV 以 UTF-8 字节顺序标记开头,使中文 Windows 上的 Excel 正确读取(对其他格式无效,会提示)",
	"format":                     "输出格式 `FORMAT`:table、json、csv、markdown、xlsx、html(默认:按 --out 的扩展名,否则 table;不得与扩展名矛盾)",
	"lang":                       "语言,`zh|en`(默认:LC_ALL、LC_MESSAGES 或 LANG 以 zh 开头时为 zh;均未设置时(如在 Windows 上)按用户的显示语言)",
	"out":                        "把输出写入 `FILE`,先写临时文件再改名就位",
	"quiet":                      "不显示警告",
	"verbose":                    "列出每条警告,不汇总重复的警告",

	"from":            "第一个要计算均价的月份 `YYYY-MM`(默认:文件中的每个月)",
	"holidays":        "法定节假日文件 `FILE`(CSV date,name),加入交易日历,用于内置安排没有的年份",
	"month":           "只计算这一个月份 `YYYY-MM`(默认:文件中的每个月)",
	"official":        "用于比对的公布月均价 `YYYY-MM=PRICE`,可重复",
	"quotes":          "长江 A00 每日报价文件 `FILE`(CSV);- 表示标准输入",
	"quotes-encoding": "--quotes 的文本编码 `ENCODING`:auto(UTF-8,否则 GBK)、utf-8 或 gbk",
	"rounding":        "均价取整到 `yuan|fen`(元或分)",
	"to":              "最后一个要计算均价的月份 `YYYY-MM`(默认:文件中的每个月)",

	"agreements":          "协议文件 `FILE`(YAML);- 表示标准输入",
	"deliveries":          "所开票月份的铝液到位文件 `FILE`(CSV);不给则不核对重量和合计;可再次给出(或给出含 .csv 文件的文件夹),把上月的导出与本月的一并读入:两份都有的磅单会被查出,有 --month 时只结算该月;- 表示标准输入",
	"deliveries-encoding": "--deliveries 的文本编码 `ENCODING`:auto(UTF-8,否则 GBK)、utf-8 或 gbk",
	"invoices":            "发票文件 `FILE`:数电 XML、信息汇总表导出、批量开票工作簿或 CSV;可多次给出,或给一个 XML 发票文件夹;- 表示标准输入",
	"invoices-format":     "--invoices 的内容 `auto`(按内容识别)、csv、batch(--einvoice 写的工作簿)、xml(数电发票)或 summary(平台的信息汇总表导出)",
	"invoices-encoding":   "--invoices 的文本编码 `ENCODING`:auto(UTF-8,否则 GBK)、utf-8 或 gbk",
	"provisional":         "按报价尚未齐全的基准月份的价格核对",
	"tax-tolerance":       "一行税额与 金额 × 税率 之差的上限 `AMOUNT`(只允许 0.01 的税控设备用 0.01)",

	"no-descriptions": "补全时不显示说明",
	"date":            "手册页所带的日期 `YYYY-MM-DD`",

	"max-burn-loss": "烧损的合理上限 `PERCENT`",
	"max-percent":   "其他百分比扣减的合理上限 `PERCENT`",
	"strict":        "有警告也以 1 退出",

	"a00":                           "长江 A00 现货月均价 `PRICE`,元/吨(第 2.1 条)",
	"agreement":                     "协议文件中的协议编号 `ID`(或需方名称);文件中有多份协议时必需",
	"alprice quote --agreements":    "从中取条款的协议文件 `FILE`(YAML);- 表示标准输入",
	"burn-loss":                     "烧损扣减 `VALUE`,例如 0.6%(第 2.3 条)",
	"casting":                       "铝锭铸造费扣减 `VALUE`(第 2.3 条)",
	"coal":                          "煤价让利扣减 `VALUE`(第二条,煤炭)",
	"fee":                           "其他约定费用 `LABEL=VALUE`,可重复,每个名目只给一次;不按逗号拆分(第 2.3 条)",
	"alprice quote --month":         "供货月份 `YYYY-MM`:选定有效的条款版本",
	"premium":                       "约定上浮 `LABEL=VALUE`,可重复,每个名目只给一次(第 2.4 条)",
	"alprice quote --provisional":   "按报价尚未齐全的基准月份定价,标为 PROVISIONAL(暂定价)",
	"alprice quote --quotes":        "长江 A00 每日报价文件 `FILE`(CSV):基准价为条款为 --month 所定计价月份的均价;- 表示标准输入",
	"transport":                     "运费扣减 `VALUE`:元/吨或基准价的 %(第 2.2 条)",
	"unit-price-rounding":           "单价取整到 `fen|yuan`(默认 fen,或协议约定)",
	"vat":                           "增值税率 `RATE`,13% 或 0.13(默认 13%,或协议约定)",
	"weight":                        "要结算的到位重量 `WEIGHT`:吨(31.25)或千克(31250kg)(第 2.6 条)",
	"change":                        "与上一交易日相比的涨跌 `CHANGE`,例如 +80 或 -40",
	"high":                          "当日最高价 `PRICE`",
	"alprice quotes add --holidays": "法定节假日文件 `FILE`(CSV date,name),加入交易日历",
	"into":                          "要加入的报价库文件 `FILE`(CSV);不存在时新建",
	"low":                           "当日最低价 `PRICE`",
	"none":                          "声明 DATE 为长江未发布报价的交易日,原因为 `REASON`",
	"replace":                       "已存日期的数据不同时替换之,而不是失败",
	"force":                         "均价与前后有报价的交易日相差 5 倍以上时仍按原样存入,而不是失败",

	"alprice quotes check --holidays":  "法定节假日文件 `FILE`(CSV date,name),加入交易日历",
	"alprice quotes fetch --holidays":  "法定节假日文件 `FILE`(CSV date,name),加入交易日历",
	"alprice quotes fetch --month":     "要从历史页面补齐的过去月份 `YYYY-MM`(默认:今天的报价)",
	"timeout":                          "一次请求的时限 `DURATION`,须大于零",
	"url":                              "网站根地址 `URL`,用于镜像、代理或测试(默认 $ALPRICE_QUOTES_URL,否则 https://www.ccmn.cn/)",
	"alprice quotes import --date":     "粘贴的行没有日期时所用的日期 `YYYY-MM-DD`",
	"alprice quotes import --from":     "每个 SOURCE 的种类,`text|html|json|csv`(默认:自动识别)",
	"alprice quotes import --holidays": "法定节假日文件 `FILE`(CSV date,name),加入交易日历",
	"year":                             "HTML 页面第一行(最新一行)的年份 `YEAR`(默认:使任何一行都不晚于今天的最近年份)",

	"alprice report --deliveries": "铝液到位文件 `FILE`(CSV);可再次给出(或给出含 .csv 文件的文件夹),把上月的导出与本月的一并读入:两份都有的磅单会被查出,有 --month 时只结算该月;- 表示标准输入",
	"alprice report --from":       "报告的第一个月份 `YYYY-MM`(默认:每个有到位记录的月份)",
	"alprice report --month":      "只报告这一个月份 `YYYY-MM`(默认:每个有到位记录的月份)",
	"production":                  "电解铝企业每月产量文件 `FILE`(CSV month,output_t);- 表示标准输入",
	"production-encoding":         "--production 的文本编码 `ENCODING`:auto(UTF-8,否则 GBK)、utf-8 或 gbk",
	"alprice report --to":         "报告的最后一个月份 `YYYY-MM`(默认:每个有到位记录的月份)",

	"alprice settle --agreement":   "只结算编号为 `ID`(或该需方名称)的协议",
	"alprice settle --deliveries":  "铝液到位文件 `FILE`(CSV);可再次给出(或给出含 .csv 文件的文件夹),把上月的导出与本月的一并读入:两份都有的磅单会被查出,有 --month 时只结算该月;- 表示标准输入",
	"einvoice":                     "另写电子发票平台的批量开票文件 `FILE.xlsx`(数电 批量开票),填入其官方模板:每张结算单一张发票,给出 --invoice-cap 时每部分一张",
	"einvoice-template":            "填入从平台下载的这份较新的空白模板 `FILE.xlsx`,而不是内置的 V260401",
	"invoice-cap":                  "把结算单拆成每张不含税金额低于 `AMOUNT` 的发票(默认:协议的 invoice.cap;否则每张结算单一张)",
	"alprice settle --month":       "只结算这一个供货月份 `YYYY-MM`",
	"alprice settle --provisional": "按报价尚未齐全的基准月份结算,标为 PROVISIONAL(暂定价)",
	"skip-invalid":                 "结算无误的行,在输出中列出有误的行,并以 1 退出",
	"wide":                         "终端比表格窄时仍显示表格的全部列(管道和文件总是得到全部列)",

	"alprice table --agreement":   "只列编号为 `ID`(或该需方名称)的协议",
	"alprice table --from":        "第一个供货月份 `YYYY-MM`(默认:报价文件中的每个月)",
	"alprice table --month":       "只列这一个供货月份 `YYYY-MM`(默认:报价文件中的每个月)",
	"alprice table --provisional": "为报价尚未齐全的月份定价,标为 PROVISIONAL(暂定价)",
	"alprice table --to":          "最后一个供货月份 `YYYY-MM`(默认:报价文件中的每个月)",

	"alprice trueup --agreement":     "只为编号为 `ID`(或该需方名称)的协议补差",
	"alprice trueup --deliveries":    "所补差月份的铝液到位文件 `FILE`(CSV);可再次给出(或给出含 .csv 文件的文件夹),把上月的导出与本月的一并读入:两份都有的磅单会被查出,有 --month 时只结算该月;- 表示标准输入",
	"alprice trueup --einvoice":      "另把蓝字补差写成电子发票平台的批量开票文件 `FILE.xlsx`(价差行)",
	"alprice trueup --invoice-cap":   "把蓝字补差拆成每张不含税金额低于 `AMOUNT` 的发票(默认:协议的 invoice.cap;否则一张)",
	"alprice trueup --invoices":      "已开的红字和蓝字发票 `FILE`(格式同 check:CSV、数电 XML、信息汇总表导出);可多次给出,或给一个 XML 发票文件夹;- 表示标准输入",
	"alprice trueup --month":         "只为这一个供货月份 `YYYY-MM` 补差;也是备注中未载明供货月份的发票的供货月份",
	"alprice check --month":          "备注中未载明供货月份(也无月份列)的发票的供货月份 `YYYY-MM`(默认:其开票日期的上一个月)",
	"red-requests":                   "另把红字确认单写入 `FILE`(.csv 或 .xlsx):蓝字发票、行、原因 销售折让、金额",
	"alprice trueup --tax-tolerance": "已开发票行的税额与 金额 × 税率 之差的上限 `AMOUNT`",

	// the printed documents (#30)
	"notice": "与 --format html 一起使用:给每个需方每个月一份价格通知函,附最近 12 个月的走势图",
}

// usageTemplateZH is cobra's usage template in Chinese.
const usageTemplateZH = `用法:{{if .Runnable}}
  {{.UseLine | zh}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

可用命令:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项:
{{.LocalFlags.FlagUsages | zh | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项:
{{.InheritedFlags.FlagUsages | zh | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

命令的详细说明见 "{{.CommandPath}} [命令] --help"。{{end}}
`

// usageWordsZH says in Chinese the words cobra and pflag add to a usage
// line and to the flags' descriptions.
var usageWordsZH = strings.NewReplacer("[flags]", "[选项]", "(default ", "(默认 ")

// sayHelpInChinese puts the Chinese help (chineseHelp, flagsZH) into every
// command of root, for cobra's help to print: the run ends after it.
func sayHelpInChinese(root *cobra.Command) {
	cobra.AddTemplateFunc("zh", usageWordsZH.Replace)
	root.SetUsageTemplate(usageTemplateZH)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if h, ok := chineseHelp(c); ok {
			c.Short, c.Long = h.short, withOwnExitStatus(c.CommandPath(), h.long, true)
		}
		for _, flags := range []*pflag.FlagSet{c.LocalFlags(), c.PersistentFlags()} {
			flags.VisitAll(func(f *pflag.Flag) {
				if usage, ok := flagHelpZH(c, f); ok {
					f.Usage = usage
				}
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// flagHelpZH returns the Chinese description of flag f of command c.
func flagHelpZH(c *cobra.Command, f *pflag.Flag) (string, bool) {
	if usage, ok := flagsZH[c.CommandPath()+" --"+f.Name]; ok {
		return usage, true
	}
	usage, ok := flagsZH[f.Name]
	return usage, ok
}
