#include "core/segmentation/segmentation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include <tbb/parallel_for.h>
#include <zlib.h>
#include <opencv2/imgcodecs.hpp>

#include "core/io/file_util.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

constexpr char kPointMagic[8] = {'V', 'L', 'A', 'B', 'E', 'L', '1', '\0'};
constexpr size_t kPointHeader = 16;  // magic + uint64 count

void put_u64(std::string& s, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t get_u64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

const char* to_string(LayerKind k) {
  return k == LayerKind::Image ? "image" : "points";
}

const char* layer_file_extension(LayerKind kind) {
  return kind == LayerKind::Image ? ".png" : ".vlabel";
}

// --- SegLayer -------------------------------------------------------------------

const Segment* SegLayer::segment(uint16_t id) const {
  auto it = std::lower_bound(segments.begin(), segments.end(), id,
                             [](const Segment& s, uint16_t v) { return s.id < v; });
  return it != segments.end() && it->id == id ? &*it : nullptr;
}

uint16_t SegLayer::find_segment(const std::string& class_name, ObjectId object, bool crowd) const {
  for (const Segment& s : segments) {
    if (s.object != object || s.crowd != crowd) continue;
    // An object's segment is found by the object alone: its class may change.
    if (object >= 0 || s.class_name == class_name) return s.id;
  }
  return 0;
}

uint16_t SegLayer::add_segment(const std::string& class_name, ObjectId object, bool crowd) {
  if (const uint16_t id = find_segment(class_name, object, crowd)) return id;
  // The lowest free id keeps tables (and label files) small.
  uint16_t id = 1;
  for (const Segment& s : segments) {
    if (s.id != id) break;
    if (id == UINT16_MAX) throw Error("a layer holds at most 65535 segments");
    ++id;
  }
  Segment seg;
  seg.id = id;
  seg.class_name = class_name;
  seg.object = object;
  seg.crowd = crowd;
  segments.insert(std::lower_bound(segments.begin(), segments.end(), id,
                                   [](const Segment& s, uint16_t v) { return s.id < v; }),
                  std::move(seg));
  return id;
}

uint64_t SegLayer::labelled() const {
  uint64_t n = 0;
  for (const Segment& s : segments)
    n += s.area;
  return n;
}

// --- Codecs ---------------------------------------------------------------------

std::string encode_labels(const LabelRaster& labels, LayerKind kind) {
  if (kind == LayerKind::Image) {
    cv::Mat m = labels.to_mat();
    if (labels.max_label() <= 255) m.convertTo(m, CV_8U);
    std::vector<uint8_t> png;
    // Label images are long runs: fast deflate with the RLE strategy is both
    // quick and small.
    const std::vector<int> params{cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY,
                                  cv::IMWRITE_PNG_STRATEGY_RLE};
    if (!cv::imencode(".png", m, png, params)) throw Error("PNG encoding of labels failed");
    return std::string(reinterpret_cast<const char*>(png.data()), png.size());
  }
  const std::vector<uint16_t> v = labels.to_points();
  std::vector<unsigned char> le(v.size() * 2);
  for (size_t i = 0; i < v.size(); ++i) {
    le[2 * i] = static_cast<unsigned char>(v[i] & 0xff);
    le[2 * i + 1] = static_cast<unsigned char>(v[i] >> 8);
  }
  uLongf n = compressBound(static_cast<uLong>(le.size()));
  std::string out(kPointMagic, sizeof(kPointMagic));
  put_u64(out, v.size());
  out.resize(kPointHeader + n);
  if (compress2(reinterpret_cast<Bytef*>(out.data() + kPointHeader), &n, le.data(),
                static_cast<uLong>(le.size()), 1) != Z_OK)
    throw Error("compressing point labels failed");
  out.resize(kPointHeader + n);
  return out;
}

LabelRaster decode_labels(std::string_view bytes, LayerKind kind, int width, int height,
                          const std::string& source) {
  if (kind == LayerKind::Image) {
    const cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8U,
                      const_cast<char*>(bytes.data()));
    const cv::Mat m = cv::imdecode(buf, cv::IMREAD_UNCHANGED);
    if (m.empty()) throw FileError(source, "", "not a readable PNG label image");
    if (m.channels() != 1 || (m.depth() != CV_8U && m.depth() != CV_16U))
      throw FileError(source, "", "a label image must have one 8- or 16-bit channel");
    if (m.cols != width || m.rows != height)
      throw FileError(source, "",
                      fmt::format("label image is {}x{}, the layer is {}x{}", m.cols, m.rows,
                                  width, height));
    return LabelRaster::from_mat(m);
  }
  if (bytes.size() < kPointHeader || std::memcmp(bytes.data(), kPointMagic, 8) != 0)
    throw FileError(source, "byte 0", "not a Vantage point label file (no VLABEL1 header)");
  const uint64_t count = get_u64(bytes.data() + 8);
  if (count != static_cast<uint64_t>(width))
    throw FileError(source, "byte 8",
                    fmt::format("{} point labels, the sweep's layer has {}", count, width));
  std::vector<unsigned char> le(count * 2);
  uLongf n = static_cast<uLongf>(le.size());
  if (uncompress(le.data(), &n, reinterpret_cast<const Bytef*>(bytes.data() + kPointHeader),
                 static_cast<uLong>(bytes.size() - kPointHeader)) != Z_OK ||
      n != le.size())
    throw FileError(source, "byte 16", "corrupt or truncated point labels");
  std::vector<uint16_t> v(count);
  for (size_t i = 0; i < count; ++i)
    v[i] = static_cast<uint16_t>(le[2 * i] | (le[2 * i + 1] << 8));
  return LabelRaster::from_points(v);
}

