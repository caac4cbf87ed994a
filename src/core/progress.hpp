#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

namespace centrecov {

// How progress is shown when standard error is not a terminal: not at all (pipes,
// logs and CI stay clean), or as lines another program reads (the QGIS plugin).
enum class ProgressLines { none, lines };

// A one-line progress counter on the terminal. It draws only when standard
// error is a terminal and progress is enabled (--quiet disables it). When
// standard error is not a terminal and lines are asked for (--progress=lines),
// it prints one line per whole percent instead:
//     progress: LABEL: DONE/TOTAL (P%)
// (without "/TOTAL (P%)" when the total is unknown, then at most ten a second),
// from 0 at the start to the final count at the end. advance() may be called
// from several threads.
class Progress {
public:
    Progress(std::string label, std::size_t total);
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress();

    void advance(std::size_t steps = 1);

    static void set_enabled(bool enabled);
    static bool enabled();
    static void set_lines(ProgressLines lines);

private:
    enum class Style { off, terminal, lines };
    static Style style();
    void draw(bool final);

    std::string label_;
    std::size_t total_;
    std::size_t done_ = 0;
    Style style_;
    std::size_t last_percent_ = 0;
    std::optional<std::size_t> drawn_done_;  // the count the last line gave (lines)
    std::chrono::steady_clock::time_point last_draw_;
    std::mutex mutex_;
};

}  // namespace centrecov
