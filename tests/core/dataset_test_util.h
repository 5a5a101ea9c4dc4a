#pragma once
// Datasets of small synthetic sequences for the dataset tests.

#include <filesystem>
#include <functional>
#include <string>

#include "core/dataset/dataset.h"
#include "core/io/native_format.h"
#include "tests/support/fixtures.h"

namespace vantage::test {

inline const char* kAlice = "Alice <alice@example.com>";
inline const char* kBob = "Bob <bob@example.com>";

// A native sequence folder `dir` with `objects` objects over `frames` frames
// (classes cycle Car, Pedestrian, Cyclist, Truck, Van).
inline std::filesystem::path make_source_sequence(const std::filesystem::path& dir, int frames = 10,
                                                  int objects = 4, unsigned seed = 1) {
  SyntheticOptions o;
  o.frames = frames;
  o.objects = objects;
  o.seed = seed;
  core::Document doc = make_synthetic_document(o);
  doc.sequence.name = dir.filename().string();
  core::save_native(doc, dir);
  return dir;
}

// Loads, edits and saves one sequence's annotations.
inline void edit_sequence(const core::Dataset& d, const std::string& sequence,
                          const std::function<void(core::Annotations&)>& edit) {
  const auto file = d.sequence_folder(d.sequence(sequence)) / core::kAnnotationsFileName;
  core::Annotations a = core::load_annotations_file(file);
  edit(a);
  core::save_annotations_file(a, file);
}

inline core::Annotations annotations_of(const core::Dataset& d, const std::string& sequence) {
  return core::load_native(d.sequence_folder(d.sequence(sequence))).annotations;
}

inline core::Box2D& box_at(core::Annotations& a, core::ObjectId id, int frame) {
  core::Shape* s = a.find(id)->track("CAM_FRONT", core::ShapeKind::Box2D)->at(frame);
  s->keyframe = true;
  return std::get<core::Box2D>(s->geometry);
}

}  // namespace vantage::test
