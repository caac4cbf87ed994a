#!/usr/bin/env python3
"""Times python3-igraph and python3-networkx on the same problem centrecov solves
in network_bench: distances from the same 100 sources to every node of the same
graph (written by export_graph). Prints one line per tool with seconds and a
checksum (sum of reachable distances, km) so the answers can be compared."""
import csv
import sys
import time

edges_file, sources_file, label = sys.argv[1], sys.argv[2], sys.argv[3]
sources = [int(line) for line in open(sources_file)]
rows = list(csv.reader(open(edges_file)))[1:]
edges = [(int(a), int(b)) for a, b, _ in rows]
weights = [float(w) for _, _, w in rows]
nodes = 1 + max(max(a, b) for a, b in edges)

import igraph

graph = igraph.Graph(n=nodes, edges=edges, directed=True)
graph.es["metres"] = weights
start = time.perf_counter()
matrix = graph.distances(source=sources, weights="metres", mode="out")
seconds = time.perf_counter() - start
checksum = sum(d for row in matrix for d in row if d != float("inf")) / 1000.0
print(f"{label} igraph {nodes} nodes: {seconds:.3f} s, checksum {checksum:.1f} km")

import networkx

digraph = networkx.DiGraph()
digraph.add_nodes_from(range(nodes))
for (a, b), w in zip(edges, weights):
    if not digraph.has_edge(a, b) or digraph[a][b]["metres"] > w:
        digraph.add_edge(a, b, metres=w)
timed = sources if nodes <= 150000 else sources[:10]
start = time.perf_counter()
total = 0.0
for s in timed:
    total += sum(networkx.single_source_dijkstra_path_length(digraph, s, weight="metres").values())
seconds = (time.perf_counter() - start) * len(sources) / len(timed)
note = "" if len(timed) == len(sources) else f" (timed {len(timed)} sources, scaled to {len(sources)})"
checksum = "" if len(timed) != len(sources) else f", checksum {total / 1000.0:.1f} km"
print(f"{label} networkx {nodes} nodes: {seconds:.3f} s{checksum}{note}")
