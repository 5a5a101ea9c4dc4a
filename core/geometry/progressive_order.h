#pragma once
// An order of a point cloud's points in which every prefix is a uniform
// random subsample: a renderer with a budget of k points draws the first k
// (any k, chosen per frame), and drawing the next k fills in more of the
// same cloud without repeats, so density rises progressively once the view
// stops moving. A seeded shuffle: the same cloud gets the same order.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vantage::core {

// A permutation of 0..n-1 (Fisher-Yates with a fixed-seed generator).
std::vector<uint32_t> progressive_order(size_t n, uint64_t seed = 0x5eedull);

}  // namespace vantage::core
