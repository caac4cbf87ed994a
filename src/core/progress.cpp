#include "core/progress.hpp"

#include "core/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace centrecov {

namespace {
std::atomic<bool> progress_enabled{true};
}

void Progress::set_enabled(bool enabled) { progress_enabled = enabled; }
bool Progress::enabled() { return progress_enabled && isatty(STDERR_FILENO) != 0; }

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), active_(enabled()), last_draw_(std::chrono::steady_clock::now()) {
    if (active_) {
        draw(false);
    }
}

Progress::~Progress() {
    if (active_) {
        draw(true);
    }
}

void Progress::advance(std::size_t steps) {
    stop_if_interrupted();  // every step of long work is a checkpoint for Ctrl-C
    const std::lock_guard lock(mutex_);
    done_ += steps;
    if (!active_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ > std::chrono::milliseconds(100)) {
        last_draw_ = now;
        draw(false);
    }
}

void Progress::draw(bool final) {
    if (total_ > 0) {
        std::fprintf(stderr, "\r%s: %zu/%zu (%zu%%)%s", label_.c_str(), done_, total_, done_ * 100 / total_,
                     final ? "\n" : "");
    } else {
        std::fprintf(stderr, "\r%s: %zu%s", label_.c_str(), done_, final ? "\n" : "");
    }
    std::fflush(stderr);
}

}  // namespace centrecov
