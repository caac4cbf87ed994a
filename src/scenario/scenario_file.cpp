#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "io/toml_reader.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::scenario {

namespace {

using Reader = io::TomlReader;

SourceRef at(const Reader& reader) { return {reader.file(), reader.line()}; }

void record_key_lines(const Reader& reader, std::map<std::string, SourceRef>& out) {
    for (const auto& [key, line] : reader.key_lines()) {
        out[key] = {reader.file(), line};
    }
}

constexpr double max_money = 1e12;

Costs read_costs(const Reader& parent, const toml::table* table) {
    Costs costs;
    if (table == nullptr) {
        return costs;
    }
    const Reader reader(parent.file(), *table, "costs");
    reader.allow_only({"centre", "outreach", "colocation_saving", "library_base", "sites"});
    costs.centre = reader.number("centre", 0.0, max_money);
    costs.outreach = reader.number("outreach", 0.0, max_money);
    costs.colocation_saving = reader.number("colocation_saving", 0.0, 1.0);
    costs.library_base = reader.number("library_base", 0.0, max_money);
    if (const toml::table* sites = reader.table("sites")) {
        const Reader site_reader(parent.file(), *sites, "costs.sites");
        costs.sites_at = at(site_reader);
        for (const auto& [key, node] : *sites) {
            site_reader.check_site_id(node, std::string(key.str()));
            const auto value = node.value<double>();
            if (!value || !(*value >= 0.0 && *value <= max_money)) {
                site_reader.fail(node, "cost of site '" + std::string(key.str()) + "' must be a number of at least 0");
            }
            costs.per_site[std::string(key.str())] = *value;
        }
    }
    return costs;
}

Scenario read_scenario(const Reader& reader) {
    reader.allow_only({"id", "name", "description", "notes", "start_from", "close", "keep", "keep_only", "keep_where",
                       "colocate", "colocate_rule", "outreach", "target", "thresholds_m", "costs", "budget",
                       "keep_by_budget", "library_bases", "year"});
    Scenario s;
    s.at = at(reader);
    record_key_lines(reader, s.key_at);
    s.id = reader.text("id").value_or("");
    if (s.id.empty()) {
        reader.fail_here("a scenario needs an 'id'");
    }
    // The id names the scenario's output folder: a safe name, never a path.
    const bool safe = s.id.size() <= 64 && std::all_of(s.id.begin(), s.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!safe) {
        reader.fail(*reader.find("id"), "scenario id '" + s.id +
                                            "' must be letters, digits, '-' and '_' only, at most 64 characters "
                                            "(it names the scenario's output folder)");
    }
    s.name = reader.text("name").value_or(s.id);
    s.description = reader.text("description").value_or("");
    s.notes = reader.texts("notes").value_or(std::vector<std::string>{});
    s.start_from = reader.text("start_from");
    s.close = reader.site_ids("close").value_or(std::vector<std::string>{});
    s.keep = reader.site_ids("keep").value_or(std::vector<std::string>{});
    s.keep_only = reader.site_ids("keep_only");
    s.library_bases = reader.site_ids("library_bases");
    if (const toml::table* where = reader.table("keep_where")) {
        for (const auto& [key, node] : *where) {
            if (!node.is_string()) {
                reader.fail(node, "keep_where values must be text, e.g. status = \"base\"");
            }
            s.keep_where[std::string(key.str())] = *node.value<std::string>();
        }
    }
    if (const toml::node* node = reader.find("colocate")) {
        const toml::array* array = node->as_array();
        if (array == nullptr) {
            reader.fail(*node, "'colocate' must be a list of { centre = \"...\", library = \"...\" }");
        }
        for (const auto& element : *array) {
            const toml::table* pair = element.as_table();
            if (pair == nullptr) {
                reader.fail(element, "each 'colocate' entry must be { centre = \"...\", library = \"...\" }");
            }
            const Reader pair_reader(reader.file(), *pair, "colocate");
            pair_reader.allow_only({"centre", "library"});
            CoLocation move{pair_reader.site_id("centre").value_or(""), pair_reader.site_id("library").value_or(""),
                            at(pair_reader)};
            if (move.centre.empty() || move.library.empty()) {
                reader.fail(element, "each 'colocate' entry needs both 'centre' and 'library'");
            }
            s.colocate.push_back(move);
        }
    }
    if (const toml::table* rule = reader.table("colocate_rule")) {
        const Reader rule_reader(reader.file(), *rule, "colocate_rule");
        rule_reader.allow_only({"within_m", "otherwise"});
        CoLocationRule r;
        r.at = at(rule_reader);
        const auto within = rule_reader.number("within_m", 1.0, 100000.0);
        if (!within) {
            rule_reader.fail_here("'colocate_rule' needs 'within_m', the farthest a centre may move");
        }
        r.within_m = *within;
        const std::string otherwise = rule_reader.text("otherwise").value_or("stay");
        if (otherwise != "stay" && otherwise != "close") {
            rule_reader.fail(*rule_reader.find("otherwise"), "'otherwise' must be \"stay\" or \"close\"");
        }
        r.otherwise_close = otherwise == "close";
        s.colocate_rule = r;
    }
    if (const toml::table* outreach = reader.table("outreach")) {
        const Reader o(reader.file(), *outreach, "outreach");
        o.allow_only({"sites", "all_libraries", "weight", "thresholds_m"});
        Outreach out;
        out.at = at(o);
        out.sites = o.site_ids("sites").value_or(std::vector<std::string>{});
        if (const toml::node* all = o.find("all_libraries")) {
            if (!all->is_boolean()) {
                o.fail(*all, "'all_libraries' must be true or false");
            }
            out.all_libraries = *all->value<bool>();
        }
        out.weight = o.number("weight", 0.0, 1.0).value_or(out.weight);
        out.thresholds_m = o.numbers("thresholds_m", 1.0, 200000.0);
        // An empty list said outright ends sessions a scenario would inherit (the planner exports it);
        // saying neither is a mistake.
        if (!o.find("sites") && !out.all_libraries) {
            o.fail_here("'outreach' needs 'sites' (an empty list for none) or all_libraries = true");
        }
        s.outreach = out;
    }
    if (const toml::table* target = reader.table("target")) {
        const Reader t(reader.file(), *target, "target");
        t.allow_only({"imd_deciles", "idaci_deciles", "lsoas"});
        s.target.at = at(t);
        s.target.imd_deciles = t.deciles("imd_deciles");
        s.target.idaci_deciles = t.deciles("idaci_deciles");
        for (const auto& code : t.texts("lsoas").value_or(std::vector<std::string>{})) {
            s.target.lsoas.insert(code);
        }
        if (s.target.empty()) {
            t.fail_here("'target' names no families: give imd_deciles, idaci_deciles or lsoas");
        }
    }
    s.thresholds_m = reader.numbers("thresholds_m", 1.0, 200000.0);
    if (const auto year = reader.integer("year", 1900, 2200)) {
        s.year = static_cast<int>(*year);
    }
    s.costs = read_costs(reader, reader.table("costs"));
    s.budget = reader.number("budget", 0.0, max_money);
    if (const toml::node* node = reader.find("budget"); node != nullptr && !s.budget) {
        reader.fail(*node, "'budget' must be a number");
    }
    if (const toml::table* rule = reader.table("keep_by_budget")) {
        const Reader b(reader.file(), *rule, "keep_by_budget");
        b.allow_only({"budget"});
        const auto budget = b.number("budget", 0.0, max_money);
        if (!budget) {
            b.fail_here("'keep_by_budget' needs 'budget'");
        }
        s.keep_by_budget = BudgetRule{*budget, at(b)};
    }

    // A site both closed and kept cannot be meant.
    for (const auto& id : s.close) {
        const bool kept = std::find(s.keep.begin(), s.keep.end(), id) != s.keep.end() ||
                          (s.keep_only && std::find(s.keep_only->begin(), s.keep_only->end(), id) != s.keep_only->end());
        if (kept) {
            reader.fail_here("scenario '" + s.id + "' both closes and keeps site '" + id + "'");
        }
    }
    return s;
}

}  // namespace

