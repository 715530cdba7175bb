#!/usr/bin/env python3
"""bench/run's last step: reads the figures each step left in the work directory, prints one table
(work, baseline, Vigie, ratio) and writes the same, with the machine and the commit, as JSON.

    bench/report.py WORK RESULT.json ROOT LINES SEED RATE LATENCY_SECONDS SOURCE...

BENCH_MEMORY_ONLY=1 and BENCH_DISTINCT_SENDERS=D in the environment (bench/run --memory,
--distinct-senders) are recorded in the result.
"""
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys


def load(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def machine(root):
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = line.split(":", 1)[1].strip()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip() != ""
    jar = os.path.join(root, "detector-app", "target", "vigie.jar")
    jar_info = None
    if os.path.exists(jar):
        # the jar measured: the commit above is bench/'s, and a jar built earlier may hold older code
        digest = hashlib.sha256()
        with open(jar, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        jar_info = {"sha256": digest.hexdigest()[:16],
                    "modified": datetime.datetime.fromtimestamp(os.path.getmtime(jar)).isoformat(timespec="seconds")}
    return {"nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "java": java, "load_average": os.getloadavg(),
            "commit": commit + ("-dirty" if dirty else ""), "jar": jar_info}


def gc_pauses(path):
    """Sum of the pauses in a -Xlog:gc file (G1: '... Pause Young (Normal) ... 12.345ms')."""
    total, last_uptime = 0.0, 0.0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r"Pause .* ([0-9.]+)ms$", line.strip())
                if m:
                    total += float(m.group(1))
                u = re.match(r"\[([0-9.]+)s\]", line)
                if u:
                    last_uptime = float(u.group(1))
    except OSError:
        return None, None
    return total / 1000, last_uptime


OURS = ("(System.gc())", "(Heap Inspection Initiated GC)", "(Diagnostic Command)")


def gc_log_figures(path):
    """From a -Xlog:gc file: the largest heap left after any pause (G1: '... 300M->120M(1024M) 12ms'), the
    largest committed heap, the full collections not asked for by bench/run (jcmd GC.run and the class
    histogram ask for theirs), the pauses a humongous object started, and the 'To-space exhausted' events
    (G1 found no free region to copy survivors to: the heap was full)."""
    after_max = committed_max = after_full_max = 0
    full = humongous = failed = pauses = 0
    longest = 0.0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "To-space exhausted" in line or "Evacuation Failure" in line:
                    failed += 1
                if " Pause " not in line:
                    continue
                pauses += 1
                m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
                if m:
                    after_max = max(after_max, int(m.group(2)))
                    committed_max = max(committed_max, int(m.group(3)))
                ms = re.search(r" ([0-9.]+)ms$", line.strip())
                if ms:
                    longest = max(longest, float(ms.group(1)) / 1000)
                if "Pause Full" in line and not any(o in line for o in OURS):
                    full += 1
                    if m:
                        # what a full collection could not free: the live heap at that moment
                        after_full_max = max(after_full_max, int(m.group(2)))
                if "Humongous" in line:
                    humongous += 1
    except OSError:
        return {}
    return {"heap_after_gc_max_bytes": after_max * 1048576, "heap_committed_max_bytes": committed_max * 1048576,
            "pauses": pauses, "longest_pause_seconds": round(longest, 3), "full_gcs_unasked": full,
            "heap_after_unasked_full_gc_max_bytes": after_full_max * 1048576 if full else None,
            "humongous_pauses": humongous, "to_space_exhausted": failed}


def engine_log(path):
    """What the engine's log says went wrong: ERROR lines, the times Kafka Streams left RUNNING for a
    rebalance (with one instance and one thread, only after a stall: a thread that missed its group's
    deadline, fenced), the fenced-producer messages, and the controller events that took seconds."""
    out = {"error_lines": 0, "rebalances_after_start": 0, "fenced": 0, "slow_controller_events": 0,
           "out_of_memory_errors": 0}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if " ERROR " in line:
                    out["error_lines"] += 1
                if "Kafka Streams RUNNING -> REBALANCING" in line:
                    out["rebalances_after_start"] += 1
                if "Detected that the thread is being fenced" in line:
                    out["fenced"] += 1
                if "Exceptionally slow controller event" in line:
                    out["slow_controller_events"] += 1
                if "OutOfMemoryError" in line:
                    out["out_of_memory_errors"] += 1
    except OSError:
        return None
    return out


def jstat_figures(path):
    """From `jstat -gc -t PID 5000`: the largest old generation and whole heap in use at a sample (KiB)."""
    old = heap = 0
    samples = 0
    header = None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                cols = line.split()
                if not cols:
                    continue
                if cols[0] == "Timestamp":
                    header = cols
                    continue
                if header is None or len(cols) != len(header):
                    continue
                try:
                    row = dict(zip(header, map(float, cols)))
                except ValueError:
                    continue
                samples += 1
                old = max(old, row.get("OU", 0))
                heap = max(heap, row.get("OU", 0) + row.get("EU", 0) + row.get("S0U", 0) + row.get("S1U", 0))
    except OSError:
        return {}
    return {"samples": samples, "old_gen_used_max_bytes": int(old * 1024), "heap_used_max_bytes": int(heap * 1024)}


def rss_max(path):
    """The largest VmRSS (KiB) of the 5-second samples during the backlog, in bytes."""
    best = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                cols = line.split(" ", 2)
                if len(cols) >= 2 and cols[1].isdigit():
                    best = max(best, int(cols[1]))
    except OSError:
        return None
    return best * 1024 or None


def histogram(path, top=15):
    """The first rows of `jcmd PID GC.class_histogram` (live objects, after a full GC)."""
    rows, total = [], None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
                if m and len(rows) < top:
                    rows.append({"instances": int(m.group(1)), "bytes": int(m.group(2)), "class": m.group(3)})
                t = re.match(r"Total\s+(\d+)\s+(\d+)", line)
                if t:
                    total = {"instances": int(t.group(1)), "bytes": int(t.group(2))}
    except OSError:
        return None
    return {"total": total, "top": rows} if rows else None


def prometheus(path):
    """A few of the engine's /metrics after the backlog: dead letters, direct buffers, JVM non-heap."""
    out = {"dead_letters": 0.0}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                name, _, value = line.rpartition(" ")
                try:
                    v = float(value)
                except ValueError:
                    continue
                if name.startswith("vigie_dead_letter_total"):
                    out["dead_letters"] += v
                elif name.startswith("jvm_buffer_memory_used_bytes") and 'id="direct"' in name:
                    out["direct_buffers_bytes"] = v
                elif name.startswith("jvm_memory_used_bytes") and 'area="nonheap"' in name:
                    out["nonheap_bytes"] = out.get("nonheap_bytes", 0) + v
    except OSError:
        return None
    return out


def source_figures(work, src):
    d = os.path.join(work, src)
    inp = load(os.path.join(d, "input.json"), {})
    broker = load(os.path.join(d, "broker.json"), {})
    analyze = load(os.path.join(d, "analyze.json"), {}).get("stats", {})
    wall = load(os.path.join(d, "analyze-wall.json"), {})
    backlog = load(os.path.join(d, "backlog.json"), {})
    drain = load(os.path.join(d, "drain.json"), {})
    latency = load(os.path.join(d, "latency.json"), {})
    memory = load(os.path.join(d, "memory.json"), {})
    pfl = load(os.path.join(d, "pflogsumm.json"))
    top20 = load(os.path.join(d, "top20.json"))
    lines = inp.get("lines")
    f = {"input": inp, "broker_alone": broker, "pflogsumm": pfl, "top20_vs_pflogsumm": top20,
         "analyze": {"wall_seconds": wall.get("wall_seconds"), **analyze}}
    engine = load(os.path.join(d, "analyze-engine.json"), {}).get("stats")
    if engine:
        # postfix: analyze runs in memory by default; --engine runs the topology on a private broker
        f["analyze"]["in_memory"] = True
        f["analyze_engine"] = {"wall_seconds": load(os.path.join(d, "analyze-engine-wall.json"), {}).get("wall_seconds"),
                               **engine}
        f["top20_engine_vs_pflogsumm"] = load(os.path.join(d, "top20-engine.json"))
    if backlog and drain:
        secs = (drain["drained_at_ms"] - backlog["ingest_start_ms"]) / 1000
        ingest_secs = (backlog["ingest_end_ms"] - backlog["ingest_start_ms"]) / 1000
        g0, g1 = number(backlog.get("gc_seconds_before")), number(backlog.get("gc_seconds_after"))
        f["run_backlog"] = {"seconds_to_drained": secs, "lines_per_second": lines / secs if secs > 0 else None,
                            "ingest_seconds": ingest_secs, "ingest_output": backlog.get("ingest_output"),
                            "gc_seconds": (g1 - g0) if g0 is not None and g1 is not None else None,
                            "gc_share": (g1 - g0) / secs if g0 is not None and g1 is not None and secs > 0 else None}
        # The JVM's CPU from /proc between the start of ingest and the drain (cpu-after is read just after
        # it): the GC threads' share of the engine's CPU, and the cores the engine kept busy.
        c0, c1 = load(os.path.join(d, "cpu-before.json"), {}), load(os.path.join(d, "cpu-after.json"), {})
        if c0.get("process_cpu_seconds") is not None and c1.get("process_cpu_seconds") is not None:
            cpu = c1["process_cpu_seconds"] - c0["process_cpu_seconds"]
            gcc = c1["gc_cpu_seconds"] - c0["gc_cpu_seconds"]
            vm = c1["vm_thread_cpu_seconds"] - c0["vm_thread_cpu_seconds"]
            f["run_backlog"].update({"process_cpu_seconds": round(cpu, 2), "gc_cpu_seconds": round(gcc, 2),
                                     "vm_thread_cpu_seconds": round(vm, 2),
                                     "gc_cpu_share": gcc / cpu if cpu > 0 else None,
                                     "cores_busy": cpu / secs if secs > 0 else None})
        m = re.search(r"ingested (\d+) lines", str(backlog.get("ingest_output", "")))
        f["run_backlog"]["lines_check"] = {
            "generated": lines, "ingested": int(m.group(1)) if m else None,
            "raw_records": drain.get("input_end_offsets"), "raw_records_processed": drain.get("input_committed"),
            "ok": (m is None or int(m.group(1)) == lines) and drain.get("input_end_offsets") is not None
                  and drain.get("input_end_offsets") == drain.get("input_committed")}
    pauses, uptime = gc_pauses(os.path.join(d, "gc.log"))
    hwm = number(memory.get("vm_hwm_kib"))
    heap = number(memory.get("heap_used_after_gc_kib"))
    f["memory"] = {"peak_rss_bytes": hwm * 1024 if hwm else None, "heap_used_after_full_gc_bytes": heap * 1024 if heap else None,
                   "state_dir_bytes": memory.get("state_dir_bytes"), "xmx": memory.get("xmx"),
                   "state_dir_bytes_after_stop": load(os.path.join(d, "state-after-stop.json"), {}).get("state_dir_bytes"),
                   "changelog_bytes": load(os.path.join(d, "state-after-stop.json"), {}).get("changelog_bytes"),
                   "gc_pause_seconds_whole_run": pauses, "jvm_uptime_seconds": uptime,
                   "gc_pause_share_whole_run": pauses / uptime if pauses is not None and uptime else None}
    after_stop = load(os.path.join(d, "state-after-stop.json"), {})
    if after_stop.get("broker_log_bytes") is not None:
        f["memory"]["broker_log_bytes_after_stop"] = after_stop["broker_log_bytes"]
    if os.path.exists(os.path.join(d, "jstat.log")) or os.path.exists(os.path.join(d, "rss.log")):
        f["memory"].update({"gc_log": gc_log_figures(os.path.join(d, "gc.log")),
                            "jstat_during_backlog": jstat_figures(os.path.join(d, "jstat.log")),
                            "rss_max_sampled_bytes": rss_max(os.path.join(d, "rss.log")),
                            "metrics_after_backlog": prometheus(os.path.join(d, "metrics.txt")),
                            "engine_log": engine_log(os.path.join(d, "run.log")),
                            "class_histogram": histogram(os.path.join(d, "histogram.txt"))})
        try:
            with open(os.path.join(d, "oom.txt"), encoding="utf-8") as o:
                f["memory"]["out_of_memory_errors_in_log"] = int(o.read().strip() or 0)
        except (OSError, ValueError):
            f["memory"]["out_of_memory_errors_in_log"] = None
    f["latency"] = latency
    return f


def fmt_s(s, lines=None):
    if s is None:
        return "-"
    return f"{s:.2f} s" + (f" ({lines / s:,.0f}/s)" if lines and s > 0 else "")


def mib(b):
    return "-" if b is None else f"{b / 1048576:,.1f} MiB"


def rows_for(src, f):
    n = f["input"].get("lines")
    b = f["broker_alone"]
    both = (b.get("produce_seconds") or 0) + (b.get("consume_seconds") or 0) or None
    rows = []
    a = f["analyze"]
    ap = a.get("pipeline_seconds")
    if f["input"].get("distinct_senders") is not None:
        rows.append((f"{src}: input", "-", f"{n:,} lines, {f['input']['distinct_senders']:,} distinct senders", "-"))
    if a.get("wall_seconds") is None:
        pass  # bench/run --memory: no analyze
    elif a.get("in_memory"):
        p = f["pflogsumm"]["seconds"]
        w = a.get("wall_seconds")
        rows.append((f"{src}: analyze (in memory), whole command (JVM start incl.)", f"pflogsumm {fmt_s(p, n)}",
                     fmt_s(w, n), f"{w / p:.2f}x" if w and p else "-"))
        a = f["analyze_engine"]
        ap = a.get("pipeline_seconds")
        rows.append((f"{src}: analyze --engine, first line sent to drained", f"pflogsumm {fmt_s(p, n)}",
                     fmt_s(ap, n), f"{ap / p:.1f}x" if ap and p else "-"))
    elif f.get("pflogsumm"):
        p = f["pflogsumm"]["seconds"]
        rows.append((f"{src}: analyze --json, first line sent to drained", f"pflogsumm {fmt_s(p, n)}", fmt_s(ap, n),
                     f"{ap / p:.1f}x" if ap and p else "-"))
    if a.get("wall_seconds") is not None:
        engine_note = " --engine" if f.get("analyze_engine") else ""
        rows.append((f"{src}: analyze{engine_note}, whole command (JVM, broker start)", f"broker alone {fmt_s(both, n)}",
                     fmt_s(a.get("wall_seconds"), n), f"{a['wall_seconds'] / both:.1f}x" if both and a.get("wall_seconds") else "-"))
    if ap and f.get("pflogsumm") is None:
        rows.append((f"{src}: analyze --json, first line sent to drained", f"broker alone {fmt_s(both, n)}",
                     fmt_s(ap, n), f"{ap / both:.1f}x" if both else "-"))
    rb = f.get("run_backlog")
    if rb:
        # bench/run --one-per-record sends the backlog one record per line instead of through vigie ingest
        single = str(rb.get("ingest_output", "")).endswith("one record per line")
        sent_by = "one record per line" if single else "ingest"
        rows.append((f"{src}: vigie run, {sent_by} start to drained", f"broker alone {fmt_s(both, n)}",
                     fmt_s(rb["seconds_to_drained"], n),
                     f"{rb['seconds_to_drained'] / both:.1f}x" if both else "-"))
        rows.append((f"{src}: {'producer, one record per line' if single else 'vigie ingest'} alone (JVM start incl.)",
                     f"broker produce {fmt_s(b.get('produce_seconds'), n)}",
                     fmt_s(rb["ingest_seconds"], n),
                     f"{rb['ingest_seconds'] / b['produce_seconds']:.1f}x" if b.get("produce_seconds") else "-"))
        lc = rb.get("lines_check")
        if lc:
            rows.append((f"{src}: lines in, records processed", f"generated {lc['generated']:,}",
                         f"ingested {lc['ingested'] if lc['ingested'] is None else format(lc['ingested'], ',')}, "
                         f"raw records processed {lc['raw_records_processed']}/{lc['raw_records']}",
                         "ok" if lc["ok"] else "MISMATCH"))
    for key, how in (("top20_vs_pflogsumm", ""), ("top20_engine_vs_pflogsumm", " --engine")):
        t = f.get(key)
        if t:
            ok = sum(1 for v in t.values() if v["match"])
            rows.append((f"{src}: top-20 lists (all) of analyze{how} vs pflogsumm", "pflogsumm", f"{ok}/4 identical",
                         "-"))
    lat = f.get("latency") or {}
    if lat:
        rows.append((f"{src}: alert latency, probe {lat.get('source')} at {lat.get('target_rate')}/s",
                     f"sent {lat.get('lines')} ({lat.get('achieved_rate')}/s)",
                     f"p50 {lat.get('p50_ms')} ms, p99 {lat.get('p99_ms')} ms, max {lat.get('max_ms')} ms "
                     f"({lat.get('alerts_matched')}/{lat.get('triggers')} alerts)"
                     + (" - the engine fell behind the rate: these are the first alerts of a growing backlog"
                        if lat.get("alerts_matched", 0) < lat.get("triggers", 0) else ""),
                     "-"))
    m = f["memory"]
    rows.append((f"{src}: memory, -Xmx1g", "-",
                 f"peak RSS {mib(m['peak_rss_bytes'])}, heap after GC {mib(m['heap_used_after_full_gc_bytes'])}, "
                 f"state dir {mib(m['state_dir_bytes'])} live"
                 + (f", {mib(m['state_dir_bytes_after_stop'])} after stop" if m.get("state_dir_bytes_after_stop") is not None else "")
                 + (f", changelogs {mib(m['changelog_bytes'])}" if m.get("changelog_bytes") is not None else ""), "-"))
    g, j = m.get("gc_log"), m.get("jstat_during_backlog")
    if g:
        rows.append((f"{src}: heap over the run, -Xmx1g", "-",
                     f"largest heap after a pause {mib(g['heap_after_gc_max_bytes'])}"
                     + (f", old gen at most {mib(j['old_gen_used_max_bytes'])} (5 s samples)" if j and j.get("samples") else "")
                     + f", {g['full_gcs_unasked']} full GC"
                     + (f" (the fullest left {mib(g['heap_after_unasked_full_gc_max_bytes'])})"
                        if g.get("heap_after_unasked_full_gc_max_bytes") else "")
                     + f", longest pause {g.get('longest_pause_seconds', 0):.2f} s, "
                     f"{g.get('to_space_exhausted', g.get('evacuation_failures'))} to-space exhausted, "
                     f"OutOfMemoryError in the log: {m.get('out_of_memory_errors_in_log')}", "-"))
    e = m.get("engine_log")
    if e:
        rows.append((f"{src}: engine log", "-",
                     f"{e['error_lines']} ERROR lines, {e['rebalances_after_start']} rebalances after the start "
                     f"({e['fenced']} thread fenced), {e['slow_controller_events']} controller events slower than 2 s",
                     "-"))
    share = rb.get("gc_share") if rb else None
    cpu_share = rb.get("gc_cpu_share") if rb else None
    rows.append((f"{src}: GC time share", "-",
                 (f"{share * 100:.1f}% during the backlog" if share is not None else "-")
                 + (f", {m['gc_pause_share_whole_run'] * 100:.1f}% of pauses over the run"
                    if m.get("gc_pause_share_whole_run") is not None else "")
                 + (f"; GC threads {cpu_share * 100:.1f}% of the engine's CPU during the backlog "
                    f"({rb['gc_cpu_seconds']:.0f} of {rb['process_cpu_seconds']:.0f} s, {rb['cores_busy']:.2f} cores busy)"
                    if cpu_share is not None else ""), "-"))
    return rows


def print_table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(4)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)))


