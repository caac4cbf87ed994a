#pragma once

#include <cstdint>
#include <vector>

namespace centrecov::routing {

// A monotone bucket queue (Dial 1969, with the approximate buckets of Cherkassky,
// Goldberg and Radzik 1996): bucket i holds the values pushed with keys in
// [i * 2^shift, (i + 1) * 2^shift), in a circular array wide enough for the keys
// pending. Taking from the lowest bucket costs nothing beyond stepping over empty ones,
// and a value is touched once on the way in and once out; a whole 300,000-node search
// took about half as long with it as with a radix heap (bench/README.md).
//
// Values within a bucket come out in no particular order and keys are not kept, so the
// caller holds each value's current key and skips a value whose key has since moved to
// a lower bucket (`bucket_of(key)` below the bucket it is taken from). Where keys within
// one bucket can still improve each other (a step cheaper than the bucket's width), a
// search must take a value again whenever its key falls: then it computes the same costs
// as Dijkstra's algorithm, only scanning some nodes twice; the width sets how often
// (bench/README.md).
class BucketQueue {
public:
    // Empties the queue for keys of at least `least_key`, in buckets 2^shift wide.
    void reset(unsigned shift, std::uint32_t least_key) {
        if (size_ != 0) {  // a drain always ends empty, so a search's next run skips this pass
            for (auto& bucket : buckets_) {
                bucket.clear();
            }
        }
        if (buckets_.empty()) {
            buckets_.resize(64);
            mask_ = 63;
        }
        shift_ = shift;
        current_ = least_key >> shift;
        size_ = 0;
    }

    // key >= the start of the current bucket.
    void push(std::uint32_t key, std::uint32_t value) {
        const std::uint64_t index = bucket_of(key);
        if (index - current_ > mask_) [[unlikely]] {
            grow(index - current_ + 1);
        }
        buckets_[index & mask_].push_back(value);
        ++size_;
    }

    bool empty() const { return size_ == 0; }

    // Takes every value, lowest bucket first, calling take(value, bucket) for each; `take` may
    // push (into this bucket or a later one). The bucket being emptied is looked up again
    // only after a push has widened the queue, which keeps the loop as tight as a hand-written one.
    template <typename Take>
    void drain(Take take) {
        while (size_ > 0) {
            const std::uint64_t mask = mask_;
            std::vector<std::uint32_t>* bucket = &buckets_[current_ & mask_];
            while (!bucket->empty()) {
                const std::uint32_t value = bucket->back();
                bucket->pop_back();
                --size_;
                take(value, current_);
                if (mask_ != mask) [[unlikely]] {
                    bucket = &buckets_[current_ & mask_];
                }
            }
            ++current_;
        }
    }

    std::uint64_t bucket_of(std::uint32_t key) const { return key >> shift_; }

private:
    // Wider, keeping every value in its bucket: the slot of bucket i is i mod the width,
    // and the buckets pending span less than the old width, so each slot names one bucket.
    void grow(std::uint64_t needed) {
        std::size_t width = buckets_.size();
        while (width < needed) {
            width *= 2;
        }
        std::vector<std::vector<std::uint32_t>> wider(width);
        const std::uint64_t old_mask = buckets_.size() - 1;
        for (std::uint64_t slot = 0; slot < buckets_.size(); ++slot) {
            const std::uint64_t index = current_ + ((slot - current_) & old_mask);
            wider[index & (width - 1)] = std::move(buckets_[slot]);
        }
        buckets_ = std::move(wider);
        mask_ = width - 1;
    }

    std::vector<std::vector<std::uint32_t>> buckets_;  // a power of two of them
    std::uint64_t mask_ = 0;  // their number - 1
    unsigned shift_ = 0;
    std::uint64_t current_ = 0;
    std::size_t size_ = 0;
};

}  // namespace centrecov::routing
