#include "report/uncertainty_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "io/writers.hpp"
#include "metrics/coverage.hpp"
#include "report/format.hpp"

namespace centrecov::report {

using nlohmann::ordered_json;

namespace {

const analysis::Interval* at(const std::vector<analysis::Interval>* list, std::size_t i) {
    return list != nullptr && i < list->size() ? &(*list)[i] : nullptr;
}

std::string points(double share) { return fmt::format("{:.1f}", 100.0 * share); }

}  // namespace

const analysis::Interval* share_interval(const analysis::ScenarioResult& result, std::size_t threshold) {
    return at(result.intervals ? &result.intervals->share_within : nullptr, threshold);
}
const analysis::Interval* lost_interval(const analysis::ScenarioResult& result, std::size_t threshold) {
    return at(result.intervals ? &result.intervals->lost : nullptr, threshold);
}
const analysis::Interval* gained_interval(const analysis::ScenarioResult& result, std::size_t threshold) {
    return at(result.intervals ? &result.intervals->gained : nullptr, threshold);
}
const analysis::Interval* group_interval(const analysis::ScenarioResult& result, std::size_t b, std::size_t g,
                                         std::size_t t) {
    if (!result.intervals || b >= result.intervals->group_share_within.size() ||
        g >= result.intervals->group_share_within[b].size()) {
        return nullptr;
    }
    return at(&result.intervals->group_share_within[b][g], t);
}

std::string percent_in(double share, const analysis::Interval* interval) {
    if (interval == nullptr) {
        return percent(share);
    }
    return fmt::format("{} ({}-{} %)", percent(share), points(interval->low), points(interval->high));
}

std::string count_in(double value, const analysis::Interval* interval) {
    if (interval == nullptr) {
        return children(value);
    }
    return fmt::format("{} ({}-{})", children(value), with_commas(std::llround(interval->low)),
                       with_commas(std::llround(interval->high)));
}

std::vector<io::Value> share_bounds(const analysis::Interval* interval) {
    if (interval == nullptr) {
        return {io::Value(), io::Value()};
    }
    return {io::Value(io::round_to(interval->low, 4)), io::Value(io::round_to(interval->high, 4))};
}

std::vector<io::Value> count_bounds(const analysis::Interval* interval) {
    if (interval == nullptr) {
        return {io::Value(), io::Value()};
    }
    return {under5_value(interval->low), under5_value(interval->high)};
}

ordered_json share_json(const analysis::Interval* interval) {
    if (interval == nullptr) {
        return nullptr;
    }
    return {{"low", io::round_to(interval->low, 4)}, {"high", io::round_to(interval->high, 4)}};
}

ordered_json count_json(const analysis::Interval* interval) {
    if (interval == nullptr) {
        return nullptr;
    }
    return {{"low", under5_json(interval->low)}, {"high", under5_json(interval->high)}};
}

std::string uncertainty_method(const analysis::ScenarioRun& run) {
    if (!run.uncertainty) {
        return "No uncertainty draws were made (--draws 0): the figures are on the best evidence alone, with no "
               "range.";
    }
    const auto& u = *run.uncertainty;
    std::string text = fmt::format(
        "Each figure is given on the best evidence, with the range that holds the middle 90 % of {} draws (seed {}) in "
        "brackets. Each draw places every serving site anywhere its evidence allows: a site known by its coordinates "
        "or postcode stays there; one known only to its street, town or ward stands at one of the live postcodes "
        "there ({} of the {} sites that serve in {} are drawn so)",
        u.draws, u.seed, u.sites_drawn, u.sites_serving, run.scenarios() == 1 ? "it" : "these scenarios");
    if (u.circuity_drawn) {
        text += fmt::format(
            "; and it gives each area its own factor for the way roads wind, drawn from {}: 10th to 90th percentile "
            "{:.2f} to {:.2f} around the median {}, with the median itself drawn from the 1.2-1.4 range of national "
            "networks",
            u.circuity_from == "default" ? "the spread measured on a real road network (docs/distance.md)"
                                         : "the spread in " + u.circuity_from,
            u.circuity_p10, u.circuity_p90, u.circuity_median);
    } else if (run.network) {
        text += "; distances are measured along the roads in every draw";
    }
    text += ". The range says how far a figure could move while the evidence stays as it is; it does not cover errors "
            "in the population estimates, or areas measured from one point each.";
    return text;
}

std::string widened_sentence(const analysis::ScenarioRun& run) {
    if (!run.uncertainty || run.uncertainty->widened.empty()) {
        return {};
    }
    const auto& widened = run.uncertainty->widened;
    // The run names each figure "id: what" (a key); a person reads the scenario's name (kept
    // by the draws: a streamed run holds no results).
    std::string first = widened.front();
    if (const auto colon = first.find(": "); colon != std::string::npos) {
        first = run.uncertainty->first_widened_name + first.substr(colon);
    }
    return fmt::format(
        "For {} figure{} the best-evidence value lay outside the middle 90 % of the draws, and its range was widened "
        "to reach it: an option chosen on the sites' best-evidence points looks better there than almost anywhere "
        "else they could stand ({}{}).",
        widened.size(), widened.size() == 1 ? "" : "s", first,
        widened.size() > 1 ? fmt::format(" and {} more; comparison.csv has every range", widened.size() - 1) : "");
}

std::string uncertainty_markdown(const analysis::Study& study, const analysis::ScenarioRun& run) {
    std::string md = "## How sure these figures are\n\n" + escape_markdown(uncertainty_method(run)) + "\n\n";
    if (!run.uncertainty || run.results.empty()) {
        return md;
    }
    const auto& u = *run.uncertainty;
    const auto& first = run.results.front();
    const std::string& first_name =
        first.resolved.scenario->name.empty() ? first.resolved.scenario->id : first.resolved.scenario->name;
    const auto& thresholds = first.resolved.thresholds_m;
    const auto sites = study.all_sites();
    if (const std::string widened = widened_sentence(run); !widened.empty()) {
        md += escape_markdown(widened) + "\n\n";
    }
    const auto* headline = share_interval(first, 0);
    const std::string within = metrics::threshold_label(thresholds.front());
    if (headline != nullptr) {
        md += "### Confirm these addresses first\n\n";
        if (u.confirm_first.empty()) {
            md += fmt::format("No single site's exact address would narrow the range of {}'s share within {}, {}: "
                              "{}.\n\n",
                              escape_markdown(first_name), within,
                              percent_in(first.coverage.total.share_covered(0), headline),
                              u.sites_drawn == 0 ? "every serving site is placed by coordinates or postcode"
                                                 : "what remains is the way roads wind");
        } else {
            md += fmt::format("{}'s share of under-5s within {} is {}, a range {} points wide. The exact address of "
                              "these sites would narrow it most (the range's width with that site fixed where its "
                              "evidence places it):\n\n",
                              escape_markdown(first_name), within,
                              percent_in(first.coverage.total.share_covered(0), headline),
                              points(headline->width()));
            for (std::size_t i = 0; i < u.confirm_first.size(); ++i) {
                const auto& c = u.confirm_first[i];
                const Site& site = *sites[c.site];
                md += fmt::format("{}. **{}** ({}): now {}; drawn among {}. Width {} points (from {}).\n", i + 1,
                                  escape_markdown(site.name), to_string(site.kind),
                                  escape_markdown(site.location.evidence), escape_markdown(c.placed_among),
                                  points(c.width_fixed), points(c.width_now));
            }
            md += "\n";
        }
    }
    if (!u.unplaced.empty()) {
        md += "### What the centres that could not be placed could change\n\n";
        md += fmt::format("Each is left out of the figures above. Placed at the worst and at the best of the postcodes "
                          "of its district (the others where their evidence places them), {}'s shares would be:\n\n",
                          escape_markdown(first_name));
        md += "| centre | placed among |";
        for (const double t : thresholds) {
            md += " within " + metrics::threshold_label(t) + " |";
        }
        md += "\n|---|---|";
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            md += "---:|";
        }
        md += "\n| (left out, as above) | |";
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            md += " " + percent(first.coverage.total.share_covered(t)) + " |";
        }
        md += "\n";
        for (const auto& bound : u.unplaced) {
            const Site& site = *sites[bound.site];
            md += fmt::format("| {} (`{}`) | {} |", escape_markdown(site.name), site.id,
                              escape_markdown(bound.placed_among));
            for (const auto& range : bound.share_within) {
                md += fmt::format(" {}-{} % |", points(range.low), points(range.high));
            }
            md += "\n";
        }
        md += "\n";
    }
    return md;
}

