#pragma once

#include <string>
#include <vector>

#include "core/demand.hpp"

namespace centrecov::metrics {

inline const std::vector<double> default_thresholds_m{1600.0, 3200.0, 5000.0, 8000.0};

// Coverage of one group of families (the whole study area, a district, a decile).
struct GroupCoverage {
    std::string key;    // code or number, for machines
    std::string label;  // name, for people
    int areas = 0;
    double under5 = 0.0;
    std::vector<double> covered;  // under-5s within each threshold (same order as the thresholds)
    double unreached = 0.0;        // under-5s with no site at all
    // Under-5-weighted distance statistics over the families that reach a site; NaN when none does.
    double mean_m = 0.0;
    double median_m = 0.0;
    double p90_m = 0.0;

    double share_covered(std::size_t threshold) const;
};

struct Breakdown {
    std::string name;  // "district", "imd_decile", "idaci_decile"
    std::vector<GroupCoverage> groups;
};

struct CoverageReport {
    std::vector<double> thresholds_m;
    GroupCoverage total;
    std::vector<Breakdown> breakdowns;
};

// The weighted q-quantile: the smallest value whose cumulative weight reaches q
// of the total. Zero-weight values never decide it. NaN when all weights are zero.
double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q);

// `distances_m[i]` is the distance from demand[i] to its nearest site (infinity: none).
CoverageReport summarise(const std::vector<DemandPoint>& demand, const std::vector<double>& distances_m,
                         const std::vector<double>& thresholds_m);

// The groups summarise() breaks coverage down by (district, IMD decile, IDACI
// decile), worked out once for a set of families, to count subsets of them fast:
// a scenario's losses at each of many thresholds.
class Groupings {
public:
    explicit Groupings(const std::vector<DemandPoint>& demand);
    // Per breakdown and group (in summarise()'s order): the under-5s of the families
    // with who[f] in covered[0], the group's areas and under-5s; no distances.
    std::vector<Breakdown> count(const std::vector<DemandPoint>& demand, const std::vector<bool>& who) const;
    // The breakdowns, each one's groups, and which group of breakdown b family f is in.
    std::size_t breakdowns() const { return groupings_.size(); }
    std::size_t groups(std::size_t b) const { return groupings_[b].groups.size(); }
    std::size_t group_of(std::size_t b, std::size_t f) const { return groupings_[b].group_of_point[f]; }

private:
    struct Grouping {
        std::string name;
        std::vector<std::pair<std::string, std::string>> groups;  // key, label; sorted by key
        std::vector<std::size_t> group_of_point;
    };
    std::vector<Grouping> groupings_;
};

// Centres per 1,000 under-5s in each district.
struct DistrictProvision {
    std::string code;
    std::string name;
    double under5 = 0.0;
    int centres = 0;
    double per_1000 = 0.0;
};

// `centre_district_codes` holds one district code per distinct centre.
std::vector<DistrictProvision> provision_by_district(const std::vector<DemandPoint>& demand,
                                                     const std::vector<std::string>& centre_district_codes);

// "1.6 km", "800 m": how thresholds are named in outputs.
std::string threshold_label(double metres);
// "within_1600m": how they are named in columns.
std::string threshold_column(double metres);

}  // namespace centrecov::metrics
