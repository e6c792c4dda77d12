package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commandHelp is a command's help in one language.
type commandHelp struct{ short, long string }

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

// helpZH is the Chinese help of every command, by its path.
var helpZH = map[string]commandHelp{
	"alprice": {"按昌吉州政策为铝液定价", `alprice 为电解铝企业向下游加工企业供应的铝液定价,依据昌吉州政策第二条
(《昌吉州关于推进铝下游产业高质量发展的实施意见(试行)》):

  每吨价格 = 长江有色金属网 A00 现货月均价(第 2.1 条)
             - 运费(2.2) - 铝锭铸造费、烧损及其他约定费用(2.3)
             - 煤价让利 + 约定上浮,均在协议中写明(2.4)

货款 = 单价 × 终端实际到位量(第 2.6 条),而非出厂重量。

金额按精确十进制计算;每次取整都是四舍五入到写明的位数。取整规则见 README。` + exitStatusHelpZH},

	"alprice average": {"由每日报价计算长江 A00 月均价(第 2.1 条)", `由每日报价计算长江有色金属网 A00 现货月均价(第 2.1 条:基准价为月均价):
每月的报价天数、最低、最高、精确均值(4 位小数)、取整到元或分的均价、首末报价
日期,以及没有报价的工作日(节假日或缺漏,由您判断)。

报价文件为带表头的 CSV;各列按名称识别,顺序不限:必需 date 和 average;可选
low、high、change 或 range(23660-23700);也可用中文表头(日期、均价、最低价、
最高价、涨跌、价格区间)。编码为 UTF-8(有无 BOM 均可),或中文 Windows 上
Excel 保存的 GBK/GB18030(自动识别,或用 --quotes-encoding)。

任何一行有误都是错误(不作任何计算):日期或价格无法解析、日期重复、均价
超出价格区间、价格不是正数、日期晚于今天。周六、周日的行不计入均价并列出;
均价不是区间中点,或涨跌与上一行不符,给出警告。

每个月的状态:完整(每个交易日都有报价,或已用 quotes add --none 声明长江未报价)、
有缺漏(报价到了月末最后一个交易日,但之前有交易日既无报价也未声明)、未完(报价
止于月末最后一个交易日之前)。只有完整月份的均价
是最终值;其余月份的退出状态为 1,标准错误写明缺少哪些日子。` + exitStatusHelpZH},

	"alprice check": {"按协议、政策和到位记录核对增值税发票", `核对一个月铝液的增值税专用发票,精确到分,并说明每一处不符的原因:

  1. 每行的算术,与开票系统的校验一致:数量 × 单价 = 金额,误差不超过 0.01;
     金额 × 税率 = 税额,误差不超过 0.06(--tax-tolerance);税率与条款一致;
     价税合计 = 金额 + 税额;
  2. 每张发票的税额:Σ(税额 − 金额 × 税率)不超过 ±1.27;
  3. 重量(第 2.6 条):按需方和月份,开票数量应为到位记录中的到位重量;
     按出厂重量开票会被指明(没有供方票据文件的需方可不给 --deliveries:
     此时跳过第 3、5 项,输出会写明);
  4. 价格:每行价税合计应为正确基准月份下有效条款的单价 × 数量;不符时,
     指出能复现该发票的常见错误(用了别的月份的均价、漏了扣减、百分比的
     基数错了、均价取整方式不对、对含税价格又加了税),否则判为无法解释;
  5. 合计:按需方和月份,开票的金额 + 税额与结算相比。

--invoices 读取需方实际收到的发票:每张发票的数电 XML(在 PDF 或 OFD 旁一并
下载;可多次给出该参数,或给一个文件夹:读取其中每个 *.xml),或平台导出的取得
发票(全量发票查询,工作表 信息汇总表);或 alprice 的 CSV,每行一个发票行,各列
按名称识别:invoice_no、buyer、quantity_t、unit_price_excl_vat(至多 8 位小数)、
amount_excl_vat、vat_rate(13% 或 0.13)、vat,可选 total、month(所结算的供货
月份)、issue_date 和 remark;或 发票号码、客户、数量、单价、金额、税率、税额、
价税合计、月份、开票日期、备注。没有月份的行与 XML 发票一样确定供货月份:备注中的
供货月份:YYYY-MM,否则 --month,否则开票日期的上一个月。格式按内容识别(--invoices-format 可强制指定)。不验证 XML 的
签名(TaxBureauSignature);不读取 PDF 和 OFD。

销方须为协议的供方(协议文件给出 seller.tax_id 时按识别号);需方先按识别号
(buyer_tax_id)、再按名称查找。只核对协议货物(其税收分类编码或项目名称)的
发票行,其他行(同一发票上的运费等)列为未核对。红字发票按行与其所冲红的蓝字
发票冲抵,该蓝字发票也须提供;全额冲红的蓝字发票不计。发票上没有供货月份:依次
取备注中的 供货月份:YYYY-MM、--month、开票日期的上一个月(月末开票);输出逐张
写明所用月份及其依据。

退出状态
  0  发票无误:没有任何问题
  1  有问题(输出逐条列出,附所违反的条款和说明)
  2  用法或输入错误:标准输出和 --out 都未写入任何内容` + exitInterruptedZH},

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

	"alprice docs": {"生成 alprice 的文档", "生成 alprice 的文档:手册页(docs man)。" + exitStatusHelpZH},
	"alprice docs man": {"把每个命令的手册页写入 DIR", `把 alprice 及其每个命令的手册页(第 1 节)写入 DIR。手册页(英文)带有固定
日期,同一个 alprice 总是写出相同的手册页:--date,否则 $SOURCE_DATE_EPOCH,
否则 2026-01-01。` + exitStatusHelpZH},
	"alprice help": {"任一命令的帮助", `显示任一命令的帮助。
输入 alprice help [命令路径] 查看详细说明。`},

	"alprice lint": {"按政策检查协议条款", `逐条按政策第二条检查每份协议的条款:

  2.2     未约定运费扣减(问题,即使双方本意为零:政策要求写明;写明 0 即可)
  2.3     未约定铸造费或烧损扣减(警告)
  2.5     上浮项目的名称表明向需方收取生产或途中损耗(电解/生产/工艺损耗等)
          —— 问题;费用项目有此名称 —— 警告
  2       A00 均价在 15000 至 35000 之间时上浮超过扣减:价格高于基准价,
          价格优惠未传导
  2 (煤价) 煤价让利低于供方煤炭优惠折合的金额,或版本期间有煤炭优惠生效却未约定
          煤价让利(自优惠生效的月份起计)—— 问题
  2.3     烧损超过 --max-burn-loss(3%),其他百分比扣减超过 --max-percent(5%)
  2.2, 2.3  烧损按元/吨大于 0 且低于 10,更可能是漏写了 % 的百分比(burn_loss: 0.5
          即 0.50 元/吨:是不是 0.5%?)—— 问题;铸造费或运费小到如此,更可能是笔误 —— 警告
  vat.rate  税率不是 13%(警告)
  7       文件中的条款版本未按日期排列(警告);版本之间有月份无条款定价(问题);
          新版本相对上一版本删去的内容 —— 某一项(费用、煤价让利、上浮)或回到默认值的
          设置(unit_price_rounding: yuan 变回 fen)—— 每项一条警告

退出状态
  0  没有问题(警告会列出,只在 --strict 时导致失败)
  1  有问题,或在 --strict 下有警告
  2  用法或输入错误:标准输出和 --out 都未写入任何内容` + exitInterruptedZH},

	"alprice quote": {"显示每吨铝液价格的构成,以及某一重量的货款", `显示铝液价格的每一行:长江 A00 现货月均价(第 2.1 条),减运费(2.2)、铝锭
铸造费、烧损及其他约定费用(2.3),减煤价让利,加约定上浮(2.4);然后是含税与
不含税单价,给出 --weight 时还有该到位重量的货款(2.6):价税合计、金额、税额。

条款来自各选项,或来自协议文件中的一份协议(--agreements、--agreement、
--month);与 --agreements 同时给出的选项覆盖该协议的值,输出标明为假设测算。
基准价为 --a00,或 --quotes 中条款为 --month 所定计价月份的每日报价均价。
数值为元/吨(600、24,389.00)或基准价的百分比(0.6%);重量为吨(31.25)
或千克(31250kg)。` + exitStatusHelpZH},

	"alprice quotes": {"维护报价文件的正确与完整:add、import、fetch、check", `按交易日历维护一份长江 A00 每日报价文件(报价库)的正确与完整:添加从网页上
读到的一天,导入从长江有色保存或复制的内容,从其网站获取当天的报价或补齐过去
的一个月,检查一个文件。

报价库就是各定价命令读取的报价 CSV(date,low,high,average,change),按日期
排序,每个日期一行,经临时文件写入;合并后没有变化时文件一字节不变。已存有
不同数据的日期是冲突:退出状态 2,逐条列出(日期、已存、新来),不写入任何内容
—— 除非 --replace。周末和节假日的行被跳过并计数。均价与前后有报价的交易日相差
5 倍以上(26000 之后的 2400:多写或漏写了一位数字)是输入错误,写明那几天:退出
状态 2,不写入任何内容,除非 --force。均价超出区间,或与上一交易日相差超过 8%,
给出警告并写明这两天;每次运行只就它新增或替换的行给出警告。` + exitStatusHelpZH},
	"alprice quotes add": {"在报价库中添加或确认一天的 A00 报价,或声明某日无报价", `把从网页上读到的一天长江 A00 报价加入报价库:同一天数据相同则不作改变
("已存在");数据不同则为冲突(退出状态 2),除非 --replace。周末或法定节假日
会被拒绝并说明原因:长江现货这些日子不报价;晚于今天的日期也会被拒绝。

长江确实未发布报价的交易日,用 --none 加原因声明,而不是给出均价:该月均价
不计这一天也算完整(第 2.1 条:只有完整月份才按最终价定价)。不要仅因手头没有
报价就声明:请补录报价。` + exitStatusHelpZH},
	"alprice quotes check": {"只检查报价文件,不作任何定价", `检查报价文件:日期在周末或法定节假日的行、重复日期、文件已越过的每个月份中缺少
的交易日、前后均有报价而整月无报价的月份、已结束却在中途截止的最后一个月(仍在进行
中的月份,其末次报价之后的日子尚未到来,不算缺少)、超出价格区间的均价、与上一日
不符的涨跌、交易日之间超过 8% 的跳变,以及与前后交易日相差 5 倍以上的均价。

退出状态
  0  没有发现问题
  1  发现问题(输出列出)
  2  用法或输入错误:数值无法解析、行的字段数不齐
  130, 143  被 SIGINT(Ctrl-C)或 SIGTERM 中断`},
	"alprice quotes fetch": {"从长江有色获取今天的 A00 报价,或补齐过去的一个月,存入报价库", `从长江有色网站自己的页面获取长江 A00 报价并合并到报价库。这些是网站页面
自用的地址,不是正式接口:非官方,可能不经通知而改变;届时仍可用 --url、
quotes add 和 quotes import。

不给 --month:获取今天的报价。alprice 先 GET cjxh.shtml 取得会话标识,再
POST 长江现货每日价格列表的表单,取其中 A00铝 一条:最低价和最高价、均价和
涨跌。无论询问哪一天,网站都答复其最新的一天,因此报价按应答自身的发布日期
存入,输出写明是哪一天。该日已存且数据相同则未变;数据不同则为冲突。应答
日期为周末、法定节假日或晚于今天(北京时间)的,一律拒绝。

给出 --month YYYY-MM:从历史价格页面(historyprice/cjxh_1/、cjxh_2/……:GBK
编码,日期为不带年份的 MM-DD)补齐一个月:逐页回溯,每页间隔一秒,直到到达
该月的第一个交易日,最多 50 页。每行的年份由今天的日期和页面由新到旧的顺序
推断,跨年也一样。只取该月的行;同一日期出现两次且数据不同则拒绝。输出最后
写明该月的状态:完整、有缺口(列出缺少的日子)或未完。

网站为 --url,否则 $ALPRICE_QUOTES_URL,否则 ` + defaultQuotesURL + `:其根地址,用于
镜像、代理或测试服务器;其中的用户信息会发送,但从不显示。每个请求都有
--timeout 时限,遇网络错误、超时或服务器错误(状态码 500 及以上)时在 1 秒和
2 秒后各重试一次,遇 400 段的状态码不重试;超过 4 兆字节的应答被拒绝;重定向
只在本站内跟随,表单提交从不重定向。User-Agent 写明 alprice 及其版本。未完整读取并检查应答之前不写入任何内容;
网站的任何失败都是退出状态 2。` + exitStatusHelpZH},
	"alprice quotes import": {"把从长江有色保存或粘贴的报价导入报价库", `把用户从长江有色金属网保存或复制的内容导入报价库,按内容识别每个来源
(或用 --from 指定):

  text  从网页粘贴的文本,每行一条报价:"A00铝 23660-23700 23680 +80"
        (或 "24,370—24,410 24,390":可带千位逗号,最低与最高之间可用任一连字符、破折号或波浪号),
        或首页显示的连写形式 "A00铝23660-2370023680+80"(按 最低 ≤ 均价 ≤ 最高
        拆分;能拆成多种方式的行会被拒绝);日期取自行首的 YYYY-MM-DD,或 --date
  html  另存为 HTML 的历史价格页(historyprice/cjxh_1/),GBK 或 UTF-8:日期为
        MM-DD,最新一行的年份由 --year 给出,否则取使任何一行都不晚于今天的最近年份
        (并加以说明);跨年的页面中十二月属于上一年
  json  保存到文件的价格列表接口应答
  csv   另一个报价文件,用于合并两个报价库

只取 A00 行;其他品种计为跳过。"-" 读标准输入。` + exitStatusHelpZH},

	"alprice report": {"政策要求的数字:让利、煤价传导、就地转化率", `根据到位记录的结算,报告政策对电解铝企业的要求:

  released      向本地下游企业释放的价格优势(充分传导释放价格优势,第二条):
                (基准价 − 单价) × 到位吨数,及其构成 —— 运费(2.2)、铸造费、
                烧损、其他费用(2.3)、煤价让利、减去上浮,以及取整行 —— 每行为
                每吨金额 × 吨数,各部分之和恰等于合计
  coal          释放的煤价让利,以及与供方煤炭优惠折算额相比的差额
                (煤炭优惠价格足额传导,第二条)
  conversion    给出 --production(CSV month,output_t:电解铝企业的全部产量,含
                所有客户及铸锭)时,铝液就地转化率 = 到位铝液吨数 ÷ 产量,按月及
                全期,并列出目标:30%(2022)、40%(2023)、约 60%(2025)

按月份和协议列出,并有每月、每份协议和全期的合计。期间默认为所有有到位记录
的月份。基准月份尚未结束的月份按其暂定价依据定价并标为暂定,单独合计:绝不
计入全期合计。` + exitStatusHelpZH},

	"alprice settle": {"按到位重量结算一个月的铝液到位记录(第 2.6 条)", `按协议和供货月份结算铝液到位记录:票数、出厂重量合计(在供方过磅)、到位重量
合计(在需方过磅:即结算重量,第 2.6 条)、二者之差(为供方损耗,绝不结算,第
2.5、2.6 条)、基准月份及其均价、有效条款下的单价,以及价税合计、金额和税额;
最后是总计。每张结算单的金额 = 单价 × 该月到位重量合计,只在最后取整到分一次。

到位文件为带表头的 CSV;各列按名称识别,顺序不限:ticket、date、buyer(协议
编号或需方名称)、以吨计的 tapped_t 和 delivered_t(或以整千克计的 tapped_kg 和
delivered_kg);vehicle 和 ladle 可选。也可用中文表头(票号、日期、客户、出厂
重量、到位重量)。

默认从严:任何一行有误,则不作任何结算,列出每个有误的行(行号、字段、值、
原因),退出状态为 2。以下情况该行有误:字段无法解析、重量不是正数或超过 3 位
小数、票号此前出现过(两行都会指出:一包铝液结算两次是代价最大的错误)、需方
不属于任何协议、日期不在任何条款版本之内。--skip-invalid 结算无误的行,在输出
中列出被剔除的行,退出状态为 1。到位重量大于出厂重量给出警告。

--invoice-cap(或协议的 invoice.cap)把每张结算单拆成几张发票,每张一行、
不含税金额低于该金额(数电没有单张限额,不拆则每张结算单一张):张数按整公斤尽量少,
重量平均分配;各张之和恰等于结算单,每张自身一致(数量 × 单价 = 金额,税额即
金额 × 税率),取整差分散在各张,每张不过几分(显示为其尾差)。` + exitStatusHelpZH},

	"alprice table": {"打印每个需方每个月的供货协议价格表", `打印每份协议每个供货月份的铝液价格:有效的条款版本、基准月份(pricing_month:
previous 表示按上一个月定价)、该月长江 A00 均价按协议的取整方式(第 2.1 条)、
按类别列出的扣减 —— 运费(2.2)、铸造费、烧损、其他费用(2.3)、煤价让利 ——
上浮(2.4),以及含税与不含税单价。

早于协议首个条款版本的供货月份不列出,并附说明。基准月份没有报价或尚未结束
(报价止于其最后一个交易日之前)的月份没有价格:该行说明原因,其他行照常打印,
退出状态为 1。--provisional 按至今的报价为尚未结束的月份定价,并在输出中标为
PROVISIONAL(暂定价)。

退出状态
  0  所要求的每个月都已定价
  1  有月份无法定价(没有报价,或未加 --provisional 且尚未结束)
  2  用法或输入错误:标准输出和 --out 都未写入任何内容` + exitInterruptedZH},

	"alprice trueup": {"把暂定价发票补差到该月最终价格:红字或蓝字发票", `按当月均价定价的协议,在月中按暂定价开票 —— 依据上月最终均价,或当月至今
的均价(协议文件中的 provisional_basis)—— 待该月均价确定后补差。对已开发票
(--invoices,即 check 读取的发票文件格式)中的每份协议和供货月份,在该月基准
价确定后:

  final bill   按最终价格结算该月到位记录,与 settle 的结果完全相同
               (第 2.6 条:按到位重量)
  invoiced     已开发票的合计;每张都像 check 一样核对算术,并核对数量与到位重量
  difference   最终 − 已开,分金额、不含税金额和税额三项,使三项都恰好满足
               已开 + 差额 = 最终
  action       red:最终货款更低 —— 按每个蓝字发票行开具部分红字确认单(原因
               为销售折让),金额按数量分摊,取整差放在最后一行;blue:更高 ——
               补开价差行(只有金额),每行低于 --invoice-cap;none:相等

暂定价依据列在最终价格旁边。按上月均价定价的协议月份(上月均价在供货前已确定,
其发票即按最终价开具)不作补差,输出写明跳过了哪些;用 --agreement 指名时照常补差。

退出状态
  0  已算出补差(补差是预期的结果)
  1  某张已开发票本身有误,或开票数量不等于到位数量(输出逐条列出)
  2  用法或输入错误,或某月的基准价尚未确定` + exitInterruptedZH},
}

