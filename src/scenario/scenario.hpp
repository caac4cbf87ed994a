#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace centrecov::scenario {

// Where a scenario's statement sits in its file, for messages.
struct SourceRef {
    std::string file;
    std::size_t line = 0;
};

// Move a centre's services into a library.
struct CoLocation {
    std::string centre;
    std::string library;
    SourceRef at;
};

// "Each centre moves to the nearest library within D metres; one with none stays or closes."
struct CoLocationRule {
    double within_m = 0.0;
    bool otherwise_close = false;  // false: the centre stays where it is
    SourceRef at;
};

// Part-time sessions in other sites, counted at a weight of a full centre.
struct Outreach {
    std::vector<std::string> sites;  // site ids (libraries)
    bool all_libraries = false;      // every library open in the study year
    double weight = 0.2;
    std::vector<double> thresholds_m;  // empty: the scenario's own
    SourceRef at;
};

// Only some families are eligible.
struct Target {
    std::set<int> imd_deciles;
    std::set<int> idaci_deciles;
    std::set<std::string> lsoas;
    SourceRef at;
    bool empty() const { return imd_deciles.empty() && idaci_deciles.empty() && lsoas.empty(); }
};

// Annual running costs.
struct Costs {
    std::optional<double> centre;             // per centre base
    std::optional<double> outreach;           // per outreach site
    std::optional<double> colocation_saving;  // share of a centre's cost saved when it moves into a library
    std::optional<double> library_base;       // a new base in a library; default: a moved centre's cost
    std::map<std::string, double> per_site;   // overrides by site id
    SourceRef sites_at;                       // where per_site is, for messages
};

// Keep the centres serving the most under-5s that a budget pays for.
struct BudgetRule {
    double budget = 0.0;
    SourceRef at;
};

struct Scenario {
    std::string id;
    std::string name;
    std::string description;
    std::vector<std::string> notes;  // caveats shown in every output
    std::optional<std::string> start_from;
    std::vector<std::string> close;
    std::vector<std::string> keep;
    std::optional<std::vector<std::string>> keep_only;
    std::map<std::string, std::string> keep_where;  // attribute = value (all must match)
    std::vector<CoLocation> colocate;
    // New bases in libraries, apart from any centre (replaces the inherited list when given).
    std::optional<std::vector<std::string>> library_bases;
    std::optional<CoLocationRule> colocate_rule;
    std::optional<Outreach> outreach;
    Target target;
    std::vector<double> thresholds_m;  // empty: the study's
    Costs costs;
    std::optional<double> budget;  // stated budget, reported against the cost
    std::optional<BudgetRule> keep_by_budget;
    std::optional<int> year;  // the year it is about (libraries open then); default: its base's, else the study's
    SourceRef at;
    std::map<std::string, SourceRef> key_at;  // where each key of the table is, for messages

    // The line of a key when present, else of the scenario.
    const SourceRef& where(const std::string& key) const {
        const auto found = key_at.find(key);
        return found == key_at.end() ? at : found->second;
    }
};

// [study.access]: how accessibility scores weigh distance and sites.
struct AccessSettings {
    std::optional<std::string> decay;  // step, linear, gaussian, exponential, logistic, zones
    std::optional<double> catchment_m;
    std::optional<double> scale_m;
    std::optional<double> spread_m;
    std::map<std::string, double> capacity;  // site id -> capacity (default: its 'capacity' column, else 1)
    SourceRef at;
};

// Study settings a scenario file may carry.
struct StudySettings {
    std::optional<std::string> study;  // the study manifest (name or path) the file is about
    std::optional<int> year;           // replaces the manifest's year
    std::optional<std::string> data;
    std::optional<std::string> distance;  // estimated_road, straight_line, network
    std::optional<double> circuity;
    std::optional<std::string> network;
    std::optional<std::string> profile;
    std::vector<double> thresholds_m;
    std::optional<AccessSettings> access;
    Costs costs;
};

struct ScenarioFile {
    std::filesystem::path path;
    StudySettings study;
    std::vector<Scenario> scenarios;  // in file order
};

// Parses and checks a scenario file: TOML syntax, known keys, value types and
// ranges, unique ids, "start_from" naming a scenario of the file without a
// cycle, a site both closed and kept. Site ids are checked later, against the
// sites (see resolve). Every error names the file and line.
ScenarioFile read_scenario_file(const std::filesystem::path& path);

// Adds another file's scenarios (an optimiser's answers, say) to a file, to be run and
// reported together. Its roots that change nothing (every centre open) are dropped and
// its scenarios that started from one (and its other roots) start from `start_id` of the first file;
// each added scenario carries its file's [costs] over what it inherits. InputError (the
// added file) when it sets study settings of its own, names another study, or reuses an id.
void add_scenarios(ScenarioFile& file, const ScenarioFile& added, std::string start_id);

// What `over` states, else what `base` does.
Costs merged_costs(const Costs& base, const Costs& over);

// The scenarios in an order where each comes after the one it starts from.
std::vector<const Scenario*> in_dependency_order(const ScenarioFile& file);

}  // namespace centrecov::scenario
