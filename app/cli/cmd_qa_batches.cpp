// vantage qa batches PATH [--size N --annotators a,b [--reviewers r]] [--json]
// vantage qa stats PATH [--compare OTHER]... [--json]
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_qa.h"
#include "core/io/native_format.h"
#include "core/models/prelabel_stats.h"
#include "core/qa/batches.h"
#include "core/qa/consensus.h"
#include "core/qa/qa_input.h"
#include "core/qa/statistics.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct BatchArgs {
  std::string path;
  int size = 0;
  std::vector<std::string> annotators, reviewers;
  bool json = false;
};

void run_batches(const BatchArgs& a) {
  core::Document doc;
  if (a.size > 0) {
    if (!core::is_native_folder(a.path))
      throw core::Error(
          fmt::format("{}: assigning batches needs a native sequence folder", a.path));
    doc = core::load_native(a.path);
    doc.annotations.review.batches =
        core::split_batches(doc.sequence.frame_count(), a.size, a.annotators, a.reviewers);
    core::save_native(doc, a.path);
  } else {
    doc = core::open_for_qa(a.path);
  }
  const auto acts = core::batch_activity(doc.annotations);
  if (a.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& act : acts) {
      nlohmann::json x;
      x["name"] = act.batch.name;
      x["frames"] = {act.batch.frames.first, act.batch.frames.last};
      x["annotator"] = act.batch.annotator;
      x["reviewer"] = act.batch.reviewer;
      x["keyframes_by_annotator"] = act.keyframes_by_annotator;
      x["frames_by_status"] = act.frames_by_status;
      x["marks_by_reviewer"] = act.marks_by_reviewer;
      j.push_back(x);
    }
    fmt::print("{}\n", nlohmann::json{{"path", a.path}, {"batches", j}}.dump(2));
    return;
  }
  if (acts.empty()) fmt::print("{}: no batches (assign with --size N --annotators a,b)\n", a.path);
  for (const auto& act : acts) {
    fmt::print("{} frames {}-{} annotator {} reviewer {}\n", act.batch.name, act.batch.frames.first,
               act.batch.frames.last, act.batch.annotator.empty() ? "-" : act.batch.annotator,
               act.batch.reviewer.empty() ? "-" : act.batch.reviewer);
    for (const auto& [who, n] : act.keyframes_by_annotator)
      fmt::print("    keyframes by {}: {}\n", who.empty() ? "(unknown)" : who, n);
    std::string st;
    for (const auto& [k, n] : act.frames_by_status)
      st += fmt::format(" {} {}", k, n);
    fmt::print("    frames:{}\n", st);
  }
}

struct StatsArgs {
  std::string path, sequence;
  std::vector<std::string> compare;
  bool json = false;
};

