#pragma once
// Train/val/test splits by whole sequence (no frame of a sequence in two
// splits), deterministic for a seed and stratified by class counts: iterative
// stratification (Sechidis, Tsoumakas and Vlahavas, ECML 2011) over shape
// counts per class, rarest class first, each sequence going to the split that
// most lacks that class (ties: the split that most lacks frames).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

struct SplitInput {
  std::string name;
  int frames = 0;
  std::map<std::string, size_t> class_counts;  // shapes per class
};

struct SplitOptions {
  std::vector<std::string> names;  // default train, val (, test)
  std::vector<double> ratios;      // normalised to sum 1
  uint64_t seed = 0;
};

struct SplitSummary {
  std::string name;
  double ratio = 0;
  std::vector<std::string> sequences;
  int frames = 0;
  std::map<std::string, size_t> class_counts;
};

struct SplitResult {
  std::map<std::string, std::string> assignment;  // sequence -> split
  std::vector<SplitSummary> splits;
};

// Pure: the same inputs (in any order) and seed give the same result.
SplitResult compute_split(std::vector<SplitInput> inputs, const SplitOptions& options);

// Loads every sequence, splits, writes the split into dataset.json.
SplitResult split_dataset(Dataset& dataset, const SplitOptions& options);

// "0.8,0.1,0.1" -> ratios. Throws Error on bad text.
std::vector<double> parse_ratios(const std::string& text);

}  // namespace vantage::core
