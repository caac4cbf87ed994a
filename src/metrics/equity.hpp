#pragma once

// How unequally something is shared among families: concentration index against
// deprivation rank (Kakwani, Wagstaff & van Doorslaer 1997), Gini index, Palma
// ratio (Palma 2011; Cobham & Sumner 2013) and Theil's T with its between- and
// within-group parts (Theil 1967). Every index weights each area by its under-5s.
// See docs/access-and-equity.md.

#include <optional>
#include <string>
#include <vector>

namespace centrecov::metrics {

// 2 cov(h, r) / mean(h), r the weighted fractional rank of `rank_key` ascending (ties share
// their mean rank). With rank_key = IDACI rank (1 = most deprived), a negative index means
// h is concentrated among the more deprived. nullopt when the mean of h is 0 or no weight.
std::optional<double> concentration_index(const std::vector<double>& h, const std::vector<double>& weight,
                                          const std::vector<double>& rank_key);

// Erreygers' (2009) correction for an h bounded in [lower, upper]: 4 mean(h) / (upper - lower)
// times the index above, i.e. 8 cov(h, r) / (upper - lower). Its bounds are -1 and 1 whatever
// the mean (the plain index's are +-(1 - mean) for a yes/no h), so scenarios with different
// coverage compare on one scale. -1: exactly the most deprived half have h = upper and the rest
// lower. nullopt for no weight; throws when a value lies outside the bounds.
std::optional<double> erreygers_index(const std::vector<double>& h, const std::vector<double>& weight,
                                      const std::vector<double>& rank_key, double lower, double upper);

// 0 when all values are equal, towards 1 when one area holds everything. nullopt for no weight
// or a total of 0. Values must be finite and not negative.
std::optional<double> gini(const std::vector<double>& values, const std::vector<double>& weight);

// The share held by the top 10 % (of weight, by value) over the share held by the bottom 40 %;
// nullopt when the bottom 40 % hold nothing.
std::optional<double> palma(const std::vector<double>& values, const std::vector<double>& weight);

struct TheilT {
    double total = 0.0;
    double between = 0.0;  // between the groups' means
    double within = 0.0;   // inside the groups; between + within = total
};
// nullopt for no weight or a mean of 0.
std::optional<TheilT> theil(const std::vector<double>& values, const std::vector<double>& weight,
                            const std::vector<std::string>& group);

}  // namespace centrecov::metrics
