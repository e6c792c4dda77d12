package i18n

import "alprice/pricing"

// Say says m in l: the domain's English, or the MessagesZH below.
func (l Lang) Say(m pricing.Message) string {
	if day, ok := weekdaysZH[firstArg(m)]; ok && l == Chinese && m.Code == "quote.weekend" {
		m.Args = append([]string{day}, m.Args[1:]...)
	}
	if l == Chinese {
		if t, ok := MessagesZH[m.Code]; ok {
			return m.Render(t, func(k pricing.Kind, label string) string { return LineLabel(Chinese, k, label) })
		}
	}
	return m.String()
}

func firstArg(m pricing.Message) string {
	if len(m.Args) == 0 {
		return ""
	}
	return m.Args[0]
}

// weekdaysZH names the days of the week a message may name.
var weekdaysZH = map[string]string{"Saturday": "星期六", "Sunday": "星期日", "Monday": "星期一", "Tuesday": "星期二",
	"Wednesday": "星期三", "Thursday": "星期四", "Friday": "星期五"}

// MessagesZH holds the MessagesZH template of every message of the pricing
// package, with the same figures (%[n]s) and {line} for the agreed line; a
// test holds the two sets to the same codes and figures.
var MessagesZH = map[string]string{
	"line.amount": "数量 %[1]s 吨 × 单价 %[2]s = %[3]s;开票系统允许的差额至多 %[4]s",
	"line.vat":    "金额 %[1]s × 税率 %[2]s = %[3]s;税额与之相差至多 %[4]s",
	"line.rate":   "协议自 %[1]s 起的条款约定税率 %[2]s;发票税率为 %[3]s",
	"line.total":  "价税合计应为金额 %[1]s 加税额 %[2]s",
	"invoice.vat": "整张发票各行税额与金额 × 税率之差合计 %[1]s;每张发票至多允许 ±%[2]s",

	"invoice.seller":       "销方为 %[1]s(识别号 %[2]s),不是协议的供方 %[3]s:该发票各行未核对",
	"invoice.buyer-tax-id": "购方识别号为 %[1]s;协议 %[2]s 载明 %[4]s 的识别号为 %[3]s",
	"invoice.totals":       "发票载明 %[1]s;各行合计为 %[2]s",
	"invoice.no-quantity":  "该行既无数量也无单价:开票重量未知,未核对单价",
	"red.missing":          "红字发票 %[1]s 冲红蓝字发票 %[2]s,但所给发票中没有它:请一并提供,以便冲抵",
	"red.no-line":          "红字发票 %[1]s 第 %[2]s 行在蓝字发票 %[3]s 中找不到对应行(无项目 %[4]s、税收分类编码 %[5]s 的行)",
	"red.over":             "红字发票冲红的数额超过蓝字发票 %[1]s 第 %[2]s 行所开:剩余 %[3]s 吨、金额 %[4]s",
	"skip.not-product":     "不是协议货物(%[1]s,税收分类编码 %[2]s):未核对",
	"skip.other-seller":    "其他销方(%[1]s)的发票:未核对",
	"skip.red-missing":     "红字发票所冲的蓝字发票 %[1]s 未提供:未冲抵",
	"skip.red-no-line":     "红字行在蓝字发票 %[1]s 中无对应行:未冲抵",
	"weight.none":          "%[1]s 中无协议 %[2]s 在 %[3]s 的到位记录:未到位的铝液不得结算",
	"weight.tapped":        "按出厂重量(%[1]s 吨)开票;政策按终端实际到位量 %[2]s 吨结算,途损 %[3]s 吨由供方承担",
	"weight.differs":       "开票 %[1]s 吨,但 %[3]s 终端实际到位 %[2]s 吨(%[4]s 票);政策按到位量结算",
	"trueup.uninvoiced":    "%[3]s 向协议 %[2]s 到位 %[1]s 吨(%[4]s 票),但 %[5]s 中没有相应发票:请全额开票,补差只调整价格",
	"statement.amount":     "%[2]s 的发票价税合计 %[1]s;按到位量结算应为 %[3]s(%[4]s 吨 × %[5]s)",

	"price.unexplained":    "开票单价 %[1]s(价税合计 ÷ 数量)与协议 %[3]s 在 %[4]s 的单价 %[2]s(条款自 %[5]s 起,%[6]s 月均价 %[7]s)相差 %[8]s 元/吨,无法用单一常见错误解释",
	"price.month.delivery": "按 %[1]s 月均价(%[2]s)而非 %[3]s 月均价(%[4]s)计价:条款规定 %[5]s 按当月均价计价",
	"price.month.previous": "按 %[1]s 月均价(%[2]s)而非 %[3]s 月均价(%[4]s)计价:条款规定 %[5]s 按上月均价计价",
	"price.deduction":      "未扣减{line} %[1]s 元/吨 —— 第 %[2]s 条",
	"price.premium":        "未计入约定的{line} %[1]s 元/吨 —— 第 2.4 条",
	"price.base.excl-vat":  "{line} %[1]s 按不含税基准价(%[2]s)而非基准价 %[3]s 计算 —— 第 %[4]s 条",
	"price.base.less":      "{line} %[1]s 按扣除固定扣减后的基准价(%[2]s)而非基准价 %[3]s 计算 —— 第 %[4]s 条",
	"price.rounding.fen":   "%[1]s 月均价取到分(%[2]s),而条款约定取整到元(%[3]s)",
	"price.rounding.yuan":  "%[1]s 月均价取整到元(%[2]s),而条款约定取到分(%[3]s)",
	"price.vat-on-top":     "对已含税的价格重复加税:含税单价 %[1]s(与A00均价一样含税)被当作不含税单价开票",

	"lint.premium-loss":      "上浮项目 %[1]q 向需方收取应由供方承担的损耗:生产环节损耗不得传导至下游(第2.5条),结算重量以到位量为准(第2.6条)",
	"lint.fee-loss":          "费用项目 %[1]q 涉及损耗;作为扣减项它降低价格,但请核实协议未向需方收取损耗(第2.5条)",
	"lint.burn-loss":         "{line} %[1]s 超过 %[2]s%%,高于合理的烧损水平,请核对协议",
	"lint.small-burn-loss":   "{line} %[1]s 元/吨 小得不合常理,更可能是漏写了 %% 的百分比:是不是 %[2]s?(请核对协议;百分比须带 %%)",
	"lint.small-deduction":   "{line} %[1]s 元/吨 低于 %[2]s 元/吨,小得不合常理,更可能是笔误(少写一位数,或百分比漏写了 %%):请核对协议",
	"lint.percent":           "{line} %[1]s 超过 %[2]s%%,高于合理的比例扣减水平,请核对协议",
	"lint.no-transport":      "未约定运费扣减;政策要求扣减运费(第2.2条)并在协议中明确(第2.4条):如无运费,请写明 0",
	"lint.no-casting":        "未约定铝锭铸造费扣减;铝液无需铸锭(第2.3条),各项扣减应在协议中明确(第2.4条)",
	"lint.no-burn-loss":      "未约定烧损扣减;铝液无需重熔,也就没有其烧损(第2.3条),各项扣减应在协议中明确(第2.4条)",
	"lint.premiums":          "A00月均价为 %[1]s 时,上浮(%[2]s 元/吨)超过扣减(%[3]s 元/吨):价格高于基准价,未落实第二条的价格优惠传导",
	"lint.vat-rate":          "税率为 %[1]s;铝的增值税率为 13%%",
	"lint.provisional-basis": "provisional_basis %[1]s 在此无效:条款按上月均价计价,开票时上月均价已经确定",
	"lint.coal-missing":      "未约定煤价让利,但供方的煤炭优惠自 %[3]s 起折合 %[1]s 元/吨(%[2]s):第二条要求煤炭优惠价格足额传导至下游",
	"lint.coal-short":        "煤价让利 %[1]s 元/吨低于自 %[4]s 起煤炭优惠折合的 %[2]s 元/吨(%[3]s):未足额传导(第二条);或写 value: full",
	"lint.drops-line":        "自 %[1]s 起的版本约定的{line}(%[2]s)不在自 %[3]s 起的版本中:自 %[3]s 起不再扣减或计入;如协议确已取消,这是双方的选择,否则请重新写明",
	"lint.drops-setting":     "自 %[3]s 起的版本约定 %[1]s 为 %[2]s;自 %[4]s 起的版本未保留,按默认值 %[5]s 计价:如协议确已变更,这是双方的选择,否则请重新写明 %[1]s: %[2]s",
	"lint.order":             "自 %[1]s 起的条款版本在文件中排在自 %[2]s 起的版本之后;请按日期顺序排列",
	"lint.gap":               "%[1]s 无适用的条款版本:自 %[2]s 起的版本止于 %[3]s,下一版本自 %[4]s 起",

	"quote.weekend":     "日期为%[1]s:长江现货周末不报价(爬虫沿用的周五数据)",
	"quote.holiday":     "日期为法定节假日%[1]s:长江现货节假日不报价(爬虫沿用的数据)",
	"quote.midpoint":    "均价 %[1]s 不是价格区间 %[3]s-%[4]s 的中点 %[2]s",
	"quote.change":      "涨跌 %[1]s 与上一行(%[2]s,均价 %[3]s)不符:%[4]s − %[3]s = %[5]s",
	"quote.outside":     "均价 %[1]s 不在价格区间 %[2]s-%[3]s 内",
	"quote.jump":        "均价 %[1]s 与上一交易日(%[2]s,%[3]s)相差超过 %[4]s%%:请核对这两天",
	"delivery.overfull": "票号 %[1]s:到位重量 %[2]s 吨大于出厂重量 %[3]s 吨;请核对地磅",
}
