#!/usr/bin/env python3
"""Writes an invoices file for the check benchmark (bench/check.sh): an
invoice line for 7 of every 11 tickets of a deliveries file (about 637,000
lines for 1,000,000 tickets), each at its statement's unit price, with the
amounts a VAT invoice prints. The unit prices come from
`alprice settle --format json` of the same deliveries.

    python3 bench/invoices_from_settlement.py settlement.json deliveries.csv > invoices.csv
"""
import csv, json, sys
from decimal import Decimal as D, ROUND_HALF_UP

def r(x, places=2):
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)

s = json.load(open(sys.argv[1]))
unit = {}
for st in s["statements"]:
    unit[(st["agreement"], st["buyer"], st["month"])] = D(st["unit_price"])
by_name = {}
for (ag, buyer, month), p in unit.items():
    by_name[(ag, month)] = (ag, p)
    by_name[(buyer, month)] = (ag, p)
out = sys.stdout
out.write("invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat,total\n")
for i, row in enumerate(csv.DictReader(open(sys.argv[2], encoding="utf-8"))):
    if i % 11 >= 7:
        continue
    ag, p = by_name[(row["buyer"], row["date"][:7])]
    q = D(row["delivered_t"])
    amount = r(p * q)
    excl = r(amount / D("1.13"))
    out.write(f"FP{i:08d},{ag},{row['date'][:7]},{q},{r(excl / q, 8)},{excl},13%,{amount - excl},{amount}\n")
