#!/usr/bin/env python3
# Copyright (c) 2026 flowtun authors and others. All rights reserved.
#
# This program and the accompanying materials are made available under the
# terms of the Eclipse Public License v1.0 which accompanies this distribution,
# and is available at http://www.eclipse.org/legal/epl-v10.html
"""Plots flowtun's benchmark figures (JSON written by the benchmarks) as PNG files, and writes them as CSV.

Usage: plot-benchmarks.py <benchmarks dir>   (reads scale.json, fleet.json, locality.json and operations.json there,
when present)
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)


def save(fig, directory, name):
    path = os.path.join(directory, name)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    print("wrote", path)


def write_csv(directory, name, rows):
    if not rows:
        return
    path = os.path.join(directory, name)
    with open(path, "w", newline="") as out:
        fields = []
        for row in rows:
            fields += [key for key in row if key not in fields]
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    print("wrote", path)


def tunnel_ports(directory, rows):
    chassis = [r["chassis"] for r in rows]
    fig, (count, timing) = plt.subplots(1, 2, figsize=(11, 4.2))
    count.plot(chassis, [r["mesh_ports_per_node"] for r in rows], "o-", label="per-chassis mesh (N-1 per type)")
    count.plot(chassis, [r["flowtun_ports_per_node"] for r in rows], "s-", label="flowtun (measured on OVS)")
    count.set_xscale("log")
    count.set_yscale("log")
    count.set_xlabel("registered chassis")
    count.set_ylabel("tunnel ports per node")
    count.set_title("Tunnel ports per node (3 tunnel types)")
    count.legend()
    count.grid(True, which="both", alpha=0.3)
    timing.bar([str(c) for c in chassis], [r["mesh_create_seconds"] for r in rows], color="tab:blue")
    for i, r in enumerate(rows):
        timing.annotate("%d ports\n%.2f s" % (r["mesh_ports_per_node"], r["mesh_create_seconds"]),
                        (i, r["mesh_create_seconds"]), ha="center", va="bottom", fontsize=8)
    timing.set_ylim(top=max(r["mesh_create_seconds"] for r in rows) * 1.3)
    timing.set_xlabel("registered chassis")
    timing.set_ylabel("seconds")
    timing.set_title("Creating one node's mesh ports on real OVS")
    save(fig, directory, "tunnel-ports.png")


def bulk(directory, rows):
    labels = ["%d" % r["ports"] for r in rows]
    x = range(len(rows))
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    width = 0.38
    ax.bar([i - width / 2 for i in x], [r["flows_in_ovs_seconds"] for r in rows], width,
           label="flowtun: one PATCH until every flow is in OVS")
    ax.bar([i + width / 2 for i in x], [r["ovs_bundle_seconds"] for r in rows], width,
           label="OVS alone: ovs-ofctl --bundle add-flows, same flows")
    for i, r in enumerate(rows):
        ax.annotate("%.1fx" % r["ratio_to_ovs_bundle"], (i - width / 2, r["flows_in_ovs_seconds"]),
                    ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels)
    ax.set_xlabel("remote ports in one request")
    ax.set_ylabel("seconds")
    ax.set_title("Bulk convergence against the switch's own limit")
    ax.set_ylim(top=max(r["flows_in_ovs_seconds"] for r in rows) * 1.35)
    ax.legend(loc="upper left")
    save(fig, directory, "bulk-convergence.png")


def latency_cdf(ax, figures):
    """The cumulative distribution of figures["latencies_ms"], with its p50, p95 and p99 marked."""
    latencies = sorted(figures["latencies_ms"])
    ax.plot(latencies, [100.0 * (i + 1) / len(latencies) for i in range(len(latencies))])
    for p in ("p50", "p95", "p99"):
        ax.axvline(figures[p + "_ms"], linestyle="--", alpha=0.5)
        ax.annotate("%s %.0f ms" % (p, figures[p + "_ms"]), (figures[p + "_ms"], 5), rotation=90, fontsize=8)
    ax.set_ylabel("% of ports")
    ax.grid(True, alpha=0.3)


def single_port(directory, single):
    fig, ax = plt.subplots(figsize=(7, 4.2))
    latency_cdf(ax, single)
    ax.set_xlabel("lport PUT to its flow in OVS (ms)")
    ax.set_title("Single-port convergence, %d ports present (%d samples)"
                 % (single["ports_present"], single["samples"]))
    save(fig, directory, "single-port-latency.png")


def cost(directory, rows):
    lports = [r["lports"] for r in rows]
    fig, (memory, flows) = plt.subplots(1, 2, figsize=(11, 4.2))
    memory.plot(lports, [r.get("live_heap_mb") for r in rows], "^-", label="live heap after full GC")
    memory.plot(lports, [r["heap_after_gc_mb"] for r in rows], "o-", label="G1 heap used after full GC")
    memory.plot(lports, [r["rss_mb"] for r in rows], "s-", label="RSS")
    memory.set_xlabel("lports")
    memory.set_ylabel("MB")
    memory.set_title("Controller memory (whole Karaf JVM)")
    memory.legend()
    memory.grid(True, alpha=0.3)
    flows.plot(lports, [r["flows_on_node"] for r in rows], "o-")
    flows.set_xlabel("lports")
    flows.set_ylabel("flows on the node")
    flows.set_title("Flows per node")
    flows.grid(True, alpha=0.3)
    save(fig, directory, "controller-cost.png")


def locality(directory, figures):
    rows = figures["runs"]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.bar(["%d" % r["lports"] for r in rows], [r["lports_per_second"] for r in rows])
    ax.set_xlabel("lports created (%d nodes, networks of 10 on 10 nodes)" % figures["nodes"])
    ax.set_ylabel("lports classified per second")
    ax.set_title("Locality service alone (in-memory data broker)")
    save(fig, directory, "locality-throughput.png")


def summary(scale):
    """Prints the issue's targets against the figures (the figures decide; nothing here fails)."""
    rows = []
    bulk10k = next((r for r in scale.get("bulk", []) if r["ports"] == 10000), None)
    if bulk10k:
        rows.append(("10,000 remote ports converge", "<= 10 s", "%.2f s" % bulk10k["flows_in_ovs_seconds"],
                     bulk10k["flows_in_ovs_seconds"] <= 10))
        rows.append(("... as a multiple of OVS's own bundle", "<= 3x", "%.1fx" % bulk10k["ratio_to_ovs_bundle"],
                     bulk10k["ratio_to_ovs_bundle"] <= 3))
    single = scale.get("single_port")
    if single:
        rows.append(("single-port p99", "<= 100 ms", "%.0f ms" % single["p99_ms"], single["p99_ms"] <= 100))
    # per lport at the largest count measured: the least noisy figure (a few MB of background churn
    # weigh 300 B per lport at 10,000 lports, 60 B at 50,000)
    largest = max((r for r in scale.get("cost", []) if "live_bytes_per_lport" in r),
                  key=lambda r: r["lports"], default=None)
    if largest:
        live = largest["live_bytes_per_lport"]
        rows.append(("heap per lport (live objects, 0 to %d lports)" % largest["lports"], "<= 2048 B",
                     "%d B" % live, live <= 2048))
        if "heap_bytes_per_lport" in largest:
            used = largest["heap_bytes_per_lport"]
            rows.append(("... G1's heap used after GC, per lport", "<= 2048 B", "%d B" % used, used <= 2048))
    restart = scale.get("restart")
    if restart:
        rows.append(("restart, 10,000 ports reconciled (from bin/start)", "<= 30 s",
                     "%.1f s" % restart["reconciled_seconds"], restart["reconciled_seconds"] <= 30))
    print()
    print("%-52s %-11s %-10s %s" % ("target", "wanted", "measured", "met"))
    for name, wanted, measured, met in rows:
        print("%-52s %-11s %-10s %s" % (name, wanted, measured, "yes" if met else "NO"))


