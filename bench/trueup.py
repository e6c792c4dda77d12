"""Write the true-up benchmark's inputs (bench/trueup.sh): a month of N
ladle tickets of the true-up example's agreement (testdata/trueup), all in
2026-03, and an invoice line for every ticket, four lines an invoice,
issued on the provisional unit price of testdata/trueup/issued.csv
(22,413.64 CNY/t incl. VAT), with the amounts a VAT invoice prints.

    python3 bench/trueup.py N OUT_DIR

Writes OUT_DIR/trueup-deliveries-N.csv and OUT_DIR/trueup-invoices-N.csv.
"""
import random
import sys
from decimal import Decimal as D, ROUND_HALF_UP

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(1)
unit = D("22413.64")


def r(x, places=2):
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


with open(f"{out}/trueup-deliveries-{n}.csv", "w") as d, open(f"{out}/trueup-invoices-{n}.csv", "w") as inv:
    d.write("ticket,date,buyer,tapped_t,delivered_t\n")
    inv.write("invoice_no,buyer,month,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat,total\n")
    for i in range(n):
        tapped = random.randint(28000, 34000)
        delivered = tapped - random.randint(20, 150)
        day = 1 + i * 31 // n
        d.write(f"TU{i:08d},2026-03-{day:02d},TU-2026-001,{tapped / 1000:.3f},{delivered / 1000:.3f}\n")
        q = D(delivered).scaleb(-3)
        amount = r(unit * q)
        excl = r(amount / D("1.13"))
        inv.write(f"FP{i // 4:08d},TU-2026-001,2026-03,{q},{r(excl / q, 8)},{excl},13%,{amount - excl},{amount}\n")
