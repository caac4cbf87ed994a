#pragma once

// What every harness shares: the input written to a file (the readers take
// paths), named so the readers accept it, in a folder of the harness's own.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <spdlog/spdlog.h>

namespace centrecov::fuzz {

inline std::filesystem::path input_file(const std::uint8_t* data, std::size_t size, const std::string& name) {
    static const std::filesystem::path folder = [] {
        spdlog::set_level(spdlog::level::off);  // warnings about bad input are expected, by the million
        const auto base = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                                : std::filesystem::temp_directory_path();
        auto dir = base / ("centrecov-fuzz-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        return dir;
    }();
    const auto path = folder / name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                  static_cast<std::streamsize>(size));
    return path;
}

}  // namespace centrecov::fuzz
