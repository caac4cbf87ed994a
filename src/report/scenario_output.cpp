#include "report/scenario_output.hpp"

#include "report/baseline_output.hpp"
#include "core/error.hpp"
#include "report/styles.hpp"
#include "report/catchment_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>

#include "core/progress.hpp"
#include "core/version.hpp"
#include "geom/geos.hpp"
#include "io/atomic_output.hpp"
#include "io/writers.hpp"
#include "network/cache.hpp"
#include "report/format.hpp"
#include "report/lsoa_layer.hpp"
#include "report/sites_output.hpp"
#include "report/uncertainty_output.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

using nlohmann::ordered_json;

namespace {

io::Value metres(double value) {
    return std::isfinite(value) ? io::Value(io::round_to(value, 1)) : io::Value(std::monostate{});
}

ordered_json breakdown_json(const std::vector<metrics::Breakdown>& breakdowns) {
    ordered_json out;
    for (const auto& breakdown : breakdowns) {
        ordered_json groups = ordered_json::array();
        for (const auto& group : breakdown.groups) {
            if (group.covered[0] > 0) {
                groups.push_back({{"key", group.key}, {"label", group.label}, {"under5", under5_json(group.covered[0])}});
            }
        }
        out[breakdown.name] = groups;
    }
    return out;
}

ordered_json money(const std::optional<double>& value) {
    return value ? ordered_json(std::llround(*value)) : ordered_json(nullptr);
}

ordered_json scenario_json(const analysis::Study& study, const analysis::ScenarioRun& run,
                           const analysis::ScenarioResult& result) {
    const auto& r = result.resolved;
    const auto& s = *r.scenario;
    ordered_json out;
    out["id"] = s.id;
    out["name"] = s.name;
    out["description"] = s.description;
    auto notes = r.notes;
    notes.insert(notes.end(), r.rule_notes.begin(), r.rule_notes.end());
    out["notes"] = notes;
    out["warnings"] = result.warnings;
    out["base"] = r.base_id;
    out["distance"] = {{"mode", run.distance_key}, {"label", run.distance_label}};
    out["thresholds_m"] = r.thresholds_m;
    out["open_centres"] = r.open.size();
    out["placed_service_points"] = r.service_points.size();
    out["moved_into_libraries"] = r.moved.size();
    out["outreach_sites"] = r.outreach.size();
    out["outreach_weight"] = r.outreach_weight;
    out["cost"] = money(r.cost);
    out["budget"] = money(r.budget);
    const auto& total = result.coverage.total;
    const auto& eligible = result.eligible_coverage.total;
    ordered_json coverage = ordered_json::array();
    for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
        coverage.push_back({{"threshold_m", r.thresholds_m[t]},
                            {"under5", under5_json(total.covered[t])},
                            {"share", io::round_to(total.share_covered(t), 4)},
                            {"share_interval", share_json(share_interval(result, t))},
                            {"eligible_under5", under5_json(eligible.covered[t])},
                            {"eligible_share", io::round_to(eligible.share_covered(t), 4)},
                            {"outreach_only_under5", under5_json(result.outreach_reach[t])},
                            {"weighted_under5", io::round_to(result.weighted_coverage[t], 1)}});
    }
    out["under5"] = under5_json(total.under5);
    out["eligible_under5"] = under5_json(result.eligible_under5);
    out["coverage"] = coverage;
    out["mean_m"] = json_number(total.mean_m, 1);
    out["median_m"] = json_number(total.median_m, 1);
    out["p90_m"] = json_number(total.p90_m, 1);
    out["unreached_under5"] = under5_json(total.unreached);
    ordered_json changes = ordered_json::array();
    for (std::size_t t = 0; t < result.changes.size(); ++t) {
        const auto& change = result.changes[t];
        changes.push_back({{"threshold_m", change.threshold_m},
                           {"lost_under5", under5_json(change.lost)},
                           {"lost_interval", count_json(lost_interval(result, t))},
                           {"gained_under5", under5_json(change.gained)},
                           {"gained_interval", count_json(gained_interval(result, t))},
                           {"lost_by", breakdown_json(change.lost_by)},
                           {"gained_by", breakdown_json(change.gained_by)}});
    }
    out["change_from_base"] = changes;
    out["equity"] = equity_json(result.equity);
    out["base_equity"] = equity_json(result.base_equity);
    ordered_json closed = ordered_json::array();
    for (const auto& site : result.closed) {
        const Site& closed_site = scenario::service_site(site.point, study.centres, study.libraries);
        closed.push_back({{"id", closed_site.id},
                          {"name", closed_site.name},
                          {"under5_left_beyond", under5_json(site.left_beyond)}});
    }
    out["closed_sites"] = closed;
    return out;
}

