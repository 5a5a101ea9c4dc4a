#include "core/segmentation/segmentation_io.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "core/io/fast_json.h"
#include "core/io/file_util.h"
#include "core/io/path_policy.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = ".saved";

std::string safe_name(const std::string& s) {
  std::string out = s.empty() ? std::string("_") : s;
  for (char& c : out)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  if (out.front() == '.') out.front() = '_';
  return out;
}

std::string hash_text(uint64_t h) {
  return fmt::format("{:016x}", h);
}

fs::path absolute_base(const fs::path& folder) {
  std::error_code ec;
  fs::path a = fs::absolute(folder, ec);
  return ec ? folder : a.lexically_normal();
}

// `p` as written in annotations.json: relative to base (absolute) when
// inside it, else absolute. A relative `p` (a save into a folder given
// relative to the working directory) is made absolute first: compared with
// the absolute base as it was, it would be written relative to the working
// directory and break when the folder is moved or opened from elsewhere.
std::string reference(const fs::path& p_in, const fs::path& base) {
  const fs::path p = absolute_base(p_in);
  if (!base.empty()) {
    const fs::path rel = p.lexically_relative(base);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return p.string();
}

}  // namespace

fs::path layer_file_name(const LayerKey& key, LayerKind kind, uint64_t hash) {
  return fs::path(kSegmentationFolder) / safe_name(key.sensor) /
         fmt::format("{:06d}-{}{}", key.frame, hash_text(hash), layer_file_extension(kind));
}

