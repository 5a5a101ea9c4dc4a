// Rules against the label schema: unknown-class, required-attribute,
// implausible-size. Findings are per object (with the first frame concerned
// and a count), not per frame: one wrong size on a 300-frame track is one
// thing to fix.
#include <algorithm>

#include "core/qa/rules_internal.h"

namespace vantage::core::qa_detail {

const SizeRange* class_size_range(const Schema& schema, const std::string& class_name) {
  for (const std::string& c : schema.ancestry(class_name)) {
    const ClassDef* def = schema.find_class(c);
    if (def && def->size_range) return &*def->size_range;
  }
  return nullptr;
}

namespace {

bool attribute_applies(const Schema& schema, const AttributeDef& def,
                       const std::string& class_name) {
  if (def.classes.empty()) return true;
  for (const std::string& c : schema.ancestry(class_name))
    if (def.applies_to(c)) return true;
  return false;
}

void check_required(RuleRun& run, const Object& o) {
  for (const AttributeDef& def : run.doc.schema.attributes) {
    if (!def.required || !attribute_applies(run.doc.schema, def, o.class_name)) continue;
    if (!def.per_frame) {
      if (!o.attributes.count(def.name))
        run.add("required-attribute", o.id, o.first_frame(), {},
                fmt::format("{} has no '{}' (required)", o.class_name, def.name));
      continue;
    }
    size_t anchors = 0, missing = 0;
    int first = -1;
    std::string sensor;
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes) {
        if (!is_anchor(fs.shape)) continue;
        ++anchors;
        if (fs.shape.attributes.count(def.name)) continue;
        if (missing++ == 0 || fs.frame < first) {
          first = fs.frame;
          sensor = t.sensor;
        }
      }
    if (missing > 0)
      run.add("required-attribute", o.id, first, sensor,
              fmt::format("'{}' (required, per frame) missing on {} of {} keyframes", def.name,
                          missing, anchors));
  }
}

void check_size(RuleRun& run, const Object& o) {
  const SizeRange* range = class_size_range(run.doc.schema, o.class_name);
  if (!range) return;
  const double tol = run.param("implausible-size", "tolerance");
  SizeRange r;
  r.min = range->min * (1.0 - tol);
  r.max = range->max * (1.0 + tol);
  const Track* t = o.track(kSceneSensor, ShapeKind::Cuboid);
  if (!t) return;
  size_t anchors = 0, bad = 0;
  const Cuboid* first = nullptr;
  int first_frame = -1;
  for (const FrameShape& fs : t->shapes) {
    const Cuboid* c = fs.shape.as<Cuboid>();
    if (!c || !is_anchor(fs.shape)) continue;
    ++anchors;
    if (r.contains(c->size)) continue;
    if (bad++ == 0) {
      first = c;
      first_frame = fs.frame;
    }
  }
  if (bad > 0)
    run.add("implausible-size", o.id, first_frame, {},
            fmt::format("cuboid {:.2f} x {:.2f} x {:.2f} m is outside the {} range {:g}-{:g} x "
                        "{:g}-{:g} x {:g}-{:g} m (on {} of {} keyframes)",
                        first->size.x, first->size.y, first->size.z, o.class_name, range->min.x,
                        range->max.x, range->min.y, range->max.y, range->min.z, range->max.z, bad,
                        anchors));
}

}  // namespace

void check_schema_rules(RuleRun& run) {
  const bool unknown = run.on("unknown-class");
  const bool required = run.on("required-attribute");
  const bool size = run.on("implausible-size");
  for (const Object& o : run.doc.annotations.objects) {
    const bool known = run.doc.schema.find_class(o.class_name) != nullptr;
    if (unknown && !known)
      run.add("unknown-class", o.id, o.first_frame(), {},
              fmt::format("class '{}' is not in the schema", o.class_name));
    if (!known) continue;
    if (required) check_required(run, o);
    if (size) check_size(run, o);
  }
}

}  // namespace vantage::core::qa_detail
