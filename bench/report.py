#!/usr/bin/env python3
"""bench/run's last step: reads the figures each step left in the work directory, prints one table
(work, baseline, Vigie, ratio) and writes the same, with the machine and the commit, as JSON.

    bench/report.py WORK RESULT.json ROOT LINES SEED RATE LATENCY_SECONDS SOURCE...
"""
import datetime
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
    return {"nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "java": java, "load_average": os.getloadavg(),
            "commit": commit + ("-dirty" if dirty else "")}


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
    pauses, uptime = gc_pauses(os.path.join(d, "gc.log"))
    hwm = number(memory.get("vm_hwm_kib"))
    heap = number(memory.get("heap_used_after_gc_kib"))
    f["memory"] = {"peak_rss_bytes": hwm * 1024 if hwm else None, "heap_used_after_full_gc_bytes": heap * 1024 if heap else None,
                   "state_dir_bytes": memory.get("state_dir_bytes"), "xmx": memory.get("xmx"),
                   "state_dir_bytes_after_stop": load(os.path.join(d, "state-after-stop.json"), {}).get("state_dir_bytes"),
                   "changelog_bytes": load(os.path.join(d, "state-after-stop.json"), {}).get("changelog_bytes"),
                   "gc_pause_seconds_whole_run": pauses, "jvm_uptime_seconds": uptime,
                   "gc_pause_share_whole_run": pauses / uptime if pauses is not None and uptime else None}
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
    if a.get("in_memory"):
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
    share = rb.get("gc_share") if rb else None
    rows.append((f"{src}: GC time share", "-",
                 (f"{share * 100:.1f}% during the backlog" if share is not None else "-")
                 + (f", {m['gc_pause_share_whole_run'] * 100:.1f}% of pauses over the run"
                    if m.get("gc_pause_share_whole_run") is not None else ""), "-"))
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
           "table": [dict(zip(header, r)) for r in rows], "sources": figures}
    with open(result, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