std::string file_hash(const std::filesystem::path& path) {
    return std::filesystem::exists(path) ? fmt::format("fnv1a64:{:016x}", network::hash_file(path)) : "missing";
}

}  // namespace

SiteFate site_fate(const analysis::ScenarioResult& result, const analysis::Study& study, const Site& site) {
    const auto& r = result.resolved;
    auto plain = [](scenario::Fate fate) { return SiteFate{fate, fate_category(fate).label}; };
    if (site.kind == SiteKind::library) {
        for (std::size_t l = 0; l < study.libraries.size(); ++l) {
            if (&study.libraries[l] == &site) {
                return plain(r.library_fate(l));
            }
        }
        return plain(scenario::Fate::candidate);
    }
    for (std::size_t c = 0; c < study.centres.size(); ++c) {
        if (&study.centres[c] == &site) {
            const auto fate = r.centre_fate(c, site);
            if (fate == scenario::Fate::moved) {
                return {fate, "moved to " + study.libraries[r.moved.at(c)].id};
            }
            if (fate == scenario::Fate::same_site) {
                return {fate, "same site as " + site.duplicate_of};
            }
            return plain(fate);
        }
    }
    return plain(scenario::Fate::closed);
}

RunOutputs outputs_named(const std::vector<std::string>& formats) {
    RunOutputs out;
    out.geojson = out.csv = out.gpkg = out.html = false;
    for (const auto& name : formats) {
        if (name == "geojson") {
            out.geojson = true;
        } else if (name == "csv") {
            out.csv = true;
        } else if (name == "gpkg") {
            out.gpkg = true;
        } else if (name == "html") {
            out.html = true;
        } else {
            throw UsageError("--format takes geojson, csv, gpkg and html, not '" + name + "'");
        }
    }
    return out;
}

namespace {

io::OutputLayer renamed(io::OutputLayer layer, const std::string& name) {
    layer.name = name;
    return layer;
}

void write_layer(const std::filesystem::path& directory, const std::string& name, const io::OutputLayer& layer,
                 const RunOutputs& outputs) {
    if (outputs.geojson) {
        io::write_geojson(directory / (name + ".geojson"), layer);
    }
    if (outputs.csv) {
        io::write_csv(directory / (name + ".csv"), field_names(layer), feature_values(layer));
    }
}

// The sites layer with the fate's key as a category QGIS can style.
io::OutputLayer sites_with_fate(const analysis::Study& study, const analysis::ScenarioResult& result) {
    const auto sites = study.all_sites();
    auto layer = sites_layer(sites, [&](const Site& site) { return site_fate(result, study, site).role; });
    layer.fields.push_back({"fate", io::FieldType::text});
    for (std::size_t s = 0; s < sites.size(); ++s) {
        layer.features[s].values.emplace_back(std::string(scenario::to_string(site_fate(result, study, *sites[s]).fate)));
    }
    return layer;
}

std::vector<io::LayerStyle> styles_for(const std::string& prefix, const std::vector<double>& thresholds) {
    std::vector<Category> bands;
    const Rgb blues[] = {{8, 81, 156, 110}, {49, 130, 189, 90}, {107, 174, 214, 70}, {189, 215, 231, 60}};
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        bands.push_back({"within " + metrics::threshold_label(thresholds[t]),
                         "within " + metrics::threshold_label(thresholds[t]), blues[std::min<std::size_t>(t, 3)], ""});
    }
    const auto categories = fate_categories();
    return {{prefix + "_lsoa", "distance to the nearest centre", graduated_fill_qml("distance_m", distance_ranges(thresholds)),
             "centrecov: areas coloured by distance"},
            {prefix + "_sites", "fate", categorized_marker_qml("fate", categories),
             "centrecov: sites by what the scenario does to them; closed struck through"},
            {prefix + "_reach", "outline", outline_qml({51, 51, 51}), "centrecov: the area nearest each site"},
            {prefix + "_bands", "bands", categorized_fill_qml("band", bands), "centrecov: distance bands"}};
}

}  // namespace

