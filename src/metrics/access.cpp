#include "metrics/access.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace centrecov::metrics {

namespace {

std::string km(double metres) {
    return metres >= 1000.0 ? fmt::format("{:g} km", std::round(metres / 100.0) / 10.0)
                            : fmt::format("{:.0f} m", metres);
}

}  // namespace

std::optional<DecayKind> parse_decay(std::string_view name) {
    for (const DecayKind kind : {DecayKind::step, DecayKind::linear, DecayKind::gaussian, DecayKind::exponential,
                                 DecayKind::logistic, DecayKind::zones}) {
        if (to_string(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

std::string_view to_string(DecayKind kind) {
    switch (kind) {
        case DecayKind::step:
            return "step";
        case DecayKind::linear:
            return "linear";
        case DecayKind::gaussian:
            return "gaussian";
        case DecayKind::exponential:
            return "exponential";
        case DecayKind::logistic:
            return "logistic";
        case DecayKind::zones:
            return "zones";
    }
    return "zones";
}

Decay Decay::resolved(double default_catchment_m) const {
    Decay d = *this;
    if (d.catchment_m <= 0.0) {
        d.catchment_m = default_catchment_m;
    }
    if (d.scale_m <= 0.0) {
        d.scale_m = d.kind == DecayKind::exponential ? d.catchment_m / 3.0 : d.catchment_m / 2.0;
    }
    if (d.spread_m <= 0.0) {
        d.spread_m = d.catchment_m / 10.0;
    }
    return d;
}

double Decay::weight(double metres) const {
    if (!(metres <= catchment_m) || catchment_m <= 0.0) {  // infinite and NaN too
        return 0.0;
    }
    switch (kind) {
        case DecayKind::step:
            return 1.0;
        case DecayKind::linear:
            return 1.0 - metres / catchment_m;
        case DecayKind::gaussian:
            return std::exp(-0.5 * (metres / scale_m) * (metres / scale_m));
        case DecayKind::exponential:
            return std::exp(-metres / scale_m);
        case DecayKind::logistic:
            return 1.0 / (1.0 + std::exp((metres - scale_m) / spread_m));
        case DecayKind::zones: {
            // Luo & Qi (2009): three equal zones weighted 1, 0.68 and 0.22 (from a Gaussian curve).
            const double third = catchment_m / 3.0;
            return metres <= third ? 1.0 : (metres <= 2.0 * third ? 0.68 : 0.22);
        }
    }
    return 0.0;
}

std::string Decay::label() const {
    switch (kind) {
        case DecayKind::step:
            return "no decay within " + km(catchment_m);
        case DecayKind::linear:
            return "linear decay to 0 at " + km(catchment_m);
        case DecayKind::gaussian:
            return fmt::format("Gaussian decay (sigma {}) within {}", km(scale_m), km(catchment_m));
        case DecayKind::exponential:
            return fmt::format("exponential decay (falling by e every {}) within {}", km(scale_m), km(catchment_m));
        case DecayKind::logistic:
            return fmt::format("logistic decay (one half at {}, spread {}) within {}", km(scale_m), km(spread_m),
                               km(catchment_m));
        case DecayKind::zones:
            return "three zones within " + km(catchment_m) + " weighted 1, 0.68 and 0.22 (Luo & Qi 2009)";
    }
    return "";
}

AccessScores access_scores(const std::vector<std::vector<double>>& metres, const std::vector<double>& demand,
                           const std::vector<double>& supply, const Decay& decay) {
    const std::size_t families = demand.size();
    const std::size_t sites = supply.size();
    if (metres.size() != families) {
        throw std::invalid_argument("access_scores: one row of distances per family area");
    }
    // Step 1: each site's supply over the demand it reaches (weighted by the decay for E2SFCA).
    std::vector<double> reached(sites, 0.0);
    std::vector<double> reached_weighted(sites, 0.0);
    for (std::size_t f = 0; f < families; ++f) {
        for (std::size_t s = 0; s < sites; ++s) {
            const double d = metres[f][s];
            if (d <= decay.catchment_m) {
                reached[s] += demand[f];
                reached_weighted[s] += demand[f] * decay.weight(d);
            }
        }
    }
    std::vector<double> ratio(sites, 0.0);
    std::vector<double> ratio_weighted(sites, 0.0);
    for (std::size_t s = 0; s < sites; ++s) {
        ratio[s] = reached[s] > 0.0 ? supply[s] / reached[s] : 0.0;
        ratio_weighted[s] = reached_weighted[s] > 0.0 ? supply[s] / reached_weighted[s] : 0.0;
    }
    // Step 2: each area sums the ratios of the sites it reaches.
    AccessScores scores;
    scores.two_step.assign(families, 0.0);
    scores.enhanced.assign(families, 0.0);
    scores.gravity.assign(families, 0.0);
    for (std::size_t f = 0; f < families; ++f) {
        for (std::size_t s = 0; s < sites; ++s) {
            const double d = metres[f][s];
            if (d <= decay.catchment_m) {
                const double w = decay.weight(d);
                scores.two_step[f] += 1000.0 * ratio[s];
                scores.enhanced[f] += 1000.0 * w * ratio_weighted[s];
                scores.gravity[f] += w * supply[s];
            }
        }
    }
    return scores;
}

}  // namespace centrecov::metrics
