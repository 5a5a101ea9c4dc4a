// Tool operations on the active object's tracks: keyframes, outside spans,
// split/merge/id, copy from the previous frame, paste to a range,
// propagation, GrabCut and cuboid edits (see tool_ops.h).
#include <algorithm>
#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "app/gui/tools/cuboid_ops.h"
#include "app/gui/tools/run_command.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/tools/tool_ops.h"
#include "core/commands/annotation_commands.h"
#include "core/models/prelabel.h"
#include "core/tracking/frame_image.h"
#include "core/tracking/grabcut.h"
#include "core/tracking/keyframe_commands.h"
#include "core/tracking/object_track_commands.h"
#include "core/util/error.h"

namespace vantage::gui::tool_ops {

using namespace vantage::gui::tools;

namespace {

// The active object when it may be edited, else nullptr (with a message).
const core::Object* active_object(Workspace& ws, ToolSettings& s) {
  const core::ObjectId id = ws.view().active;
  const core::Object* o = id >= 0 ? ws.doc().annotations.find(id) : nullptr;
  if (!o) {
    s.say("Select an object first", true);
    return nullptr;
  }
  if (is_locked(ws, id)) {
    s.say(fmt::format("#{} is locked", id), true);
    return nullptr;
  }
  return o;
}

// One undo step out of several track commands.
core::CommandPtr combine(std::string description, std::vector<core::CommandPtr> parts) {
  auto c = std::make_unique<core::CompositeCommand>(std::move(description));
  for (auto& p : parts)
    if (p) c->add(std::move(p));
  if (c->empty()) return nullptr;
  return c;
}

// The active object's cuboid at this frame, for the cuboid edits.
std::optional<core::Cuboid> active_cuboid(Workspace& ws, ToolSettings& s, core::ObjectId* id) {
  const core::Object* o = active_object(ws, s);
  if (!o) return std::nullopt;
  *id = o->id;
  auto c = ws.interpolator().cuboid_at(*o, ws.view().frame);
  if (!c) s.say(fmt::format("#{} has no cuboid at this frame", o->id), true);
  return c;
}

void set_cuboid(Workspace& ws, ToolSettings& s, core::ObjectId id, const core::Cuboid& c,
                const std::string& done) {
  commit_edit(ws, id, core::kSceneSensor, c, 0);
  ws.editor().seal();
  s.say(done);
}

}  // namespace

void toggle_keyframe(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const int f = ws.view().frame;
  // Key when any track here is not a keyframe yet; else un-key them all.
  bool all_keyed = true, any = false;
  for (const core::Track& t : o->tracks) {
    if (!ws.interpolator().evaluate(*o, t, f)) continue;
    any = true;
    const core::Shape* st = t.at(f);
    if (!st || !st->keyframe) all_keyed = false;
  }
  if (!any) {
    s.say(fmt::format("#{} has no shape at frame {}", o->id, f), true);
    return;
  }
  const bool key = !all_keyed;
  run_command(
      ws, s,
      [&] {
        std::vector<core::CommandPtr> parts;
        for (const core::Track& t : o->tracks) {
          if (!ws.interpolator().evaluate(*o, t, f)) continue;
          parts.push_back(core::make_set_keyframe(ws.doc(), ws.interpolator(),
                                                  {o->id, t.sensor, t.kind}, f, key));
        }
        return combine(
            fmt::format("{} keyframe of #{} at frame {}", key ? "Set" : "Clear", o->id, f),
            std::move(parts));
      },
      key ? "Keyframe set" : "Keyframe removed");
}

void mark_outside(Workspace& ws, ToolSettings& s, bool outside) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const core::FrameRange r = settings_range(ws, s);
  run_command(
      ws, s, [&] { return core::make_mark_outside(ws.doc(), o->id, r, outside); },
      fmt::format("#{} {} on frames {}-{}", o->id, outside ? "outside" : "visible", r.first,
                  r.last));
}

void split(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const core::ObjectId new_id = ws.doc().annotations.next_id();
  const core::ObjectId id = o->id;
  if (run_command(
          ws, s,
          [&] {
            return core::make_split_object(ws.doc(), ws.interpolator(), id, ws.view().frame,
                                           new_id);
          },
          fmt::format("Split #{}: frames from {} are now #{}", id, ws.view().frame, new_id)))
    select_object(ws, new_id, false);
}

void merge(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  std::vector<core::ObjectId> others;
  for (core::ObjectId id : ws.view().selection)
    if (id != o->id) others.push_back(id);
  if (others.size() != 1) {
    s.say("Select exactly two objects to merge (the active one keeps its id)", true);
    return;
  }
  const core::ObjectId keep = o->id, other = others[0];
  if (run_command(
          ws, s, [&] { return core::make_merge_objects(ws.doc(), keep, other); },
          fmt::format("Merged #{} into #{}", other, keep)))
    select_object(ws, keep, false);
}

void change_id(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const core::ObjectId from = o->id, to = s.new_id;
  if (run_command(
          ws, s, [&] { return core::make_change_object_id(ws.doc(), from, to); },
          fmt::format("#{} is now #{}", from, to)))
    select_object(ws, to, false);
}

