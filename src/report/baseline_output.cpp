#include "report/baseline_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/version.hpp"
#include "geom/geos.hpp"
#include "io/atomic_output.hpp"
#include "io/writers.hpp"
#include "report/format.hpp"
#include "report/lsoa_layer.hpp"
#include "report/sites_output.hpp"
#include "report/uncertainty_output.hpp"

namespace centrecov::report {

using nlohmann::ordered_json;

namespace {

std::vector<std::string> all_warnings(const analysis::Study& study, const analysis::Baseline& baseline) {
    std::vector<std::string> warnings = study.warnings;
    warnings.insert(warnings.end(), baseline.warnings.begin(), baseline.warnings.end());
    return warnings;
}

// `interval(t)`: the group's share's interval at threshold t, or nullptr.
template <typename IntervalAt>
ordered_json group_json(const metrics::GroupCoverage& group, const std::vector<double>& thresholds,
                        IntervalAt interval) {
    ordered_json out;
    out["key"] = group.key;
    out["label"] = group.label;
    out["areas"] = group.areas;
    out["under5"] = under5_json(group.under5);
    ordered_json within = ordered_json::array();
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        within.push_back({{"threshold_m", thresholds[t]},
                          {"under5", under5_json(group.covered[t])},
                          {"share", io::round_to(group.share_covered(t), 4)},
                          {"share_interval", share_json(interval(t))}});
    }
    out["within"] = within;
    out["unreached_under5"] = under5_json(group.unreached);
    out["mean_m"] = json_number(group.mean_m, 1);
    out["median_m"] = json_number(group.median_m, 1);
    out["p90_m"] = json_number(group.p90_m, 1);
    return out;
}

// Under-5s whose nearest centre is placed only to a town or ward.
double under5_with_coarse_nearest(const analysis::Study& study, const analysis::Baseline& baseline) {
    double total = 0.0;
    const auto& points = baseline.today().resolved.service_points;
    for (std::size_t i = 0; i < baseline.nearest_centre().size(); ++i) {
        const auto& nearest = baseline.nearest_centre()[i];
        if (nearest.found()) {
            const Precision p = study.centres[*points[nearest.site].centre].location.precision;
            if (p == Precision::locality || p == Precision::ward) {
                total += study.families.points[i].under5;
            }
        }
    }
    return total;
}

std::vector<std::string> coverage_header(const std::vector<double>& thresholds) {
    std::vector<std::string> header{"table", "key", "label", "areas", "under5"};
    for (const double t : thresholds) {
        header.push_back(metrics::threshold_column(t));
    }
    for (const double t : thresholds) {
        header.push_back("share_" + metrics::threshold_column(t));
    }
    // The 90 % range of each share (analysis/uncertainty); empty without draws.
    for (const double t : thresholds) {
        header.push_back("share_" + metrics::threshold_column(t) + "_low");
        header.push_back("share_" + metrics::threshold_column(t) + "_high");
    }
    // Centres by district count placed centres only: one not on the map is in no district.
    for (const char* column :
         {"unreached_under5", "mean_m", "median_m", "p90_m", "placed_centres", "placed_centres_per_1000_under5"}) {
        header.emplace_back(column);
    }
    return header;
}

template <typename IntervalAt>
std::vector<io::Value> coverage_row(const std::string& table, const metrics::GroupCoverage& group,
                                    const std::vector<double>& thresholds, const metrics::DistrictProvision* provision,
                                    IntervalAt interval) {
    std::vector<io::Value> row{table, group.key, group.label, static_cast<long long>(group.areas),
                               under5_value(group.under5)};
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        row.push_back(under5_value(group.covered[t]));
    }
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        row.emplace_back(io::round_to(group.share_covered(t), 4));
    }
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        for (auto& bound : share_bounds(interval(t))) {
            row.push_back(std::move(bound));
        }
    }
    row.push_back(under5_value(group.unreached));
    for (const double value : {group.mean_m, group.median_m, group.p90_m}) {
        row.push_back(std::isfinite(value) ? io::Value(io::round_to(value, 1)) : io::Value(std::monostate{}));
    }
    if (provision != nullptr) {
        row.emplace_back(static_cast<long long>(provision->centres));
        row.emplace_back(io::round_to(provision->per_1000, 3));
    } else {
        row.emplace_back(std::monostate{});
        row.emplace_back(std::monostate{});
    }
    return row;
}