void run_stats(const StatsArgs& a) {
  const core::Document doc = core::open_for_qa(a.path, a.sequence);
  const core::DatasetStatistics s = core::compute_statistics(doc);
  const core::PrelabelStats ps = core::compute_prelabel_stats(doc);
  std::optional<core::ConsensusReport> agreement;
  std::vector<core::Document> others;
  if (!a.compare.empty()) {
    for (const auto& p : a.compare)
      others.push_back(core::open_for_qa(p, a.sequence));
    std::vector<const core::Document*> ptrs{&doc};
    for (const auto& d : others)
      ptrs.push_back(&d);
    agreement = core::compute_consensus(ptrs);
  }
  if (a.json) {
    nlohmann::json j;
    j["path"] = a.path;
    j["frames"] = s.frames;
    j["excluded_frames"] = s.excluded_frames;
    j["objects"] = s.objects;
    j["shapes"] = s.shapes;
    j["keyframes"] = s.keyframes;
    j["objects_per_class"] = s.objects_per_class;
    j["shapes_per_class"] = s.shapes_per_class;
    j["shapes_per_kind"] = s.shapes_per_kind;
    j["frames_by_status"] = s.frames_by_status;
    j["open_comments"] = s.open_comments;
    j["resolved_comments"] = s.resolved_comments;
    for (const auto& [name, f] : s.per_annotator) {
      nlohmann::json x;
      x["objects"] = f.objects;
      x["keyframes"] = f.keyframes;
      x["shapes"] = f.shapes;
      x["keyframes_per_kind"] = f.keyframes_per_kind;
      x["objects_rejected"] = f.objects_rejected;
      x["objects_accepted"] = f.objects_accepted;
      j["per_annotator"][name.empty() ? "(unknown)" : name] = x;
    }
    {
      auto fig = [](const core::PrelabelFigures& f) {
        return nlohmann::json{{"decided", f.decided},
                              {"accepted", f.accepted},
                              {"corrected", f.corrected},
                              {"class_changed", f.class_changed},
                              {"rejected", f.rejected},
                              {"acceptance_rate", f.acceptance_rate()},
                              {"mean_correction_iou", f.mean_correction_iou()},
                              {"seconds_saved", f.seconds_saved}};
      };
      nlohmann::json m = fig(ps.overall);
      m["pending"] = ps.pending;
      for (const auto& [c, f] : ps.per_class)
        m["per_class"][c] = fig(f);
      for (const auto& [id, f] : ps.per_model)
        m["per_model"][id.empty() ? "(unknown)" : id] = fig(f);
      m["draw_seconds"] = ps.draw_seconds;
      m["review_seconds"] = ps.review_seconds;
      m["timings_measured"] = ps.timings_measured;
      j["model_assist"] = m;
    }
    if (agreement) {
      j["agreement"]["iou_histogram"] = agreement->iou_histogram;
      j["agreement"]["mean_iou"] = agreement->overall.mean_iou();
      j["agreement"]["match_rate"] = agreement->overall.match_rate();
    }
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{}: {} frames ({} excluded), {} objects, {} shapes ({} keyframes)\n", a.path,
             s.frames, s.excluded_frames, s.objects, s.shapes, s.keyframes);
  fmt::print("-- classes (objects / shapes)\n");
  for (const auto& [c, n] : s.objects_per_class)
    fmt::print("  {:<16} {:>6} {:>8}\n", c, n, s.shapes_per_class.at(c));
  fmt::print("-- annotators (objects / keyframes / rejected objects)\n");
  for (const auto& [name, f] : s.per_annotator)
    fmt::print("  {:<16} {:>6} {:>8} {:>6}\n", name.empty() ? "(unknown)" : name, f.objects,
               f.keyframes, f.objects_rejected);
  std::string st;
  for (const auto& [k, n] : s.frames_by_status)
    st += fmt::format(" {} {}", k, n);
  fmt::print("-- review: frames{}; comments {} open, {} resolved\n", st, s.open_comments,
             s.resolved_comments);
  if (ps.overall.decided || ps.pending) {
    fmt::print("-- model assist: {} pre-labels pending, {} decided\n", ps.pending,
               ps.overall.decided);
    fmt::print("  {:<16} {:>7} {:>8} {:>9} {:>8} {:>8} {:>10}\n", "class", "decided", "accepted",
               "corrected", "rejected", "corr.IoU", "saved(min)");
    auto row = [](const std::string& name, const core::PrelabelFigures& f) {
      fmt::print("  {:<16} {:>7} {:>7.1f}% {:>9} {:>8} {:>8.3f} {:>10.1f}\n", name, f.decided,
                 100.0 * f.acceptance_rate(), f.corrected, f.rejected, f.mean_correction_iou(),
                 f.seconds_saved / 60.0);
    };
    for (const auto& [c, f] : ps.per_class)
      row(c, f);
    row("overall", ps.overall);
    std::string draw;
    for (const auto& [k, v] : ps.draw_seconds)
      draw += fmt::format(" {} {:.0f} s", k, v);
    fmt::print("  time per shape drawn:{}; per review {:.1f} s ({})\n", draw, ps.review_seconds,
               ps.timings_measured ? "measured from the edit times" : "defaults where too few edits");
  }
  if (agreement) {
    fmt::print("-- agreement: mean IoU {:.3f}, match rate {:.1f}%\n  IoU histogram:",
               agreement->overall.mean_iou(), 100 * agreement->overall.match_rate());
    for (size_t i = 0; i < agreement->iou_histogram.size(); ++i)
      fmt::print(" [{:.1f},{:.1f}) {}", 0.1 * double(i), 0.1 * double(i + 1),
                 agreement->iou_histogram[i]);
    fmt::print("\n");
  }
}

}  // namespace

void add_qa_batches_command(CLI::App& qa) {
  auto a = std::make_shared<BatchArgs>();
  CLI::App* sub = qa.add_subcommand(
      "batches", "Assign frame ranges to annotators and reviewers; report who did what");
  sub->add_option("path", a->path, "Native sequence folder")->required();
  sub->add_option("--size", a->size, "Frames per batch (assigns and saves)");
  sub->add_option("--annotators", a->annotators, "Annotator ids, round-robin")->delimiter(',');
  sub->add_option("--reviewers", a->reviewers, "Reviewer ids, round-robin")->delimiter(',');
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_batches(*a); });
}

void add_qa_stats_command(CLI::App& qa) {
  auto a = std::make_shared<StatsArgs>();
  CLI::App* sub =
      qa.add_subcommand("stats", "Class counts, per-annotator figures, review progress, agreement");
  sub->add_option("path", a->path, "Sequence or annotations")->required();
  sub->add_option("--compare", a->compare,
                  "Other annotation sets of the sequence: agreement histogram");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_stats(*a); });
}

}  // namespace vantage::cli
