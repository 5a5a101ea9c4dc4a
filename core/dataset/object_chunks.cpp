#include "core/dataset/object_chunks.h"

#include <cstdlib>

#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {
const std::string kOpen = "\n  \"objects\": [\n";
const std::string kEmpty = "\n  \"objects\": []";
}  // namespace

std::optional<ObjectChunks> split_objects(const std::string& text) {
  ObjectChunks c;
  const size_t start = text.find(kOpen);
  if (start == std::string::npos) {
    if (text.find(kEmpty) == std::string::npos) return std::nullopt;
    c.rest = text;
    return c;
  }
  size_t p = start + kOpen.size();
  ObjectId last = -1;
  while (true) {
    if (text.compare(p, 6, "    {\n") != 0) return std::nullopt;
    const size_t end = text.find("\n    }", p);
    if (end == std::string::npos) return std::nullopt;
    const size_t stop = end + 6;
    static const std::string kId = "    {\n      \"id\": ";
    if (text.compare(p, kId.size(), kId) != 0) return std::nullopt;
    char* tail = nullptr;
    const long long id = std::strtoll(text.c_str() + p + kId.size(), &tail, 10);
    if (tail == text.c_str() + p + kId.size() || *tail != ',' || id <= last) return std::nullopt;
    last = id;
    c.objects.push_back({id, std::string_view(text).substr(p, stop - p)});
    if (text.compare(stop, 2, ",\n") == 0) {
      p = stop + 2;
      continue;
    }
    if (text.compare(stop, 4, "\n  ]") != 0) return std::nullopt;
    c.rest = text.substr(0, start) + kEmpty + text.substr(stop + 4);
    return c;
  }
}

Annotations parse_objects(const std::vector<std::string_view>& chunks, const std::string& label) {
  std::string mini = "{\"format\": \"vantage.annotations\", \"format_version\": 1, \"objects\": [\n";
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i) mini += ",\n";
    mini += chunks[i];
  }
  mini += "\n]}";
  return annotations_from_json(parse_json_text(mini, label), label);
}

std::string join_objects(const std::string& rest, const std::vector<std::string_view>& blocks) {
  const size_t at = rest.find(kEmpty);
  if (at == std::string::npos) throw Error("join_objects: no empty objects array");
  if (blocks.empty()) return rest;
  size_t n = rest.size() + 8;
  for (const auto& b : blocks) n += b.size() + 2;
  std::string out;
  out.reserve(n);
  out.append(rest, 0, at);
  out += kOpen;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += ",\n";
    out += blocks[i];
  }
  out += "\n  ]";
  out.append(rest, at + kEmpty.size(), std::string::npos);
  return out;
}

}  // namespace vantage::core