const metrics::DistrictProvision* find_provision(const analysis::Baseline& baseline, const std::string& code) {
    for (const auto& provision : baseline.today().provision) {
        if (provision.code == code) {
            return &provision;
        }
    }
    return nullptr;
}

std::string summary_csv(const analysis::Baseline& baseline) {
    const auto& thresholds = baseline.coverage().thresholds_m;
    std::vector<std::vector<io::Value>> rows;
    const auto& today = baseline.today();
    rows.push_back(coverage_row("all", baseline.coverage().total, thresholds, nullptr,
                                [&](std::size_t t) { return share_interval(today, t); }));
    const auto& breakdowns = baseline.coverage().breakdowns;
    for (std::size_t b = 0; b < breakdowns.size(); ++b) {
        for (std::size_t g = 0; g < breakdowns[b].groups.size(); ++g) {
            const auto& group = breakdowns[b].groups[g];
            const auto* provision = breakdowns[b].name == "district" ? find_provision(baseline, group.key) : nullptr;
            rows.push_back(coverage_row(breakdowns[b].name, group, thresholds, provision,
                                        [&](std::size_t t) { return group_interval(today, b, g, t); }));
        }
    }
    return io::csv_text(coverage_header(thresholds), rows);
}

}  // namespace

ordered_json summary_json(const analysis::Study& study, const analysis::Baseline& baseline) {
    ordered_json out;
    out["tool"] = {{"name", "centrecov"}, {"version", version_string}};
    // The baseline is the scenario "today", as a scenario file would name it.
    out["scenario"] = {{"id", baseline.today().resolved.scenario->id},
                       {"description", "every centre in the centres file open"}};
    ordered_json distance;
    distance["mode"] = baseline.run.distance_key;
    distance["label"] = baseline.run.distance_label;
    const bool estimated = !baseline.run.network && baseline.settings.distance.mode == routing::DistanceMode::estimated_road;
    distance["circuity"] = estimated ? ordered_json(baseline.settings.distance.circuity) : ordered_json(nullptr);
    if (baseline.run.network) {
        const auto& network = *baseline.run.network;
        distance["network"] = {{"file", network.file.filename().string()},
                               {"profile", network.profile},
                               {"junctions", network.nodes},
                               {"pieces", network.pieces},
                               {"components", network.components},
                               {"share_outside_largest", io::round_to(network.share_outside_largest, 4)},
                               {"max_snap_m", baseline.settings.network->max_snap_m}};
        ordered_json near;
        near["gap_m"] = network.near_miss.gap_m;
        near["min_detour_m"] = network.near_miss.min_detour_m;
        near["found"] = network.near_misses.size();
        near["joined"] = network.near_misses_joined;
        if (baseline.coverage_without_repair) {
            ordered_json without = ordered_json::array();
            const auto& unrepaired = *baseline.coverage_without_repair;
            for (std::size_t t = 0; t < unrepaired.thresholds_m.size(); ++t) {
                without.push_back({{"threshold_m", unrepaired.thresholds_m[t]},
                                   {"covered_under5", under5_json(unrepaired.total.covered[t])},
                                   {"share", io::round_to(unrepaired.total.share_covered(t), 4)}});
            }
            near["coverage_without_repair"] = without;
        }
        distance["network"]["near_misses"] = near;
    } else {
        distance["network"] = nullptr;
    }
    out["distance"] = distance;
    out["thresholds_m"] = baseline.settings.thresholds_m;
    out["settings"] = settings_json(baseline.settings, study.families.at);
    out["equity"] = equity_json(baseline.today().equity);

    const auto& report = study.families.report;
    ordered_json families;
    families["areas_read"] = report.population_rows;
    families["areas_used"] = study.families.areas.size();
    families["areas_left_out"] = report.excluded_areas;
    ordered_json left_out = ordered_json::array();
    for (const auto& area : report.left_out) {
        left_out.push_back({{"code", area.code}, {"why", area.why}});
    }
    families["left_out"] = left_out;
    families["under5_used"] = under5_json(study.families.total_under5());
    families["measured_from"] = std::string(families::to_string(study.families.at));
    if (study.families.at == families::FamiliesAt::postcodes) {
        families["points"] = study.families.points.size();
        families["postcodes_read"] = report.postcodes_read;
        families["postcodes_used"] = report.postcodes_used;
        families["postcodes_near_an_edge"] = report.postcodes_near_edge;
        families["postcodes_in_no_area"] = report.postcodes_outside;
        families["areas_without_postcode"] = report.areas_without_postcode;
    }
    if (baseline.coverage_from_centroids) {
        // The comparison: the same run with each area's under-5s at its centroid (best evidence, no draws).
        const auto& centroids = *baseline.coverage_from_centroids;
        ordered_json comparison = ordered_json::array();
        for (std::size_t t = 0; t < centroids.thresholds_m.size(); ++t) {
            comparison.push_back({{"threshold_m", centroids.thresholds_m[t]},
                                  {"covered_under5", under5_json(centroids.total.covered[t])},
                                  {"share", io::round_to(centroids.total.share_covered(t), 4)}});
        }
        families["coverage_from_centroids"] = comparison;
    }
    families["under5_left_out"] = report.excluded_under5;
    families["centroid_rows"] = report.centroid_rows;
    families["deprivation_rows"] = report.deprivation_rows;
    families["boundary_features"] = report.boundary_features;
    families["join_problems"] = report.problems;
    out["families"] = families;

    ordered_json sites;
    for (const auto* list : {&study.centres, &study.libraries}) {
        const bool centres = list == &study.centres;
        ordered_json entry;
        entry["rows"] = list->size();
        if (centres) {
            std::size_t duplicates = 0;
            for (const auto& site : *list) {
                duplicates += site.duplicate_of.empty() ? 0U : 1U;
            }
            entry["same_site_duplicates"] = duplicates;
            entry["service_points"] = baseline.service_points.size();
        }
        ordered_json by_precision;
        const auto counts = count_precision(*list, centres);
        for (const Precision p : all_precisions) {
            const auto found = counts.find(p);
            by_precision[std::string(to_string(p))] = found == counts.end() ? 0 : found->second;
        }
        entry["by_precision"] = by_precision;
        ordered_json unresolved = ordered_json::array();
        for (const auto& site : *list) {
            if (!site.location.resolved()) {
                unresolved.push_back({{"id", site.id}, {"name", site.name}, {"reason", site.location.evidence}});
            }
        }
        entry["unresolved"] = unresolved;
        sites[centres ? "centres" : "libraries"] = entry;
    }
    out["sites"] = sites;

    ordered_json coverage;
    const auto& today = baseline.today();
    coverage["all"] = group_json(baseline.coverage().total, baseline.coverage().thresholds_m,
                                 [&](std::size_t t) { return share_interval(today, t); });
    const auto& breakdowns = baseline.coverage().breakdowns;
    for (std::size_t b = 0; b < breakdowns.size(); ++b) {
        ordered_json groups = ordered_json::array();
        for (std::size_t g = 0; g < breakdowns[b].groups.size(); ++g) {
            groups.push_back(group_json(breakdowns[b].groups[g], baseline.coverage().thresholds_m,
                                        [&](std::size_t t) { return group_interval(today, b, g, t); }));
        }
        coverage[breakdowns[b].name] = groups;
    }
    coverage["under5_nearest_centre_placed_to_locality_or_ward"] = under5_json(under5_with_coarse_nearest(study, baseline));
    out["coverage"] = coverage;

    ordered_json provision = ordered_json::array();
    for (const auto& district : baseline.today().provision) {
        provision.push_back({{"code", district.code},
                             {"name", district.name},
                             {"under5", under5_json(district.under5)},
                             {"placed_centres", district.centres},
                             {"placed_centres_per_1000_under5", io::round_to(district.per_1000, 3)}});
    }
    out["provision_by_district"] = provision;
    out["uncertainty"] = uncertainty_json(study, baseline.run);
    out["warnings"] = all_warnings(study, baseline);
    return out;
}

