#include "io/atomic_output.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
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

// Flushes a file or folder to the disk, so a rename never publishes data that a
// power cut could lose.
void sync_path(const std::filesystem::path& path, bool directory) {
    const int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + path.string() + " to sync it: " +
                                 std::error_code(errno, std::generic_category()).message());
    }
    const int synced = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (synced != 0 && saved != EINVAL) {  // EINVAL: a file system that cannot sync (pipes, some mounts)
        throw std::runtime_error("cannot write " + path.string() + ": " +
                                 std::error_code(saved, std::generic_category()).message());
    }
}

std::mutex staging_mutex;
std::map<std::string, std::string> staging_names;  // staging folder -> destination, as printed

constexpr const char* staging_prefix = ".centrecov-staging-";
constexpr const char* replaced_prefix = ".centrecov-replaced-";
constexpr const char* partial_marker = ".partial-";
constexpr const char* outputs_list_prefix = ".centrecov-outputs-";

// The process id a leftover name ends with, when it is one of ours.
std::optional<long> leftover_pid(const std::string& name) {
    std::string_view digits;
    for (const char* prefix : {staging_prefix, replaced_prefix}) {
        if (name.rfind(prefix, 0) == 0) {
            digits = std::string_view(name).substr(std::string_view(prefix).size());
        }
    }
    if (const auto at = name.rfind(partial_marker); digits.empty() && name.front() == '.' && at != std::string::npos) {
        digits = std::string_view(name).substr(at + std::string_view(partial_marker).size());
    }
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::stol(std::string(digits));
}

