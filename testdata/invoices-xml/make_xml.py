"""Writes the 数电 invoice test files of this folder — one XML per invoice
as a buyer downloads it, and the platform's 信息汇总表 export — with
Python's decimal module: an independent working of every figure. It also
writes expected.json, the table the Go tests of package fapiao hold the
reader to, and checks its own figures against testdata/invoices/*.csv.
Run it from the repository root:

    python3 testdata/invoices-xml/make_xml.py

Only the standard library is used: the workbooks are written with zipfile
and string templates (openpyxl is not installed here), as a minimal
SpreadsheetML package with a shared-string table.
"""
import csv
import datetime
import json
import os
import shutil
import zipfile
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_DOWN
from xml.sax.saxutils import escape

HERE = "testdata/invoices-xml/"
FEN = D("0.01")
RATE = D("0.13")
FREIGHT_RATE = D("0.09")
AL_CODE = "1080306020000000000"
AL_ITEM = "*有色金属冶炼压延品*铝液"
FREIGHT_CODE = "3010102020100000000"
FREIGHT_ITEM = "*运输服务*国内公路货物运输服务"

# Made-up 18-character tax ids (unified social credit code charset; the
# check character is not computed).
SELLER = ("91652300MA7AL0001X", "准东示例电解铝有限公司")
BUYERS = {
    "ZD-2026-001": ("91652300MA7BL0002Y", "准东示例铝材有限公司"),
    "ZD-2026-002": ("91652301MA7CB0003W", "昌吉示例铝箔有限公司"),
    "WC-2026-003": ("91652325MA7DX0004U", "五彩湾示例线缆有限公司"),
}
REMARK_MONTH = "供货月份:2026-03"


def r2(x):
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


def r8(x):
    return x.quantize(D("0.00000001"), rounding=ROUND_HALF_UP)


def number(fp):
    """The made-up 20-digit 数电发票号码 of the CSV invoice number FPnnnnnnnn."""
    n = "2665200000" + f"{int(fp[2:]):010d}"
    assert len(n) == 20 and n.isdigit()
    return n


# Delivered and tapped totals of testdata/deliveries-2026-03.csv, as
# testdata/invoices/make_invoices.py works them out.
totals = {}
for row in csv.DictReader(open("testdata/deliveries-2026-03.csv", encoding="utf-8")):
    ag = {"昌吉示例铝箔有限公司": "ZD-2026-002"}.get(row["buyer"], row["buyer"])
    t = totals.setdefault(ag, [D(0), D(0)])
    t[0] += D(row["delivered_t"])
    t[1] += D(row["tapped_t"])
assert [totals[a][0] for a in BUYERS] == [D("340.617"), D("209.775"), D("174.140")]
assert totals["ZD-2026-001"][1] == D("341.355")

# Unit prices (VAT incl.) for supply month 2026-03 (see make_invoices.py).
unit = {
    "ZD-2026-001": D("24389") - 600 - 150 - r2(D("24389") * D("0.006")) - 80 - 10,
    "ZD-2026-002": D("23394") - 550 - 160 - r2(D("23394") * D("0.0065")) - 70,
    "WC-2026-003": (D("24388.64") - 480 - 140 - r2(D("24388.64") * D("0.005")) - 60 - 8 + 200).quantize(D(1), rounding=ROUND_HALF_UP),
}
assert unit == {"ZD-2026-001": D("23402.67"), "ZD-2026-002": D("22461.94"), "WC-2026-003": D("23779")}


def al_line(qty, incl, excl=None, price=None, rate=RATE):
    """An aluminium line billing incl (VAT incl.) for qty t: excl = incl ÷ 1.13
    to the fen, VAT the rest, unit price excl. VAT = excl ÷ qty to 8 places."""
    if excl is None:
        excl = r2(incl / (1 + rate))
    if price is None:
        price = r8(excl / qty)
    return {"item": AL_ITEM, "spec": "", "unit": "吨", "qty": qty, "price": price,
            "amount": excl, "rate": rate, "tax": incl - excl, "total": incl, "code": AL_CODE}


