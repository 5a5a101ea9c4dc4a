// vantage bench [--quick] [--json] [--no-render]
// The headline figures, each beside the baseline it is measured against in
// the same run on this machine: reading sweeps against a plain read of the
// same bytes, saving and loading annotations at scale against writing and
// reading their bytes, exports per format against the native save, and (from
// vantage-gui, when built) the renderer's frames against their bare draws.
// The Google Benchmark programs in bench/ have the detail.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "app/cli/cli_commands.h"
#include "core/formats/format.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/version.h"

namespace vantage::cli {

namespace {

namespace fs = std::filesystem;

struct Figure {
  std::string name;
  double value = 0;
  std::string unit;
  std::string baseline;
  double baseline_value = 0;
  std::string note;
};

double median_ms(int reps, const std::function<void()>& f) {
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::nth_element(t.begin(), t.begin() + long(t.size() / 2), t.end());
  return t[t.size() / 2];
}

std::string plain_read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A synthetic sweep like a 64-beam LiDAR's (120k points).
core::PointCloud make_cloud() {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> ang(0, 6.2831853f), u(0, 1);
  core::PointCloud c;
  c.has_intensity = true;
  for (int i = 0; i < 120'000; ++i) {
    const float r = 3.0f + 70.0f * u(rng) * u(rng), a = ang(rng);
    c.points.emplace_back(r * std::cos(a), r * std::sin(a),
                          u(rng) < 0.7f ? -1.7f : -1.7f + 2.5f * u(rng),
                          std::round(u(rng) * 100.0f) / 100.0f);
  }
  return c;
}

// frames x objects, each object a box and a cuboid on every frame.
core::Document make_document(int frames, int objects) {
  core::Document doc;
  doc.schema = core::default_schema();
  core::Camera cam;
  cam.name = "CAM_FRONT";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {721.5, 721.5, 609.6, 172.9, 0};
  core::Mat3 r(0.0);
  r[0] = core::Vec3(0, -1, 0);
  r[1] = core::Vec3(0, 0, -1);
  r[2] = core::Vec3(1, 0, 0);
  cam.camera_to_vehicle = core::Transform::from_rotation_translation(r, {1.5, 0, 1.6});
  doc.sequence.rigs[0].cameras.push_back(cam);
  doc.sequence.frames.resize(size_t(frames));
  for (int f = 0; f < frames; ++f) doc.sequence.frames[size_t(f)].timestamp_us = int64_t(f) * 100000;
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < objects; ++i) {
    core::Object o;
    o.id = i + 1;
    o.class_name = i % 3 ? "Car" : "Pedestrian";
    const double x0 = 8 + 50 * u(rng), y0 = -15 + 30 * u(rng), yaw = 6 * u(rng) - 3;
    auto& cub = o.track_or_create(core::kSceneSensor, core::ShapeKind::Cuboid);
    auto& box = o.track_or_create("CAM_FRONT", core::ShapeKind::Box2D);
    cub.shapes.reserve(size_t(frames));
    box.shapes.reserve(size_t(frames));
    for (int f = 0; f < frames; ++f) {
      core::Shape c;
      c.geometry = core::Cuboid{{x0 + 0.1 * f, y0, -0.9}, {4.1, 1.8, 1.5}, yaw, 0, 0};
      c.annotator = "annotator";
      cub.shapes.push_back({f, c});
      core::Shape b;
      const double x1 = 1000 * u(rng), y1 = 150 + 100 * u(rng);
      b.geometry = core::Box2D{x1, y1, x1 + 20 + 100 * u(rng), y1 + 10 + 50 * u(rng)};
      box.shapes.push_back({f, b});
    }
    doc.annotations.objects.push_back(std::move(o));
  }
  return doc;
}

std::vector<Figure> core_figures(bool quick, const fs::path& dir) {
  std::vector<Figure> out;
  const int reps = quick ? 5 : 20;
  // Sweeps: the readers against a plain read of the same file.
  const core::PointCloud cloud = make_cloud();
  const fs::path bin = dir / "sweep.bin", pcd = dir / "sweep.pcd", pcdc = dir / "sweep_c.pcd";
  core::write_kitti_bin(bin, cloud);
  core::write_pcd(pcd, cloud, "binary");
  core::write_pcd(pcdc, cloud, "binary_compressed");
  const double plain_bin = median_ms(reps, [&] { (void)plain_read(bin); });
  out.push_back({"read KITTI .bin sweep (120k points)",
                 median_ms(reps, [&] { (void)core::read_kitti_bin(bin); }), "ms",
                 "plain read of the file", plain_bin, ""});
  const double plain_pcd = median_ms(reps, [&] { (void)plain_read(pcd); });
  out.push_back({"read PCD binary (120k points)",
                 median_ms(reps, [&] { (void)core::read_point_cloud(pcd); }), "ms",
                 "plain read of the file", plain_pcd, ""});
  out.push_back({"read PCD binary_compressed (120k points)",
                 median_ms(reps, [&] { (void)core::read_point_cloud(pcdc); }), "ms",
                 "plain read of the binary PCD", plain_pcd, "target 1.5 ms"});

  // Annotations at scale: save and load against writing and reading the
  // same bytes (with the fsync a save does).
  const int objects = quick ? 50 : 500;
  const core::Document doc = make_document(1000, objects);
  const fs::path native = dir / "native";
  const int io_reps = quick ? 2 : 3;
  const double save = median_ms(io_reps, [&] { core::save_native_as(doc, native); });
  const fs::path ann = native / core::kAnnotationsFileName;
  const std::string bytes = plain_read(ann);
  const double write = median_ms(io_reps, [&] {
    core::AtomicWriteOptions o;
    o.keep_backup = false;
    core::write_file_atomic(dir / "plain.json", bytes, o);
  });
  const std::string shapes = fmt::format("{}k shapes, {:.0f} MB", 2 * objects, double(bytes.size()) / 1e6);
  out.push_back({fmt::format("save native ({})", shapes), save, "ms",
                 "atomic write of the same bytes", write, quick ? "" : "target 1000 ms"});
  const double load = median_ms(io_reps, [&] { (void)core::load_native(native); });
  const double read = median_ms(io_reps, [&] { (void)plain_read(ann); });
  out.push_back({fmt::format("load native ({})", shapes), load, "ms", "plain read of the file", read,
                 quick ? "" : "target 1000 ms"});

  // Exports per format (1,000 frames x 50 objects) against the native save.
  const core::Document small = quick ? doc : make_document(1000, 50);
  const double small_save = median_ms(1, [&] { core::save_native_as(small, dir / "native_small"); });
  for (const core::FormatId f : {core::FormatId::Coco, core::FormatId::Voc, core::FormatId::Yolo,
                                 core::FormatId::Kitti, core::FormatId::KittiTracking,
                                 core::FormatId::OpenLabel}) {
    const fs::path outdir = dir / fmt::format("export_{}", core::format_name(f));
    core::ExportOptions eo;
    eo.overwrite = true;
    const double t = median_ms(1, [&] { core::export_document(small, f, outdir, eo); });
    out.push_back({fmt::format("export {} (100k shapes)", core::format_name(f)), t, "ms",
                   "native save of the same document", small_save, ""});
  }
  return out;
}

// The renderer's figures from `vantage-gui bench-render` (JSON lines).
std::vector<Figure> render_figures(bool quick, std::string& why) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path gui = self.parent_path() / "vantage-gui";
  if (ec || !fs::exists(gui, ec)) {
    why = "vantage-gui is not built beside vantage";
    return {};
  }
  const std::string cmd =
      fmt::format("'{}' bench-render{} 2>&1", gui.string(), quick ? " --quick" : "");
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    why = "cannot start vantage-gui";
    return {};
  }
  std::vector<Figure> out;
  std::string text;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) text += buf;
  const int rc = ::pclose(p);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line.front() != '{') continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    out.push_back({j.value("name", ""), j.value("value", 0.0), j.value("unit", ""),
                   j.value("baseline", ""), j.value("baseline_value", 0.0), j.value("note", "")});
  }
  if (rc != 0 && out.empty()) why = text.empty() ? "vantage-gui bench-render failed" : text;
  return out;
}