void copy_previous(Workspace& ws, ToolSettings& s, bool cuboid_only) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const int f = ws.view().frame;
  if (f == 0) {
    s.say("There is no previous frame", true);
    return;
  }
  run_command(
      ws, s,
      [&] {
        std::vector<core::CommandPtr> parts;
        for (const core::Track& t : o->tracks) {
          if (cuboid_only && t.kind != core::ShapeKind::Cuboid) continue;
          if (!ws.interpolator().evaluate(*o, t, f - 1)) continue;
          parts.push_back(core::make_copy_from_previous(ws.doc(), ws.interpolator(),
                                                        {o->id, t.sensor, t.kind}, f));
        }
        if (parts.empty())
          throw core::Error(fmt::format("#{} has no {} at frame {}", o->id,
                                        cuboid_only ? "cuboid" : "shape", f - 1));
        return combine(fmt::format("Copy #{} from frame {}", o->id, f - 1), std::move(parts));
      },
      fmt::format("Copied #{} from frame {}", o->id, f - 1));
}

void paste_shape_to_range(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const int f = ws.view().frame;
  const core::FrameRange r = settings_range(ws, s);
  run_command(
      ws, s,
      [&] {
        std::vector<core::CommandPtr> parts;
        for (const core::Track& t : o->tracks) {
          auto shape = ws.interpolator().evaluate(*o, t, f);
          if (!shape) continue;
          shape->annotator = ws.annotator();
          shape->modified_ms = now_ms();
          parts.push_back(core::make_paste_shape(ws.doc(), ws.interpolator(),
                                                 {o->id, t.sensor, t.kind}, r, *shape, f));
        }
        return combine(fmt::format("Paste #{} to frames {}-{}", o->id, r.first, r.last),
                       std::move(parts));
      },
      fmt::format("Pasted #{} to frames {}-{}", o->id, r.first, r.last));
}

bool active_track(Workspace& ws, core::ShapeKind* kind, std::string* sensor) {
  const core::Object* o = ws.doc().annotations.find(ws.view().active);
  if (!o) return false;
  const int f = ws.view().frame;
  const std::string& cam = ws.view().active_camera;
  if (ws.interpolator().evaluate(*o, cam, core::ShapeKind::Box2D, f)) {
    *kind = core::ShapeKind::Box2D;
    *sensor = cam;
    return true;
  }
  if (ws.interpolator().cuboid_at(*o, f)) {
    *kind = core::ShapeKind::Cuboid;
    *sensor = core::kSceneSensor;
    return true;
  }
  for (const core::Track& t : o->tracks) {
    if (ws.interpolator().evaluate(*o, t, f)) {
      *kind = t.kind;
      *sensor = t.sensor;
      return true;
    }
  }
  return false;
}

void propagate(Workspace& ws, ToolSettings& s) {
  if (s.job && !s.job->done()) {
    s.say("A propagation is already running", true);
    return;
  }
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  core::ShapeKind kind;
  std::string sensor;
  if (!active_track(ws, &kind, &sensor)) {
    s.say(fmt::format("#{} has no shape at this frame to propagate", o->id), true);
    return;
  }
  PropagationJob::Options opt;
  opt.ref = {o->id, sensor, kind};
  opt.from = ws.view().frame;
  opt.frames = std::max(1, s.propagate_frames);
  opt.kcf = s.tracker_kcf;
  s.job = std::make_unique<PropagationJob>(ws.doc(), opt);
  if (s.job->total() == 0) {
    s.job.reset();
    s.say("Nothing to propagate into (next frame is a keyframe, outside or the end)", true);
    return;
  }
  s.say(fmt::format("Propagating #{} over {} frame(s)...", o->id, s.job->total()));
}

void cancel_propagation(ToolSettings& s) {
  if (s.job && !s.job->done()) {
    s.job->cancel();
    s.say("Propagation cancelled; frames done so far are kept");
  }
}

void run_model(Workspace& ws, ToolSettings& s, bool train) {
  if (s.model_job && !s.model_job->done()) {
    s.say("A model is already running", true);
    return;
  }
  core::PrelabelOptions o;
  o.model = s.model;
  o.score = std::clamp(double(s.model_score), 0.0, 1.0);
  o.image.decode.score_threshold = o.score;
  static const core::DecoderKind kDecoders[] = {core::DecoderKind::YoloV8,
                                                core::DecoderKind::YoloV5, core::DecoderKind::Ssd};
  o.image.decoder = kDecoders[std::clamp(s.model_decoder, 0, 2)];
  o.classes = s.model_classes;
  // Leave a core to the UI.
  o.workers = std::max(1, int(std::thread::hardware_concurrency()) - 1);
  s.model_job = std::make_unique<PrelabelJob>(ws.doc(), o, train);
  s.say(fmt::format("{} {}...", train ? "Training on accepted labels, then running" : "Running",
                    s.model));
}

void cancel_model(ToolSettings& s) {
  if (s.model_job && !s.model_job->done()) {
    s.model_job->cancel();
    s.say("Model run cancelled: nothing stored");
  }
}

