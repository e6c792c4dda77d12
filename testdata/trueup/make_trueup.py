#!/usr/bin/env python3
"""The true-up worked example, computed without alprice (Python's decimal,
half away from zero as 四舍五入): writes issued.csv, the provisional invoices,
and prints every figure the tests expect (see README.md).

    python3 testdata/trueup/make_trueup.py > testdata/trueup/figures.txt
"""
from decimal import Decimal as D, ROUND_HALF_UP
import os

def r(x, places=2):
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)

def unit_price(benchmark):
    # TU-2026-001: transport 600, casting 150, burn loss 0.6%, coal 80, 检测费 10
    return r(benchmark - 600 - 150 - r(benchmark * D("0.006")) - 80 - 10)

def bill(unit, tonnes):
    amount = r(unit * tonnes)
    excl = r(amount / D("1.13"))
    return amount, excl, amount - excl

# The monthly averages of the real H1 2026 quotes, to the yuan (testdata/golden/README.md).
avg = {"2026-02": D(23394), "2026-03": D(24389), "2026-04": D(24665), "2026-05": D(24306)}
delivered = {"2026-03": [D("31.180"), D("30.775"), D("29.880"), D("31.040")],
             "2026-05": [D("30.500"), D("31.250"), D("29.990")]}
# The provisional invoices: March invoiced on February's average in one
# invoice of two lines; May on April's in two invoices.
issued = {"2026-03": [("FP-TU-0301", D("60.000")), ("FP-TU-0301", D("62.875"))],
          "2026-05": [("FP-TU-0501", D("45.000")), ("FP-TU-0502", D("46.740"))]}
basis = {"2026-03": "2026-02", "2026-05": "2026-04"}

rows = ["invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat,total"]
for month in ("2026-03", "2026-05"):
    prov, final = unit_price(avg[basis[month]]), unit_price(avg[month])
    tonnes = sum(delivered[month])
    print(f"== {month}: provisional on {basis[month]} {avg[basis[month]]} -> {prov}; final {avg[month]} -> {final}")
    print(f"delivered {tonnes} t")
    inv = [D(0), D(0), D(0)]
    lines = []
    for no, q in issued[month]:
        amount, excl, vat = bill(prov, q)
        lineno = sum(1 for n, _ in lines if n == no) + 1
        lines.append((no, q))
        unit_excl = r(excl / q, 8)
        rows.append(f"{no},TU-2026-001,{month},{q},{unit_excl},{excl},13%,{vat},{amount}")
        print(f"issued {no} line {lineno}: {q} t x {prov} = {amount}; excl {excl}; VAT {vat}; unit excl {unit_excl}")
        inv = [inv[0] + amount, inv[1] + excl, inv[2] + vat]
    fin = bill(final, tonnes)
    diff = [fin[i] - inv[i] for i in range(3)]
    print(f"invoiced {inv[0]} / {inv[1]} / {inv[2]}")
    print(f"final    {fin[0]} / {fin[1]} / {fin[2]}")
    print(f"diff     {diff[0]} / {diff[1]} / {diff[2]} -> {'red' if diff[0] < 0 else 'blue'}")
    if diff[0] < 0:
        total_q = sum(q for _, q in issued[month])
        rest = [diff[1], diff[2]]
        for i, (no, q) in enumerate(issued[month]):
            if i < len(issued[month]) - 1:
                e, v = r(diff[1] * q / total_q), r(diff[2] * q / total_q)
                rest = [rest[0] - e, rest[1] - v]
            else:
                e, v = rest
            print(f"red {no}: {q} t: excl {e}, VAT {v}, amount {e + v}")
    else:
        # under a cap of 100,000 excl. VAT: as few lines as the cap allows
        # (each at most 99,999.99), 金额 shared evenly to the fen, each VAT
        # 金额 × 0.13 to the fen; here they add up to the difference's VAT
        # as they are (else a fen would be moved: pricing.SplitAmount).
        cents = int(diff[1] * 100)
        n = -(-cents // 9999999)
        parts = [D(cents // n + (1 if i < cents % n else 0)) / 100 for i in range(n)]
        vats = [r(e * D("0.13")) for e in parts]
        assert sum(parts) == diff[1] and sum(vats) == diff[2], "the VAT needs balancing"
        for i, (e, v) in enumerate(zip(parts, vats)):
            print(f"blue line {i + 1} (cap 100,000): excl {e}, VAT {v}, amount {e + v}")

with open(os.path.join(os.path.dirname(__file__), "issued.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")
