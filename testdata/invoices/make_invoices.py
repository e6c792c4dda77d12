"""Writes the invoice test files of this folder, from the sample deliveries
and agreements, with Python's decimal module: an independent working of
every figure the check compares against (README.md lists the findings each
file must give). Run it from the repository root:

    python3 testdata/invoices/make_invoices.py
"""
import csv
from decimal import Decimal as D, ROUND_HALF_UP

HERE = "testdata/invoices/"
FEN = D("0.01")


def r2(x):
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


def r8(x):
    return x.quantize(D("0.00000001"), rounding=ROUND_HALF_UP)


# Delivered and tapped totals of testdata/deliveries-2026-03.csv.
totals = {}
for row in csv.DictReader(open("testdata/deliveries-2026-03.csv", encoding="utf-8")):
    ag = {"昌吉示例铝箔有限公司": "ZD-2026-002"}.get(row["buyer"], row["buyer"])
    t = totals.setdefault(ag, [D(0), D(0)])
    t[0] += D(row["delivered_t"])
    t[1] += D(row["tapped_t"])

# Unit prices (VAT incl.) for supply month 2026-03, from the monthly
# averages (Feb 23394 / 23393.85, Mar 24389 / 24388.64) and the terms.
unit = {
    "ZD-2026-001": D("24389") - 600 - 150 - r2(D("24389") * D("0.006")) - 80 - 10,  # 23402.67
    "ZD-2026-002": D("23394") - 550 - 160 - r2(D("23394") * D("0.0065")) - 70,  # 22461.94 (Feb average)
    "WC-2026-003": (D("24388.64") - 480 - 140 - r2(D("24388.64") * D("0.005")) - 60 - 8 + 200).quantize(D(1), rounding=ROUND_HALF_UP),
}
assert unit == {"ZD-2026-001": D("23402.67"), "ZD-2026-002": D("22461.94"), "WC-2026-003": D("23779")}


def line(no, buyer, qty, amount_incl, rate=D("0.13"), excl=None, vat=None, total=None, price=None):
    """An invoice line billing amount_incl for qty t, split as invoicing software does."""
    if excl is None:
        excl = r2(amount_incl / (1 + rate))
    if vat is None:
        vat = amount_incl - excl
    if price is None:
        price = r8(excl / qty)
    row = {"invoice_no": no, "buyer": buyer, "month": "2026-03", "quantity_t": f"{qty:.3f}",
           "unit_price_excl_vat": f"{price}", "amount_excl_vat": f"{excl:.2f}", "vat_rate": f"{rate * 100:.0f}%", "vat": f"{vat:.2f}"}
    row["total"] = f"{(total if total is not None else excl + vat):.2f}"
    return row


def split(ag, first_no, cap=D("1000000")):
    """The statement of ag split into lines below cap excl. VAT, the last one
    taking the rest; the line quantity is the largest whole kg under the cap
    for which every line's VAT is within 0.01 of its amount excl. VAT × 13%."""
    delivered, _ = totals[ag]
    u = unit[ag]
    amount = r2(u * delivered)
    excl_total = r2(amount / D("1.13"))
    vat_total = amount - excl_total
    per = (cap * D("1.13") / u).quantize(D("0.001"), rounding="ROUND_DOWN")
    while r2(r2(u * per) / D("1.13")) >= cap:
        per -= D("0.001")
    while True:
        rows, q, a, e, v = [], delivered, amount, excl_total, vat_total
        no = first_no
        while q > per:
            la = r2(u * per)
            le = r2(la / D("1.13"))
            rows.append(line(f"FP{no:08d}", ag, per, la, excl=le, vat=la - le))
            q, a, e, v, no = q - per, a - la, e - le, v - (la - le), no + 1
        rows.append(line(f"FP{no:08d}", ag, q, a, excl=e, vat=v))
        if all(abs(D(r["vat"]) - r2(D(r["amount_excl_vat"]) * D("0.13"))) <= D("0.01") for r in rows):
            return rows
        per -= D("0.001")


