#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace centrecov {

// A one-line progress counter on the terminal. It draws only when standard
// error is a terminal and progress is enabled (--quiet disables it), so pipes,
// logs and CI stay clean. advance() may be called from several threads.
class Progress {
public:
    Progress(std::string label, std::size_t total);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress();

    void advance(std::size_t steps = 1);

    static void set_enabled(bool enabled);
    static bool enabled();

private:
    void draw(bool final);

    std::string label_;
    std::size_t total_;
    std::size_t done_ = 0;
    bool active_;
    std::chrono::steady_clock::time_point last_draw_;
    std::mutex mutex_;
};

}  // namespace centrecov