def split(ag, cap):
    """The statement of ag split below cap excl. VAT, the last piece taking the
    rest (make_invoices.py's split): [(qty, incl, excl)]."""
    delivered = totals[ag][0]
    u = unit[ag]
    amount = r2(u * delivered)
    excl_total = r2(amount / D("1.13"))
    per = (cap * D("1.13") / u).quantize(D("0.001"), rounding=ROUND_DOWN)
    while r2(r2(u * per) / D("1.13")) >= cap:
        per -= D("0.001")
    while True:
        out, q, a, e = [], delivered, amount, excl_total
        while q > per:
            la = r2(u * per)
            le = r2(la / D("1.13"))
            out.append((per, la, le))
            q, a, e = q - per, a - la, e - le
        out.append((q, a, e))
        if all(abs((a - e) - r2(e * RATE)) <= FEN for _, a, e in out):
            return out
        per -= D("0.001")


def invoice(fp, ag, lines, issue="2026-04-02", remark=None, red=False, original="", credit=""):
    inv = {"number": number(fp) if fp.startswith("FP") else fp, "issue_date": issue, "type": "01", "red": red,
           "seller_id": SELLER[0], "seller_name": SELLER[1], "buyer_id": BUYERS[ag][0], "buyer_name": BUYERS[ag][1],
           "remark": remark or "", "original": original, "credit_note": credit, "lines": lines, "agreement": ag}
    inv["total_excl"] = sum((l["amount"] for l in lines), D(0))
    inv["total_tax"] = sum((l["tax"] for l in lines), D(0))
    inv["total_incl"] = inv["total_excl"] + inv["total_tax"]
    return inv


def read_csv(name):
    return list(csv.DictReader(open("testdata/invoices/" + name, encoding="utf-8")))


def same_as_csv(inv, row):
    """Holds an invoice of one line to the row make_invoices.py wrote."""
    l = inv["lines"][0]
    assert inv["number"] == number(row["invoice_no"]), (inv["number"], row)
    assert f"{l['qty']:.3f}" == row["quantity_t"], (l, row)
    assert str(l["price"]) == row["unit_price_excl_vat"], (l, row)
    assert f"{l['amount']:.2f}" == row["amount_excl_vat"], (l, row)
    assert f"{l['tax']:.2f}" == row["vat"], (l, row)
    assert f"{l['total']:.2f}" == row["total"], (l, row)
    assert row["vat_rate"] == "13%"


# --- the clean month: one invoice per statement piece, as clean-2026-03.csv.
clean = []
first = {"ZD-2026-001": 26030001, "ZD-2026-002": 26030101, "WC-2026-003": 26030201}
for ag in BUYERS:
    for i, (q, a, e) in enumerate(split(ag, D("1000000"))):
        fp = f"FP{first[ag] + i:08d}"
        clean.append(invoice(fp, ag, [al_line(q, a, excl=e)], remark=REMARK_MONTH if i % 2 == 0 else None))
rows = read_csv("clean-2026-03.csv")
assert len(rows) == len(clean) == 17
for inv, row in zip(clean, rows):
    same_as_csv(inv, row)
by_number = {inv["number"]: inv for inv in clean}

# --- FP26030204 again, with a freight line (运输服务, 9%) beside the aluminium:
# 31.580 t × 45.00/t incl. VAT = 1421.10; ÷ 1.09 = 1303.76; VAT 117.34. The
# unit price is left out (the platform allows one of 数量/单价 to be omitted).
wc_last = by_number[number("FP26030204")]
fq = wc_last["lines"][0]["qty"]
fincl = r2(D("45.00") * fq)
fexcl = r2(fincl / (1 + FREIGHT_RATE))
assert (fincl, fexcl) == (D("1421.10"), D("1303.76"))
freight_line = {"item": FREIGHT_ITEM, "spec": "", "unit": "吨", "qty": fq, "price": None, "amount": fexcl,
                "rate": FREIGHT_RATE, "tax": fincl - fexcl, "total": fincl, "code": FREIGHT_CODE}