ScenarioFile read_scenario_file(const std::filesystem::path& path) {
    const toml::table root = io::parse_toml_file(path);
    ScenarioFile file;
    file.path = path;
    const Reader top(path.string(), root, "the scenario file");
    top.allow_only({"study", "costs", "scenario"});
    if (const toml::table* study = top.table("study")) {
        const Reader r(path.string(), *study, "[study]");
        r.allow_only({"study", "year", "data", "distance", "circuity", "network", "profile", "thresholds_m", "access"});
        file.study.study = r.text("study");
        if (const auto year = r.integer("year", 1900, 2200)) {
            file.study.year = static_cast<int>(*year);
        }
        file.study.data = r.text("data");
        file.study.distance = r.text("distance");
        if (file.study.distance && *file.study.distance != "estimated_road" && *file.study.distance != "straight_line" &&
            *file.study.distance != "network") {
            r.fail(*r.find("distance"), "'distance' must be \"estimated_road\", \"straight_line\" or \"network\"");
        }
        file.study.circuity = r.number("circuity", 1.0, 3.0);
        file.study.network = r.text("network");
        file.study.profile = r.text("profile");
        if (file.study.profile && *file.study.profile != "walk" && *file.study.profile != "drive") {
            r.fail(*r.find("profile"), "'profile' must be \"walk\" or \"drive\"");
        }
        file.study.thresholds_m = r.numbers("thresholds_m", 1.0, 200000.0);
        if (const toml::table* access = r.table("access")) {
            const Reader a(path.string(), *access, "[study.access]");
            a.allow_only({"decay", "catchment_m", "scale_m", "spread_m", "capacity"});
            AccessSettings settings;
            settings.at = {path.string(), a.line()};
            settings.decay = a.text("decay");
            if (settings.decay && *settings.decay != "step" && *settings.decay != "linear" &&
                *settings.decay != "gaussian" && *settings.decay != "exponential" && *settings.decay != "logistic" &&
                *settings.decay != "zones") {
                a.fail(*a.find("decay"),
                       "'decay' must be \"step\", \"linear\", \"gaussian\", \"exponential\", \"logistic\" or \"zones\"");
            }
            settings.catchment_m = a.number("catchment_m", 1.0, 200000.0);
            settings.scale_m = a.number("scale_m", 1.0, 200000.0);
            settings.spread_m = a.number("spread_m", 1.0, 200000.0);
            if (const toml::table* capacity = a.table("capacity")) {
                const Reader c(path.string(), *capacity, "[study.access] capacity");
                for (const auto& [key, node] : *capacity) {
                    const std::string id(key.str());
                    c.check_site_id(node, id);
                    settings.capacity[id] = *c.number(id.c_str(), 0.0, 1e9);
                }
            }
            file.study.access = std::move(settings);
        }
    }
    file.study.costs = read_costs(top, top.table("costs"));
    const toml::node* scenarios = root.get("scenario");
    if (scenarios == nullptr || !scenarios->is_array_of_tables()) {
        throw InputError(path.string(), "", "no scenarios: add at least one [[scenario]] table");
    }
    std::map<std::string, std::size_t> line_of;
    for (const auto& element : *scenarios->as_array()) {
        const Reader reader(path.string(), *element.as_table(), "[[scenario]]");
        Scenario s = read_scenario(reader);
        if (const auto [it, inserted] = line_of.emplace(s.id, reader.line()); !inserted) {
            reader.fail_here("scenario id '" + s.id + "' is used twice (first on line " + std::to_string(it->second) +
                             ")");
        }
        file.scenarios.push_back(std::move(s));
    }
    for (const auto& s : file.scenarios) {
        if (s.start_from && !line_of.count(*s.start_from)) {
            throw InputError(path.string(), "line " + std::to_string(s.at.line),
                             "scenario '" + s.id + "' starts from '" + *s.start_from + "', which is not in this file");
        }
    }
    (void)in_dependency_order(file);  // throws on a cycle
    return file;
}