ordered_json uncertainty_json(const analysis::Study& study, const analysis::ScenarioRun& run) {
    if (!run.uncertainty) {
        return nullptr;
    }
    const auto& u = *run.uncertainty;
    const auto sites = study.all_sites();
    ordered_json out;
    out["draws"] = u.draws;
    out["seed"] = u.seed;
    out["interval"] = "5th to 95th percentile of the draws, widened to the best-evidence value when it lies outside";
    out["circuity_drawn"] = u.circuity_drawn;
    out["circuity_spread_from"] = u.circuity_drawn ? ordered_json(u.circuity_from) : ordered_json(nullptr);
    out["sites_drawn"] = u.sites_drawn;
    out["widened"] = u.widened;
    ordered_json confirm = ordered_json::array();
    for (const auto& c : u.confirm_first) {
        const Site& site = *sites[c.site];
        confirm.push_back({{"id", site.id},
                           {"name", site.name},
                           {"kind", std::string(to_string(site.kind))},
                           {"precision", std::string(to_string(site.location.precision))},
                           {"evidence", site.location.evidence},
                           {"drawn_among", c.placed_among},
                           {"width_now", io::round_to(c.width_now, 4)},
                           {"width_if_confirmed", io::round_to(c.width_fixed, 4)}});
    }
    out["confirm_first"] = confirm;
    ordered_json unplaced = ordered_json::array();
    for (const auto& bound : u.unplaced) {
        const Site& site = *sites[bound.site];
        ordered_json ranges = ordered_json::array();
        for (const auto& range : bound.share_within) {
            ranges.push_back({{"low", io::round_to(range.low, 4)}, {"high", io::round_to(range.high, 4)}});
        }
        unplaced.push_back({{"id", site.id}, {"name", site.name}, {"placed_among", bound.placed_among},
                            {"share_within", ranges}});
    }
    out["unplaced"] = unplaced;
    return out;
}

}  // namespace centrecov::report
