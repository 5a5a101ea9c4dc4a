#include "core/qa/hungarian.h"

#include <algorithm>
#include <limits>

namespace vantage::core {

namespace {

// Minimum-cost assignment of every row (n <= m) to a distinct column, by
// shortest augmenting paths with dual potentials u (rows) and v (columns).
// Index 0 is a virtual column that starts each augmentation.
std::vector<int> min_cost_rows(const std::vector<std::vector<double>>& cost, size_t n, size_t m) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0);
  std::vector<size_t> row_of_col(m + 1, 0), prev_col(m + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    row_of_col[0] = i;
    size_t col = 0;
    std::vector<double> min_slack(m + 1, inf);
    std::vector<char> visited(m + 1, 0);
    do {
      visited[col] = 1;
      const size_t row = row_of_col[col];
      double delta = inf;
      size_t next = 0;
      for (size_t j = 1; j <= m; ++j) {
        if (visited[j]) continue;
        const double slack = cost[row - 1][j - 1] - u[row] - v[j];
        if (slack < min_slack[j]) {
          min_slack[j] = slack;
          prev_col[j] = col;
        }
        if (min_slack[j] < delta) {
          delta = min_slack[j];
          next = j;
        }
      }
      for (size_t j = 0; j <= m; ++j) {
        if (visited[j]) {
          u[row_of_col[j]] += delta;
          v[j] -= delta;
        } else {
          min_slack[j] -= delta;
        }
      }
      col = next;
    } while (row_of_col[col] != 0);
    // Flip the augmenting path.
    do {
      const size_t p = prev_col[col];
      row_of_col[col] = row_of_col[p];
      col = p;
    } while (col != 0);
  }
  std::vector<int> out(n, -1);
  for (size_t j = 1; j <= m; ++j)
    if (row_of_col[j] != 0) out[row_of_col[j] - 1] = static_cast<int>(j - 1);
  return out;
}

}  // namespace

std::vector<int> max_score_assignment(const std::vector<std::vector<double>>& score) {
  const size_t rows = score.size();
  if (rows == 0) return {};
  const size_t cols = score[0].size();
  if (cols == 0) return std::vector<int>(rows, -1);
  double top = 0;
  for (const auto& r : score)
    for (double s : r)
      top = std::max(top, s);
  if (rows <= cols) {
    std::vector<std::vector<double>> cost(rows, std::vector<double>(cols));
    for (size_t i = 0; i < rows; ++i)
      for (size_t j = 0; j < cols; ++j)
        cost[i][j] = top - score[i][j];
    return min_cost_rows(cost, rows, cols);
  }
  // More rows than columns: assign the columns instead, then invert.
  std::vector<std::vector<double>> cost(cols, std::vector<double>(rows));
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j)
      cost[j][i] = top - score[i][j];
  const std::vector<int> col_to_row = min_cost_rows(cost, cols, rows);
  std::vector<int> out(rows, -1);
  for (size_t j = 0; j < cols; ++j)
    if (col_to_row[j] >= 0) out[static_cast<size_t>(col_to_row[j])] = static_cast<int>(j);
  return out;
}

}  // namespace vantage::core
