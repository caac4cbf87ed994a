#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "network/ways.hpp"

namespace centrecov::network {

using NodeId = std::uint32_t;

// A stretch of road between two junctions (or dead ends), with its shape.
struct Piece {
    NodeId from = 0;
    NodeId to = 0;
    std::uint32_t way = 0;  // index into RoadNetwork::ways (its tags)
    double length_m = 0.0;
};

struct TopologyStats {
    std::size_t ways = 0;
    std::size_t pieces = 0;
    std::size_t nodes = 0;
    std::size_t zero_length_dropped = 0;
    std::size_t duplicates_dropped = 0;
};

// The road network as a planar-agnostic graph: ways are split where they share
// a vertex (the same OSM node, or the same OS Open Roads node id), never where
// lines merely cross, so a bridge does not meet the road beneath it.
struct RoadNetwork {
    std::vector<Point> nodes;
    std::vector<Piece> pieces;
    std::vector<Way> ways;                  // tags only; their lines are moved into `shape`
    std::vector<Point> shape;               // every piece's vertices, piece after piece
    std::vector<std::uint32_t> shape_start;  // piece i's vertices: shape[shape_start[i] .. shape_start[i+1])
    TopologyStats stats;

    std::span<const Point> line(std::size_t piece) const {
        return {shape.data() + shape_start[piece], shape.data() + shape_start[piece + 1]};
    }
};

// Vertices closer than this are the same node (coordinates are compared on a 1 cm grid).
inline constexpr double node_tolerance_m = 0.01;

RoadNetwork build_network(std::vector<Way> ways);

// The part of a line between two distances along it (clamped to the line).
std::vector<Point> sub_line(std::span<const Point> line, double from_m, double to_m);

}  // namespace centrecov::network
