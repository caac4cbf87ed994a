#include "core/progress.hpp"

#include "core/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace centrecov {

namespace {
std::atomic<bool> progress_enabled{true};
std::atomic<ProgressLines> progress_lines{ProgressLines::none};
}  // namespace

void Progress::set_enabled(bool enabled) { progress_enabled = enabled; }
bool Progress::enabled() { return style() != Style::off; }
void Progress::set_lines(ProgressLines lines) { progress_lines = lines; }

Progress::Style Progress::style() {
    if (!progress_enabled) {
        return Style::off;
    }
    if (isatty(STDERR_FILENO) != 0) {
        return Style::terminal;
    }
    return progress_lines == ProgressLines::lines ? Style::lines : Style::off;
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), style_(style()), last_draw_(std::chrono::steady_clock::now()) {
    if (style_ != Style::off) {
        draw(false);
    }
}

Progress::~Progress() {
    if (style_ != Style::off) {
        const std::lock_guard lock(mutex_);
        draw(true);
    }
}

void Progress::advance(std::size_t steps) {
    stop_if_interrupted();  // every step of long work is a checkpoint for Ctrl-C
    const std::lock_guard lock(mutex_);
    done_ += steps;
    if (style_ == Style::off) {
        return;
    }
    if (style_ == Style::lines && total_ > 0) {
        // A line per whole percent: at most 101 a counter, however many steps it has.
        if (done_ * 100 / total_ != last_percent_) {
            draw(false);
        }
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ > std::chrono::milliseconds(100)) {
        last_draw_ = now;
        draw(false);
    }
}

void Progress::draw(bool final) {
    const std::size_t percent = total_ > 0 ? done_ * 100 / total_ : 0;
    if (style_ == Style::lines) {
        if (final && drawn_done_ == done_) {
            return;  // the last line already said it
        }
        last_percent_ = percent;
        drawn_done_ = done_;
        if (total_ > 0) {
            std::fprintf(stderr, "progress: %s: %zu/%zu (%zu%%)\n", label_.c_str(), done_, total_, percent);
        } else {
            std::fprintf(stderr, "progress: %s: %zu\n", label_.c_str(), done_);
        }
    } else if (total_ > 0) {
        std::fprintf(stderr, "\r%s: %zu/%zu (%zu%%)%s", label_.c_str(), done_, total_, percent, final ? "\n" : "");
    } else {
        std::fprintf(stderr, "\r%s: %zu%s", label_.c_str(), done_, final ? "\n" : "");
    }
    std::fflush(stderr);
}

}  // namespace centrecov