assert abs(freight_line["tax"] - r2(fexcl * FREIGHT_RATE)) <= FEN
freight = invoice("FP26037001", "WC-2026-003", [dict(wc_last["lines"][0]), freight_line], remark=REMARK_MONTH)


def negate(l, qty=None):
    """A red line reversing l (or qty t of it) at l's unit price: quantity and
    amounts negative, the unit price as on the blue invoice."""
    if qty is None:
        return dict(l, qty=-l["qty"], amount=-l["amount"], tax=-l["tax"], total=-l["total"])
    excl = r2(qty * l["price"])
    tax = r2(excl * l["rate"])
    return dict(l, qty=-qty, amount=-excl, tax=-tax, total=-(excl + tax))


def red_remark(orig, credit):
    return f"被红冲蓝字数电发票号码：{orig} 红字发票信息确认单编号：{credit}"


# --- a partial reversal: 1.000 t of FP26030001 (a weighing correction).
blue1 = by_number[number("FP26030001")]
cn1 = "65230126040200000001"
partial = invoice("FP26038001", "ZD-2026-001", [negate(blue1["lines"][0], D("1.000"))], issue="2026-04-20",
                  red=True, original=blue1["number"], credit=cn1, remark=red_remark(blue1["number"], cn1))
assert partial["lines"][0]["amount"] == D("-20710.33") and partial["lines"][0]["tax"] == D("-2692.34")

# --- a full reversal of FP26030105.
blue2 = by_number[number("FP26030105")]
cn2 = "65230126040200000002"
full = invoice("FP26038002", "ZD-2026-002", [negate(blue2["lines"][0])], issue="2026-04-20",
               red=True, original=blue2["number"], credit=cn2, remark=red_remark(blue2["number"], cn2))
assert full["total_incl"] == -blue2["total_incl"]

# --- thirty invoices for ZD-2026-001's March (split below 238,000).
month30 = []
for i, (q, a, e) in enumerate(split("ZD-2026-001", D("238000"))):
    month30.append(invoice(f"FP{26031001 + i:08d}", "ZD-2026-001", [al_line(q, a, excl=e)], issue="2026-04-03",
                           remark=REMARK_MONTH if i % 3 != 2 else None))
assert len(month30) == 30
assert sum(inv["total_incl"] for inv in month30) == r2(unit["ZD-2026-001"] * totals["ZD-2026-001"][0]) == D("7971347.25")
# Invoice 10 leaves out its unit price; invoice 20 leaves its quantity empty
# (derivable: 金额 ÷ 单价 to 0.001 t gives it back).
month30[9]["lines"][0]["omit"] = "price"
month30[19]["lines"][0]["omit"] = "qty"
l20 = month30[19]["lines"][0]
assert (l20["amount"] / l20["price"]).quantize(D("0.001"), rounding=ROUND_HALF_UP) == l20["qty"]

# --- the mistakes of testdata/invoices as XML.
zd1_q, zd1_tapped = totals["ZD-2026-001"]
mistakes = {
    "previous-month-average.xml": invoice("FP26039001", "ZD-2026-001", [al_line(zd1_q, r2(D("22413.64") * zd1_q))], remark=REMARK_MONTH),
    "transport-left-out.xml": invoice("FP26039002", "ZD-2026-001", [al_line(zd1_q, r2(D("24002.67") * zd1_q))]),
    "tapped-weight.xml": invoice("FP26039006", "ZD-2026-001", [al_line(zd1_tapped, r2(D("23402.67") * zd1_tapped))], remark=REMARK_MONTH),
}
for name, inv in mistakes.items():
    (row,) = read_csv(name.replace(".xml", ".csv"))
    same_as_csv(inv, row)


# --- writing the XML.
def fig(x):
    return f"{x}"


