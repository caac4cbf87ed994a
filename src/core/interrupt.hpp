#pragma once

// Ctrl-C and kill: the first SIGINT or SIGTERM only asks the run to stop; the
// work stops at its next checkpoint (every progress step, and before outputs are
// moved into place) by throwing Interrupted, so the output folder keeps the
// earlier run whole. A second signal ends the process at once.

#include <stdexcept>

namespace centrecov {

class Interrupted : public std::runtime_error {
public:
    explicit Interrupted(int signal);
    int signal() const noexcept { return signal_; }

private:
    int signal_;
};

void install_interrupt_handlers();

// The signal that asked the run to stop, or 0.
int interrupt_signal() noexcept;

// Throws Interrupted when a stop was asked for.
void stop_if_interrupted();

}  // namespace centrecov