void check_outputs(const scenario::ScenarioFile& file, const analysis::Settings& settings, const RunOutputs& outputs) {
    if (!outputs.gpkg) {
        return;
    }
    // Every scenario measures either the run's distances or its own (a scenario without its own
    // takes those of the one it starts from), so the widest area layer is one of these.
    std::vector<double> widest = scenario::sorted_thresholds(settings.thresholds_m);
    std::string whose = "--thresholds (or thresholds_m in the file's [study])";
    for (const auto& s : file.scenarios) {
        if (auto own = scenario::sorted_thresholds(s.thresholds_m); own.size() > widest.size()) {
            widest = std::move(own);
            const auto& at = s.where("thresholds_m");
            whose = fmt::format("{}:{}: scenario '{}', thresholds_m", at.file, at.line, s.id);
        }
    }
    // SQLite (under the GeoPackage) allows 2,000 columns a table.
    const std::size_t columns = lsoa_fields(widest, {}).size() + 1;  // + geometry
    constexpr std::size_t sqlite_columns = 2000;
    if (columns > sqlite_columns) {
        throw UsageError(fmt::format(
            "{}: {} distances would give the GeoPackage's area layer {} columns, more than the {} SQLite "
            "allows: give fewer distances, or leave gpkg out of --format",
            whose, widest.size(), columns, sqlite_columns));
    }
}

struct ScenarioWriter::State {
    std::filesystem::path directory;
    const analysis::Study& study;
    const analysis::StudyInputs& inputs;
    const scenario::ScenarioFile& file;
    const analysis::Settings& settings;
    RunOutputs outputs;
    std::size_t maps_for = 0;
    std::unique_ptr<CatchmentDrawer> drawer;  // made with the first block
    // The catchments of the scenarios drawn in the report (the first maps_for); the rest are freed block by block.
    RunCatchments mapped;
    std::vector<std::vector<io::OutputLayer>> package_of;  // per drawn scenario
    std::vector<std::vector<io::LayerStyle>> styles_of;    // per drawn scenario
    // Per scenario, in file order: what the comparison needs of it, kept small (text and one row).
    std::vector<std::string> json_of;     // its summary.json, indented as an element of comparison.json's array
    std::vector<std::vector<io::Value>> row_of;
    std::vector<std::string> table_line_of;  // comparison.md's table
    std::vector<std::string> section_of;     // comparison.md's section
    Progress progress;

    State(std::filesystem::path directory_, const analysis::Study& study_, const analysis::StudyInputs& inputs_,
          const scenario::ScenarioFile& file_, const analysis::Settings& settings_, RunOutputs outputs_)
        : directory(std::move(directory_)),
          study(study_),
          inputs(inputs_),
          file(file_),
          settings(settings_),
          outputs(std::move(outputs_)),
          // Only the GeoPackage and the report draw maps: a run without them keeps none.
          maps_for(outputs.gpkg || outputs.html ? std::min(outputs.maps_for, file.scenarios.size()) : 0),
          package_of(maps_for),
          styles_of(maps_for),
          json_of(file.scenarios.size()),
          row_of(file.scenarios.size()),
          table_line_of(file.scenarios.size()),
          section_of(file.scenarios.size()),
          progress("writing scenarios", file.scenarios.size()) {
        mapped.scenarios.resize(maps_for);
    }
};