def xml_of(inv, line_fields=None):
    """The XML of inv, in the layout of a downloaded 数电 invoice."""
    blue = not inv["red"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<EInvoice>", "  <Header>", f"    <EIid>{inv['number']}</EIid>",
           "    <EInvoiceTag>SWEI6500</EInvoiceTag>", "    <Version>0.1</Version>", "    <InherentLabel>",
           f"      <InIssuType><LabelCode>{'Y' if blue else 'N'}</LabelCode><LabelName>{'蓝字发票' if blue else '红字发票'}</LabelName></InIssuType>",
           "      <EInvoiceType><LabelCode>81</LabelCode><LabelName>电子发票（增值税专用发票）</LabelName></EInvoiceType>",
           f"      <GeneralOrSpecialVAT><LabelCode>{inv['type']}</LabelCode><LabelName>增值税专用发票</LabelName></GeneralOrSpecialVAT>",
           "    </InherentLabel>", "  </Header>", "  <EInvoiceData>", "    <SellerInformation>",
           f"      <SellerIdNum>{inv['seller_id']}</SellerIdNum>", f"      <SellerName>{escape(inv['seller_name'])}</SellerName>",
           "      <SellerAddr>新疆昌吉州准东经济技术开发区示例路1号</SellerAddr>", "      <SellerTelNum>0994-0000000</SellerTelNum>",
           "      <SellerBankName>示例银行准东支行</SellerBankName>", "      <SellerBankAccNum>3000000000000000001</SellerBankAccNum>",
           "    </SellerInformation>", "    <BuyerInformation>", f"      <BuyerIdNum>{inv['buyer_id']}</BuyerIdNum>",
           f"      <BuyerName>{escape(inv['buyer_name'])}</BuyerName>", "    </BuyerInformation>", "    <BasicInformation>",
           f"      <TotalAmWithoutTax>{fig(inv['total_excl'])}</TotalAmWithoutTax>", f"      <TotalTaxAm>{fig(inv['total_tax'])}</TotalTaxAm>",
           f"      <TotalTax-includedAmount>{fig(inv['total_incl'])}</TotalTax-includedAmount>",
           "      <Drawer>示例开票员</Drawer>", f"      <RequestTime>{inv['issue_date']} 10:15:32</RequestTime>", "    </BasicInformation>"]
    for l in inv["lines"]:
        out.append("    <IssuItemInformation>")
        out.append(f"      <ItemName>{escape(l['item'])}</ItemName>")
        out.append(f"      <SpecMod>{escape(l['spec'])}</SpecMod>")
        out.append(f"      <MeaUnits>{escape(l['unit'])}</MeaUnits>")
        omit = l.get("omit")
        if omit == "qty":
            out.append("      <Quantity></Quantity>")
        elif l["qty"] is not None:
            out.append(f"      <Quantity>{l['qty']}</Quantity>")
        if l["price"] is not None and omit != "price":
            out.append(f"      <UnPrice>{l['price']}</UnPrice>")
        out.append(f"      <Amount>{fig(l['amount'])}</Amount>")
        out.append(f"      <TaxRate>{l['rate']}</TaxRate>")
        out.append(f"      <ComTaxAm>{fig(l['tax'])}</ComTaxAm>")
        out.append(f"      <TotaltaxIncludedAmount>{fig(l['total'])}</TotaltaxIncludedAmount>")
        out.append(f"      <TaxClassificationCode>{l['code']}</TaxClassificationCode>")
        out.append("    </IssuItemInformation>")
    if inv["red"]:
        out += ["    <SpecificInformation>", "      <RedEInvoice>", f"        <OriginalInvoiceCode>{inv['original']}</OriginalInvoiceCode>",
                f"        <CreditNoteNumber>{inv['credit_note']}</CreditNoteNumber>", "      </RedEInvoice>", "    </SpecificInformation>"]
    if inv["remark"]:
        out += ["    <AdditionalInformation>", f"      <Remark>{escape(inv['remark'])}</Remark>", "    </AdditionalInformation>"]
    out += ["  </EInvoiceData>", "  <TaxSupervisionInfo>", f"    <InvoiceNumber>{inv['number']}</InvoiceNumber>",
            f"    <IssueTime>{inv['issue_date']}</IssueTime>", "    <TaxBureauCode>16500000000</TaxBureauCode>",
            "    <TaxBureauName>国家税务总局新疆维吾尔自治区税务局</TaxBureauName>", "  </TaxSupervisionInfo>",
            "  <TaxBureauSignature>TUFERS1VUC1OT1QtQS1SRUFMLVNJR05BVFVSRQ==</TaxBureauSignature>", "</EInvoice>", ""]
    return "\n".join(out)