std::string near_miss_markdown(const analysis::NetworkSummary& network, const metrics::CoverageReport& coverage,
                               const std::optional<metrics::CoverageReport>& without_repair) {
    const auto& misses = network.near_misses;
    if (misses.empty()) {
        return fmt::format("The road file has no dead end within {:.0f} m of a road it does not join.\n\n",
                           network.near_miss.gap_m);
    }
    std::size_t unjoined = 0;
    double worst = 0.0;
    for (const auto& miss : misses) {
        if (std::isinf(miss.around_m)) {
            ++unjoined;
        } else {
            worst = std::max(worst, miss.around_m);
        }
    }
    std::string md = fmt::format(
        "**The road file has {} near misses**: dead ends within {:.0f} m of a road they do not join, which is at "
        "least {:.0f} m away along the roads ({} not joined to it within {}{}). Files that cut roads where they cross "
        "a railway or river look like this; families beyond such a gap detour. `near_misses.csv` (written by `centrecov run`) lists them. ",
        misses.size(), network.near_miss.gap_m, network.near_miss.min_detour_m, unjoined,
        kilometres(network.near_miss.search_m), worst > 0.0 ? fmt::format("; the longest way round is {}", kilometres(worst)) : std::string());
    if (!network.near_misses_joined) {
        md += "They were left as they are (`--join-near-misses` joins each across its gap, a stated repair).\n\n";
        return md;
    }
    md += "**They were joined across their gaps** (`--join-near-misses`), a repair of the file";
    md += without_repair ? ":" : " (`centrecov run` gives the coverage with and without it).";
    if (without_repair) {
        for (std::size_t t = 0; t < coverage.thresholds_m.size(); ++t) {
            md += fmt::format(" within {}, {} with the repair, {} without{}",
                              metrics::threshold_label(coverage.thresholds_m[t]),
                              percent(coverage.total.share_covered(t)),
                              percent(without_repair->total.share_covered(t)),
                              t + 1 == coverage.thresholds_m.size() ? "." : ";");
        }
    }
    return md + "\n\n";
}