Costs merged_costs(const Costs& base, const Costs& over) {
    Costs out = base;
    if (over.centre) {
        out.centre = over.centre;
    }
    if (over.outreach) {
        out.outreach = over.outreach;
    }
    if (over.colocation_saving) {
        out.colocation_saving = over.colocation_saving;
    }
    if (over.library_base) {
        out.library_base = over.library_base;
    }
    for (const auto& [id, cost] : over.per_site) {
        out.per_site[id] = cost;
    }
    return out;
}

namespace {

// A root that changes nothing: every centre open, as every optimised file starts.
bool changes_nothing(const Scenario& s) {
    return !s.start_from && s.close.empty() && s.keep.empty() && !s.keep_only && s.keep_where.empty() &&
           s.colocate.empty() && !s.library_bases && !s.colocate_rule && !s.outreach && s.target.empty() &&
           s.thresholds_m.empty() && !s.keep_by_budget && !s.year;
}

// The same statements about sites and money (where each was written aside).
bool same_plan(const Scenario& a, const Scenario& b) {
    auto pairs = [](const Scenario& s) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& move : s.colocate) {
            out.emplace_back(move.centre, move.library);
        }
        return out;
    };
    // Only the prices it pays: a library base's when it has bases, a move's saving when it moves centres.
    auto money = [](const Scenario& s) {
        const Costs& c = s.costs;
        const bool bases = s.library_bases && !s.library_bases->empty();
        return std::tuple{c.centre, bases ? c.library_base : std::nullopt,
                          s.colocate.empty() ? std::nullopt : c.colocation_saving, c.per_site};
    };
    auto budget_rule = [](const Scenario& s) {
        return s.keep_by_budget ? std::optional<double>(s.keep_by_budget->budget) : std::nullopt;
    };
    return a.name == b.name && a.start_from == b.start_from && a.close == b.close && a.keep == b.keep &&
           a.keep_only == b.keep_only && a.keep_where == b.keep_where && pairs(a) == pairs(b) &&
           a.library_bases == b.library_bases && !a.colocate_rule && !b.colocate_rule && !a.outreach &&
           !b.outreach && a.target.empty() && b.target.empty() && a.thresholds_m == b.thresholds_m &&
           money(a) == money(b) && a.budget == b.budget && budget_rule(a) == budget_rule(b) &&
           a.year == b.year;
}

}  // namespace