// flagsZH is the Chinese of every flag's description: by the command's
// path and the flag where a command's flag says something of its own,
// else by the flag's name. Placeholders stay in backticks.
var flagsZH = map[string]string{
	"help":    "显示帮助",
	"version": "显示 alprice 的版本",
	"bom":     "CSV 以 UTF-8 字节顺序标记开头,使中文 Windows 上的 Excel 正确读取(对其他格式无效,会提示)",
	"format":  "输出格式 `FORMAT`:table、json、csv、markdown、xlsx、html(默认:按 --out 的扩展名,否则 table;不得与扩展名矛盾)",
	"lang":    "语言,`zh|en`(默认:LC_ALL、LC_MESSAGES 或 LANG 以 zh 开头时为 zh;均未设置时(如在 Windows 上)按用户的显示语言)",
	"out":     "把输出写入 `FILE`,先写临时文件再改名就位",
	"quiet":   "不显示警告",
	"verbose": "列出每条警告,不汇总重复的警告",

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

// sayHelpInChinese puts the Chinese help of helpZH and flagsZH into every
// command of root, for cobra's help to print: the run ends after it.
func sayHelpInChinese(root *cobra.Command) {
	cobra.AddTemplateFunc("zh", usageWordsZH.Replace)
	root.SetUsageTemplate(usageTemplateZH)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if h, ok := helpZH[c.CommandPath()]; ok {
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