// Each near miss at its dead end, with the road it nearly meets.
io::OutputLayer near_miss_layer(const analysis::NetworkSummary& network) {
    io::OutputLayer layer;
    layer.name = "near_misses";
    layer.geometry = io::GeometryKind::point;
    layer.fields = {{"dead_end_easting", io::FieldType::real}, {"dead_end_northing", io::FieldType::real},
                    {"road_easting", io::FieldType::real},     {"road_northing", io::FieldType::real},
                    {"gap_m", io::FieldType::real},            {"around_by_road_m", io::FieldType::real},
                    {"joined", io::FieldType::integer}};
    for (const auto& miss : network.near_misses) {
        io::OutputFeature feature;
        const Point end = miss.dead_end_at;
        feature.wkb_bng = geom::to_wkb(geom::make_point(end).get());
        // One value at a time: GCC 12 at -O2 misreads a braced list of variants as maybe uninitialised.
        for (const double value : {end.x, end.y, miss.at.x, miss.at.y, miss.gap_m}) {
            feature.values.emplace_back(io::round_to(value, 1));
        }
        feature.values.push_back(std::isinf(miss.around_m) ? io::Value() : io::Value(io::round_to(miss.around_m, 1)));
        feature.values.emplace_back(static_cast<long long>(network.near_misses_joined ? 1 : 0));
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

std::string summary_markdown(const analysis::Study& study, const analysis::Baseline& baseline) {
    const auto& total = baseline.coverage().total;
    const auto& thresholds = baseline.coverage().thresholds_m;
    const auto& distance = baseline.settings.distance;
    std::string md;
    md += "# Children's centre coverage: baseline, every centre open\n\n";
    md += fmt::format(
        "How far the families of {} under-5s live from their nearest children's centre, with every centre in "
        "`{}` open.\n\n",
        children(total.under5), std::filesystem::path(study.centres.empty() ? "" : study.centres.front().source_file)
                                       .filename()
                                       .string());
    if (baseline.run.network) {
        md += fmt::format("**Distances are {}**, from the road nearest {} (the walk to that road is included) to the "
                          "road nearest each centre.\n\n",
                          baseline.run.distance_label, families::measured_from(study.families));
        md += near_miss_markdown(*baseline.run.network, baseline.coverage(), baseline.coverage_without_repair);
    } else if (distance.mode == routing::DistanceMode::straight_line) {
        md += "**Distances are straight lines** (as the crow flies) from " + families::measured_from(study.families) +
              ", not routes along roads: real journeys are longer.\n\n";
    } else {
        md += fmt::format(
            "**Distances are estimates**: the straight line from {} to the centre, times {} for the way roads "
            "wind. {}\n\n",
            families::measured_from(study.families), distance.circuity, baseline.settings.no_network_reason);
    }

    const std::size_t placed = baseline.service_points.size();
    std::size_t distinct = 0;
    std::vector<const Site*> unplaced;
    for (const auto& centre : study.centres) {
        if (centre.duplicate_of.empty()) {
            ++distinct;
            if (!centre.location.resolved()) {
                unplaced.push_back(&centre);
            }
        }
    }
    md += "## In short\n\n";
    md += fmt::format("- {} under-5s live in {} small areas (LSOAs){}.\n", children(total.under5), total.areas,
                      study.families.at == families::FamiliesAt::postcodes
                          ? fmt::format("; each area's are measured from its live postcodes ({} in all)",
                                        with_commas(static_cast<long long>(study.families.points.size())))
                          : std::string("; each area's are measured from its population-weighted centroid"));
    if (!study.families.report.left_out.empty()) {
        std::string codes;
        for (const auto& area : study.families.report.left_out) {
            codes += fmt::format("{}{} ({})", codes.empty() ? "" : ", ", area.code, area.why);
        }
        md += fmt::format("- {} small areas of the study are left out of every figure: {}.\n",
                          study.families.report.left_out.size(), codes);
    }
    md += fmt::format("- {} of {} distinct centres could be placed on the map{}.\n", placed, distinct,
                      unplaced.empty() ? ""
                                       : fmt::format("; {} could not and are left out of the distances (see below)",
                                                     unplaced.size()));
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        md += fmt::format("- {} of under-5s ({}) live within {} of a centre.\n",
                          percent_in(total.share_covered(t), share_interval(baseline.today(), t)),
                          children(total.covered[t]), metrics::threshold_label(thresholds[t]));
    }
    if (baseline.coverage_from_centroids) {
        const auto& centroids = *baseline.coverage_from_centroids;
        md += "- Measured from each area's population-weighted centroid instead (one point per area, as tools "
              "without postcodes do; on the best evidence, without ranges):";
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            md += fmt::format(" {} within {}{}", percent(centroids.total.share_covered(t)),
                              metrics::threshold_label(thresholds[t]), t + 1 == thresholds.size() ? "." : ",");
        }
        md += " The postcode figures above are closer to where families live.\n";
    }
    if (std::isfinite(total.median_m)) {
        md += fmt::format("- Half of under-5s live within {} of a centre; the farthest 10 % live more than {} away.\n",
                          kilometres(total.median_m), kilometres(total.p90_m));
    } else {
        md += "- **No family reaches a centre**: no centre could be placed (or reached), so there is no distance to "
              "state.\n";
    }
    for (const auto& breakdown : baseline.coverage().breakdowns) {
        if (breakdown.name != "idaci_decile" || breakdown.groups.empty() || thresholds.empty()) {
            continue;
        }
        // Groups are keyed "01".."10" or "unknown": name deciles 1 and 10 only when present.
        const auto group = [&](const char* key) -> const metrics::GroupCoverage* {
            const auto found = std::find_if(breakdown.groups.begin(), breakdown.groups.end(),
                                            [&](const auto& g) { return g.key == key; });
            return found == breakdown.groups.end() ? nullptr : &*found;
        };
        const auto* most_deprived = group("01");
        const auto* least_deprived = group("10");
        if (most_deprived == nullptr || least_deprived == nullptr) {
            continue;
        }
        const auto& most = *most_deprived;
        const auto& least = *least_deprived;
        md += fmt::format("- Within {}: {} of under-5s in the most income-deprived tenth of areas for children "
                          "(IDACI decile 1), {} in the least deprived tenth.\n",
                          metrics::threshold_label(thresholds.front()), percent(most.share_covered(0)),
                          percent(least.share_covered(0)));
    }
    md += "- " + escape_markdown(equity_sentence(baseline.today())) +
          " Access: " + escape_markdown(baseline.settings.access.label()) + ".\n";
    const double coarse = under5_with_coarse_nearest(study, baseline);
    md += fmt::format("- For {} under-5s ({}) the nearest centre is known only to its town, suburb or ward, so "
                      "their distance may be out by a kilometre or more (see `uncertainty_m` in `sites.csv`, and the "
                      "ranges in brackets: how sure these figures are, below).\n\n",
                      children(coarse), percent(total.under5 > 0.0 ? coarse / total.under5 : 0.0));

    // `breakdown`: the groups' index in the coverage's breakdowns, or npos for everyone.
    auto coverage_table = [&](const std::string& title, const std::string& first_column,
                              const std::vector<metrics::GroupCoverage>& groups, bool with_provision,
                              std::size_t breakdown) {
        md += "## " + title + "\n\n| " + first_column + " | under-5s |";
        if (with_provision) {
            md += " placed centres | per 1,000 under-5s |";
        }
        for (const double t : thresholds) {
            md += " within " + metrics::threshold_label(t) + " |";
        }
        md += " median | 90th percentile |\n|---|---:|";
        if (with_provision) {
            md += "---:|---:|";
        }
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            md += "---:|";
        }
        md += "---:|---:|\n";
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const auto& group = groups[g];
            md += "| " + group.label + " | " + children(group.under5) + " |";
            if (with_provision) {
                const auto* provision = find_provision(baseline, group.key);
                md += provision ? fmt::format(" {} | {:.2f} |", provision->centres, provision->per_1000) : " | |";
            }
            for (std::size_t t = 0; t < thresholds.size(); ++t) {
                const auto* interval = breakdown == std::string::npos
                                           ? share_interval(baseline.today(), t)
                                           : group_interval(baseline.today(), breakdown, g, t);
                md += " " + percent_in(group.share_covered(t), interval) + " |";
            }
            md += " " + kilometres(group.median_m) + " | " + kilometres(group.p90_m) + " |\n";
        }
        md += "\n";
    };
    coverage_table("Everyone", "area", {total}, false, std::string::npos);
    const auto& breakdowns = baseline.coverage().breakdowns;
    for (std::size_t b = 0; b < breakdowns.size(); ++b) {
        const auto& breakdown = breakdowns[b];
        if (breakdown.name == "district") {
            coverage_table("By district (placed centres only: a centre not on the map is in no district's count)",
                           "district", breakdown.groups, true, b);
        } else if (breakdown.name == "imd_decile") {
            coverage_table("By deprivation (Index of Multiple Deprivation " + study.deprivation_edition + ")",
                           "IMD decile", breakdown.groups, false, b);
        } else if (breakdown.name == "idaci_decile") {
            coverage_table("By income deprivation affecting children (IDACI " + study.deprivation_edition + ")",
                           "IDACI decile", breakdown.groups, false, b);
        }
    }
    md += fmt::format("Shares are of the under-5s in each row, with the range of 90 % of the uncertainty draws in "
                      "brackets. Medians and percentiles weight {}.\n\n",
                      study.families.at == families::FamiliesAt::postcodes
                          ? "each postcode by the under-5s it carries (its share of its area's)"
                          : "each area's centroid by the area's under-5s");
    md += uncertainty_markdown(study, baseline.run);

    md += "## How precisely the sites are placed\n\n| placed by | centres | libraries |\n|---|---:|---:|\n";
    const auto centre_counts = count_precision(study.centres, true);
    const auto library_counts = count_precision(study.libraries, false);
    for (const Precision p : all_precisions) {
        const auto c = centre_counts.find(p);
        const auto l = library_counts.find(p);
        md += fmt::format("| {} | {} | {} |\n", to_string(p), c == centre_counts.end() ? 0 : c->second,
                          l == library_counts.end() ? 0 : l->second);
    }
    md += "\n" + centre_precision_sentence(study.centres) +
          " Each site is placed from the best evidence it has and never at an invented point; `sites.csv` gives the "
          "evidence for each.\n\n";
    if (!unplaced.empty()) {
        md += "## Centres that could not be placed\n\n";
        for (const auto* site : unplaced) {
            md += fmt::format("- **{}** (`{}`): {}\n", escape_markdown(site->name), site->id,
                              escape_markdown(site->location.evidence));
        }
        md += "\nFamilies near these centres appear farther from a centre than they are.\n\n";
    }
    const auto warnings = all_warnings(study, baseline);
    if (!warnings.empty()) {
        md += fmt::format("## Warnings ({})\n\n", warnings.size());
        for (const auto& warning : warnings) {
            md += "- " + escape_markdown(warning) + "\n";
        }
        md += "\n";
    }
    md += "## Files\n\n"
          "- `lsoa.geojson`, `lsoa.csv`: each area with its under-5s, deprivation, nearest centre and distance.\n"
          "- `sites.geojson`, `sites.csv`: every centre and library with how it was placed.\n"
          "- `summary.csv`, `summary.json`: the tables above.\n\n";
    md += attribution;
    return md;
}

void write_baseline(const std::filesystem::path& directory, const analysis::Study& study,
                    const analysis::Baseline& baseline) {
    write_geojson_and_csv(directory, "lsoa",
                          lsoa_layer(study, baseline.run, baseline.today(),
                                     {.against_base = false, .outreach = false,
                                      .nearest_library = &baseline.nearest_library}));
    write_sites(directory, study.all_sites(), analysis::baseline_role);
    if (baseline.run.network && !baseline.run.network->near_misses.empty()) {
        write_geojson_and_csv(directory, "near_misses", near_miss_layer(*baseline.run.network));
    }
    io::write_text_file(directory / "summary.csv", summary_csv(baseline));
    io::write_text_file(directory / "summary.json", summary_json(study, baseline).dump(2) + "\n");
    io::write_text_file(directory / "summary.md", summary_markdown(study, baseline));
}

}  // namespace centrecov::report