def line_of(text, marker, nth=1):
    """The 1-based line of text holding the nth occurrence of marker."""
    at = -1
    for _ in range(nth):
        at = text.index(marker, at + 1)
    return text[:at].count("\n") + 1


def expected(inv, text, name):
    """inv as the Go reader must give it back, figures as strings."""
    def opt(l, k):
        if l[k] is None or l.get("omit") == k:
            return None
        return str(l[k])
    lines = []
    for i, l in enumerate(inv["lines"]):
        lines.append({"path": f"EInvoice/EInvoiceData/IssuItemInformation[{i + 1}]",
                      "line": line_of(text, "<IssuItemInformation>", i + 1) if text else 0,
                      "item": l["item"], "spec": l["spec"], "unit": l["unit"], "qty": opt(l, "qty"), "price": opt(l, "price"),
                      "amount": str(l["amount"]), "rate": str(l["rate"]), "tax": str(l["tax"]), "total": str(l["total"]), "code": l["code"]})
    month = inv["remark"].split("供货月份:")[1][:7] if "供货月份:" in inv["remark"] else ""
    return {"file": name, "number": inv["number"], "issue_date": inv["issue_date"], "type": inv["type"], "red": inv["red"],
            "seller_id": inv["seller_id"], "seller_name": inv["seller_name"], "buyer_id": inv["buyer_id"], "buyer_name": inv["buyer_name"],
            "total_excl": str(inv["total_excl"]), "total_tax": str(inv["total_tax"]), "total_incl": str(inv["total_incl"]),
            "remark": inv["remark"], "supply_month": month, "original": inv["original"], "credit_note": inv["credit_note"],
            "agreement": inv["agreement"], "lines": lines}


def write(name, text):
    path = HERE + name
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


for d in ("clean", "month-30", "bad"):
    shutil.rmtree(HERE + d, ignore_errors=True)

exp = {"seller": {"tax_id": SELLER[0], "name": SELLER[1]},
       "buyers": {ag: {"tax_id": b[0], "name": b[1]} for ag, b in BUYERS.items()}, "xml": [], "xlsx": [], "bad": []}
for inv in clean:
    name = f"clean/{inv['number']}.xml"
    text = xml_of(inv)
    write(name, text)
    exp["xml"].append(expected(inv, text, name))
for name, inv in [("freight-line.xml", freight), ("red-partial.xml", partial), ("red-full.xml", full)] + list(mistakes.items()):
    text = xml_of(inv)
    write(name, text)
    exp["xml"].append(expected(inv, text, name))
for inv in month30:
    name = f"month-30/{inv['number']}.xml"
    text = xml_of(inv)
    write(name, text)
    exp["xml"].append(expected(inv, text, name))

# --- bad inputs, each from a clean invoice with one thing wrong.
base = xml_of(clean[0])


def bad(name, text, kind, path, marker, value="", nth=1):
    write("bad/" + name, text)
    exp["bad"].append({"file": "bad/" + name, "kind": kind, "path": path, "value": value,
                       "line": line_of(text, marker, nth) if marker else 0})


