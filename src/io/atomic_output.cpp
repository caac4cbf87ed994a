#include "io/atomic_output.hpp"

#include <unistd.h>

#include "core/error.hpp"

#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>

namespace centrecov::io {

namespace {

std::mutex protected_mutex;
std::set<std::filesystem::path> protected_paths;

std::filesystem::path canonical_or_given(const std::filesystem::path& path) {
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(path, error);
    return error ? std::filesystem::absolute(path).lexically_normal() : canonical;
}

}  // namespace

void protect_inputs(const std::vector<std::filesystem::path>& inputs) {
    const std::lock_guard lock(protected_mutex);
    protected_paths.clear();
    for (const auto& input : inputs) {
        if (!input.empty()) {
            protected_paths.insert(canonical_or_given(input));
        }
    }
}

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
    {
        const std::lock_guard lock(protected_mutex);
        if (protected_paths.count(canonical_or_given(final_path_))) {
            throw UsageError("refusing to write " + final_path_.string() +
                             ": it is one of this run's input files. Choose another --out folder.");
        }
    }
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
