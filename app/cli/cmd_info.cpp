// vantage info PATH [--json]: what a sequence holds.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/io/sequence_opener.h"
#include "core/model/summary.h"

namespace vantage::cli {

namespace {

struct InfoOptions {
  std::string path;
  std::string sequence;
  bool json = false;
};

// Segmentation coverage from the layer tables (no label file is read).
struct Coverage {
  size_t image_layers = 0, point_layers = 0;
  uint64_t pixels = 0, labelled_pixels = 0;  // over the images that have a layer
  uint64_t all_pixels = 0;                   // every camera image of the sequence
  uint64_t points = 0, labelled_points = 0;  // over the sweeps that have a layer
  std::map<std::string, uint64_t> pixels_per_class, points_per_class;
};

Coverage coverage(const core::Document& doc) {
  Coverage c;
  for (const auto& [key, l] : doc.annotations.segmentation.layers()) {
    const bool image = l.kind == core::LayerKind::Image;
    (image ? c.image_layers : c.point_layers)++;
    (image ? c.pixels : c.points) += l.count();
    (image ? c.labelled_pixels : c.labelled_points) += l.labelled();
    for (const core::Segment& seg : l.segments)
      (image ? c.pixels_per_class : c.points_per_class)[seg.class_name] += seg.area;
  }
  for (int f = 0; f < doc.sequence.frame_count(); ++f)
    for (const core::Camera& cam : doc.sequence.rig(f).cameras)
      if (doc.sequence.frames[static_cast<size_t>(f)].files.count(cam.name))
        c.all_pixels += static_cast<uint64_t>(cam.width) * static_cast<uint64_t>(cam.height);
  return c;
}

double percent(uint64_t a, uint64_t b) { return b ? 100.0 * double(a) / double(b) : 0.0; }

void run_info(const InfoOptions& opt) {
  core::OpenOptions oo;
  oo.allow_outside = allow_outside();
  oo.sequence = opt.sequence;
  const core::Document doc = core::open_document(opt.path, oo);
  const core::DocumentSummary s = core::summarize(doc);
  const Coverage cov = coverage(doc);
  if (opt.json) {
    nlohmann::json j;
    j["path"] = opt.path;
    j["name"] = doc.sequence.name;
    j["frames"] = s.frames;
    j["cameras"] = s.cameras;
    j["lidars"] = s.lidars;
    j["rigs"] = s.rigs;
    j["ego_poses"] = s.ego_poses;
    j["duration_s"] = s.duration_s;
    j["objects"] = s.objects;
    j["objects_per_class"] = s.objects_per_class;
    nlohmann::json kinds = nlohmann::json::object();
    for (int k = 0; k < core::kShapeKindCount; ++k)
      kinds[core::to_string(static_cast<core::ShapeKind>(k))] =
          s.shapes_per_kind[static_cast<size_t>(k)];
    j["shapes_per_kind"] = kinds;
    j["shapes"] = s.shapes;
    j["keyframes"] = s.keyframes;
    j["interpolated"] = s.interpolated;
    j["tagged_frames"] = s.tagged_frames;
    j["ignore_regions"] = s.ignore_regions;
    j["ignore_regions_per_class"] = s.ignore_regions_per_class;
    j["missing_files"] = s.missing_files;
    j["segmentation"] = {{"image_layers", cov.image_layers},
                         {"labelled_pixels", cov.labelled_pixels},
                         {"pixels_in_layers", cov.pixels},
                         {"pixels_in_sequence", cov.all_pixels},
                         {"pixels_per_class", cov.pixels_per_class},
                         {"point_layers", cov.point_layers},
                         {"labelled_points", cov.labelled_points},
                         {"points_in_layers", cov.points},
                         {"points_per_class", cov.points_per_class}};
    j["schema"] = {{"name", doc.schema.name},
                   {"version", doc.schema.version},
                   {"classes", doc.schema.classes.size()}};
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{}\n", opt.path);
  if (!doc.sequence.name.empty()) fmt::print("  name        {}\n", doc.sequence.name);
  fmt::print("  frames      {} ({:.1f} s)\n", s.frames, s.duration_s);
  fmt::print("  cameras     {}\n",
             s.cameras.empty() ? "none" : fmt::format("{}", fmt::join(s.cameras, ", ")));
  fmt::print("  lidars      {}\n",
             s.lidars.empty() ? "none" : fmt::format("{}", fmt::join(s.lidars, ", ")));
  if (s.rigs > 1) fmt::print("  rigs        {} calibrations\n", s.rigs);
  fmt::print("  ego poses   {}\n", s.ego_poses ? "yes" : "no");
  for (const auto& [sensor, n] : s.missing_files)
    fmt::print("  missing     {} frames without {} data\n", n, sensor);
  fmt::print("  schema      {} (version {}, {} classes)\n", doc.schema.name, doc.schema.version,
             doc.schema.classes.size());
  fmt::print("  objects     {}\n", s.objects);
  for (const auto& [cls, n] : s.objects_per_class)
    fmt::print("    {:<18} {}\n", cls, n);
  fmt::print("  shapes      {} ({} keyframes, {} interpolated)\n", s.shapes, s.keyframes,
             s.interpolated);
  for (int k = 0; k < core::kShapeKindCount; ++k) {
    const size_t n = s.shapes_per_kind[static_cast<size_t>(k)];
    if (n) fmt::print("    {:<18} {}\n", core::to_string(static_cast<core::ShapeKind>(k)), n);
  }
  if (s.ignore_regions) {
    fmt::print("  ignore regions {} (not objects)\n", s.ignore_regions);
    for (const auto& [cls, n] : s.ignore_regions_per_class)
      fmt::print("    {:<18} {}\n", cls.empty() ? std::string("(no class)") : cls, n);
  }
  if (s.tagged_frames) fmt::print("  tagged      {} frames\n", s.tagged_frames);
  if (cov.image_layers)
    fmt::print("  masks       {} camera images, {} labelled pixels ({:.1f}% of their pixels, "
               "{:.1f}% of the sequence's)\n",
               cov.image_layers, cov.labelled_pixels, percent(cov.labelled_pixels, cov.pixels),
               percent(cov.labelled_pixels, cov.all_pixels));
  if (cov.point_layers)
    fmt::print("  point labels {} sweeps, {} labelled points ({:.1f}% of their points)\n",
               cov.point_layers, cov.labelled_points,
               percent(cov.labelled_points, cov.points));
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto opt = std::make_shared<InfoOptions>();
  CLI::App* sub =
      app.add_subcommand("info", "Show frames, sensors, objects per class and shapes per kind");
  sub->add_option("path", opt->path, "Sequence folder (native, KITTI, nuScenes, images)")
      ->required();
  sub->add_option("--sequence", opt->sequence, "KITTI tracking sequence id (e.g. 0001)");
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->callback([opt] { run_info(*opt); });
}

}  // namespace vantage::cli
