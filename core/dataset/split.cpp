#include "core/dataset/split.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <set>
#include <sstream>

#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// splitmix64: a fixed, portable generator (std::shuffle and the standard
// distributions differ between library implementations).
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

}  // namespace

std::vector<double> parse_ratios(const std::string& text) {
  std::vector<double> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    char* end = nullptr;
    const double v = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(v) || v < 0)
      throw Error(fmt::format("--ratios '{}': expected non-negative numbers separated by commas", text));
    out.push_back(v);
  }
  if (out.size() < 2) throw Error(fmt::format("--ratios '{}': give at least two ratios", text));
  return out;
}

SplitResult compute_split(std::vector<SplitInput> inputs, const SplitOptions& options) {
  std::vector<std::string> names = options.names;
  if (names.empty()) {
    if (options.ratios.size() == 2) names = {"train", "val"};
    else if (options.ratios.size() == 3) names = {"train", "val", "test"};
    else throw Error("give split names (--names) for other than two or three ratios");
  }
  if (names.size() != options.ratios.size())
    throw Error(fmt::format("{} split names but {} ratios", names.size(), options.ratios.size()));
  if (std::set<std::string>(names.begin(), names.end()).size() != names.size())
    throw Error("split names must differ");
  const double total_ratio = std::accumulate(options.ratios.begin(), options.ratios.end(), 0.0);
  if (!(total_ratio > 0)) throw Error("the split ratios sum to zero");
  const size_t S = names.size();
  std::vector<double> ratio(S);
  for (size_t s = 0; s < S; ++s) ratio[s] = options.ratios[s] / total_ratio;

  // Canonical order first (input order must not matter), then a seeded shuffle.
  std::sort(inputs.begin(), inputs.end(), [](const SplitInput& a, const SplitInput& b) { return a.name < b.name; });
  SplitMix rng{options.seed};
  for (size_t i = inputs.size(); i > 1; --i) std::swap(inputs[i - 1], inputs[rng.below(i)]);

  std::map<std::string, double> class_total;
  double frames_total = 0;
  for (const auto& in : inputs) {
    frames_total += in.frames;
    for (const auto& [c, n] : in.class_counts) class_total[c] += static_cast<double>(n);
  }
  std::vector<std::map<std::string, double>> want(S);
  std::vector<double> want_frames(S);
  for (size_t s = 0; s < S; ++s) {
    want_frames[s] = ratio[s] * frames_total;
    for (const auto& [c, n] : class_total) want[s][c] = ratio[s] * n;
  }
  SplitResult result;
  result.splits.resize(S);
  for (size_t s = 0; s < S; ++s) {
    result.splits[s].name = names[s];
    result.splits[s].ratio = ratio[s];
  }
  std::vector<char> done(inputs.size(), 0);
  size_t remaining = inputs.size();
  auto assign = [&](size_t i, size_t s) {
    done[i] = 1;
    --remaining;
    want_frames[s] -= inputs[i].frames;
    for (const auto& [c, n] : inputs[i].class_counts) want[s][c] -= static_cast<double>(n);
    SplitSummary& sum = result.splits[s];
    sum.sequences.push_back(inputs[i].name);
    sum.frames += inputs[i].frames;
    for (const auto& [c, n] : inputs[i].class_counts) sum.class_counts[c] += n;
    result.assignment[inputs[i].name] = names[s];
  };
  auto best_split = [&](const std::string* cls) {
    size_t best = S;
    for (size_t s = 0; s < S; ++s) {
      if (ratio[s] <= 0) continue;
      if (best == S) {
        best = s;
        continue;
      }
      const double a = cls ? want[s][*cls] : want_frames[s], b = cls ? want[best][*cls] : want_frames[best];
      if (a > b + 1e-9 || (std::abs(a - b) <= 1e-9 && want_frames[s] > want_frames[best] + 1e-9)) best = s;
    }
    return best;
  };
  while (remaining) {
    // The class in the fewest unassigned sequences (ties: fewest shapes, name).
    std::map<std::string, size_t> carriers;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (!done[i])
        for (const auto& [c, n] : inputs[i].class_counts)
          if (n) ++carriers[c];
    if (carriers.empty()) {
      for (size_t i = 0; i < inputs.size(); ++i)
        if (!done[i]) assign(i, best_split(nullptr));
      break;
    }
    const std::string* rare = nullptr;
    for (const auto& [c, k] : carriers)
      if (!rare || k < carriers[*rare] || (k == carriers[*rare] && class_total[c] < class_total[*rare])) rare = &c;
    const std::string cls = *rare;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (done[i]) continue;
      auto it = inputs[i].class_counts.find(cls);
      if (it == inputs[i].class_counts.end() || it->second == 0) continue;
      assign(i, best_split(&cls));
    }
  }
  for (auto& s : result.splits) std::sort(s.sequences.begin(), s.sequences.end());
  return result;
}

SplitResult split_dataset(Dataset& d, const SplitOptions& options) {
  auto& seqs = d.manifest().sequences;
  std::vector<SplitInput> inputs(seqs.size());
  std::vector<std::string> errors(seqs.size());
  tbb::parallel_for(size_t(0), seqs.size(), [&](size_t i) {
    try {
      const auto folder = d.sequence_folder(seqs[i]);
      SplitInput in;
      in.name = seqs[i].name;
      in.frames = load_sequence_file(folder / kSequenceFileName).frame_count();
      std::error_code ec;
      if (std::filesystem::exists(folder / kAnnotationsFileName, ec)) {
        const Annotations a = load_annotations_file(folder / kAnnotationsFileName);
        for (const Object& o : a.objects) in.class_counts[o.class_name] += o.shape_count();
      }
      inputs[i] = std::move(in);
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  });
  for (const auto& e : errors)
    if (!e.empty()) throw Error(e);
  SplitResult r = compute_split(inputs, options);
  for (auto& e : seqs) e.split = r.assignment.at(e.name);
  SplitSettings settings;
  for (const auto& s : r.splits) {
    settings.names.push_back(s.name);
    settings.ratios.push_back(s.ratio);
  }
  settings.seed = options.seed;
  d.manifest().split = settings;
  d.save();
  return r;
}

}  // namespace vantage::core