struct BenchArgs {
  bool quick = false, json = false, no_render = false;
};

void run_bench(const BenchArgs& a) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("vantage-bench-{}", ::getpid());
  fs::create_directories(dir);
  std::vector<Figure> figs;
  std::string render_note;
  try {
    figs = core_figures(a.quick, dir);
    if (!a.no_render) {
      auto r = render_figures(a.quick, render_note);
      figs.insert(figs.end(), r.begin(), r.end());
    } else {
      render_note = "--no-render";
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (a.json) {
    nlohmann::ordered_json j;
    j["version"] = kVersion;
    j["quick"] = a.quick;
    j["figures"] = nlohmann::json::array();
    for (const Figure& f : figs)
      j["figures"].push_back({{"name", f.name},
                              {"value", f.value},
                              {"unit", f.unit},
                              {"baseline", f.baseline},
                              {"baseline_value", f.baseline_value},
                              {"ratio", f.baseline_value > 0 ? f.value / f.baseline_value : 0.0},
                              {"note", f.note}});
    if (!render_note.empty()) j["render_skipped"] = render_note;
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("Vantage {} benchmark{} (each figure beside its baseline, same run)\n\n", kVersion,
             a.quick ? " (quick)" : "");
  for (const Figure& f : figs) {
    fmt::print("  {:<62} {:>9.2f} {:<3}", f.name, f.value, f.unit);
    if (!f.baseline.empty())
      fmt::print("  vs {} {:.2f}{}", f.baseline, f.baseline_value,
                 f.unit == "fps" ? std::string() : fmt::format(" ({:.2f}x)", f.value / std::max(1e-9, f.baseline_value)));
    if (!f.note.empty()) fmt::print("  [{}]", f.note);
    fmt::print("\n");
  }
  if (!render_note.empty()) fmt::print("\n  renderer figures skipped: {}\n", render_note);
}

}  // namespace

void add_bench_command(CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  CLI::App* sub = app.add_subcommand(
      "bench", "Headline performance figures, each beside its baseline measured in the same run");
  sub->add_flag("--quick", a->quick, "Smaller scale and fewer repetitions (about a minute)");
  sub->add_flag("--json", a->json, "Print the figures as JSON");
  sub->add_flag("--no-render", a->no_render, "Skip the renderer (vantage-gui) figures");
  sub->callback([a] { run_bench(*a); });
}

}  // namespace vantage::cli
