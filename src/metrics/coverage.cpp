#include "metrics/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>


namespace centrecov::metrics {

double GroupCoverage::share_covered(std::size_t threshold) const {
    return under5 > 0 ? static_cast<double>(covered.at(threshold)) / static_cast<double>(under5) : 0.0;
}

double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q) {
    std::erase_if(value_weight, [](const auto& vw) { return !(vw.second > 0.0); });
    if (value_weight.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    std::sort(value_weight.begin(), value_weight.end());
    double total = 0.0;
    for (const auto& [value, weight] : value_weight) {
        total += weight;
    }
    const double target = q * total;
    double cumulative = 0.0;
    for (const auto& [value, weight] : value_weight) {
        cumulative += weight;
        if (cumulative >= target - 1e-9 * total) {
            return value;
        }
    }
    return value_weight.back().first;
}

namespace {

GroupCoverage summarise_group(std::string key, std::string label, const std::vector<std::size_t>& members,
                              const std::vector<DemandPoint>& demand, const std::vector<double>& distances_m,
                              const std::vector<double>& thresholds_m) {
    GroupCoverage group;
    group.key = std::move(key);
    group.label = std::move(label);
    group.covered.assign(thresholds_m.size(), 0.0);
    std::vector<std::pair<double, double>> reached;
    double weighted_sum = 0.0;
    double reached_weight = 0.0;
    const std::string* last_area = nullptr;
    for (const std::size_t i : members) {
        const auto& point = demand[i];
        const double d = distances_m[i];
        // An area's points (its postcodes) come together: count it once.
        if (last_area == nullptr || *last_area != point.lsoa_code) {
            ++group.areas;
        }
        last_area = &point.lsoa_code;
        group.under5 += point.under5;
        if (!std::isfinite(d)) {
            group.unreached += point.under5;
            continue;
        }
        for (std::size_t t = 0; t < thresholds_m.size(); ++t) {
            if (d <= thresholds_m[t]) {
                group.covered[t] += point.under5;
            }
        }
        reached.emplace_back(d, point.under5);
        weighted_sum += d * point.under5;
        reached_weight += point.under5;
    }
    if (reached_weight > 0.0) {
        group.mean_m = weighted_sum / reached_weight;
        group.median_m = weighted_quantile(reached, 0.5);
        group.p90_m = weighted_quantile(reached, 0.9);
    } else {
        // Nobody reaches a site: there is no distance to state (outputs say n/a), not 0 km.
        group.mean_m = group.median_m = group.p90_m = std::numeric_limits<double>::quiet_NaN();
    }
    return group;
}

Breakdown breakdown(std::string name, const std::vector<DemandPoint>& demand, const std::vector<double>& distances_m,
                    const std::vector<double>& thresholds_m,
                    const std::function<std::pair<std::string, std::string>(const DemandPoint&)>& group_of) {
    std::map<std::string, std::pair<std::string, std::vector<std::size_t>>> groups;
    std::vector<std::size_t>* last = nullptr;
    for (std::size_t i = 0; i < demand.size(); ++i) {
        // An area's postcodes come together and share its groups: look the group up once per area.
        if (last == nullptr || demand[i].lsoa_code != demand[i - 1].lsoa_code) {
            auto [key, label] = group_of(demand[i]);
            auto& group = groups[key];
            group.first = std::move(label);
            last = &group.second;
        }
        last->push_back(i);
    }
    Breakdown out;
    out.name = std::move(name);
    for (const auto& [key, group] : groups) {
        out.groups.push_back(summarise_group(key, group.first, group.second, demand, distances_m, thresholds_m));
    }
    return out;
}

std::string decile_key(int decile) { return decile >= 1 && decile <= 10 ? fmt::format("{:02d}", decile) : "unknown"; }

std::string decile_label(int decile, const char* index) {
    if (decile < 1 || decile > 10) {
        return "unknown";
    }
    if (decile == 1) {
        return fmt::format("{} decile 1 (most deprived)", index);
    }
    if (decile == 10) {
        return fmt::format("{} decile 10 (least deprived)", index);
    }
    return fmt::format("{} decile {}", index, decile);
}

}  // namespace

namespace {

using GroupOf = std::function<std::pair<std::string, std::string>(const DemandPoint&)>;

// The breakdowns, in order: each one's name and how a family's group is named.
std::vector<std::pair<const char*, GroupOf>> breakdown_kinds() {
    return {{"district",
             [](const DemandPoint& p) {
                 return std::pair{p.district_code.empty() ? std::string("unknown") : p.district_code,
                                  p.district_name.empty() ? std::string("unknown") : p.district_name};
             }},
            {"imd_decile",
             [](const DemandPoint& p) { return std::pair{decile_key(p.imd_decile), decile_label(p.imd_decile, "IMD")}; }},
            {"idaci_decile", [](const DemandPoint& p) {
                 return std::pair{decile_key(p.idaci_decile), decile_label(p.idaci_decile, "IDACI")};
             }}};
}

}  // namespace

Groupings::Groupings(const std::vector<DemandPoint>& demand) {
    for (const auto& [name, group_of] : breakdown_kinds()) {
        Grouping grouping;
        grouping.name = name;
        std::map<std::string, std::string> labels;
        std::vector<std::string> keys;
        for (const auto& point : demand) {
            auto [key, label] = group_of(point);
            labels[key] = label;  // the last family's label, as breakdown() has it
            keys.push_back(std::move(key));
        }
        std::map<std::string, std::size_t> index;
        for (const auto& [key, label] : labels) {
            index[key] = grouping.groups.size();
            grouping.groups.emplace_back(key, label);
        }
        for (const auto& key : keys) {
            grouping.group_of_point.push_back(index.at(key));
        }
        groupings_.push_back(std::move(grouping));
    }
}

std::vector<Breakdown> Groupings::count(const std::vector<DemandPoint>& demand, const std::vector<bool>& who) const {
    std::vector<Breakdown> out;
    for (const auto& grouping : groupings_) {
        Breakdown breakdown;
        breakdown.name = grouping.name;
        for (const auto& [key, label] : grouping.groups) {
            GroupCoverage group;
            group.key = key;
            group.label = label;
            group.covered.assign(1, 0.0);
            group.mean_m = group.median_m = group.p90_m = std::numeric_limits<double>::quiet_NaN();
            breakdown.groups.push_back(std::move(group));
        }
        for (std::size_t f = 0; f < demand.size() && f < grouping.group_of_point.size(); ++f) {
            auto& group = breakdown.groups[grouping.group_of_point[f]];
            if (f == 0 || demand[f].lsoa_code != demand[f - 1].lsoa_code) {
                ++group.areas;  // once per area, not per postcode
            }
            group.under5 += demand[f].under5;
            if (f < who.size() && who[f]) {
                group.covered[0] += demand[f].under5;
            }
        }
        out.push_back(std::move(breakdown));
    }
    return out;
}

CoverageReport summarise(const std::vector<DemandPoint>& demand, const std::vector<double>& distances_m,
                         const std::vector<double>& thresholds_m) {
    CoverageReport report;
    report.thresholds_m = thresholds_m;
    std::vector<std::size_t> everyone(demand.size());
    for (std::size_t i = 0; i < demand.size(); ++i) {
        everyone[i] = i;
    }
    report.total = summarise_group("all", "all families", everyone, demand, distances_m, thresholds_m);
    report.breakdowns.push_back(breakdown("district", demand, distances_m, thresholds_m, [](const DemandPoint& p) {
        return std::pair{p.district_code.empty() ? std::string("unknown") : p.district_code,
                         p.district_name.empty() ? std::string("unknown") : p.district_name};
    }));
    report.breakdowns.push_back(breakdown("imd_decile", demand, distances_m, thresholds_m, [](const DemandPoint& p) {
        return std::pair{decile_key(p.imd_decile), decile_label(p.imd_decile, "IMD")};
    }));
    report.breakdowns.push_back(breakdown("idaci_decile", demand, distances_m, thresholds_m, [](const DemandPoint& p) {
        return std::pair{decile_key(p.idaci_decile), decile_label(p.idaci_decile, "IDACI")};
    }));
    return report;
}

std::vector<DistrictProvision> provision_by_district(const std::vector<DemandPoint>& demand,
                                                     const std::vector<std::string>& centre_district_codes) {
    std::map<std::string, DistrictProvision> districts;  // by code
    for (const auto& point : demand) {
        auto& district = districts[point.district_code];
        district.code = point.district_code;
        district.name = point.district_name;
        district.under5 += point.under5;
    }
    for (const auto& code : centre_district_codes) {
        if (const auto found = districts.find(code); found != districts.end()) {
            ++found->second.centres;
        }
    }
    std::vector<DistrictProvision> out;
    for (auto& [code, district] : districts) {
        district.per_1000 = district.under5 > 0 ? 1000.0 * district.centres / static_cast<double>(district.under5) : 0.0;
        out.push_back(district);
    }
    return out;
}

std::string threshold_label(double metres) {
    if (metres >= 1000.0) {
        return fmt::format("{} km", metres / 1000.0);
    }
    return fmt::format("{} m", metres);
}

std::string threshold_column(double metres) { return fmt::format("within_{}m", std::llround(metres)); }

}  // namespace centrecov::metrics
