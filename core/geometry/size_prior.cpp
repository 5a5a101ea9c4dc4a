#include "core/geometry/size_prior.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace vantage::core {

namespace {

struct Entry {
  const char* name;
  Vec3 typical;
};

// Mean (l, w, h) in metres. KITTI object training statistics for the KITTI
// classes, nuScenes for the rest.
constexpr std::array<Entry, 17> kTypical = {{
    {"car", {3.88, 1.63, 1.53}},
    {"van", {5.08, 1.90, 2.21}},
    {"truck", {10.11, 2.59, 3.25}},
    {"tram", {16.09, 2.54, 3.53}},
    {"bus", {10.5, 2.94, 3.47}},
    {"trailer", {12.3, 2.90, 3.87}},
    {"construction_vehicle", {6.37, 2.85, 3.19}},
    {"pedestrian", {0.84, 0.66, 1.76}},
    {"person", {0.84, 0.66, 1.76}},
    {"person_sitting", {0.80, 0.60, 1.27}},
    {"cyclist", {1.76, 0.60, 1.74}},
    {"bicycle", {1.70, 0.60, 1.28}},
    {"motorcycle", {2.11, 0.77, 1.47}},
    {"motorcyclist", {2.11, 0.77, 1.60}},
    {"traffic_cone", {0.41, 0.41, 1.07}},
    // nuScenes barriers face the road: their length is the short side.
    {"barrier", {0.50, 2.53, 0.98}},
    {"vehicle", {4.3, 1.8, 1.6}},
}};

// An extent below 80 % of the typical one is taken as partly hidden: real
// objects vary by about +-15 % around the class mean.
constexpr double kMinShare = 0.8;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::optional<SizePrior> default_size_prior(const std::string& class_name) {
  const std::string n = lower(class_name);
  for (const Entry& e : kTypical)
    if (n == e.name) return SizePrior{e.typical * kMinShare, e.typical};
  return std::nullopt;
}

SizePrior size_prior_from_range(const SizeRange& range) {
  return {range.min, (range.min + range.max) * 0.5};
}

}  // namespace vantage::core
