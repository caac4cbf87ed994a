#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "routing/radix_heap.hpp"

namespace centrecov::routing {
namespace {

// Pops as a Dijkstra search does: each key pushed is at least the last popped.
TEST(RadixHeap, PopsInOrderOfKeyUnderMonotonePushes) {
    std::mt19937 random(11);
    RadixHeap heap;
    std::vector<std::uint32_t> expected;  // the keys of every item pushed
    std::vector<std::uint32_t> popped;
    std::uint32_t last = 0;
    heap.push(0, 0);
    expected.push_back(0);
    for (std::uint32_t value = 1; !heap.empty(); ++value) {
        const std::uint64_t top = heap.pop();
        last = RadixHeap::key_of(top);
        popped.push_back(last);
        // Widely spread steps, some zero (equal keys) and some near the top of the range.
        if (value < 20'000) {
            for (int k = 0; k < 2; ++k) {
                const std::uint32_t step = std::uniform_int_distribution<int>(0, 3)(random) == 0
                                               ? 0
                                               : std::uniform_int_distribution<std::uint32_t>(1, 1U << 20)(random);
                const std::uint32_t key = last > UINT32_MAX - step ? UINT32_MAX : last + step;
                heap.push(key, value);
                expected.push_back(key);
            }
        }
    }
    EXPECT_TRUE(std::is_sorted(popped.begin(), popped.end()));
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(popped, expected);
    EXPECT_EQ(heap.size(), 0u);
}

TEST(RadixHeap, KeepsValuesWithTheirKeysAndStartsAfreshWhenCleared) {
    RadixHeap heap;
    heap.push(500, 7);
    heap.push(UINT32_MAX, 9);
    heap.push(20, 3);
    EXPECT_EQ(heap.size(), 3u);
    EXPECT_EQ(heap.pop(), RadixHeap::pack(20, 3));
    EXPECT_EQ(heap.pop(), RadixHeap::pack(500, 7));
    heap.clear();
    EXPECT_TRUE(heap.empty());
    heap.push(4, 1);  // below the last key popped before the clear
    heap.push(2, 2);
    EXPECT_EQ(RadixHeap::value_of(heap.pop()), 2u);
    EXPECT_EQ(RadixHeap::value_of(heap.pop()), 1u);
}

}  // namespace
}  // namespace centrecov::routing