namespace {

const std::vector<double>& first_thresholds_of(const analysis::ScenarioRun& run) {
    return run.first_thresholds_m.empty() ? run.results.front().resolved.thresholds_m : run.first_thresholds_m;
}

std::vector<io::Value> comparison_row(const analysis::ScenarioRun& run, const analysis::ScenarioResult& result) {
    const auto& r = result.resolved;
    const auto& first_thresholds = first_thresholds_of(run);
    std::vector<io::Value> row{r.scenario->id, r.scenario->name, r.base_id,
                               static_cast<long long>(r.open.size()), static_cast<long long>(r.moved.size()),
                               static_cast<long long>(r.outreach.size())};
    row.push_back(r.cost ? io::Value(static_cast<long long>(std::llround(*r.cost))) : io::Value());
    row.push_back(r.budget ? io::Value(static_cast<long long>(std::llround(*r.budget))) : io::Value());
    for (std::size_t t = 0; t < first_thresholds.size(); ++t) {
        const bool same = t < r.thresholds_m.size() && r.thresholds_m[t] == first_thresholds[t];
        row.push_back(same ? io::Value(io::round_to(result.coverage.total.share_covered(t), 4)) : io::Value());
        row.push_back(same ? io::Value(io::round_to(result.eligible_coverage.total.share_covered(t), 4))
                           : io::Value());
        row.push_back(same ? under5_value(result.changes[t].lost) : io::Value());
        row.push_back(same ? under5_value(result.changes[t].gained) : io::Value());
    }
    for (std::size_t t = 0; t < first_thresholds.size(); ++t) {
        const bool same = t < r.thresholds_m.size() && r.thresholds_m[t] == first_thresholds[t];
        for (const auto& bounds : {share_bounds(same ? share_interval(result, t) : nullptr),
                                   count_bounds(same ? lost_interval(result, t) : nullptr),
                                   count_bounds(same ? gained_interval(result, t) : nullptr)}) {
            row.insert(row.end(), bounds.begin(), bounds.end());
        }
    }
    row.push_back(metres(result.coverage.total.mean_m));
    row.push_back(metres(result.coverage.total.median_m));
    row.push_back(metres(result.coverage.total.p90_m));
    row.emplace_back(run.distance_key);
    auto theil_total = [](const analysis::EquityIndices& e) {
        return e.distance_theil ? std::optional<double>(e.distance_theil->total) : std::nullopt;
    };
    const auto& e = result.equity;
    const auto& b = result.base_equity;
    for (const auto& [now, before] :
         std::vector<std::pair<std::optional<double>, std::optional<double>>>{
             {e.coverage_erreygers, b.coverage_erreygers},
             {e.access_concentration, b.access_concentration},
             {e.distance_gini, b.distance_gini},
             {e.distance_palma, b.distance_palma},
             {theil_total(e), theil_total(b)}}) {
        row.push_back(now ? io::Value(io::round_to(*now, 4)) : io::Value());
        row.push_back(now && before ? io::Value(io::round_to(*now - *before, 4)) : io::Value());
    }
    row.push_back(e.distance_theil ? io::Value(io::round_to(e.distance_theil->between, 4)) : io::Value());
    row.push_back(e.distance_theil ? io::Value(io::round_to(e.distance_theil->within, 4)) : io::Value());
    return row;
}

std::string table_line(const analysis::ScenarioResult& result) {
    const auto& r = result.resolved;
    return fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", escape_markdown(r.scenario->name),
                       r.open.size(), r.cost ? text::pounds(*r.cost) : "n/a",
                       percent_in(result.coverage.total.share_covered(0), share_interval(result, 0)),
                       r.target.empty() ? "(all)" : percent(result.eligible_coverage.total.share_covered(0)),
                       count_in(result.changes.front().lost, lost_interval(result, 0)),
                       count_in(result.changes.front().gained, gained_interval(result, 0)),
                       kilometres(result.coverage.total.median_m));
}

