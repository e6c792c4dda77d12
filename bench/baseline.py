"""Baseline for the settle benchmark: sum the delivered_t column of a
deliveries file exactly, with Python's csv and decimal modules.

    python3 bench/baseline.py deliveries-1m.csv
"""
import csv
import sys
from decimal import Decimal


def main(path):
    total = Decimal(0)
    rows = 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        col = next(reader).index("delivered_t")
        for row in reader:
            total += Decimal(row[col])
            rows += 1
    print(f"{rows} rows, delivered {total} t")


if __name__ == "__main__":
    main(sys.argv[1])
