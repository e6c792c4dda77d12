package i18n

// quotesFetchErrorsZH is the catalogue of fetching Changjiang's daily price list and history pages.
var quotesFetchErrorsZH = map[string]string{
	// quotes fetch: the site's root, the flags
	"is not more than zero: a request without a time limit could wait for ever":               "不大于零:没有时限的请求可能永远等待",
	"is not the site's root: give an http or https URL with a host, and no query or fragment": "不是网站根地址:请给出带主机名的 http 或 https 网址,不带查询串和片段",
	"is the old price-list endpoint, which does not exist: give the site's root, such as %s":  "是已不存在的旧价格列表接口:请给出网站根地址,例如 %s",
	"is after the current month, %s in Beijing: it has no quotes yet":                         "晚于当前月份(北京时间 %s):尚无报价",
	"%s: %w; nothing was written":                                    "%s:%w;未写入任何内容",
	"%w; nothing was written":                                        "%w;未写入任何内容",
	"%w (%d attempts)":                                               "%w(共尝试 %d 次)",
	"cannot be reached, or the answer was cut short":                 "无法连接,或应答中途断开",
	"cannot be reached, or the answer was cut short: %v":             "无法连接,或应答中途断开:%v",
	"gave no whole answer within %s (--timeout)":                     "在 %s 内没有给出完整应答(--timeout)",
	"was stopped before the answer came":                             "在应答到来之前被中止",
	"answered HTTP %d":                                               "返回 HTTP %d",
	"answered HTTP %d, starting %s":                                  "返回 HTTP %d,开头为 %s",
	"answered more than %d bytes, which is refused, never cut short": "应答超过 %d 字节:拒绝接受,不截断",
	"redirected to %s, which is refused: only redirects within the site are followed, and never of the form":       "重定向到 %s,已拒绝:只跟随本站内的重定向,表单提交从不重定向",
	"answered in the Content-Encoding %s, which was not asked for":                                                 "以未请求的内容编码 %s 应答",
	"answered with an HTML page instead of the price list (an error or verification page?), starting %s":           "返回了 HTML 页面而不是价格列表(错误页或验证页?),开头为 %s",
	"answered with text that is not JSON, starting %s":                                                             "返回的文本不是 JSON,开头为 %s",
	"answered with text that is not a history page, starting %s":                                                   "返回的文本不是历史价格页面,开头为 %s",
	"answered success false, refusing":                                                                             "应答表示失败,拒绝给出数据",
	"answered success false, refusing, with the message %s":                                                        "应答表示失败,拒绝给出数据,消息为 %s",
	"answered JSON that is not the price list expected, {\"body\": {\"priceList\": [...]}}: %s is not as expected": "返回的 JSON 不是预期的价格列表 {\"body\": {\"priceList\": [...]}}:%s 与预期不符",
	"answered a price list with %d A00铝 entries; exactly 1 is expected":                                            "返回的价格列表有 %d 条 A00铝;应恰好 1 条",
	"answered %s %s, which is not a plain decimal (or, for a date, YYYY-MM-DD)":                                    "返回的 %s 为 %s,不是普通十进制数(日期则应为 YYYY-MM-DD)",
	"failed: %v": "失败:%v",

	// quotes fetch: the day of the daily price list
	"%s: the answer is the quote of %s, after today (%s in Beijing): the site or this machine's clock is wrong; nothing was written": "%s:应答是 %s 的报价,晚于今天(北京时间 %s):网站或本机时钟有误;未写入任何内容",
	"%s: the answer is the quote of %s, a public holiday (%s): Changjiang does not quote on holidays; nothing was written":           "%s:应答是 %s 的报价,该日是法定节假日(%s):长江现货节假日不报价;未写入任何内容",
	"%s: the answer is the quote of %s, a %s: Changjiang does not quote on weekends; nothing was written":                            "%s:应答是 %s 的报价,该日是%s:长江现货周末不报价;未写入任何内容",

	// quotes fetch --month: the history pages
	"is after today (%s in Beijing): the page or this machine's clock is wrong":                                                                                    "晚于今天(北京时间 %s):页面或本机时钟有误",
	"comes after %s, an older row: the pages are not newest first, so the years of their dates cannot be told":                                                     "排在较早的 %s 之后:页面不是由新到旧排列,无法推断日期的年份",
	"is given twice with other figures, %s and %s: the answer contradicts itself":                                                                                  "出现两次且数据不同,%s 与 %s:应答自相矛盾",
	"%s: %d history pages read without an A00 row; nothing was written":                                                                                            "%s:读取了 %d 个历史页面,没有一行 A00;未写入任何内容",
	"%s: %d history pages read back to %s without reaching %s, the first trading day of %s; nothing was written (save older pages from a browser and import them)": "%s:读取了 %d 个历史页面,回溯到 %s,仍未到达 %s(%s 的第一个交易日);未写入任何内容(请从浏览器保存更早的页面后导入)",

	// quotes import of a price-list JSON
	"is false: the site refused to answer":                                 "表示失败:网站拒绝给出数据",
	"is false: the site refused to answer, saying %s":                      "表示失败:网站拒绝给出数据,其消息为 %s",
	"is missing, though maxPrice is given: an entry gives both or neither": "缺少,而给出了最高价:一条记录应同时给出最低价和最高价,或都不给",
	"is missing, though minPrice is given: an entry gives both or neither": "缺少,而给出了最低价:一条记录应同时给出最低价和最高价,或都不给",
}