std::string section(const analysis::Study& study, const analysis::ScenarioResult& result) {
    std::string md;
    const auto& s = *result.resolved.scenario;
    md += "## " + escape_markdown(s.name) + " (`" + s.id + "`)\n\n";
    // A paragraph of its own before the list, so that Markdown keeps them apart.
    std::string intro =
        s.start_from ? "Compared with " + escape_markdown(result.resolved.base_name) + "." : std::string();
    if (!s.description.empty()) {
        intro += (intro.empty() ? "" : " ") + escape_markdown(s.description);
    }
    if (!intro.empty()) {
        md += intro + "\n\n";
    }
    const auto& r = result.resolved;
    for (const auto& list : {&s.notes, &r.rule_notes}) {  // inherited notes are in summary.json
        for (const auto& note : *list) {
            md += "- **Note:** " + escape_markdown(note) + "\n";
        }
    }
    for (const auto& warning : result.warnings) {
        md += "- **Warning:** " + escape_markdown(warning) + "\n";
    }
    const double first = r.thresholds_m.front();
    const auto& change = result.changes.front();
    if (change.lost > 0.0) {
        double most_deprived = 0.0;
        for (const auto& breakdown : change.lost_by) {
            if (breakdown.name != "idaci_decile") {
                continue;
            }
            for (const auto& group : breakdown.groups) {
                if (group.key == "01" || group.key == "02" || group.key == "03") {
                    most_deprived += group.covered[0];
                }
            }
        }
        md += fmt::format("- {} under-5s lose a centre within {}; {} of them ({}) live in the 30 % most "
                          "income-deprived areas for children (IDACI deciles 1-3).\n",
                          count_in(change.lost, lost_interval(result, 0)), metrics::threshold_label(first),
                          children(most_deprived),
                          percent(most_deprived / change.lost));
    }
    if (!r.outreach.empty()) {
        md += fmt::format("- Outreach in {} libraries reaches {} more under-5s within {} (each counted as {} of a "
                          "centre).\n",
                          r.outreach.size(), children(result.outreach_reach.front()),
                          metrics::threshold_label(r.outreach_thresholds_m.front()), r.outreach_weight);
    }
    if (!r.target.empty()) {
        md += fmt::format("- Eligible: {} of {} under-5s; {} of them live within {} of a centre.\n",
                          children(result.eligible_under5), children(result.coverage.total.under5),
                          percent(result.eligible_coverage.total.share_covered(0)), metrics::threshold_label(first));
    }
    md += "- " + escape_markdown(equity_sentence(result)) + "\n";
    if (const ClosureList worst = worst_closures(result); !worst.heading.empty()) {
        md += "\n" + worst.heading + "\n\n";
        for (const auto* closed : worst.sites) {
            const Site& centre = scenario::service_site(closed->point, study.centres, study.libraries);
            md += fmt::format("- {}: {} under-5s (placed by {})\n", escape_markdown(centre.name),
                              children(closed->left_beyond[worst.threshold]),
                              to_string(centre.location.precision));
        }
        if (!worst.sites.empty()) {
            md += "\nCentres placed only to a town share its point, so each appears to serve the whole town.\n";
        }
    }
    md += "\n";
    return md;
}

}  // namespace

ScenarioWriter::ScenarioWriter(std::filesystem::path directory, const analysis::Study& study,
                               const analysis::StudyInputs& inputs, const scenario::ScenarioFile& file,
                               const analysis::Settings& settings, RunOutputs outputs)
    : state_(std::make_unique<State>(std::move(directory), study, inputs, file, settings, std::move(outputs))) {}

std::size_t ScenarioWriter::results_to_keep() const {
    return std::max<std::size_t>(state_->maps_for, 1);
}

ScenarioWriter::~ScenarioWriter() = default;

void ScenarioWriter::add(const analysis::ScenarioRun& run, const analysis::ScenarioBlock& block) {
    State& w = *state_;
    const auto& study = w.study;
    const auto& outputs = w.outputs;
    if (!w.drawer) {
        w.drawer = std::make_unique<CatchmentDrawer>(study, run, w.settings);
        w.mapped.land = geom::clone(w.drawer->land());
        w.mapped.band_method = w.drawer->band_method();
    }
    std::vector<const analysis::ScenarioResult*> results;
    for (const auto& entry : block) {
        results.push_back(entry.second);
    }
    auto drawn = w.drawer->draw(results);
    // Each scenario's folder is written on its own (in parallel: they share no file).
    tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t k) {
        const auto [index, of] = block[k];
        const auto& result = *of;
        const auto& r = result.resolved;
        const auto& catchments = drawn[k];
        const auto scenario_directory = w.directory / r.scenario->id;
        auto lsoa = lsoa_layer(study, run, result, {});
        write_layer(scenario_directory, "lsoa", lsoa, outputs);
        if (outputs.geojson || outputs.csv) {
            write_sites(scenario_directory, study.all_sites(),
                        [&](const Site& site) { return site_fate(result, study, site).role; });
        }
        auto reach = reach_layer(study, run, result, catchments);
        auto bands = bands_layer(study, result, catchments, w.drawer->band_method());
        write_layer(scenario_directory, "reach", reach, outputs);
        write_layer(scenario_directory, "bands", bands, outputs);
        if (outputs.gpkg && index < w.maps_for) {
            const std::string prefix = r.scenario->id;
            w.package_of[index].push_back(renamed(std::move(lsoa), prefix + "_lsoa"));
            w.package_of[index].push_back(renamed(sites_with_fate(study, result), prefix + "_sites"));
            w.package_of[index].push_back(renamed(std::move(reach), prefix + "_reach"));
            w.package_of[index].push_back(renamed(std::move(bands), prefix + "_bands"));
            w.styles_of[index] = styles_for(r.scenario->id, r.thresholds_m);
        }
        const std::string json = scenario_json(study, run, result).dump(2);
        io::write_text_file(scenario_directory / "summary.json", json + "\n");
        // An element of a JSON array dumped with indent 2: each of its lines indented by 2 more.
        std::string element;
        element.reserve(json.size() + json.size() / 8);
        for (const char c : json) {
            element += c;
            if (c == '\n') {
                element += "  ";
            }
        }
        w.json_of[index] = std::move(element);
        w.row_of[index] = comparison_row(run, result);
        w.table_line_of[index] = table_line(result);
        w.section_of[index] = section(study, result);
        w.progress.advance();
    });
    for (std::size_t k = 0; k < block.size(); ++k) {
        if (const std::size_t index = block[k].first; index < w.maps_for) {
            w.mapped.scenarios[index] = std::move(drawn[k]);
        }
    }
}