def rebuild(path):
    """--rebuild RESULT.json: the table again from a result's figures (after a change of this file)."""
    with open(path, encoding="utf-8") as f:
        out = json.load(f)
    header = ("work", "baseline (same run)", "Vigie", "ratio")
    rows = [r for src, fig in out["sources"].items() for r in rows_for(src, fig)]
    out["table"] = [dict(zip(header, r)) for r in rows]
    print_table(rows, header)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


def main():
    if sys.argv[1] == "--rebuild":
        rebuild(sys.argv[2])
        return
    work, result, root, lines, seed, rate, lat_s = sys.argv[1:8]
    sources = sys.argv[8:]
    figures = {src: source_figures(work, src) for src in sources}
    rows = [r for src in sources for r in rows_for(src, figures[src])]
    header = ("work", "baseline (same run)", "Vigie", "ratio")
    print_table(rows, header)
    for src in sources:
        for key in ("top20_vs_pflogsumm", "top20_engine_vs_pflogsumm"):
            t = figures[src].get(key)
            for name, v in (t or {}).items():
                if not v["match"]:
                    print(f"{src}: {key}: {name} differs from pflogsumm, first ranks: "
                          f"{json.dumps(v['differences'][:3])}")
    out = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "command_lines": int(lines),
           "seed": int(seed), "latency_rate": int(rate), "latency_seconds": int(lat_s), "machine": machine(root),
           "memory_only": os.environ.get("BENCH_MEMORY_ONLY") == "1",
           "distinct_senders_asked": int(os.environ.get("BENCH_DISTINCT_SENDERS") or 0) or None,
           "table": [dict(zip(header, r)) for r in rows], "sources": figures}
    with open(result, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