def write(name, rows):
    with open(HERE + name, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


write("clean-2026-03.csv", split("ZD-2026-001", 26030001) + split("ZD-2026-002", 26030101) + split("WC-2026-003", 26030201))

zd1_q = totals["ZD-2026-001"][0]  # 340.617
zd2_q = totals["ZD-2026-002"][0]  # 209.775

# Priced on the February average 23394: 23394 − 600 − 150 − 140.36 − 80 − 10 = 22413.64.
write("previous-month-average.csv", [line("FP26039001", "ZD-2026-001", zd1_q, r2(D("22413.64") * zd1_q))])
# Transport (600/t) left out: 24002.67.
write("transport-left-out.csv", [line("FP26039002", "ZD-2026-001", zd1_q, r2(D("24002.67") * zd1_q))])
# Burn loss 0.6% of the benchmark excl. VAT: 24389 ÷ 1.13 = 21583.19; × 0.6% = 129.50;
# 24389 − 600 − 150 − 129.50 − 80 − 10 = 23419.50.
write("percent-wrong-base.csv", [line("FP26039003", "ZD-2026-001", zd1_q, r2(D("23419.50") * zd1_q))])
# ZD-2026-002 rounds the average to the yuan; priced on the fen average 23393.85:
# 0.65% = 152.06; 23393.85 − 550 − 160 − 152.06 − 70 = 22461.79.
write("other-average-rounding.csv", [line("FP26039004", "ZD-2026-002", zd2_q, r2(D("22461.79") * zd2_q))])
# VAT added on top: 23402.67 × q billed as the amount excl. VAT, 13% on it.
excl = r2(D("23402.67") * zd1_q)
write("vat-on-top.csv", [line("FP26039005", "ZD-2026-001", zd1_q, excl + r2(excl * D("0.13")), excl=excl, vat=r2(excl * D("0.13")))])
# Billed on the tapped weight 341.355 t, at the right price.
write("tapped-weight.csv", [line("FP26039006", "ZD-2026-001", totals["ZD-2026-001"][1], r2(D("23402.67") * totals["ZD-2026-001"][1]))])
# Right amounts, the unit price printed with two digits swapped (20710.33 → 20701.33).
ok = line("FP26039007", "ZD-2026-001", zd1_q, r2(D("23402.67") * zd1_q))
ok["unit_price_excl_vat"] = "20701.33"
write("unit-price-typo.csv", [ok])
# 9% VAT on the right total.
write("vat-rate-9.csv", [line("FP26039008", "ZD-2026-001", zd1_q, r2(D("23402.67") * zd1_q), rate=D("0.09"))])
# The total column one yuan off.
bad_total = line("FP26039009", "ZD-2026-001", zd1_q, r2(D("23402.67") * zd1_q))
bad_total["total"] = f"{D(bad_total['total']) + 1:.2f}"
write("total-typo.csv", [bad_total])
# One invoice of 25 lines, each 13.624 t (25 × 13.624 = 340.600) plus a 26th of 0.017 t,
# each line's VAT 0.06 above amount × 13%: within a line's ±0.06, 1.56 over the invoice's ±1.27.
rows = []
for i in range(26):
    q = D("13.624") if i < 25 else zd1_q - 25 * D("13.624")
    a = r2(D("23402.67") * q)
    e = r2(a / D("1.13"))
    v = r2(e * D("0.13")) + D("0.06")
    rows.append(line("FP26039010", "ZD-2026-001", q, e + v, excl=e, vat=v))
write("invoice-vat-sum.csv", rows)
# 50 yuan a tonne below the price, for no reason among the likely ones: 23352.67.
write("unexplained.csv", [line("FP26039011", "ZD-2026-001", zd1_q, r2(D("23352.67") * zd1_q))])