std::shared_ptr<const LabelRaster> load_layer_labels(const SegLayer& layer) {
  if (layer.raster) return layer.raster;
  if (layer.blob)
    return std::make_shared<LabelRaster>(
        decode_labels(*layer.blob, layer.kind, layer.width, layer.height, "<autosaved labels>"));
  if (layer.file.empty()) throw Error("a segmentation layer has no labels");
  const std::string bytes = read_file_to_string(layer.file);
  return std::make_shared<LabelRaster>(
      decode_labels(bytes, layer.kind, layer.width, layer.height, layer.file.string()));
}

// --- Segmentation ---------------------------------------------------------------

const SegLayer* Segmentation::find(const LayerKey& key) const {
  auto it = layers_.find(key);
  return it == layers_.end() ? nullptr : &it->second;
}

std::vector<LayerKey> Segmentation::keys_at(int frame) const {
  std::vector<LayerKey> out;
  for (auto it = layers_.lower_bound({std::string(), frame});
       it != layers_.end() && it->first.frame == frame; ++it)
    out.push_back(it->first);
  return out;
}

void Segmentation::forget(const LayerKey& key) const {
  auto it = std::find(lru_.begin(), lru_.end(), key);
  if (it == lru_.end()) return;
  lru_.erase(it);
}

void Segmentation::touch(const LayerKey& key, const SegLayer& layer) const {
  auto it = std::find(lru_.begin(), lru_.end(), key);
  if (it != lru_.end()) {
    lru_.splice(lru_.begin(), lru_, it);
    return;
  }
  lru_.push_front(key);
  cached_bytes_ += layer.raster ? layer.raster->bytes() : 0;
  evict();
}

void Segmentation::evict() const {
  while (cached_bytes_ > budget_ && lru_.size() > 1) {
    const LayerKey key = lru_.back();
    lru_.pop_back();
    auto it = layers_.find(key);
    if (it == layers_.end() || !it->second.raster) continue;
    SegLayer& l = it->second;
    const size_t b = l.raster->bytes();
    if (l.file.empty() && !l.blob) {
      // Changed since it was written: keep it encoded (a few percent of the
      // decoded size).
      if (l.hash == 0) l.hash = l.raster->hash();
      l.blob = std::make_shared<const std::string>(encode_labels(*l.raster, l.kind));
    }
    l.raster.reset();
    cached_bytes_ -= std::min(cached_bytes_, b);
  }
}

void Segmentation::set_cache_budget(size_t bytes) const {
  budget_ = bytes;
  evict();
}

