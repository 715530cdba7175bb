#!/usr/bin/env python3
"""CPU time of a running JVM, whole and by thread group, from /proc (Linux): what bench/run divides to
get the garbage collector's share of the engine's CPU.

    bench/jvmcpu.py PID

Prints one JSON object: process_cpu_seconds (utime + stime of the process, dead threads included),
gc_cpu_seconds (the threads named `GC Thread#N` and `G1 ...`: parallel pause workers, concurrent
marking, refinement, service), vm_thread_cpu_seconds (the VM Thread, which runs the safepoints, GC pauses
among them, but also other VM operations: not counted as GC), and the thread counts. A GC thread that
ended before the reading is missing from gc_cpu_seconds (HotSpot 17 keeps its GC workers).
"""
import json
import os
import sys


def cpu_seconds(stat_text):
    # the command name, in parentheses, may hold spaces: fields are counted after its closing parenthesis
    fields = stat_text[stat_text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def main():
    pid = sys.argv[1]
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
        process = cpu_seconds(f.read())
    gc = vm = 0.0
    threads = gc_threads = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm", encoding="utf-8") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat", encoding="utf-8") as f:
                secs = cpu_seconds(f.read())
        except OSError:
            continue  # the thread ended meanwhile
        threads += 1
        if name.startswith("GC Thread#") or name.startswith("G1 "):
            gc += secs
            gc_threads += 1
        elif name == "VM Thread":
            vm += secs
    print(json.dumps({"process_cpu_seconds": round(process, 2), "gc_cpu_seconds": round(gc, 2),
                      "vm_thread_cpu_seconds": round(vm, 2), "threads": threads, "gc_threads": gc_threads}))


if __name__ == "__main__":
    main()