def fleet(directory, figures):
    bulk_row = figures["bulk"]
    fig, (flows, single) = plt.subplots(1, 2, figsize=(11, 4.2))
    names = ["needed networks\n(mean)", "needed networks\n(max)", "remote on every node\n(mean)"]
    values = [bulk_row["flows_per_switch_mean"], bulk_row["flows_per_switch_max"],
              bulk_row["flows_per_switch_if_remote_everywhere_mean"]]
    flows.bar(names, values)
    flows.set_yscale("log")
    flows.set_ylabel("flowtun flows per switch (log)")
    flows.set_title("%d switches, %d lports, %d chassis" % (figures["switches"], figures["lports"],
                                                           figures["chassis"]))
    for i, value in enumerate(values):
        flows.annotate("%.0f" % value, (i, value), ha="center", va="bottom", fontsize=8)
    latency_cdf(single, figures["single_port"])
    single.set_xlabel("lport PUT to its flow on every switch needing it (ms)")
    single.set_title("Single port with the fleet connected")
    save(fig, directory, "fleet.png")


def histogram_quantile(q, before, after):
    """Prometheus' histogram_quantile over the increase between two cumulative bucket maps (le -> count)."""
    bounds = sorted(after, key=lambda le: float("inf") if le == "+Inf" else float(le))
    counts = [after[le] - before.get(le, 0) for le in bounds]
    total = counts[-1] if counts else 0
    if total <= 0:
        return None
    rank = q * total
    lower, below = 0.0, 0.0
    for le, count in zip(bounds, counts):
        if count >= rank:
            if le == "+Inf":
                return lower
            upper = float(le)
            return lower + (upper - lower) * (rank - below) / max(count - below, 1e-9)
        lower, below = (0.0 if le == "+Inf" else float(le)), count
    return lower