std::shared_ptr<const LabelRaster> Segmentation::labels(const LayerKey& key) const {
  auto it = layers_.find(key);
  if (it == layers_.end()) return nullptr;
  SegLayer& l = it->second;
  if (!l.raster) {
    l.raster = load_layer_labels(l);
    if (l.raster->width() != l.width || l.raster->height() != l.height)
      throw Error(fmt::format("labels of {} frame {} are {}x{}, the layer is {}x{}", key.sensor,
                              key.frame, l.raster->width(), l.raster->height(), l.width,
                              l.height));
    forget(key);
  }
  std::shared_ptr<const LabelRaster> out = l.raster;
  touch(key, l);
  return out;
}

void Segmentation::prefetch(const std::vector<LayerKey>& keys) const {
  std::vector<SegLayer*> todo;
  for (const LayerKey& k : keys) {
    auto it = layers_.find(k);
    if (it != layers_.end() && !it->second.raster) todo.push_back(&it->second);
  }
  std::vector<std::shared_ptr<const LabelRaster>> loaded(todo.size());
  tbb::parallel_for(size_t{0}, todo.size(), [&](size_t i) { loaded[i] = load_layer_labels(*todo[i]); });
  for (size_t i = 0; i < todo.size(); ++i)
    todo[i]->raster = std::move(loaded[i]);
  for (const LayerKey& k : keys)
    if (auto it = layers_.find(k); it != layers_.end() && it->second.raster) {
      forget(k);
      touch(k, it->second);
    }
}

void Segmentation::put(const LayerKey& key, SegLayer layer) {
  if (!layer.raster && !layer.blob && layer.file.empty())
    throw Error(fmt::format("segmentation layer {} frame {} has no labels", key.sensor, key.frame));
  forget(key);
  auto it = layers_.find(key);
  if (it != layers_.end() && it->second.raster)
    cached_bytes_ -= std::min(cached_bytes_, it->second.raster->bytes());
  SegLayer& l = layers_[key] = std::move(layer);
  if (l.raster) touch(key, l);
}

bool Segmentation::erase(const LayerKey& key) {
  auto it = layers_.find(key);
  if (it == layers_.end()) return false;
  if (it->second.raster) {
    forget(key);
    cached_bytes_ -= std::min(cached_bytes_, it->second.raster->bytes());
  }
  layers_.erase(it);
  return true;
}

void Segmentation::set_labels(const LayerKey& key, std::shared_ptr<const LabelRaster> labels,
                              std::vector<Segment> segments) {
  auto it = layers_.find(key);
  if (it == layers_.end())
    throw Error(fmt::format("no segmentation layer {} frame {}", key.sensor, key.frame));
  SegLayer l = it->second;
  l.raster = std::move(labels);
  l.segments = std::move(segments);
  l.blob.reset();
  l.file.clear();
  l.hash = 0;
  put(key, std::move(l));
}

void Segmentation::set_file(const LayerKey& key, const std::filesystem::path& file,
                            uint64_t hash) const {
  auto it = layers_.find(key);
  if (it == layers_.end()) return;
  it->second.file = file;
  it->second.hash = hash;
  it->second.blob.reset();
}

uint64_t Segmentation::content_hash(const LayerKey& key) const {
  auto it = layers_.find(key);
  if (it == layers_.end()) return 0;
  if (it->second.hash == 0) {
    const auto r = labels(key);
    it->second.hash = r->hash();
  }
  return it->second.hash;
}

uint64_t Segmentation::labelled_pixels() const {
  uint64_t n = 0;
  for (const auto& [k, l] : layers_)
    if (l.kind == LayerKind::Image) n += l.labelled();
  return n;
}

uint64_t Segmentation::labelled_points() const {
  uint64_t n = 0;
  for (const auto& [k, l] : layers_)
    if (l.kind == LayerKind::Points) n += l.labelled();
  return n;
}

bool Segmentation::operator==(const Segmentation& o) const {
  if (layers_.size() != o.layers_.size()) return false;
  for (auto a = layers_.begin(), b = o.layers_.begin(); a != layers_.end(); ++a, ++b) {
    if (!(a->first == b->first)) return false;
    const SegLayer& x = a->second;
    const SegLayer& y = b->second;
    if (x.kind != y.kind || x.width != y.width || x.height != y.height ||
        x.segments != y.segments)
      return false;
    if (x.raster && x.raster == y.raster) continue;
    if (content_hash(a->first) != o.content_hash(b->first)) return false;
  }
  return true;
}

}  // namespace vantage::core