bad("not-xml.xml", open("testdata/invoices/clean-2026-03.csv", encoding="utf-8").read(), "not-xml", "", None)
bad("wrong-root.xml", base.replace("<EInvoice>", "<Invoice>").replace("</EInvoice>", "</Invoice>"), "wrong-root", "Invoice", "<Invoice>", "Invoice")
t = base.replace(f"      <Amount>{clean[0]['lines'][0]['amount']}</Amount>\n", "")
bad("missing-amount.xml", t, "missing", "EInvoice/EInvoiceData/IssuItemInformation[1]/Amount", "<IssuItemInformation>")
t = base.replace(f"<Amount>{clean[0]['lines'][0]['amount']}</Amount>", "<Amount>1e9999</Amount>")
bad("exponent-amount.xml", t, "bad-number", "EInvoice/EInvoiceData/IssuItemInformation[1]/Amount", "<Amount>", "1e9999")
short = clean[0]["number"][1:]
t = base.replace(f"<InvoiceNumber>{clean[0]['number']}</InvoiceNumber>", f"<InvoiceNumber>{short}</InvoiceNumber>")
bad("number-19-digits.xml", t, "bad-code", "EInvoice/TaxSupervisionInfo/InvoiceNumber", "<InvoiceNumber>", short)
laughs = ('<!DOCTYPE EInvoice [\n  <!ENTITY lol "lol">\n  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n')
t = base.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="UTF-8"?>\n' + laughs).replace("<Drawer>示例开票员</Drawer>", "<Drawer>&lol2;</Drawer>")
bad("entity.xml", t, "entity", "", "<!DOCTYPE")
t = base.replace("<IssueTime>2026-04-02</IssueTime>", "<IssueTime>2026-02-30</IssueTime>")
bad("bad-date.xml", t, "bad-date", "EInvoice/TaxSupervisionInfo/IssueTime", "<IssueTime>", "2026-02-30")
t = base.replace("<GeneralOrSpecialVAT><LabelCode>01</LabelCode>", "<GeneralOrSpecialVAT><LabelCode>03</LabelCode>")
bad("bad-label.xml", t, "bad-code", "EInvoice/Header/InherentLabel/GeneralOrSpecialVAT/LabelCode", "<GeneralOrSpecialVAT>", "03")
tax = clean[0]["total_tax"]
t = base.replace(f"<TotalTaxAm>{tax}</TotalTaxAm>", f"<TotalTaxAm>{tax}</TotalTaxAm>\n      <TotalTaxAm>0.00</TotalTaxAm>")
bad("duplicate-total.xml", t, "duplicate", "EInvoice/EInvoiceData/BasicInformation/TotalTaxAm[2]", "<TotalTaxAm>", "", nth=2)
t = base.replace(f"<BuyerIdNum>{clean[0]['buyer_id']}</BuyerIdNum>", "<BuyerIdNum></BuyerIdNum>")
bad("empty-buyer-tax-id.xml", t, "bad-code", "EInvoice/EInvoiceData/BuyerInformation/BuyerIdNum", "<BuyerIdNum>")
t = base.replace(f"<Amount>{clean[0]['lines'][0]['amount']}</Amount>", "<Amount>999,998.16</Amount>")
bad("comma-amount.xml", t, "bad-number", "EInvoice/EInvoiceData/IssuItemInformation[1]/Amount", "<Amount>", "999,998.16")


# --- the 信息汇总表 exports, written as a minimal SpreadsheetML package.
HEADERS = ["序号", "发票代码", "发票号码", "数电发票号码", "销方识别号", "销方名称", "购方识别号", "购买方名称", "开票日期",
           "税收分类编码", "特定业务类型", "货物或应税劳务名称", "规格型号", "单位", "数量", "单价", "金额", "税率", "税额",
           "价税合计", "发票来源", "发票票种", "发票状态", "是否正数发票", "发票风险等级", "开票人", "备注"]
NUMERIC = {"序号", "数量", "单价", "金额", "税额", "价税合计"}


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(day):
    """The spreadsheet serial number of a date (1900 system)."""
    return (datetime.date.fromisoformat(day) - datetime.date(1899, 12, 30)).days