def operations(directory, recorded):
    """What an operator's dashboard (docs/grafana/flowtun.json) showed during the fleet benchmark."""
    samples = recorded["samples"]
    if len(samples) < 2:
        return
    gap = 2.5 * recorded["interval_seconds"]
    t = [s["t"] for s in samples]

    def broken(values):
        """The values with None where scrapes were missing (the controller restarting): the lines break there."""
        out = []
        for i, value in enumerate(values):
            out.append(None if i > 0 and t[i] - t[i - 1] > gap else value)
        return out

    def series(kind, name):
        return broken([s[kind].get(name, 0) for s in samples])

    fig, axes = plt.subplots(2, 2, figsize=(12, 7.5), sharex=True)
    (flows, missing), (convergence, memory) = axes
    flows.plot(t, series("sum", "flowtun_switch_flows_wanted"), label="flows wanted (all switches)")
    flows.plot(t, series("sum", "flowtun_switch_flows_confirmed"), label="flows confirmed", linestyle="--")
    flows.set_ylabel("flows")
    lports = flows.twinx()
    lports.plot(t, broken([s.get("flowtun_lports", 0) for s in samples]), color="grey", linewidth=0.8,
                label="lports")
    lports.set_ylabel("lports", color="grey")
    flows.legend(loc="center left", fontsize=8)
    flows.set_title("Flows on the switches; lports (grey)")

    missing.plot(t, series("sum", "flowtun_switch_flows_missing"), label="missing, all switches")
    missing.plot(t, series("max", "flowtun_switch_flows_missing"), label="missing, worst switch")
    missing.plot(t, series("sum", "flowtun_switch_flows_stale"), label="stale, all switches")
    missing.plot(t, series("sum", "flowtun_switch_connected"), label="switches connected", color="grey",
                 linewidth=0.8)
    missing.set_yscale("symlog")
    missing.legend(loc="center left", fontsize=8)
    missing.set_title("Flows missing and stale; switches connected")

    window = 5
    qt, p50, p99 = [], [], []
    for i in range(window, len(samples)):
        before, after = samples[i - window]["convergence_buckets"], samples[i]["convergence_buckets"]
        if samples[i].get("flowtun_flow_convergence_seconds_count", 0) < samples[i - window].get(
                "flowtun_flow_convergence_seconds_count", 0):
            continue  # the controller restarted: its counters began again
        median, tail = histogram_quantile(0.5, before, after), histogram_quantile(0.99, before, after)
        if median is not None:
            qt.append(t[i])
            p50.append(median * 1000)
            p99.append(tail * 1000)
    convergence.plot(qt, p50, ".", markersize=3, label="p50")
    convergence.plot(qt, p99, ".", markersize=3, label="p99")
    convergence.set_yscale("log")
    convergence.set_ylabel("ms (histogram_quantile over %d s)" % window)
    convergence.set_title("RESTCONF write to its flows confirmed on a switch")
    convergence.legend(loc="upper left", fontsize=8)
    convergence.set_xlabel("seconds into the benchmark")

    memory.plot(t, broken([s.get("heap_mb", 0) for s in samples]), label="heap used (MB)")
    memory.plot(t, broken([s.get("rss_mb", 0) for s in samples]), label="RSS (MB)")
    memory.set_ylabel("MB")
    replacements = memory.twinx()
    replacements.plot(t, series("sum", "flowtun_switch_replacements_total"), color="grey", linewidth=0.8)
    replacements.set_ylabel("switch replacements (total)", color="grey")
    memory.legend(loc="center left", fontsize=8)
    memory.set_title("Controller memory; switch replacements (grey)")
    memory.set_xlabel("seconds into the benchmark")

    for ax in (flows, missing, convergence, memory):
        for phase in recorded["phases"]:
            ax.axvline(phase["t"], color="black", linewidth=0.5, alpha=0.4)
    for phase in recorded["phases"]:
        for ax in (flows, convergence):
            ax.annotate(phase["phase"], (phase["t"], 0.02), xycoords=("data", "axes fraction"), rotation=90,
                        fontsize=7, va="bottom", ha="right", alpha=0.7)
    save(fig, directory, "operations.png")


