#include "core/synth/segmentation_truth.h"

#include <array>

#include "core/synth/ground_map.h"
#include "core/synth/scene_box.h"

namespace vantage::core {

namespace {

// Stuff classes in a fixed order: their segment ids come first, so the same
// scene always gives the same labels.
constexpr const char* kStuff[] = {"Road", "Sidewalk", "Parking", "Lane_marking", "Terrain",
                                  "Building", "Pole", "Vegetation", "Sky"};

// Builds a layer from per-entry (surface code, object id) pairs.
class LayerBuilder {
 public:
  explicit LayerBuilder(const std::map<ObjectId, std::string>& classes) : classes_(classes) {
    stuff_.fill(0);
  }
  uint16_t label(uint8_t code, int64_t object) {
    if (object >= 0) {
      auto it = objects_.find(object);
      if (it != objects_.end()) return it->second;
      const auto c = classes_.find(object);
      const uint16_t id = layer_.add_segment(c == classes_.end() ? "Misc" : c->second, object);
      objects_[object] = id;
      return id;
    }
    if (!stuff_[code]) {
      const char* cls = demo_surface_class(code);
      stuff_[code] = cls ? layer_.add_segment(cls, -1) : uint16_t{0};
    }
    return stuff_[code];
  }
  SegLayer& layer() { return layer_; }
  void prime() {
    // Ids 1..9 are the stuff classes in kStuff order, whichever appear.
    for (const char* c : kStuff)
      layer_.add_segment(c, -1);
  }
  void finish(const LabelRaster& raster) {
    const auto h = raster.histogram();
    std::vector<Segment> kept;
    for (Segment s : layer_.segments) {
      s.area = s.id < h.size() ? h[s.id] : 0;
      if (s.area) kept.push_back(std::move(s));
    }
    layer_.segments = std::move(kept);
    layer_.raster = std::make_shared<const LabelRaster>(raster);
    layer_.hash = raster.hash();
  }

 private:
  const std::map<ObjectId, std::string>& classes_;
  SegLayer layer_;
  std::array<uint16_t, 256> stuff_;
  std::map<ObjectId, uint16_t> objects_;
};

}  // namespace

const char* demo_surface_class(uint8_t code) {
  if (code == kSurfaceSky) return "Sky";
  if (code >= kSurfaceGround && code < kSurfaceBox) {
    switch (static_cast<GroundMaterial>(code - kSurfaceGround)) {
      case GroundMaterial::Verge:
        return "Terrain";
      case GroundMaterial::Sidewalk:
      case GroundMaterial::Curb:
        return "Sidewalk";
      case GroundMaterial::Asphalt:
      case GroundMaterial::BikeLane:
        return "Road";
      case GroundMaterial::ParkingStrip:
        return "Parking";
      case GroundMaterial::Marking:
      case GroundMaterial::Crosswalk:
        return "Lane_marking";
    }
    return "Terrain";
  }
  switch (static_cast<Surface>(code - kSurfaceBox)) {
    case Surface::Building:
      return "Building";
    case Surface::Pole:
    case Surface::LampArm:
      return "Pole";
    case Surface::TreeTrunk:
    case Surface::TreeCanopy:
      return "Vegetation";
    default:
      return nullptr;
  }
}

SegLayer demo_image_layer(const CameraRender& render,
                          const std::map<ObjectId, std::string>& object_classes) {
  LayerBuilder b(object_classes);
  b.prime();
  const int w = render.ids.cols, h = render.ids.rows;
  cv::Mat labels(h, w, CV_16U);
  for (int y = 0; y < h; ++y) {
    const int32_t* id = render.ids.ptr<int32_t>(y);
    const uint8_t* code = render.surfaces.ptr<uint8_t>(y);
    uint16_t* out = labels.ptr<uint16_t>(y);
    for (int x = 0; x < w; ++x)
      out[x] = b.label(code[x], id[x]);
  }
  SegLayer& l = b.layer();
  l.kind = LayerKind::Image;
  l.width = w;
  l.height = h;
  b.finish(LabelRaster::from_mat(labels));
  return std::move(b.layer());
}

SegLayer demo_point_layer(const LidarTruth& truth,
                          const std::map<ObjectId, std::string>& object_classes) {
  LayerBuilder b(object_classes);
  b.prime();
  std::vector<uint16_t> labels(truth.surface.size());
  for (size_t i = 0; i < labels.size(); ++i)
    labels[i] = b.label(truth.surface[i], truth.object[i]);
  SegLayer& l = b.layer();
  l.kind = LayerKind::Points;
  l.width = static_cast<int>(labels.size());
  l.height = 1;
  b.finish(LabelRaster::from_points(labels));
  return std::move(b.layer());
}

}  // namespace vantage::core
