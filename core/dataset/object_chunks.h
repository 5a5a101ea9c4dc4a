#pragma once
// annotations.json split per object, for diffs and merges of large files
// that touch few objects: in annotations_to_json's layout every object is a
// block of lines opened by "    {" and closed by "    }", in id order, so
// objects whose text is equal are equal and need no parsing. Files in any
// other layout are not split (callers parse them whole).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/annotations.h"

namespace vantage::core {

struct ObjectChunk {
  ObjectId id;
  std::string_view text;  // "    {" ... "    }", a view into the split text
};

struct ObjectChunks {
  std::string rest;  // the file with an empty objects array
  std::vector<ObjectChunk> objects;
};

// nullopt when `text` is not in the writer's layout.
std::optional<ObjectChunks> split_objects(const std::string& text);

// Parses object blocks with the native reader (`label` names the file).
Annotations parse_objects(const std::vector<std::string_view>& blocks, const std::string& label);

// Replaces the empty objects array of `rest` (annotations_to_json output)
// with the blocks, in order.
std::string join_objects(const std::string& rest, const std::vector<std::string_view>& blocks);

}  // namespace vantage::core
