#include "core/interrupt.hpp"

#include <csignal>
#include <string>

namespace centrecov {

namespace {

volatile std::sig_atomic_t requested = 0;

extern "C" void on_stop_signal(int signal) {
    if (requested != 0) {
        // Asked twice: stop now (the next run removes what this one leaves).
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    requested = signal;
}

}  // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") + (signal == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM") +
                         ": nothing was changed in the output folder"),
      signal_(signal) {}

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() noexcept { return requested; }

void stop_if_interrupted() {
    if (const int signal = requested; signal != 0) {
        throw Interrupted(signal);
    }
}

}  // namespace centrecov