def summary_rows(items):
    """items: [(invoice, line index, options)] → rows of cells (text, numeric?)."""
    rows = []
    for n, (inv, i, o) in enumerate(items, 1):
        l = inv["lines"][i]
        rate = o.get("rate", "percent")
        cells = {"序号": (str(n), True), "发票代码": ("", False), "发票号码": ("", False), "数电发票号码": (inv["number"], False),
                 "销方识别号": (inv["seller_id"], False), "销方名称": (inv["seller_name"], False), "购方识别号": (inv["buyer_id"], False),
                 "购买方名称": (inv["buyer_name"], False),
                 "开票日期": (str(serial(inv["issue_date"])), True) if o.get("serial") else (inv["issue_date"] + " 10:15:32", False),
                 "税收分类编码": (l["code"], False), "特定业务类型": ("", False), "货物或应税劳务名称": (l["item"], False),
                 "规格型号": (l["spec"], False), "单位": (l["unit"], False),
                 "数量": ("" if l["qty"] is None else str(l["qty"]), True), "单价": ("" if l["price"] is None else str(l["price"]), True),
                 "金额": (str(l["amount"]), True), "税率": (f"{l['rate'] * 100:.0f}%", False) if rate == "percent" else (str(l["rate"]), True),
                 "税额": (str(l["tax"]), True), "价税合计": (str(l["total"]), True), "发票来源": ("电子发票服务平台", False),
                 "发票票种": ("数电发票（增值税专用发票）", False), "发票状态": (o.get("status", "正常"), False),
                 "是否正数发票": ("否" if inv["red"] else "是", False), "发票风险等级": ("正常", False), "开票人": ("示例开票员", False),
                 "备注": (inv["remark"], False)}
        rows.append([cells[h] for h in HEADERS])
    return rows


def write_xlsx(name, rows):
    strings, index = [], {}

    def si(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet = []
    for r, row in enumerate([[(h, False) for h in HEADERS]] + rows, 1):
        cells = []
        for c, (v, numeric) in enumerate(row):
            ref = f"{col(c)}{r}"
            if v == "":
                continue
            if numeric:
                # A spreadsheet keeps a number, not its text: 31.580 is
                # stored as 31.58, as any writer would store it.
                cells.append(f'<c r="{ref}"><v>{format(D(v).normalize(), "f")}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{si(v)}</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="{rel}"><sheets>'
        '<sheet name="信息汇总表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>{"".join(sheet)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
    }
    # A fixed timestamp keeps the file byte-identical between runs.
    with zipfile.ZipFile(HERE + name, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=(2026, 4, 21, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def expected_xlsx(name, invs, first_rows):
    out = []
    for inv in invs:
        e = expected(inv, "", name)
        for l, row in zip(e["lines"], first_rows[inv["number"]]):
            l["path"], l["line"] = "信息汇总表", row
        out.append(e)
    return {"file": name, "invoices": out}


items = [(inv, 0, {}) for inv in clean]
write_xlsx("summary-2026-03.xlsx", summary_rows(items))
exp["xlsx"].append(expected_xlsx("summary-2026-03.xlsx", clean, {inv["number"]: [n + 2] for n, inv in enumerate(clean)}))

# The mixed export: the freight invoice's two rows apart (the red invoices
# between them), a 税率 written as the fraction 0.13 in a number cell, and
# a 开票日期 given as a date serial number.
items = [(freight, 0, {"rate": "fraction"}), (partial, 0, {"serial": True}), (full, 0, {}), (freight, 1, {})]
write_xlsx("summary-2026-03-mixed.xlsx", summary_rows(items))
exp["xlsx"].append(expected_xlsx("summary-2026-03-mixed.xlsx", [freight, partial, full],
                                 {freight["number"]: [2, 5], partial["number"]: [3], full["number"]: [4]}))

with open(HERE + "expected.json", "w", encoding="utf-8", newline="\n") as f:
    json.dump(exp, f, ensure_ascii=False, indent=1)
    f.write("\n")

# A table for README.md: every invoice's totals.
with open("/tmp/invoices-xml-table.md", "w", encoding="utf-8") as f:
    for e in exp["xml"]:
        l = e["lines"][0]
        f.write(f"| `{e['file']}` | {e['agreement']} | {'red' if e['red'] else 'blue'} | {len(e['lines'])} | {l['qty'] or '—'} | "
                f"{e['total_excl']} | {e['total_tax']} | {e['total_incl']} | {e['supply_month'] or '—'} |\n")
