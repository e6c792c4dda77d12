package i18n

// messagesErrorsZH is the Chinese of every message of the pricing package
// (pricing.Message: a finding, a note on a row), keyed, as every error
// template is, by its English template, with the same figures (%[n]s) and
// {line} for the agreed line. The comment above each names the message's
// code, which JSON gives beside the words.
var messagesErrorsZH = map[string]string{
	// delivery.overfull
	"ticket %[1]s: delivered %[2]s t is more than tapped %[3]s t; check the weighbridges": "票号 %[1]s:到位重量 %[2]s 吨大于出厂重量 %[3]s 吨;请核对地磅",
	// invoice.buyer-tax-id
	"the buyer's tax id is %[1]s; agreement %[2]s states %[3]s for %[4]s": "购方识别号为 %[1]s;协议 %[2]s 载明 %[4]s 的识别号为 %[3]s",
	// invoice.no-quantity
	"the line states neither quantity (数量) nor unit price (单价): the weight it bills is not known, so it is not priced": "该行既无数量也无单价:开票重量未知,未核对单价",
	// invoice.seller
	"the seller is %[1]s (tax id %[2]s), not the agreements' seller %[3]s: the invoice's lines are not checked": "销方为 %[1]s(识别号 %[2]s),不是协议的供方 %[3]s:该发票各行未核对",
	// invoice.totals
	"the invoice states %[1]s; its lines add up to %[2]s": "发票载明 %[1]s;各行合计为 %[2]s",
	// invoice.vat
	"over the invoice's lines the VAT differs from amount × rate by %[1]s in all; an invoice allows at most ±%[2]s": "整张发票各行税额与金额 × 税率之差合计 %[1]s;每张发票至多允许 ±%[2]s",
	// line.amount
	"quantity %[1]s t × unit price %[2]s = %[3]s; invoicing software allows a difference of at most %[4]s": "数量 %[1]s 吨 × 单价 %[2]s = %[3]s;开票系统允许的差额至多 %[4]s",
	// line.rate
	"the agreement's terms from %[1]s state VAT at %[2]s; the invoice charges %[3]s": "协议自 %[1]s 起的条款约定税率 %[2]s;发票税率为 %[3]s",
	// line.total
	"the total (价税合计) must be the amount %[1]s plus the VAT %[2]s": "价税合计应为金额 %[1]s 加税额 %[2]s",
	// line.vat
	"amount %[1]s × rate %[2]s = %[3]s; the VAT may differ from it by at most %[4]s": "金额 %[1]s × 税率 %[2]s = %[3]s;税额与之至多相差 %[4]s 才算一致",
	// line.vat.incl
	"amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the rate applied to the amount incl. VAT (%[5]s × %[2]s): the VAT is the amount excl. VAT × rate, the amount incl. VAT splitting as total ÷ (1 + rate); the VAT may differ from amount × rate by at most %[6]s": "金额 %[1]s × 税率 %[2]s = %[3]s,但税额为 %[4]s,是把税率乘在了含税金额上(%[5]s × %[2]s):税额应为不含税金额 × 税率,含税金额按 价税合计 ÷ (1 + 税率) 拆分;税额与金额 × 税率至多相差 %[6]s 才算一致",
	// line.vat.per-tonne
	"amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the VAT of one tonne rounded to the fen (%[5]s) × %[6]s t: the VAT is the line's amount × rate, rounded once; the VAT may differ from amount × rate by at most %[7]s": "金额 %[1]s × 税率 %[2]s = %[3]s,但税额为 %[4]s,是先算每吨税额并取整到分(%[5]s)再乘以 %[6]s 吨:税额应为该行金额 × 税率,只取整一次;税额与金额 × 税率至多相差 %[7]s 才算一致",
	// line.vat.rate
	"amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the amount × %[5]s: worked out at another rate than the line states; the VAT may differ from amount × rate by at most %[6]s": "金额 %[1]s × 税率 %[2]s = %[3]s,但税额为 %[4]s,即金额 × %[5]s:按该行所列以外的税率计算;税额与金额 × 税率至多相差 %[6]s 才算一致",
	// line.vat.total
	"amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s: the invoice's VAT was worked out once on its total, %[5]s × %[2]s = %[6]s, and spread over its %[7]s lines; each line's VAT is its own amount × rate; the VAT may differ from amount × rate by at most %[8]s": "金额 %[1]s × 税率 %[2]s = %[3]s,但税额为 %[4]s:整张发票的税额是按其合计金额一次算出(%[5]s × %[2]s = %[6]s)再分摊到 %[7]s 行的;每行税额应为该行金额 × 税率;税额与金额 × 税率至多相差 %[8]s 才算一致",
	// line.vat.yuan
	"amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, rounded to the yuan instead of the fen; the VAT may differ from amount × rate by at most %[5]s": "金额 %[1]s × 税率 %[2]s = %[3]s,但税额为 %[4]s,取整到了元而不是分;税额与金额 × 税率至多相差 %[5]s 才算一致",
	// lint.burn-loss
	"{line} of %[1]s is above %[2]s%%, beyond what is plausible for a burn loss; check the agreement": "{line} %[1]s 超过 %[2]s%%,高于合理的烧损水平,请核对协议",
	// lint.coal-missing
	"no coal pass-through is stated, but the smelter's coal discount implies %[1]s/t from %[3]s (%[2]s): clause 2 passes the coal discount on to the buyer in full": "未约定煤价让利,但供方的煤炭优惠自 %[3]s 起折合 %[1]s 元/吨(%[2]s):第二条要求煤炭优惠价格足额传导至下游",
	// lint.coal-short
	"the coal pass-through of %[1]s/t is below the %[2]s/t the coal discount implies from %[4]s (%[3]s): not passed through in full (clause 2, coal); or write value: full": "煤价让利 %[1]s 元/吨低于自 %[4]s 起煤炭优惠折合的 %[2]s 元/吨(%[3]s):未足额传导(第二条);或写 value: full",
	// lint.drops-line
	"{line} (%[2]s) of the version from %[1]s is not in the version from %[3]s: it stops in %[3]s; if the agreement drops it, that is a choice, else state it again": "自 %[1]s 起的版本约定的{line}(%[2]s)不在自 %[3]s 起的版本中:自 %[3]s 起不再扣减或计入;如协议确已取消,这是双方的选择,否则请重新写明",
	// lint.drops-setting
	"%[1]s was %[2]s in the version from %[3]s; the version from %[4]s does not keep it and prices with the default, %[5]s: if the agreement changes it, that is a choice, else state %[1]s: %[2]s again": "自 %[3]s 起的版本约定 %[1]s 为 %[2]s;自 %[4]s 起的版本未保留,按默认值 %[5]s 计价:如协议确已变更,这是双方的选择,否则请重新写明 %[1]s: %[2]s",
	// lint.fee-loss
	"the fee %[1]q names losses; as a deduction it lowers the price, but check that the agreement does not charge them to the buyer (2.5)": "费用项目 %[1]q 涉及损耗;作为扣减项它降低价格,但请核实协议未向需方收取损耗(第2.5条)",
	// lint.gap
	"no version prices %[1]s: the version from %[2]s ends in %[3]s, the next starts in %[4]s": "%[1]s 无适用的条款版本:自 %[2]s 起的版本止于 %[3]s,下一版本自 %[4]s 起",
	// lint.no-burn-loss
	"no burn loss deduction is stated; molten metal skips the remelting and its burn loss (2.3), and every deduction belongs in the agreement (2.4)": "未约定烧损扣减;铝液无需重熔,也就没有其烧损(第2.3条),各项扣减应在协议中明确(第2.4条)",
	// lint.no-casting
	"no ingot casting deduction is stated; molten metal skips casting (2.3), and every deduction belongs in the agreement (2.4)": "未约定铝锭铸造费扣减;铝液无需铸锭(第2.3条),各项扣减应在协议中明确(第2.4条)",
	// lint.no-transport
	"no transport deduction is stated; the policy deducts transport (2.2) and wants every deduction in the agreement (2.4): state it, as 0 if none": "未约定运费扣减;政策要求扣减运费(第2.2条)并在协议中明确(第2.4条):如无运费,请写明 0",
	// lint.order
	"the version from %[1]s comes after the version from %[2]s in the file; list versions in date order": "自 %[1]s 起的条款版本在文件中排在自 %[2]s 起的版本之后;请按日期顺序排列",
	// lint.percent
	"{line} of %[1]s is above %[2]s%%, beyond what is plausible for a percentage deduction; check the agreement": "{line} %[1]s 超过 %[2]s%%,高于合理的比例扣减水平,请核对协议",
	// lint.premium-loss
	"the premium %[1]q charges the buyer for losses the smelter bears: production losses may not be passed on (2.5), and the billed weight is the delivered weight (2.6)": "上浮项目 %[1]q 向需方收取应由供方承担的损耗:生产环节损耗不得传导至下游(第2.5条),结算重量以到位量为准(第2.6条)",
	// lint.premiums
	"at an A00 average of %[1]s the premiums (%[2]s/t) outweigh the deductions (%[3]s/t): the price is above the benchmark, and the price advantage of clause 2 is not passed on": "A00月均价为 %[1]s 时,上浮(%[2]s 元/吨)超过扣减(%[3]s 元/吨):价格高于基准价,未落实第二条的价格优惠传导",
	// lint.provisional-basis
	"provisional_basis %[1]s does nothing here: the terms price a month on the previous month's average, known when the month is invoiced": "provisional_basis %[1]s 在此无效:条款按上月均价计价,开票时上月均价已经确定",
	// lint.small-burn-loss
	"{line} of %[1]s CNY/t is so small it is likelier a percentage written without its %%: did you mean %[2]s? (check the agreement; a percentage is written with %%)": "{line} %[1]s 元/吨 小得不合常理,更可能是漏写了 %% 的百分比:是不是 %[2]s?(请核对协议;百分比须带 %%)",
	// lint.small-deduction
	"{line} of %[1]s CNY/t is below %[2]s CNY/t, so small it is likelier a slip (a digit missing, or a percentage without its %%): check the agreement": "{line} %[1]s 元/吨 低于 %[2]s 元/吨,小得不合常理,更可能是笔误(少写一位数,或百分比漏写了 %%):请核对协议",
	// lint.vat-rate
	"the VAT rate is %[1]s; aluminium is taxed at 13%%": "税率为 %[1]s;铝的增值税率为 13%%",
	// price.base.excl-vat
	"{line} of %[1]s applied to the benchmark excl. VAT (%[2]s) instead of the benchmark %[3]s — rule %[4]s": "{line} %[1]s 按不含税基准价(%[2]s)而非基准价 %[3]s 计算 —— 第 %[4]s 条",
	// price.base.less
	"{line} of %[1]s applied to the benchmark less the fixed deductions (%[2]s) instead of the benchmark %[3]s — rule %[4]s": "{line} %[1]s 按扣除固定扣减后的基准价(%[2]s)而非基准价 %[3]s 计算 —— 第 %[4]s 条",
	// price.deduction
	"{line} deduction of %[1]s/t not applied — rule %[2]s": "未扣减{line} %[1]s 元/吨 —— 第 %[2]s 条",
	// price.month.delivery
	"priced on the %[1]s average (%[2]s) instead of %[3]s (%[4]s): the terms price %[5]s on its own month's average (当月均价)": "按 %[1]s 月均价(%[2]s)而非 %[3]s 月均价(%[4]s)计价:条款规定 %[5]s 按当月均价计价",
	// price.month.previous
	"priced on the %[1]s average (%[2]s) instead of %[3]s (%[4]s): the terms price %[5]s on the previous month's average (上月均价)": "按 %[1]s 月均价(%[2]s)而非 %[3]s 月均价(%[4]s)计价:条款规定 %[5]s 按上月均价计价",
	// price.premium
	"the agreed {line} of %[1]s/t not charged — rule 2.4": "未计入约定的{line} %[1]s 元/吨 —— 第 2.4 条",
	// price.rounding.fen
	"the %[1]s average rounded to the fen (%[2]s) instead of to the yuan (%[3]s), as the terms say": "%[1]s 月均价取到分(%[2]s),而条款约定取整到元(%[3]s)",
	// price.rounding.yuan
	"the %[1]s average rounded to the yuan (%[2]s) instead of to the fen (%[3]s), as the terms say": "%[1]s 月均价取整到元(%[2]s),而条款约定取到分(%[3]s)",
	// price.unexplained
	"the billed unit price %[1]s (amount + VAT over quantity) differs from %[2]s, the price of agreement %[3]s for %[4]s (terms from %[5]s, %[6]s average %[7]s), by %[8]s/t, which no single likely mistake explains": "开票单价 %[1]s(价税合计 ÷ 数量)与协议 %[3]s 在 %[4]s 的单价 %[2]s(条款自 %[5]s 起,%[6]s 月均价 %[7]s)相差 %[8]s 元/吨,无法用单一常见错误解释",
	// price.vat-on-top
	"VAT added to a price that already includes it: the unit price %[1]s (VAT incl., like the A00 average) was billed as the price excl. VAT": "对已含税的价格重复加税:含税单价 %[1]s(与A00均价一样含税)被当作不含税单价开票",
	// quote.change
	"change %[1]s disagrees with the previous row (%[2]s, average %[3]s): %[4]s − %[3]s = %[5]s": "涨跌 %[1]s 与上一行(%[2]s,均价 %[3]s)不符:%[4]s − %[3]s = %[5]s",
	// quote.holiday
	"dated on a public holiday, %[1]s: Changjiang does not quote on holidays (a scraper's carried-forward row)": "日期为法定节假日%[1]s:长江现货节假日不报价(爬虫沿用的数据)",
	// quote.jump
	"average %[1]s is more than %[4]s%% away from the previous trading day's (%[2]s, %[3]s): check both days": "均价 %[1]s 与上一交易日(%[2]s,%[3]s)相差超过 %[4]s%%:请核对这两天",
	// quote.outlier
	"average %[1]s is off by a factor of %[2]s or more from the days quoted around it: a digit dropped or added? alprice quotes check names them": "均价 %[1]s 与前后有报价的交易日相差 %[2]s 倍以上:是否多写或漏写了一位数字?alprice quotes check 会列出这些日子",
	// quote.midpoint
	"average %[1]s is not the midpoint %[2]s of the range %[3]s-%[4]s": "均价 %[1]s 不是价格区间 %[3]s-%[4]s 的中点 %[2]s",
	// quote.outside
	"average %[1]s is outside its range %[2]s-%[3]s": "均价 %[1]s 不在价格区间 %[2]s-%[3]s 内",
	// quote.weekend
	"dated %[1]s: Changjiang does not quote on weekends (a scraper's carried-forward row)": "日期为%[1]s:长江现货周末不报价(爬虫沿用的周五数据)",
	// red.missing
	"red invoice %[1]s reverses blue invoice %[2]s, which is not among the invoices given: give it too, so that the reversal is netted": "红字发票 %[1]s 冲红蓝字发票 %[2]s,但所给发票中没有它:请一并提供,以便冲抵",
	// red.no-line
	"line %[2]s of red invoice %[1]s reverses no line of blue invoice %[3]s (none names %[4]s, tax code %[5]s)": "红字发票 %[1]s 第 %[2]s 行在蓝字发票 %[3]s 中找不到对应行(无项目 %[4]s、税收分类编码 %[5]s 的行)",
	// red.over
	"the red invoices reverse more than line %[2]s of blue invoice %[1]s billed: %[3]s t, %[4]s excl. VAT left": "红字发票冲红的数额超过蓝字发票 %[1]s 第 %[2]s 行所开:剩余 %[3]s 吨、金额 %[4]s",
	// skip.not-product
	"not the agreement's product (%[1]s, tax code %[2]s): not checked": "不是协议货物(%[1]s,税收分类编码 %[2]s):未核对",
	// skip.other-seller
	"an invoice of another seller (%[1]s): not checked": "其他销方(%[1]s)的发票:未核对",
	// skip.red-missing
	"a red invoice whose blue invoice %[1]s is not given: not netted": "红字发票所冲的蓝字发票 %[1]s 未提供:未冲抵",
	// skip.red-no-line
	"a red line that reverses no line of blue invoice %[1]s: not netted": "红字行在蓝字发票 %[1]s 中无对应行:未冲抵",
	// statement.amount
	"the invoices bill %[1]s incl. VAT for %[2]s; the settlement of the deliveries comes to %[3]s (%[4]s t × %[5]s)": "%[2]s 的发票价税合计 %[1]s;按到位量结算应为 %[3]s(%[4]s 吨 × %[5]s)",
	// trueup.previous
	"agreement %[1]s prices %[2]s on the previous month's average (%[3]s), final before the month was delivered: its invoices are final, nothing to true up (check holds them to the price)": "协议 %[1]s 的 %[2]s 按上月均价(%[3]s)定价,供货前价格已确定:其发票即按最终价开具,无需补差(发票与价格是否相符由 check 核对)",
	// trueup.uninvoiced
	"%[1]s t were delivered to agreement %[2]s in %[3]s (tickets: %[4]s), but %[5]s has no invoice for them: invoice them in full, a true-up only corrects a price": "%[3]s 向协议 %[2]s 到位 %[1]s 吨(%[4]s 票),但 %[5]s 中没有相应发票:请全额开票,补差只调整价格",
	// weight.differs
	"%[1]s t billed, but %[2]s t were delivered at the buyer's end in %[3]s (tickets: %[4]s); the policy bills the delivered weight": "开票 %[1]s 吨,但 %[3]s 终端实际到位 %[2]s 吨(%[4]s 票);政策按到位量结算",
	// weight.none
	"%[1]s has no delivery to agreement %[2]s in %[3]s: nothing delivered may be billed": "%[1]s 中无协议 %[2]s 在 %[3]s 的到位记录:未到位的铝液不得结算",
	// weight.tapped
	"billed on tapped weight (%[1]s t weighed out at the smelter); the policy bills the delivered weight, %[2]s t; the %[3]s t lost in transit is the smelter's": "按出厂重量(%[1]s 吨)开票;政策按终端实际到位量 %[2]s 吨结算,途损 %[3]s 吨由供方承担",
}