namespace {

void poll_model_job(Workspace& ws, ToolSettings& s) {
  if (!s.model_job || !s.model_job->done()) return;
  std::unique_ptr<PrelabelJob> job = std::move(s.model_job);
  job->wait();
  if (!job->error().empty()) {
    s.say("Model run failed: " + job->error(), true);
    return;
  }
  auto r = job->take_result();
  if (!r) return;  // cancelled
  const core::PrelabelSummary& sum = r->summary;
  std::string msg = fmt::format("{}: {} pre-labels on {} objects in {:.1f} s", sum.model_id,
                                sum.shapes, sum.objects, sum.seconds);
  if (sum.over_accepted) msg += fmt::format(", {} over accepted labels skipped", sum.over_accepted);
  if (sum.replaced) msg += fmt::format(", {} earlier replaced", sum.replaced);
  if (!job->train_text().empty()) msg = job->train_text() + "; " + msg;
  if (sum.shapes == 0 && sum.replaced == 0) {
    s.say(msg);
    return;
  }
  run_command(
      ws, s, [&] { return core::make_apply_prelabels_command(ws.doc(), *r); }, msg);
}

}  // namespace

void poll_jobs(Workspace& ws, ToolSettings& s) {
  poll_model_job(ws, s);
  if (!s.job || !s.job->done()) return;
  std::unique_ptr<PropagationJob> job = std::move(s.job);
  job->wait();
  const auto proposals = job->proposals();
  const auto& ref = job->options().ref;
  if (!job->error().empty() && proposals.empty()) {
    s.say("Propagation failed: " + job->error(), true);
    return;
  }
  if (proposals.empty()) {
    s.say("Propagation found nothing (tracker lost the object or the fit failed)", true);
    return;
  }
  if (!ws.doc().annotations.find(ref.object)) {
    s.say(fmt::format("#{} was deleted while propagating", ref.object), true);
    return;
  }
  run_command(
      ws, s,
      [&] {
        return core::make_store_proposals(
            ws.doc(), ref, proposals,
            fmt::format("Propagate #{} to frames {}-{}", ref.object, proposals.front().frame,
                        proposals.back().frame));
      },
      fmt::format("{} proposal(s) for #{} up to frame {}: review them on the timeline",
                  proposals.size(), ref.object, proposals.back().frame));
}

void grabcut(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const int f = ws.view().frame;
  const std::string cam = ws.view().active_camera;
  const auto box = ws.interpolator().evaluate(*o, cam, core::ShapeKind::Box2D, f);
  if (!box) {
    s.say(fmt::format("#{} has no box in {} at this frame", o->id, cam), true);
    return;
  }
  cv::Mat image;
  if (auto data = ws.cache().get(f)) {
    if (auto it = data->images.find(cam); it != data->images.end()) image = it->second;
  }
  try {
    if (image.empty()) image = core::read_frame_image(ws.doc(), f, cam);
  } catch (const core::Error& e) {
    s.say(e.what(), true);
    return;
  }
  if (image.empty()) {
    s.say(fmt::format("{} has no image at frame {}", cam, f), true);
    return;
  }
  const auto poly = core::grabcut_polygon(image, *box->as<core::Box2D>());
  if (!poly) {
    s.say("GrabCut found no object in the box", true);
    return;
  }
  core::Shape p = new_shape(ws, *poly);
  p.keyframe = false;
  p.source = core::ShapeSource::Model;  // reviewed like a pre-label: accept / reject
  const core::ObjectId id = o->id;
  run_command(
      ws, s,
      [&] {
        return core::make_store_proposals(ws.doc(), {id, cam, core::ShapeKind::Polygon}, {{f, p}},
                                          fmt::format("GrabCut outline of #{}", id));
      },
      "GrabCut outline stored as a pre-label: accept (Y) or reject (N)");
}

void flip_heading(Workspace& ws, ToolSettings& s) {
  core::ObjectId id = -1;
  auto c = active_cuboid(ws, s, &id);
  if (!c) return;
  c->yaw = core::wrap_angle(c->yaw + core::kPi);
  set_cuboid(ws, s, id, *c, fmt::format("#{} heading flipped", id));
}

void snap_to_ground(Workspace& ws, ToolSettings& s) {
  core::ObjectId id = -1;
  auto c = active_cuboid(ws, s, &id);
  if (!c) return;
  if (!frame_ground(ws).has_points) {
    s.say("No LiDAR points at this frame to find the ground", true);
    return;
  }
  set_cuboid(ws, s, id, snapped_to_ground(ws, *c), fmt::format("#{} snapped to the ground", id));
}

void derive_boxes(Workspace& ws, ToolSettings& s) {
  const core::Object* o = active_object(ws, s);
  if (!o) return;
  const core::ObjectId id = o->id;
  run_command(
      ws, s,
      [&] {
        return core::make_derive_boxes(ws.doc(), ws.interpolator(), id, ws.view().frame,
                                       edit_stamp(ws));
      },
      fmt::format("2D boxes of #{} derived from its cuboid: adjust them per camera", id));
}

}  // namespace vantage::gui::tool_ops
