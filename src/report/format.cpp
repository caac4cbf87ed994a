#include "report/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "metrics/coverage.hpp"

#include "io/writers.hpp"

namespace centrecov::report {

std::string children(double under5) { return with_commas(std::llround(under5)); }

io::Value under5_value(double under5) {
    const double tenths = io::round_to(under5, 1);
    if (tenths == std::floor(tenths) && std::abs(tenths) < 1e15) {
        return static_cast<long long>(tenths);
    }
    return tenths;
}

nlohmann::ordered_json under5_json(double under5) {
    const io::Value value = under5_value(under5);
    if (const auto* whole = std::get_if<long long>(&value)) {
        return *whole;
    }
    return std::get<double>(value);
}

nlohmann::ordered_json under5_json(const std::vector<double>& under5) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const double u : under5) {
        out.push_back(under5_json(u));
    }
    return out;
}

std::string percent(double share) { return fmt::format("{:.1f} %", 100.0 * share); }

std::string kilometres(double metres) {
    if (!std::isfinite(metres)) {
        return "n/a";
    }
    return fmt::format("{:.1f} km", metres / 1000.0);
}

std::string escape_markdown(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']' ||
            c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

nlohmann::ordered_json json_number(double value, int decimals) {
    if (!std::isfinite(value)) {
        return nullptr;
    }
    return io::round_to(value, decimals);
}

std::vector<std::string> field_names(const io::OutputLayer& layer) {
    std::vector<std::string> names;
    for (const auto& field : layer.fields) {
        names.push_back(field.name);
    }
    return names;
}

std::vector<std::vector<io::Value>> feature_values(const io::OutputLayer& layer) {
    std::vector<std::vector<io::Value>> rows;
    for (const auto& feature : layer.features) {
        rows.push_back(feature.values);
    }
    return rows;
}

void write_geojson_and_csv(const std::filesystem::path& directory, const std::string& name,
                           const io::OutputLayer& layer) {
    io::write_geojson(directory / (name + ".geojson"), layer);
    io::write_csv(directory / (name + ".csv"), field_names(layer), feature_values(layer));
}

std::string index_text(const std::optional<double>& value) {
    return value ? fmt::format("{:.3f}", *value) : std::string("n/a");
}

nlohmann::ordered_json equity_json(const analysis::EquityIndices& e) {
    auto number = [](const std::optional<double>& v) {
        return v ? nlohmann::ordered_json(io::round_to(*v, 4)) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json out;
    out["coverage_erreygers_concentration_index"] = number(e.coverage_erreygers);
    out["access_concentration_index"] = number(e.access_concentration);
    out["distance_gini"] = number(e.distance_gini);
    out["distance_palma"] = number(e.distance_palma);
    if (e.distance_theil) {
        out["distance_theil"] = {{"total", io::round_to(e.distance_theil->total, 4)},
                                 {"between_districts", io::round_to(e.distance_theil->between, 4)},
                                 {"within_districts", io::round_to(e.distance_theil->within, 4)}};
    } else {
        out["distance_theil"] = nullptr;
    }
    out["under5_without_idaci_rank"] = under5_json(e.unranked_under5);
    out["under5_reaching_no_site"] = under5_json(e.unreached_under5);
    return out;
}

std::string equity_sentence(const analysis::ScenarioResult& result) {
    const auto& now = result.equity;
    const auto& before = result.base_equity;
    const std::string within = metrics::threshold_label(result.resolved.thresholds_m.front());
    const bool self = result.resolved.base_id == result.resolved.scenario->id;
    // Which index, its scale and its sign, said wherever it is shown (docs/access-and-equity.md).
    constexpr const char* scale = "from -1 to 1; below 0: coverage leans to the more deprived areas";
    if (self) {
        return fmt::format("Equity: Erreygers-corrected concentration index of coverage within {} against IDACI rank "
                           "{} ({}); concentration index of access (E2SFCA score) against IDACI rank {}; Gini index "
                           "of distance {}, Palma ratio {}.",
                           within, index_text(now.coverage_erreygers), scale, index_text(now.access_concentration),
                           index_text(now.distance_gini), index_text(now.distance_palma));
    }
    return fmt::format("Equity against {}: the Erreygers-corrected concentration index of coverage within {} against "
                       "IDACI rank moves from {} to {} ({}), the concentration index of access (E2SFCA score) from "
                       "{} to {}; the Gini index of distance from {} to {}.",
                       result.resolved.base_name, within, index_text(before.coverage_erreygers),
                       index_text(now.coverage_erreygers), scale, index_text(before.access_concentration),
                       index_text(now.access_concentration), index_text(before.distance_gini),
                       index_text(now.distance_gini));
}

ClosureList worst_closures(const analysis::ScenarioResult& result, std::size_t limit) {
    ClosureList list;
    const auto& thresholds = result.resolved.thresholds_m;
    if (result.closed.empty()) {
        return list;
    }
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        for (const auto& closed : result.closed) {
            if (closed.left_beyond[t] > 0) {
                list.sites.push_back(&closed);
            }
        }
        if (!list.sites.empty()) {
            list.threshold = t;
            break;
        }
    }
    const std::string first = metrics::threshold_label(thresholds.front());
    if (list.sites.empty()) {
        list.heading = fmt::format("No closure leaves anyone beyond {} or any farther distance measured: the sites "
                                   "that stay open are as near for every family who had one.",
                                   first);
        return list;
    }
    const std::size_t t = list.threshold;
    std::stable_sort(list.sites.begin(), list.sites.end(),
                     [t](const auto* a, const auto* b) { return a->left_beyond[t] > b->left_beyond[t]; });
    if (list.sites.size() > limit) {
        list.sites.resize(limit);
    }
    const std::string at = metrics::threshold_label(thresholds[t]);
    list.heading = t == 0 ? fmt::format("Closures that leave the most under-5s beyond {} (reopening that centre alone "
                                        "would bring them back):",
                                        at)
                          : fmt::format("No closure leaves anyone beyond {}. Closures that leave the most under-5s "
                                        "beyond {} (reopening that centre alone would bring them back):",
                                        first, at);
    return list;
}

nlohmann::ordered_json settings_json(const analysis::Settings& settings, families::FamiliesAt families_at) {
    nlohmann::ordered_json out;
    out["thresholds_m"] = settings.thresholds_m;
    out["families_at"] = std::string(families::to_string(families_at));
    out["year"] = settings.year;
    out["access"] = {{"decay", std::string(metrics::to_string(settings.access.kind))},
                     {"catchment_m", settings.access.catchment_m},
                     {"label", settings.access.label()},
                     {"capacity", settings.capacity}};
    out["uncertainty"] = {{"draws", settings.draws}, {"seed", settings.seed}};
    if (settings.network) {
        const auto& n = *settings.network;
        out["distance"] = {{"along_roads", true},
                           {"road_file", n.file.filename().string()},
                           {"profile", n.profile},
                           {"profile_config", n.profile_config ? nlohmann::ordered_json(n.profile_config->filename().string())
                                                               : nlohmann::ordered_json(nullptr)},
                           {"max_snap_m", n.max_snap_m},
                           {"near_miss_gap_m", n.near_miss.gap_m},
                           {"join_near_misses", n.join_near_misses}};
    } else {
        const bool estimated = settings.distance.mode == routing::DistanceMode::estimated_road;
        out["distance"] = {{"along_roads", false},
                           {"mode", settings.distance.key()},
                           {"circuity", estimated ? nlohmann::ordered_json(settings.distance.circuity)
                                                  : nlohmann::ordered_json(nullptr)},
                           {"circuity_spread_from", estimated ? nlohmann::ordered_json(settings.distance.spread_source)
                                                              : nlohmann::ordered_json(nullptr)},
                           {"why_no_roads", settings.no_network_reason}};
    }
    return out;
}

}  // namespace centrecov::report
