// centrecov geocode: place every centre and library and say how precisely.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <memory>

#include "analysis/baseline.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "io/atomic_output.hpp"
#include "report/sites_output.hpp"

namespace centrecov::cli {

void add_geocode_command(CLI::App& app) {
    auto options = std::make_shared<DataOptions>();
    CLI::App* command = app.add_subcommand(
        "geocode", "Place the centres and libraries from coordinates, postcodes, streets, places or wards, and write "
                   "sites.geojson and sites.csv with the precision and evidence of each");
    options->add_to(*command);
    add_version_flag(*command);
    command->callback([options] {
        const analysis::Study study = analysis::load_sites(options->inputs());
        const auto sites = study.all_sites();
        std::map<std::string, int> counts;
        for (const Site* site : sites) {
            ++counts[fmt::format("{:<8} {}", to_string(site->kind), to_string(site->location.precision))];
        }
        io::OutputTree output({{options->out, "geocode"}});
        report::write_sites(output.staged(options->out), sites, analysis::baseline_role);
        output.commit();
        log_warnings(study.warnings);
        for (const auto& [key, count] : counts) {
            fmt::print("{:<26} {:>3}\n", key, count);
        }
        fmt::print("wrote {}/sites.geojson and {}/sites.csv\n", options->out, options->out);
    });
}

}  // namespace centrecov::cli