def fleet_summary(figures, locality_figures):
    """The fleet issue's targets against the figures (the figures decide; nothing here fails)."""
    rows = []
    bulk_row = figures.get("bulk") if figures else None
    if bulk_row:
        rows.append(("%d-lport PATCH, every switch exact" % bulk_row["lports"], "<= 10 s",
                     "%.2f s" % bulk_row["every_switch_exact_seconds"],
                     bulk_row["every_switch_exact_seconds"] <= 10))
    single = figures.get("single_port") if figures else None
    if single:
        rows.append(("single lport with the fleet, p99", "<= 100 ms", "%.0f ms" % single["p99_ms"],
                     single["p99_ms"] <= 100))
    restart = figures.get("restart") if figures else None
    if restart and "every_switch_exact_seconds" in restart:
        rows.append(("restart with the fleet, every switch exact", "<= 60 s",
                     "%.1f s" % restart["every_switch_exact_seconds"], restart["every_switch_exact_seconds"] <= 60))
    for run in (locality_figures or {}).get("runs", []):
        rows.append(("locality alone: %d lports on %d nodes placed" % (run["lports"], locality_figures["nodes"]),
                     "<= 30 s", "%.1f s" % run["all_events_seconds"], run["all_events_seconds"] <= 30))
        if "live_heap_mb" in run:
            rows.append(("... live heap", "<= 1536 MB", "%d MB" % run["live_heap_mb"], run["live_heap_mb"] <= 1536))
    if not rows:
        return
    print()
    print("%-52s %-11s %-10s %s" % ("fleet target", "wanted", "measured", "met"))
    for name, wanted, measured, met in rows:
        print("%-52s %-11s %-10s %s" % (name, wanted, measured, "yes" if met else "NO"))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "it/target/benchmarks"
    scale_file = os.path.join(directory, "scale.json")
    if os.path.exists(scale_file):
        with open(scale_file) as f:
            scale = json.load(f)
        tunnel_ports(directory, scale["tunnel_ports"])
        bulk(directory, scale["bulk"])
        single_port(directory, scale["single_port"])
        cost(directory, scale["cost"])
        write_csv(directory, "tunnel-ports.csv", scale["tunnel_ports"])
        write_csv(directory, "bulk.csv", scale["bulk"])
        write_csv(directory, "cost.csv", scale["cost"])
        summary(scale)
    locality_figures = None
    locality_file = os.path.join(directory, "locality.json")
    if os.path.exists(locality_file):
        with open(locality_file) as f:
            locality_figures = json.load(f)
        locality(directory, locality_figures)
        write_csv(directory, "locality.csv", locality_figures["runs"])
    fleet_figures = None
    fleet_file = os.path.join(directory, "fleet.json")
    if os.path.exists(fleet_file):
        with open(fleet_file) as f:
            fleet_figures = json.load(f)
        fleet(directory, fleet_figures)
    fleet_summary(fleet_figures, locality_figures)
    operations_file = os.path.join(directory, "operations.json")
    if os.path.exists(operations_file):
        with open(operations_file) as f:
            operations(directory, json.load(f))


if __name__ == "__main__":
    main()