void add_scenarios(ScenarioFile& file, const ScenarioFile& added, std::string start_id) {  // a copy: it may name one of file's own
    const std::string where = added.path.string();
    const auto& study = added.study;
    if (study.year || study.data || study.distance || study.circuity || study.network || study.profile ||
        !study.thresholds_m.empty() || study.access) {
        throw InputError(where, "[study]",
                         "a file added to another may only name its study and state [costs]; the settings are the "
                         "first file's");
    }
    if (study.study && file.study.study && *study.study != *file.study.study) {
        throw InputError(where, "[study]",
                         "is about the study '" + *study.study + "', the first file about '" + *file.study.study + "'");
    }
    const auto start = std::find_if(file.scenarios.begin(), file.scenarios.end(),
                                    [&](const Scenario& s) { return s.id == start_id; });
    if (start == file.scenarios.end()) {
        throw InputError(file.path.string(), "", "has no scenario '" + start_id + "' for added scenarios to start from");
    }
    std::map<std::string, const Scenario*> ids;
    for (const auto& s : file.scenarios) {
        ids[s.id] = &s;
    }
    std::set<std::string> dropped;
    std::vector<Scenario> incoming;
    for (const auto& s : added.scenarios) {
        if (changes_nothing(s)) {
            dropped.insert(s.id);  // the same as the first file's start
            continue;
        }
        Scenario copy = s;
        // Its file's [costs] hold for it, over what it inherits.
        copy.costs = merged_costs(study.costs, s.costs);
        if (!copy.start_from || dropped.count(*copy.start_from)) {
            copy.start_from = start_id;
        }
        if (const auto clash = ids.find(s.id); clash != ids.end()) {
            if (same_plan(*clash->second, copy)) {
                continue;  // the same answer in two files (optimise writes a budget's in each run): run once
            }
            throw InputError(where, "line " + std::to_string(s.at.line),
                             "scenario id '" + s.id + "' is also in " + clash->second->at.file + " (line " +
                                 std::to_string(clash->second->at.line) + "), with other contents");
        }
        incoming.push_back(std::move(copy));
    }
    for (auto& s : incoming) {
        file.scenarios.push_back(std::move(s));
    }
    (void)in_dependency_order(file);
}

std::vector<const Scenario*> in_dependency_order(const ScenarioFile& file) {
    std::map<std::string, const Scenario*> by_id;
    for (const auto& s : file.scenarios) {
        by_id[s.id] = &s;
    }
    std::vector<const Scenario*> order;
    std::set<std::string> done;
    // Each scenario's chain of bases is walked up (not recursed: a chain may be thousands long) to
    // the first one already placed, then placed from there down; each scenario is walked once.
    std::vector<const Scenario*> path;
    std::set<std::string> on_path;
    for (const auto& first : file.scenarios) {
        path.clear();
        on_path.clear();
        for (const Scenario* s = &first; s != nullptr && !done.count(s->id);
             s = s->start_from ? by_id.at(*s->start_from) : nullptr) {
            if (!on_path.insert(s->id).second) {
                std::string cycle;
                for (const Scenario* p : path) {
                    cycle += p->id + " -> ";
                }
                throw InputError(file.path.string(), "line " + std::to_string(s->at.line),
                                 "'start_from' goes round in a circle: " + cycle + s->id);
            }
            path.push_back(s);
        }
        for (auto s = path.rbegin(); s != path.rend(); ++s) {
            done.insert((*s)->id);
            order.push_back(*s);
        }
    }
    return order;
}

}  // namespace centrecov::scenario
