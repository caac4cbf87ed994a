#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "network/graph.hpp"
#include "routing/bucket_queue.hpp"
#include "routing/search.hpp"
#include "support/random_roads.hpp"

namespace centrecov::routing {
namespace bucket_queue_test {

// Takes as a search does (each key pushed at least the start of the bucket last taken from),
// with steps from zero to far beyond the queue's first 64 buckets, so it grows while full.
TEST(BucketQueue, TakesBucketByBucketAndGrowsWithoutLosingAValue) {
    for (const unsigned shift : {0U, 3U, 10U}) {
        std::mt19937 random(11 + shift);
        BucketQueue queue;
        queue.reset(shift, 1000);
        std::map<std::uint32_t, std::uint32_t> key_of;  // value -> key
        std::vector<std::uint64_t> buckets_taken;
        std::size_t pushed = 0;
        queue.push(1000, 0);
        key_of[0] = 1000;
        ++pushed;
        std::size_t taken = 0;
        std::uint32_t value = 1;
        queue.drain([&](std::uint32_t v, std::uint64_t bucket) {
            ++taken;
            ASSERT_EQ(queue.bucket_of(key_of.at(v)), bucket) << "shift " << shift;
            buckets_taken.push_back(bucket);
            if (value < 5'000) {
                for (int k = 0; k < 2; ++k) {
                    const std::uint32_t step = std::uniform_int_distribution<int>(0, 3)(random) == 0
                                                   ? 0
                                                   : std::uniform_int_distribution<std::uint32_t>(1, 5000U << shift)(random);
                    const std::uint32_t key = key_of.at(v) + step;
                    const std::uint32_t fresh = value * 2 + static_cast<std::uint32_t>(k);
                    queue.push(key, fresh);
                    key_of[fresh] = key;
                    ++pushed;
                }
            }
            ++value;
        });
        EXPECT_TRUE(queue.empty());
        EXPECT_EQ(taken, pushed);
        EXPECT_TRUE(std::is_sorted(buckets_taken.begin(), buckets_taken.end()));
    }
}

TEST(BucketQueue, StartsAfreshAfterAReset) {
    BucketQueue queue;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> taken;
    const auto take = [&](std::uint32_t value, std::uint64_t bucket) { taken.emplace_back(value, bucket); };
    queue.reset(4, 0);
    queue.push(5000, 7);
    queue.push(20, 3);
    queue.drain(take);
    // Buckets 16 wide: 20 is in bucket 1, 5,000 in bucket 312; after a reset from 0, 40 is in bucket 2.
    queue.reset(4, 0);
    queue.push(40, 1);
    queue.drain(take);
    EXPECT_EQ(taken, (std::vector<std::pair<std::uint32_t, std::uint64_t>>{{3, 1}, {7, 312}, {1, 2}}));
    EXPECT_TRUE(queue.empty());
}

TEST(BucketQueue, AResetForgetsValuesNeverTaken) {
    BucketQueue queue;
    queue.reset(4, 0);
    queue.push(5000, 7);  // past the first 64 buckets: the queue grows
    queue.push(20, 3);
    queue.reset(4, 0);
    queue.push(40, 1);
    std::vector<std::uint32_t> taken;
    queue.drain([&](std::uint32_t value, std::uint64_t) { taken.push_back(value); });
    EXPECT_EQ(taken, std::vector<std::uint32_t>{1});
}

TEST(BucketShift, FewArcsAreCheaperThanABucketIsWide) {
    const auto network = test::random_network(3, 30);
    const auto graph = network::build_graph(network, network::drive_profile());
    for (const Metric metric : {Metric::metres, Metric::seconds}) {
        const unsigned shift = bucket_shift(graph.forward, metric);
        std::size_t cheaper = 0;
        const auto [first, last] = boost::edges(graph.forward);
        for (auto arc = first; arc != last; ++arc) {
            cheaper += arc_cost(graph.forward[*arc], metric) < (Cost{1} << shift) ? 1U : 0U;
        }
        EXPECT_LE(cheaper * 20, boost::num_edges(graph.forward));
        std::size_t cheaper_than_twice = 0;  // one step wider would be too wide
        for (auto arc = first; arc != last; ++arc) {
            cheaper_than_twice += arc_cost(graph.forward[*arc], metric) < (Cost{2} << shift) ? 1U : 0U;
        }
        EXPECT_GT(cheaper_than_twice * 20, boost::num_edges(graph.forward));
    }
}

}  // namespace bucket_queue_test
}  // namespace centrecov::routing
