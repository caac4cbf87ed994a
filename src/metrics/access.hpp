#pragma once

// Accessibility scores per family area: how much service is within reach once
// the families competing for it are counted. Two-step floating catchment
// (2SFCA, Luo & Wang 2003), enhanced 2SFCA with distance-decay weights (E2SFCA,
// Luo & Qi 2009) and a gravity score (Hansen 1959). See docs/access-and-equity.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centrecov::metrics {

enum class DecayKind { step, linear, gaussian, exponential, logistic, zones };

std::optional<DecayKind> parse_decay(std::string_view name);
std::string_view to_string(DecayKind kind);

// How much a site at a distance counts: 1 at the door, 0 beyond the catchment.
struct Decay {
    DecayKind kind = DecayKind::zones;
    double catchment_m = 0.0;  // beyond it a site counts 0; 0: the largest coverage distance
    double scale_m = 0.0;      // gaussian: sigma; exponential: the distance over which the weight falls by e;
                               // logistic: where it is one half. 0: catchment / 2 (exponential: / 3)
    double spread_m = 0.0;     // logistic: how gradually it falls. 0: catchment / 10

    // The weight at `metres` (the decay's parameters already resolved).
    double weight(double metres) const;
    // The decay with its defaults filled in from the catchment.
    Decay resolved(double default_catchment_m) const;
    // In words: "Gaussian decay (sigma 2.5 km) within 5 km".
    std::string label() const;
};

struct AccessScores {
    std::vector<double> two_step;  // 2SFCA: sites per 1,000 under-5s within the catchment, competition counted
    std::vector<double> enhanced;  // E2SFCA: the same with the decay weights on both steps
    std::vector<double> gravity;   // Hansen: sites within reach, each weighted by the decay (no competition)
};

// `metres[f][s]`: distance from family area f to site s (infinite: no way). `demand`: under-5s per
// area; `supply`: each site's capacity (1 for an ordinary centre; outreach at its weight).
AccessScores access_scores(const std::vector<std::vector<double>>& metres, const std::vector<double>& demand,
                           const std::vector<double>& supply, const Decay& decay);

}  // namespace centrecov::metrics
