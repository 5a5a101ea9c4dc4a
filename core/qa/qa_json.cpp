#include "core/qa/qa_json.h"

#include <cmath>

namespace vantage::core {

using nlohmann::json;

namespace {
constexpr double kDeg = 180.0 / kPi;
json opt_id(const std::optional<ObjectId>& id) {
  return id ? json(*id) : json();
}
}  // namespace

json to_json(const Finding& f) {
  json j;
  j["severity"] = to_string(f.severity);
  j["rule"] = f.rule;
  j["location"] = f.location;
  j["object"] = opt_id(f.object);
  j["frame"] = f.frame >= 0 ? json(f.frame) : json();
  j["sensor"] = f.sensor;
  j["message"] = f.message;
  return j;
}

json to_json(const ClassAgreement& c) {
  json j;
  j["class"] = c.class_name;
  j["kind"] = c.kind;
  j["shapes"] = c.shapes;
  j["matched"] = c.matched;
  j["match_rate"] = c.match_rate();
  j["mean_iou"] = c.mean_iou();
  j["mean_center_difference"] = c.mean_center_difference();
  j["mean_yaw_difference_deg"] = c.mean_yaw_difference() * kDeg;
  return j;
}

json to_json(const Disagreement& d) {
  json j;
  j["kind"] = to_string(d.kind);
  j["frame"] = d.frame;
  j["sensor"] = d.sensor;
  j["shape"] = d.shape_kind;
  j["annotators"] = {d.annotator_a, d.annotator_b};
  j["objects"] = {opt_id(d.object_a), opt_id(d.object_b)};
  j["classes"] = {d.class_a, d.class_b};
  j["iou"] = d.iou;
  return j;
}

json to_json(const ConsensusReport& r) {
  json j;
  j["inputs"] = r.inputs;
  j["frames"] = r.frames;
  j["overall"] = to_json(r.overall);
  j["classes"] = json::array();
  for (const auto& c : r.classes)
    j["classes"].push_back(to_json(c));
  j["iou_histogram"] = r.iou_histogram;
  j["class_mismatches"] = r.class_mismatches;
  j["unmatched"] = r.unmatched;
  j["low_iou"] = r.low_iou;
  j["ignored"] = r.ignored;
  j["disagreements"] = json::array();
  for (const auto& d : r.disagreements)
    j["disagreements"].push_back(to_json(d));
  return j;
}

json to_json(const GoldScore& s) {
  json j;
  j["gold"] = s.gold;
  j["predicted"] = s.predicted;
  j["true_positives"] = s.true_positives;
  j["ignored"] = s.ignored;
  j["precision"] = s.precision();
  j["recall"] = s.recall();
  j["mean_iou_2d"] = s.pairs_2d ? json(s.mean_iou_2d()) : json();
  j["mean_iou_bev"] = s.pairs_cuboid ? json(s.mean_iou_bev()) : json();
  j["mean_iou_3d"] = s.pairs_cuboid ? json(s.mean_iou_3d()) : json();
  j["heading_error_deg"] = s.pairs_cuboid ? json(s.heading_error() * kDeg) : json();
  j["center_error_m"] = s.pairs_cuboid ? json(s.center_error()) : json();
  j["attribute_accuracy"] = s.attributes ? json(s.attribute_accuracy()) : json();
  j["attributes_compared"] = s.attributes;
  return j;
}

json to_json(const GoldReport& r) {
  json j;
  j["frames"] = r.frames;
  j["overall"] = to_json(r.overall);
  for (const auto& [k, s] : r.per_class)
    j["per_class"][k] = to_json(s);
  for (const auto& [k, s] : r.per_kind)
    j["per_kind"][k] = to_json(s);
  for (const auto& [k, s] : r.per_annotator)
    j["per_annotator"][k.empty() ? "(unknown)" : k] = to_json(s);
  return j;
}

}  // namespace vantage::core