// Removes what runs killed before they finished left in a folder (their pid is gone).
void remove_leftovers(const std::filesystem::path& folder) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        const auto pid = leftover_pid(name);
        if (pid && *pid != getpid() && ::kill(static_cast<pid_t>(*pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            std::filesystem::remove_all(entry.path(), ignored);
        }
    }
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::vector<std::string> lines;
    std::ifstream stream(path);
    std::string line;
    while (std::getline(stream, line)) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

// The input file that `path` is or holds, if any.
std::optional<std::filesystem::path> input_inside(const std::filesystem::path& path) {
    const auto target = canonical_or_given(path);
    const std::lock_guard lock(protected_mutex);
    for (const auto& input : protected_paths) {
        const auto [end, ignored] = std::mismatch(target.begin(), target.end(), input.begin(), input.end());
        if (end == target.end()) {
            return input;
        }
    }
    return std::nullopt;
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
        throw UsageError("cannot use " + directory.string() + " as an output folder: " + error.message());
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
    sync_path(temporary_path_, false);
    std::error_code error;
    std::filesystem::rename(temporary_path_, final_path_, error);
    if (error) {
        throw std::runtime_error("cannot write " + final_path_.string() + ": " + error.message());
    }
    committed_ = true;
}

void write_text_file(const std::filesystem::path& path, const std::string& content) {
    AtomicOutput output(path);
    // Plain POSIX writes, so that a full disk is reported with its cause, naming the file.
    const int fd = ::open(output.temporary_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int saved = errno;
        const std::string cause = std::error_code(saved, std::generic_category()).message();
        if (saved == EACCES || saved == EPERM || saved == EROFS) {
            // A folder the user cannot write to is a bad output option (exit 2), as OutputTree says too.
            throw UsageError("cannot use " + output.temporary_path().parent_path().string() +
                             " as an output folder: cannot write in it (" + cause + ")");
        }
        throw std::runtime_error("cannot create " + path.string() + ": " + cause);
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int saved = n < 0 ? errno : ENOSPC;
            ::close(fd);
            throw std::runtime_error("cannot write " + path.string() + ": " +
                                     std::error_code(saved, std::generic_category()).message());
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        throw std::runtime_error("cannot write " + path.string() + ": " +
                                 std::error_code(errno, std::generic_category()).message());
    }
    output.commit();
}

OutputTree::OutputTree(std::vector<OutputDestination> destinations) {
    for (auto& destination : destinations) {
        if (destination.folder.empty()) {
            throw UsageError("the output folder is empty: name one");
        }
        const auto folder = canonical_or_given(destination.folder);
        const bool seen = std::any_of(destinations_.begin(), destinations_.end(),
                                      [&](const Destination& d) { return canonical_or_given(d.folder) == folder; });
        if (seen) {
            continue;  // the same folder named twice: one staging folder
        }
        std::error_code error;
        // The outermost folder this run creates: removed again if the run fails.
        std::filesystem::path created;
        for (auto at = std::filesystem::absolute(destination.folder).lexically_normal();
             !at.empty() && !std::filesystem::exists(at); at = at.parent_path()) {
            created = at;
            if (at == at.parent_path()) {
                break;
            }
        }
        std::filesystem::create_directories(destination.folder, error);
        if (error || !std::filesystem::is_directory(destination.folder)) {
            throw UsageError("cannot use " + destination.folder.string() + " as an output folder: " +
                             (error ? error.message() : std::string("it is not a folder")));
        }
        remove_leftovers(destination.folder);
        Destination d{destination.folder, destination.folder / (staging_prefix + std::to_string(getpid())),
                      destination.role, created};
        std::filesystem::remove_all(d.staging, error);
        std::filesystem::create_directory(d.staging, error);
        if (error) {
            // A folder that exists but cannot be written to is as bad an --out as one that cannot be made: exit 2 alike.
            throw UsageError("cannot use " + destination.folder.string() + " as an output folder: cannot write in it (" +
                             error.message() + ")");
        }
        {
            const std::lock_guard lock(staging_mutex);
            staging_names[d.staging.string()] = d.folder.string();
        }
        destinations_.push_back(std::move(d));
    }
}

OutputTree::~OutputTree() {
    for (const auto& d : destinations_) {
        std::error_code ignored;
        if (!committed_) {
            std::filesystem::remove_all(d.staging, ignored);
            // Folders this run made and left empty go too (remove() keeps a folder with anything in it).
            const auto stop = d.created.empty() ? std::filesystem::path() : d.created.parent_path();
            for (auto at = std::filesystem::absolute(d.folder).lexically_normal(); !d.created.empty() && at != stop;
                 at = at.parent_path()) {
                if (!std::filesystem::remove(at, ignored)) {
                    break;
                }
            }
        }
        // The name stays registered: the error that ended the run is printed after this.
    }
}

std::filesystem::path OutputTree::staged(const std::filesystem::path& folder) const {
    const auto wanted = canonical_or_given(folder);
    for (const auto& d : destinations_) {
        if (canonical_or_given(d.folder) == wanted) {
            return d.staging;
        }
    }
    throw std::logic_error("not an output folder of this run: " + folder.string());
}

void OutputTree::commit() {
    stop_if_interrupted();
    struct Plan {
        const Destination* destination;
        std::vector<std::string> written;  // top-level entries of the staging folder
        std::vector<std::string> stale;    // listed last time, not written now
    };
    std::vector<Plan> plans;
    for (const auto& d : destinations_) {
        Plan plan{&d, {}, {}};
        for (const auto& entry : std::filesystem::directory_iterator(d.staging)) {
            plan.written.push_back(entry.path().filename().string());
        }
        std::sort(plan.written.begin(), plan.written.end());
        for (const auto& name : read_lines(d.folder / (outputs_list_prefix + d.role))) {
            const bool safe = name.find('/') == std::string::npos && name != "." && name != ".." &&
                              name.rfind('.', 0) != 0;
            if (safe && !std::binary_search(plan.written.begin(), plan.written.end(), name) &&
                std::filesystem::exists(std::filesystem::symlink_status(d.folder / name))) {
                plan.stale.push_back(name);
            }
        }
        for (const auto* names : {&plan.written, &plan.stale}) {
            for (const auto& name : *names) {
                if (const auto input = input_inside(d.folder / name)) {
                    const auto target = (d.folder / name).string();
                    throw UsageError(canonical_or_given(d.folder / name) == *input
                                         ? "refusing to write " + target +
                                               ": it is one of this run's input files. Choose another --out folder."
                                         : "refusing to replace " + target + ": it holds " + input->string() +
                                               ", one of this run's input files. Choose another --out folder.");
                }
            }
        }
        plans.push_back(std::move(plan));
    }
    // From here on no checkpoint: the moves are quick, and a stop now would mix runs.
    struct Move {
        std::filesystem::path from;
        std::filesystem::path to;
    };
    std::vector<Move> done;
    auto move = [&](const std::filesystem::path& from, const std::filesystem::path& to) {
        std::error_code error;
        std::filesystem::rename(from, to, error);
        if (error) {
            throw std::runtime_error("cannot move " + from.string() + " to " + to.string() + ": " + error.message());
        }
        done.push_back({from, to});
    };
    try {
        for (const auto& plan : plans) {
            const auto& d = *plan.destination;
            const auto replaced = d.folder / (replaced_prefix + std::to_string(getpid()));
            std::filesystem::create_directory(replaced);
            for (const auto& name : plan.stale) {
                move(d.folder / name, replaced / name);
            }
            for (const auto& name : plan.written) {
                if (std::filesystem::exists(std::filesystem::symlink_status(d.folder / name))) {
                    move(d.folder / name, replaced / name);
                }
                move(d.staging / name, d.folder / name);
            }
        }
    } catch (...) {
        for (auto m = done.rbegin(); m != done.rend(); ++m) {  // put everything back
            std::error_code ignored;
            std::filesystem::rename(m->to, m->from, ignored);
        }
        throw;
    }
    committed_ = true;
    for (const auto& plan : plans) {
        const auto& d = *plan.destination;
        std::ostringstream list;
        for (const auto& name : plan.written) {
            list << name << '\n';
        }
        write_text_file(d.folder / (outputs_list_prefix + d.role), list.str());
        sync_path(d.folder, true);
        std::error_code ignored;
        std::filesystem::remove_all(d.folder / (replaced_prefix + std::to_string(getpid())), ignored);
        std::filesystem::remove_all(d.staging, ignored);
    }
}

std::string with_final_paths(std::string message) {
    const std::lock_guard lock(staging_mutex);
    for (const auto& [staging, folder] : staging_names) {
        for (std::size_t at = message.find(staging); at != std::string::npos;
             at = message.find(staging, at + folder.size())) {
            message.replace(at, staging.size(), folder);
        }
    }
    return message;
}

}  // namespace centrecov::io
