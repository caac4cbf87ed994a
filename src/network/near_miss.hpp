#pragma once

#include <vector>

#include "network/topology.hpp"

namespace centrecov::network {

// A dead end lying a few metres from a road it does not join, where the way
// round along the roads is long: the mark of a road file that cuts roads where
// they cross a railway or a river (OS OpenData conversions do), or of a gap in
// the digitising. Left alone, families beyond it detour by kilometres.
struct NearMiss {
    NodeId dead_end = 0;
    Point dead_end_at;
    std::uint32_t piece = 0;    // the road it nearly meets
    double offset_m = 0.0;      // along that piece from its `from` node
    Point at;                   // the nearest point of that road
    double gap_m = 0.0;         // straight line from the dead end to `at`
    double around_m = 0.0;      // along the roads from the dead end to `at`; infinity: not within 20 km
};

struct NearMissRule {
    double gap_m = 30.0;          // at most this far from the other road
    double min_detour_m = 500.0;  // and at least this much farther along the roads
    double search_m = 20000.0;    // how far the way round is looked for, to report it
};

// Every near miss, one per dead end (its nearest qualifying road), in node order;
// where two dead ends face each other across the gap, only the first is listed.
std::vector<NearMiss> find_near_misses(const RoadNetwork& network, const NearMissRule& rule = {});

// The network with each near miss joined: the road it nearly meets is split at
// the nearest point and a connector of the dead end's own road class (and
// access) runs across the gap. A stated repair, applied only when asked.
RoadNetwork join_near_misses(const RoadNetwork& network, const std::vector<NearMiss>& near_misses);

}  // namespace centrecov::network
