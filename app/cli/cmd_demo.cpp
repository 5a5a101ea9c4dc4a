// vantage demo OUT: generate the synthetic demo sequence (street scene,
// LiDAR, cameras, exact ground truth).
#include <fmt/format.h>

#include <chrono>

#include "app/cli/cli_commands.h"
#include "core/synth/demo_generator.h"

namespace vantage::cli {

namespace {

struct DemoCliOptions {
  std::string out;
  core::DemoOptions demo;
  bool force = false;
  bool quiet = false;
};

void run_demo(const DemoCliOptions& opt) {
  const auto start = std::chrono::steady_clock::now();
  core::DemoProgress progress;
  if (!opt.quiet)
    progress = [](int done, int total) {
      if (done % 10 == 0 || done == total)
        fmt::print(stderr, "\rvantage demo: {}/{} frames", done, total);
      if (done == total) fmt::print(stderr, "\n");
    };
  const core::DemoReport r = core::generate_demo(opt.demo, opt.out, opt.force, progress);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (opt.quiet) return;
  fmt::print(
      "{}: {} frames, {} objects, {} cuboids, {} 2D boxes, {:.1f} M LiDAR points, {:.0f} MB, "
      "{:.1f} s\n",
      opt.out, r.frames, r.objects, r.cuboids, r.boxes, r.points / 1e6, r.bytes / 1e6, secs);
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto opt = std::make_shared<DemoCliOptions>();
  CLI::App* sub = app.add_subcommand(
      "demo",
      "Generate a synthetic driving sequence with exact ground truth: a street with traffic, "
      "a spinning LiDAR and cameras (native folder; annotations.json + "
      "ground_truth/annotations.json)");
  sub->add_option("out", opt->out, "Folder to write (must not exist or be empty, unless --force)")
      ->required();
  sub->add_option("--frames", opt->demo.frames,
                  "Frames at 10 Hz (100: 10 s of driving, generated in a few seconds)")
      ->default_val(100)
      ->check(CLI::Range(1, 100000));
  sub->add_option("--seed", opt->demo.seed, "Random seed: same seed, same bytes")->default_val(1);
  sub->add_option("--cameras", opt->demo.cameras,
                  "1: front camera (KITTI-like 1242x375, pinhole); 3 or 6: plus surround cameras "
                  "with lens distortion")
      ->default_val(1)
      ->check(CLI::IsMember({1, 3, 6}));
  sub->add_option("--beams", opt->demo.beams, "LiDAR beams between +2 and -25 degrees")
      ->default_val(64)
      ->check(CLI::IsMember({32, 64, 128}));
  sub->add_option(
         "--keyframes-only", opt->demo.keyframes_only,
         "Working annotations.json keeps only every K-th frame of each object (plus its last) as "
         "keyframes; the full ground truth stays in ground_truth/annotations.json")
      ->check(CLI::PositiveNumber);
  sub->add_flag("!--no-segmentation", opt->demo.segmentation,
                "Skip the segmentation ground truth (label PNG per camera image, label per "
                "LiDAR point under ground_truth/seg/)");
  sub->add_flag("--force", opt->force, "Replace OUT if it exists");
  sub->add_flag("--quiet,-q", opt->quiet, "Print nothing");
  sub->callback([opt] { run_demo(*opt); });
}

}  // namespace vantage::cli