void write_segmentation_json(JsonWriter& w, const Segmentation& s, const fs::path& base_in) {
  const fs::path base = base_in.empty() ? fs::path() : absolute_base(base_in);
  w.key("segmentation").begin_array();
  for (const auto& [key, l] : s.layers()) {
    if (l.file.empty())
      throw Error(fmt::format(
          "segmentation of {} frame {} has not been written to a file (save the sidecars first)",
          key.sensor, key.frame));
    w.begin_object();
    w.member("sensor", key.sensor).member("frame", key.frame).member("kind", to_string(l.kind));
    if (l.kind == LayerKind::Image) {
      w.key("size").begin_inline_array().value(l.width).value(l.height).end_array();
    } else {
      w.member("points", l.width);
    }
    w.member("file", reference(l.file, base));
    if (l.hash) w.member("hash", hash_text(l.hash));
    // The table on one line: one layer, one line to diff.
    w.key("segments").begin_inline_array();
    for (const Segment& seg : l.segments) {
      w.begin_object();
      w.member("id", static_cast<int>(seg.id)).member("class", seg.class_name);
      if (seg.object >= 0) w.member("object", seg.object);
      if (seg.crowd) w.member("crowd", true);
      if (seg.proposed) w.member("proposed", true);
      w.member("area", seg.area);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

namespace {

// Over either JSON reader (JsonReader, FastJson: see native_annotations.cpp).
template <class R>
void read_segmentation_t(const R& r, Segmentation& s, const fs::path& base) {
  r.for_each([&](const auto& e) {
    e.expect_object();
    LayerKey key;
    key.sensor = std::string(e.at("sensor").string());
    key.frame = e.at("frame").int32(0);
    if (s.find(key))
      e.fail(fmt::format("a second segmentation layer for {} frame {}", key.sensor, key.frame));
    SegLayer l;
    const auto kind = e.at("kind");
    const std::string kind_name(kind.string());
    if (kind_name == "image") {
      l.kind = LayerKind::Image;
      const auto size = e.at("size");
      size.expect_array(2, 2);
      l.width = size.at(0).int32(1, 1 << 16);
      l.height = size.at(1).int32(1, 1 << 16);
    } else if (kind_name == "points") {
      l.kind = LayerKind::Points;
      l.width = e.at("points").int32(0);
      l.height = 1;
    } else {
      kind.fail(fmt::format("expected \"image\" or \"points\", found \"{}\"", kind_name));
    }
    const auto file = e.at("file");
    fs::path f{std::string(file.string())};
    if (f.empty()) file.fail("the sidecar file name is empty");
    if (f.is_relative() && !base.empty()) f = base / f;
    std::error_code ec;
    if (!fs::is_regular_file(f, ec))
      file.fail(fmt::format("sidecar file {} does not exist", f.string()));
    // Sidecars are always written inside the folder: a reference that leads
    // out (absolute, "..", a symbolic link) comes from a file someone else
    // wrote and would read whatever it names (docs/reliability.md).
    if (!base.empty()) {
      const fs::path abs_base = absolute_base(base);
      std::error_code ec1, ec2;
      const fs::path real = fs::weakly_canonical(f, ec1);
      const fs::path real_base = fs::weakly_canonical(abs_base, ec2);
      if (!path_is_inside(absolute_base(f), abs_base) ||
          (!ec1 && !ec2 && !path_is_inside(real, real_base)))
        file.fail(fmt::format("sidecar file {} lies outside the sequence folder {}", f.string(),
                              abs_base.string()));
    }
    l.file = f.lexically_normal();
    if (auto h = e.find("hash")) {
      const std::string t(h->string());
      unsigned long long v = 0;
      int used = 0;
      if (t.size() != 16 || std::sscanf(t.c_str(), "%16llx%n", &v, &used) != 1 || used != 16)
        h->fail("expected 16 hexadecimal digits");
      l.hash = v;
    }
    uint16_t prev = 0;
    e.at("segments").for_each([&](const auto& sr) {
      Segment seg;
      const auto id = sr.at("id");
      seg.id = static_cast<uint16_t>(id.int32(1, UINT16_MAX));
      if (seg.id <= prev) id.fail(fmt::format("segment ids must increase (previous: {})", prev));
      prev = seg.id;
      seg.class_name = std::string(sr.at("class").string());
      seg.object = sr.integer_or("object", -1);
      if (auto o = sr.find("object"); o && seg.object < 0) o->fail("object ids must not be negative");
      seg.crowd = sr.boolean_or("crowd", false);
      seg.proposed = sr.boolean_or("proposed", false);
      if (seg.crowd && seg.object >= 0) sr.fail("a crowd segment cannot belong to one object");
      const int64_t area = sr.integer_or("area", 0);
      if (area < 0 || static_cast<uint64_t>(area) > l.count())
        sr.at("area").fail(fmt::format("area {} is outside 0..{}", area, l.count()));
      seg.area = static_cast<uint64_t>(area);
      l.segments.push_back(std::move(seg));
    });
    s.put(key, std::move(l));
  });
}

}  // namespace

void read_segmentation_json(const JsonReader& r, Segmentation& s, const fs::path& base) {
  read_segmentation_t(r, s, base);
}
void read_segmentation_json(const FastJson& r, Segmentation& s, const fs::path& base) {
  read_segmentation_t(r, s, base);
}

size_t save_segmentation_files(const Segmentation& s, const fs::path& folder_in,
                               const SegmentationSaveOptions& options) {
  const fs::path folder = absolute_base(folder_in);
  size_t written = 0;
  std::set<fs::path> made;
  for (const auto& [key, l] : s.layers()) {
    const uint64_t hash = s.content_hash(key);
    const fs::path target = folder / layer_file_name(key, l.kind, hash);
    if (!l.file.empty() && l.file.lexically_normal() == target) continue;
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) {  // same name, same labels
      s.set_file(key, target, hash);
      continue;
    }
    if (!l.file.empty() && !options.copy_foreign) continue;
    std::string bytes;
    if (l.blob) {
      bytes = *l.blob;
    } else if (!l.file.empty()) {
      bytes = read_file_to_string(l.file);
    } else {
      bytes = encode_labels(*s.labels(key), l.kind);
    }
    if (made.insert(target.parent_path()).second) {
      fs::create_directories(target.parent_path(), ec);
      if (ec)
        throw Error(fmt::format("{}: cannot create folder: {}", target.parent_path().string(),
                                ec.message()));
    }
    AtomicWriteOptions o;
    o.keep_backup = false;
    o.sync = false;  // one filesystem flush below
    write_file_atomic(target, bytes, o);
    s.set_file(key, target, hash);
    ++written;
  }
  if (written && options.sync) sync_filesystem(folder);
  return written;
}

size_t collect_segmentation_garbage(const Segmentation& s, const fs::path& folder_in) {
  const fs::path folder = absolute_base(folder_in);
  const fs::path root = folder / kSegmentationFolder;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return 0;
  std::set<std::string> keep, current;
  for (const auto& [key, l] : s.layers())
    if (!l.file.empty()) current.insert(reference(l.file, folder));
  keep = current;
  {
    std::ifstream in(root / kManifest);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) keep.insert(line);
  }
  std::vector<fs::path> unused;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (ext != ".png" && ext != ".vlabel") continue;
    if (!keep.count(reference(p, folder))) unused.push_back(p);
  }
  size_t removed = 0;
  for (const fs::path& p : unused) {
    std::error_code rm;
    if (fs::remove(p, rm)) ++removed;
  }
  std::string manifest;
  for (const std::string& f : current)
    manifest += f + "\n";
  AtomicWriteOptions o;
  o.keep_backup = false;
  o.sync = false;
  write_file_atomic(root / kManifest, manifest, o);
  return removed;
}

}  // namespace vantage::core
