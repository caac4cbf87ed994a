// The scenario file reader: any bytes give scenarios or an InputError, never a crash.
#include "core/error.hpp"
#include "fuzz/fuzz_support.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace centrecov;
    try {
        const auto file = scenario::read_scenario_file(fuzz::input_file(data, size, "s.toml"));
        (void)scenario::in_dependency_order(file);
    } catch (const InputError&) {
    }
    return 0;
}
