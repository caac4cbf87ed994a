// centrecov: how well a network of family services reaches the families it exists for.
// This file only parses the command line and dispatches to one subcommand.

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "io/atomic_output.hpp"

int main(int argc, char** argv) {
    using namespace centrecov;
    CLI::App app{"centrecov: how well children's centres reach the families they exist for"};
    app.require_subcommand(1);
    app.fallthrough();  // --quiet and --verbose may follow the subcommand too
    bool quiet = false;
    bool verbose = false;
    app.add_flag("-q,--quiet", quiet, "Only warnings and errors; no progress");
    app.add_flag("-v,--verbose", verbose, "Say what is being read and computed");
    std::string progress_lines = "none";
    app.add_option("--progress", progress_lines,
                   "Progress when standard error is not a terminal: none, or lines (one line 'progress: LABEL: "
                   "DONE/TOTAL (P%)' per whole percent, for a program running centrecov); on a terminal the "
                   "counter is drawn either way, and --quiet silences both")
        ->capture_default_str()
        ->check(CLI::IsMember({"none", "lines"}));
    cli::add_version_flag(app);
    cli::add_geocode_command(app);
    cli::add_run_command(app);
    cli::add_calibrate_command(app);
    cli::add_scenarios_command(app);
    cli::add_optimise_command(app);

    auto logger = spdlog::stderr_color_mt("centrecov");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);
    app.parse_complete_callback([&] {
        spdlog::set_level(quiet ? spdlog::level::warn : (verbose ? spdlog::level::debug : spdlog::level::info));
        Progress::set_enabled(!quiet);
        Progress::set_lines(progress_lines == "lines" ? ProgressLines::lines : ProgressLines::none);
    });

    install_interrupt_handlers();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; every other option error is a usage error, 2.
        return app.exit(e) == 0 ? 0 : 2;
    } catch (const Interrupted& e) {
        spdlog::error("{}", e.what());
        return 128 + e.signal();  // what a shell reports for a process its signal ended
    } catch (const UsageError& e) {
        spdlog::error("{}", io::with_final_paths(e.what()));
        return 2;
    } catch (const InputError& e) {
        spdlog::error("{}", io::with_final_paths(e.what()));
        return 1;
    } catch (const std::exception& e) {
        spdlog::error("{}", io::with_final_paths(e.what()));
        return 1;
    }
    return 0;
}
