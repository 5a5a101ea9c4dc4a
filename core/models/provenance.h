#pragma once
// Model provenance of labels (Shape::model, Shape::model_class, the source):
// which labels a model proposed, and which a person has checked since.

#include <cstddef>

#include "core/model/annotations.h"

namespace vantage::core {

// A pre-label nobody has decided on yet.
inline bool is_pending_prelabel(const Shape& s) {
  return s.source == ShapeSource::Model;
}
// A model made it and a person accepted or corrected it.
inline bool is_checked_model_label(const Shape& s) {
  return !s.model.empty() && s.source != ShapeSource::Model;
}

// `--accepted-only`: removes every pending pre-label; objects left without
// shapes are removed. Returns how many shapes were dropped.
size_t drop_pending_prelabels(Annotations& annotations);

}  // namespace vantage::core
