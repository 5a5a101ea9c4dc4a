// vantage qa queue SEQUENCE [--by uncertainty|disagreement|novelty] [--limit N] [--json]
// Active learning: the pending pre-labels to review first
// (core/models/review_queue.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_qa.h"
#include "core/models/review_queue.h"
#include "core/qa/qa_input.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct QueueArgs {
  std::string path, by = "uncertainty", sequence;
  int limit = 20;
  bool json = false;
};

void run_queue(const QueueArgs& a) {
  const auto by = core::queue_order_from_string(a.by);
  if (!by)
    throw core::Error(fmt::format("--by '{}': expected uncertainty, disagreement or novelty", a.by));
  const core::Document doc = core::open_for_qa(a.path, a.sequence);
  const core::ReviewQueue q = core::build_review_queue(doc, *by);
  const size_t limit = a.limit > 0 ? size_t(a.limit) : q.items.size();
  if (a.json) {
    nlohmann::json j;
    j["path"] = a.path;
    j["by"] = a.by;
    j["pending"] = q.items.size();
    j["items"] = nlohmann::json::array();
    for (size_t i = 0; i < q.items.size() && i < limit; ++i) {
      const auto& it = q.items[i];
      j["items"].push_back({{"frame", it.frame},
                            {"object", it.object},
                            {"sensor", it.sensor},
                            {"kind", core::to_string(it.kind)},
                            {"class", it.class_name},
                            {"score", it.score},
                            {"uncertainty", it.uncertainty},
                            {"disagreement", it.disagreement},
                            {"inconsistency", it.inconsistency},
                            {"novelty", it.novelty},
                            {"priority", it.priority}});
    }
    j["frames"] = nlohmann::json::array();
    for (size_t i = 0; i < q.frames.size() && i < limit; ++i)
      j["frames"].push_back({{"frame", q.frames[i].frame},
                             {"priority", q.frames[i].priority},
                             {"items", q.frames[i].items}});
    fmt::print("{}\n", j.dump(2));
    return;
  }
  if (q.items.empty()) {
    fmt::print("{}: no pending pre-labels\n", a.path);
    return;
  }
  fmt::print("{}: {} pending pre-labels, by {}\n", a.path, q.items.size(), a.by);
  fmt::print("{:>4} {:>6} {:>7} {:<12} {:<7} {:<12} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8}\n", "#",
             "frame", "object", "sensor", "kind", "class", "score", "uncert", "disagr", "incons",
             "novel", "priority");
  for (size_t i = 0; i < q.items.size() && i < limit; ++i) {
    const auto& it = q.items[i];
    fmt::print("{:>4} {:>6} {:>7} {:<12} {:<7} {:<12} {:>6.3f} {:>6.3f} {:>6.3f} {:>6.3f} {:>6.3f} "
               "{:>8.3f}\n",
               i + 1, it.frame, it.object, it.sensor.empty() ? "(3D)" : it.sensor,
               core::to_string(it.kind), it.class_name, it.score, it.uncertainty, it.disagreement,
               it.inconsistency, it.novelty, it.priority);
  }
  if (q.items.size() > limit) fmt::print("... {} more (--limit 0 lists all)\n", q.items.size() - limit);
  fmt::print("-- frames to review first:");
  for (size_t i = 0; i < q.frames.size() && i < limit; ++i)
    fmt::print(" {}", q.frames[i].frame);
  fmt::print("\n");
}

}  // namespace

void add_qa_queue_command(CLI::App& qa) {
  auto a = std::make_shared<QueueArgs>();
  CLI::App* sub = qa.add_subcommand(
      "queue", "Active learning: pending pre-labels and frames to review first");
  sub->add_option("path", a->path, "Sequence or annotations")->required();
  sub->add_option("--by", a->by, "uncertainty (score margin, 2D/3D disagreement, track "
                                 "inconsistency), disagreement or novelty")
      ->capture_default_str();
  sub->add_option("--limit", a->limit, "Items to list (0: all)")->capture_default_str();
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_queue(*a); });
}

}  // namespace vantage::cli
