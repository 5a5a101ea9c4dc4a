#pragma once
// Optimal assignment (Hungarian method with row/column potentials, O(n² m)):
// consensus and gold scoring pair up shapes of two annotators so that the
// summed overlap is largest, which greedy best-IoU-first pairing does not
// guarantee when boxes crowd (a pedestrian group, a parking lot).

#include <vector>

namespace vantage::core {

// score: rows x cols (rectangular allowed). Returns, per row, the column it
// is assigned to or -1 (when there are more rows than columns). Maximises
// the total score; every row is assigned while columns remain.
std::vector<int> max_score_assignment(const std::vector<std::vector<double>>& score);

}  // namespace vantage::core
