#pragma once

#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/demand.hpp"
#include "core/site.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::scenario {

// What a scenario does to one site. Every output names it by its key (to_string):
// the same value in CSV, GeoJSON, the GeoPackage's styles and the report.
enum class Fate {
    open,          // a centre open where it stands
    moved,         // a centre moved into a library
    closed,        // a centre closed
    not_placed,    // a centre open but not on the map
    same_site,     // a centre counted under another in the same building
    hosts_centre,  // a library hosting a moved centre
    library_base,  // a library hosting a new base
    outreach,      // a library offering outreach sessions
    candidate,     // a library with no service
};
inline constexpr Fate all_fates[] = {Fate::open,         Fate::moved,        Fate::closed,
                                     Fate::not_placed,   Fate::same_site,    Fate::hosts_centre,
                                     Fate::library_base, Fate::outreach,     Fate::candidate};  // enum order
static_assert(static_cast<int>(all_fates[std::size(all_fates) - 1]) == std::size(all_fates) - 1);
std::string_view to_string(Fate fate);

// A place where families are served: a centre where it stands, a centre moved
// into a library, or a new base in a library (no centre).
struct ServicePoint {
    std::optional<std::size_t> centre;   // index into the centres; none for a new library base
    std::optional<std::size_t> library;  // the library it moved into, or that hosts the new base
    Point point;
};

struct OutreachPoint {
    std::size_t library = 0;  // index into the libraries
    Point point;
};

struct ResolvedScenario {
    const Scenario* scenario = nullptr;
    std::string base_id;                 // the scenario it is compared with (itself when it starts from nothing)
    std::string base_name;               // that scenario's name, for sentences (its id when it has none)
    std::vector<std::size_t> open;       // open centres (indices), in file order
    std::map<std::size_t, std::size_t> moved;  // centre -> library it moved into
    std::vector<ServicePoint> service_points;  // the placed open centres
    std::vector<std::size_t> library_bases;  // libraries hosting a new base (indices), ascending
    std::vector<std::size_t> outreach;   // libraries offering sessions
    std::vector<OutreachPoint> outreach_points;
    double outreach_weight = 0.0;
    std::vector<double> thresholds_m;           // ascending, no repeats
    std::vector<double> outreach_thresholds_m;  // one per threshold: outreach reaches this far at thresholds_m[t]
    int year = 0;                               // libraries open this year count
    Target target;                       // empty: every family is eligible
    Costs costs;
    std::optional<double> cost;          // annual cost; nullopt when the costs are not stated
    std::optional<double> budget;
    std::optional<BudgetRule> keep_by_budget;  // already applied to `open`
    std::vector<std::string> notes;       // the file's notes, inherited ones included
    std::vector<std::string> rule_notes;  // what this scenario's own rules did (not inherited)

    bool eligible(const DemandPoint& family) const;
    Fate centre_fate(std::size_t centre, const Site& site) const;
    Fate library_fate(std::size_t library) const;
};

// Whether a library was open in a year, from its year_opened and year_closed attributes.
bool open_in(const Site& library, int year);

// The study's own measure of distance, for the rules that depend on it
// (co-location within a distance, a budget kept for the centres serving most).
struct Measures {
    // metres[from][to]; infinity where there is no way or it is farther than within_m.
    std::function<std::vector<std::vector<double>>(const std::vector<Point>& from, const std::vector<Point>& to,
                                                   double within_m)>
        matrix;
    // For each site, the under-5s for whom it is the nearest.
    std::function<std::vector<double>(const std::vector<Point>& sites)> served;
};

// What every scenario is resolved against.
struct ResolveContext {
    const std::vector<Site>& centres;
    const std::vector<Site>& libraries;
    std::vector<double> thresholds_m;  // the run's: command line, else the file's [study], else the defaults
    int year = 0;                      // the file's [study] year, else the study manifest's
    Measures measures;
    std::set<std::string> lsoa_codes;  // the study's areas, which targets may name
};

// Resolves every scenario of the file in dependency order, each starting from
// the final state of the one it starts from (its budget rule applied). Throws
// InputError (file and line) for a site id that is not a centre or library as
// required, a co-location into something that is not a library, outreach
// thresholds that do not pair with the thresholds, or a budget that pays for nothing.
std::map<std::string, ResolvedScenario> resolve_all(const ScenarioFile& file, const ResolveContext& context);

// Thresholds as every stage reads them: ascending, each once.
std::vector<double> sorted_thresholds(std::vector<double> thresholds_m);

// Annual cost of outreach sessions in one library; nullopt when not stated.
std::optional<double> outreach_cost(const ResolvedScenario& resolved, const Site& library);

// Recomputes the service points and cost after the open set changed.
void refresh(ResolvedScenario& resolved, const std::vector<Site>& centres, const std::vector<Site>& libraries);

// Annual cost of one open centre under the scenario's costs; nullopt when not stated.
std::optional<double> centre_cost(const ResolvedScenario& resolved, const Site& centre, bool moved);

// Annual cost of a new base in a library: its own cost if listed, else
// [costs] library_base, else what a centre moved into a library costs.
std::optional<double> library_base_cost(const ResolvedScenario& resolved, const Site& library);

// The site a service point stands for: its centre, or the library of a new base.
const Site& service_site(const ServicePoint& point, const std::vector<Site>& centres, const std::vector<Site>& libraries);

}  // namespace centrecov::scenario
