// The travel-profile TOML: any bytes change the speeds or give an error, never a crash.
#include "core/error.hpp"
#include "fuzz/fuzz_support.hpp"
#include "network/profile.hpp"
#include "network/profile_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace centrecov;
    const auto path = fuzz::input_file(data, size, "p.toml");
    for (const char* name : {"walk", "drive"}) {
        try {
            network::Profile profile = network::profile_named(name);
            network::apply_profile_config(profile, path);
        } catch (const InputError&) {
        } catch (const UsageError&) {
        }
    }
    return 0;
}
