#include "io/atomic_output.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace centrecov::io {

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
    const auto directory = final_path_.has_parent_path() ? final_path_.parent_path() : std::filesystem::path(".");
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
        throw std::runtime_error("cannot create output directory " + directory.string() + ": " + error.message());
    }
    temporary_path_ = directory / ("." + final_path_.filename().string() + ".partial-" + std::to_string(getpid()));
    std::filesystem::remove(temporary_path_, error);
}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temporary_path_, ignored);
    }
}

void AtomicOutput::commit() {
    std::error_code error;
    std::filesystem::rename(temporary_path_, final_path_, error);
    if (error) {
        throw std::runtime_error("cannot write " + final_path_.string() + ": " + error.message());
    }
    committed_ = true;
}

void write_text_file(const std::filesystem::path& path, const std::string& content) {
    AtomicOutput output(path);
    {
        std::ofstream stream(output.temporary_path(), std::ios::binary | std::ios::trunc);
        if (!stream) {
            throw std::runtime_error("cannot open " + output.temporary_path().string() + " for writing");
        }
        stream << content;
        stream.flush();
        if (!stream) {
            throw std::runtime_error("cannot write " + path.string() + " (disk full?)");
        }
    }
    output.commit();
}

}  // namespace centrecov::io