void ScenarioWriter::finish(const analysis::ScenarioRun& run) {
    State& w = *state_;
    const auto& study = w.study;
    const auto& outputs = w.outputs;
    const auto& directory = w.directory;
    const auto& inputs = w.inputs;
    const auto& file = w.file;
    const auto& settings = w.settings;
    const std::size_t count = w.row_of.size();
    const std::size_t maps_for = w.maps_for;
    std::vector<std::string> header{"id", "name", "base", "open_centres", "moved_into_libraries", "outreach_sites",
                                    "cost", "budget"};
    const auto& first_thresholds = first_thresholds_of(run);
    for (const double t : first_thresholds) {
        const std::string column = metrics::threshold_column(t);
        header.push_back("share_" + column);
        header.push_back("eligible_share_" + column);
        header.push_back("lost_" + column);
        header.push_back("gained_" + column);
    }
    // The 90 % ranges of the uncertainty draws (analysis/uncertainty); empty without draws.
    for (const double t : first_thresholds) {
        const std::string column = metrics::threshold_column(t);
        for (const char* figure : {"share_", "lost_", "gained_"}) {
            header.push_back(figure + column + "_low");
            header.push_back(figure + column + "_high");
        }
    }
    header.insert(header.end(), {"mean_m", "median_m", "p90_m", "distance_mode"});
    // Equity (metrics/equity): each index and its change from the base.
    for (const char* index : {"coverage_erreygers_concentration", "access_concentration", "distance_gini", "distance_palma",
                              "distance_theil"}) {
        header.push_back(index);
        header.push_back(std::string("change_") + index);
    }
    header.insert(header.end(), {"distance_theil_between_districts", "distance_theil_within_districts"});
    std::string md = "# Scenarios compared\n\n";
    md += fmt::format("Distances: {}, from {}. Each scenario is compared with the scenario it starts from.\n\n",
                      run.distance_label, families::measured_from(study.families));
    if (run.network) {
        md += near_miss_markdown(*run.network, run.results.front().coverage, std::nullopt);
    }
    md += "| scenario | centres | cost | within " + metrics::threshold_label(first_thresholds.front()) +
          " | eligible within " + metrics::threshold_label(first_thresholds.front()) + " | lose | gain | median |\n";
    md += "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (auto& line : w.table_line_of) {
        md += line;
        std::string().swap(line);
    }
    if ((outputs.gpkg || outputs.html) && maps_for < count) {
        md += fmt::format("\ncentrecov.gpkg and report.html draw the first {} of these {} scenarios "
                          "(`--maps-for`); every one has its folder.\n",
                          maps_for, count);
    }
    md += "\n'lose' and 'gain': under-5s who move out of (or into) reach of a centre at the first threshold, "
          "against the scenario each starts from; in brackets, the range of 90 % of the uncertainty draws. Per-area "
          "maps: `<scenario>/lsoa.geojson`.\n\n";
    md += uncertainty_markdown(study, run);
    for (auto& text : w.section_of) {
        md += text;
        std::string().swap(text);
    }
    md += attribution;

    io::write_csv(directory / "comparison.csv", header, w.row_of);
    w.row_of.clear();
    std::string comparison_json;
    for (auto& element : w.json_of) {
        comparison_json += comparison_json.empty() ? "[\n  " : ",\n  ";
        comparison_json += element;
        std::string().swap(element);
    }
    io::write_text_file(directory / "comparison.json", comparison_json + "\n]\n");
    io::write_text_file(directory / "comparison.md", md);

    ordered_json meta;
    meta["tool"] = {{"name", "centrecov"}, {"version", version_string}};
    meta["scenario_file"] = {{"path", file.path.filename().string()}, {"hash", file_hash(file.path)}};
    meta["distance"] = {{"mode", run.distance_key}, {"label", run.distance_label}};
    meta["thresholds_m"] = settings.thresholds_m;
    meta["settings"] = settings_json(settings, study.families.at);
    meta["study"] = {{"name", inputs.study.name}, {"title", inputs.study.title}, {"area_code", inputs.study.area_code},
                     {"year", inputs.study.year}};
    ordered_json hashes;
    hashes[inputs.centres.filename().string()] = file_hash(inputs.centres);
    hashes[inputs.libraries.filename().string()] = file_hash(inputs.libraries);
    for (const auto& path : inputs.study.input_files()) {
        hashes[path.filename().string()] = file_hash(path);
    }
    if (settings.network) {
        hashes[settings.network->file.filename().string()] = file_hash(settings.network->file);
    }
    meta["inputs"] = hashes;
    meta["scenarios"] = ordered_json::array();
    for (const auto& s : file.scenarios) {
        meta["scenarios"].push_back(s.id);
    }
    io::write_text_file(directory / "run.json", meta.dump(2) + "\n");

    const std::filesystem::path report_directory =
        outputs.report_directory.empty() ? directory : outputs.report_directory;
    if (outputs.gpkg) {
        std::vector<io::OutputLayer> package;
        std::vector<io::LayerStyle> styles;
        for (std::size_t index = 0; index < maps_for; ++index) {
            for (auto& layer : w.package_of[index]) {
                package.push_back(std::move(layer));
            }
            styles.insert(styles.end(), w.styles_of[index].begin(), w.styles_of[index].end());
        }
        package.push_back(districts_layer(study, run.results.front()));
        if (study.families.at == families::FamiliesAt::postcodes) {
            // The postcodes families are measured from, in the first scenario: each 1 when within the first distance.
            package.push_back(postcode_layer(study, run, run.results.front()));
            const std::string first = metrics::threshold_column(run.results.front().resolved.thresholds_m.front());
            const std::string label = metrics::threshold_label(run.results.front().resolved.thresholds_m.front());
            styles.push_back({"postcodes", "within the first distance",
                              categorized_marker_qml(first, {{"1", "within " + label, {26, 152, 80}},
                                                             {"0", "beyond " + label, {215, 48, 39}}}),
                              "centrecov: postcodes within the first distance of a site, first scenario"});
        }
        std::vector<Range> shares;
        const Rgb ramp[] = {{215, 48, 39}, {252, 141, 89}, {254, 224, 139}, {145, 207, 96}, {26, 152, 80}};
        for (int k = 0; k < 5; ++k) {
            shares.push_back({k * 0.2, k == 4 ? 1.01 : (k + 1) * 0.2, fmt::format("{}-{} %", k * 20, (k + 1) * 20),
                              ramp[k]});
        }
        styles.push_back({"districts", "coverage",
                          graduated_fill_qml("share_" + metrics::threshold_column(run.results.front().resolved.thresholds_m.front()),
                                             shares),
                          "centrecov: share of under-5s within the first distance, first scenario"});
        io::write_geopackage(report_directory / "centrecov.gpkg", package, styles);
    }
    if (outputs.html) {
        const ReportInputs report{study, inputs, file, run, w.mapped,
                                  outputs.k_curve ? &*outputs.k_curve : nullptr};
        io::write_text_file(report_directory / "report.html", html_report(report));
    }
}


void write_scenario_run(const std::filesystem::path& directory, const analysis::Study& study,
                        const analysis::StudyInputs& inputs, const scenario::ScenarioFile& file,
                        const analysis::Settings& settings, const analysis::ScenarioRun& run,
                        const RunOutputs& outputs) {
    ScenarioWriter writer(directory, study, inputs, file, settings, outputs);
    for (std::size_t first = 0; first < run.results.size(); first += analysis::scenario_block) {
        analysis::ScenarioBlock block;
        for (std::size_t index = first; index < std::min(run.results.size(), first + analysis::scenario_block);
             ++index) {
            block.emplace_back(index, &run.results[index]);
        }
        writer.add(run, block);
    }
    writer.finish(run);
}

}  // namespace centrecov::report
