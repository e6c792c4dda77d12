#!/usr/bin/env python3
"""The policy report worked example, computed without alprice: writes the
deliveries and the production of January-June 2026 and prints every figure
the tests expect (figures.txt). Python's decimal, half away from zero.

    python3 testdata/report/make_report.py > testdata/report/figures.txt
"""
from decimal import Decimal as D, ROUND_HALF_UP
import csv, os

here = os.path.dirname(os.path.abspath(__file__))

def r(x, places=2):
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)

# Monthly means of the real H1 2026 quotes (every row is a trading day).
sums, days = {}, {}
for row in csv.DictReader(open(os.path.join(here, "..", "quotes-2026-h1.csv"))):
    m = row["date"][:7]
    sums[m] = sums.get(m, D(0)) + D(row["average"].replace(",", ""))
    days[m] = days.get(m, 0) + 1
def avg(m, places):
    return r(sums[m] / days[m], places)

def prev(m):
    y, mo = int(m[:4]), int(m[5:])
    return f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"

COAL = r(D(30) * D("5.6"))  # the implied pass-through, 168.00
# The terms of testdata/report/agreements.yaml: (benchmark month, average
# places, unit places, [(kind, label, value)], premiums)
def terms(agreement, m):
    if agreement == "ZD-2026-001":
        return m, 0, 2, [("transport", 600), ("casting", 150), ("burn_loss", "0.6%"), ("coal", 80), ("fee", 10)]
    if agreement == "ZD-2026-002":
        if m < "2026-04":
            return prev(m), 0, 2, [("transport", 550), ("casting", 160), ("burn_loss", "0.65%"), ("coal", 70)]
        return prev(m), 0, 2, [("transport", 520), ("casting", 130), ("burn_loss", "0.55%"), ("coal", 100), ("fee", 5)]
    return m, 2, 0, [("transport", 480), ("casting", 140), ("burn_loss", "0.5%"), ("coal", COAL), ("fee", 8), ("premium", -200)]

def build(agreement, m):
    bm, ap, up, lines = terms(agreement, m)
    b = avg(bm, ap)
    per = []  # (kind, per-tonne released: deductions positive)
    for kind, v in lines:
        if isinstance(v, str):
            amount = r(b * D(v[:-1]) / 100)
        else:
            amount = D(v)
        per.append((kind, amount))
    unit_exact = b - sum(a for _, a in per)
    unit = r(unit_exact, up)
    if unit != unit_exact:
        per.append(("rounding", unit_exact - unit))
    return b, unit, per

# Deliveries: two ladles a month for each agreement from its first month.
agreements = ["ZD-2026-001", "ZD-2026-002", "WC-2026-003"]
months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
rows = ["ticket,date,buyer,tapped_t,delivered_t"]
delivered = {}
n = 0
for m in months:
    for i, a in enumerate(agreements):
        if a == "ZD-2026-002" and m == "2026-01":
            continue  # its terms start in February
        for k in range(2):
            n += 1
            t = D(30000 + (n * 137) % 2000) / 1000
            lost = D(40 + (n * 31) % 60) / 1000
            day = 5 + 7 * k + i  # a weekday in each month of 2026 H1? checked below
            rows.append(f"RP{n:04d},{m}-{day:02d},{a},{t + lost},{t}")
            delivered[(a, m)] = delivered.get((a, m), D(0)) + t
open(os.path.join(here, "deliveries-2026-h1.csv"), "w").write("\n".join(rows) + "\n")
output = {m: D(330 + 11 * i) for i, m in enumerate(months)}
open(os.path.join(here, "production-2026-h1.csv"), "w").write(
    "month,output_t\n" + "".join(f"{m},{output[m]}\n" for m in months))

period = [D(0)] * 4  # delivered, released, coal released, coal shortfall
by_agreement = {}
for m in months:
    mt = [D(0)] * 4
    for a in agreements:
        if (a, m) not in delivered:
            continue
        t = delivered[(a, m)]
        b, unit, per = build(a, m)
        released = r((b - unit) * t)
        parts, rest = [], released
        for i, (kind, p) in enumerate(per):
            part = rest if i == len(per) - 1 else r(p * t)
            rest -= part if i < len(per) - 1 else 0
            parts.append((kind, part))
        coal_pt = dict(per)["coal"]
        coal = dict(parts)["coal"]
        short = r((COAL - coal_pt) * t) if coal_pt < COAL else D(0)
        print(f"{m} {a}: {t} t, benchmark {b}, unit {unit}, released {released} = " +
              " + ".join(f"{k} {v}" for k, v in parts) + f"; coal {coal}, shortfall {short}")
        assert sum(v for _, v in parts) == released
        for acc in (mt, period, by_agreement.setdefault(a, [D(0)] * 4)):
            acc[0] += t; acc[1] += released; acc[2] += coal; acc[3] += short
    rate = r(mt[0] * 100 / output[m])
    print(f"{m} total: {mt[0]} t, released {mt[1]}, coal {mt[2]}, shortfall {mt[3]}; output {output[m]}, rate {rate}%, gap {D(60) - rate}")
for a in agreements:
    v = by_agreement[a]
    print(f"{a} total: {v[0]} t, released {v[1]}, coal {v[2]}, shortfall {v[3]}")
total_out = sum(output.values())
print(f"period: {period[0]} t, released {period[1]}, coal {period[2]}, shortfall {period[3]}; output {total_out}, rate {r(period[0] * 100 / total_out)}%")
