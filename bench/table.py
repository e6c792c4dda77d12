"""Write the table benchmark's inputs: AGREEMENTS agreements in force from
2006-01, and A00 quotes on every weekday of 2006-01 … 2025-12 (240 months).

    python3 bench/table.py AGREEMENTS OUT_DIR

Weekday quotes include public holidays; bench/table.sh drops the dates
alprice quotes check names as holidays, so every month is complete.
"""
import datetime
import random
import sys

agreements, out = int(sys.argv[1]), sys.argv[2]
random.seed(1)
with open(f"{out}/table-quotes.csv", "w") as f:
    f.write("date,low,high,average,change\n")
    day = datetime.date(2006, 1, 1)
    while day < datetime.date(2026, 1, 1):
        if day.weekday() < 5:
            a = random.randint(15000, 25000)
            f.write(f"{day},{a - 10},{a + 10},{a},\n")
        day += datetime.timedelta(days=1)
with open(f"{out}/table-agreements.yaml", "w") as f:
    f.write("agreements:\n")
    for i in range(agreements):
        f.write(f"  - id: A{i}\n    buyer: B{i}\n    terms:\n      - from: 2006-01\n"
                f"        deductions:\n          - {{kind: transport, value: {500 + i}}}\n")
