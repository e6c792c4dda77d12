"""Median wall time of starting each command, run turn by turn.

    python3 bench/startup.py RUNS 'CMD ARGS' 'CMD ARGS' ...

Prints each command's median in milliseconds and its ratio to the first.
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
commands = [a.split() for a in sys.argv[2:]]
times = [[] for _ in commands]
for _ in range(runs):
    for i, command in enumerate(commands):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times[i].append(time.perf_counter() - start)
first = statistics.median(times[0])
for command, t in zip(commands, times):
    m = statistics.median(t)
    print("%-34s median %6.2f ms  %4.2f× %s" % (" ".join(command), m * 1000, m / first, commands[0][0]))
