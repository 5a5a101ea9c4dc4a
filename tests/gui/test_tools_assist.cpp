// Pre-label review, GrabCut, 2D propagation and track edits through the
// tool actions (the same code the hotkeys and the tool options panel run).
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/panels/tool_options_panel.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/tools/tool_ops.h"
#include "core/io/native_format.h"
#include "core/models/review_queue.h"
#include "core/synth/demo_generator.h"
#include "core/tracking/prelabels.h"
#include "tests/gui/tools_test_util.h"
#include "tests/support/test_support.h"

using namespace vantage;

namespace {

core::Shape model_box(core::Box2D b, double score) {
  core::Shape s = test::shape_of(b, false);
  s.source = core::ShapeSource::Model;
  s.score = score;
  return s;
}

struct AssistHarness {
  test::ImGuiFrame imgui;
  gui::Workspace ws;
  gui::ToolBox tools;
  gui::ActionList actions;
  explicit AssistHarness(core::Document doc) : ws(std::move(doc), "/tmp/vantage-tools-test") {
    gui::add_tool_actions(actions, tools);
  }
  void select(core::ObjectId id) {
    ws.view().selection = {id};
    ws.view().active = id;
  }
};

// A dark disc of radius 30 on a light background, centre moving 6 px right
// per frame; images written as PNG files the document lists.
core::Document disc_document(const std::filesystem::path& dir, int frames) {
  core::Document doc = test::tools_document(frames);
  doc.folder = dir;
  for (int f = 0; f < frames; ++f) {
    cv::Mat img(375, 1242, CV_8UC3, cv::Scalar(200, 210, 220));
    cv::circle(img, {300 + 6 * f, 180}, 30, cv::Scalar(40, 60, 30), cv::FILLED);
    cv::rectangle(img, {290 + 6 * f, 170}, {310 + 6 * f, 190}, cv::Scalar(20, 20, 160), cv::FILLED);
    const std::string name = "img" + std::to_string(f) + ".png";
    cv::imwrite((dir / name).string(), img);
    doc.sequence.frames[f].files["image_2"] = name;
  }
  return doc;
}

}  // namespace

TEST_CASE("pre-label accept, reject and next most uncertain through actions", "[gui][tools]") {
  core::Document doc = test::tools_document();
  for (core::ObjectId id : {1, 2, 3}) {
    core::Object o;
    o.id = id;
    o.class_name = "Car";
    const int frame = id == 3 ? 6 : 2;
    o.track_or_create("image_2", core::ShapeKind::Box2D)
        .set(frame, model_box({10.0 * id, 10, 10.0 * id + 30, 40}, id == 3 ? 0.2 : 0.5 + 0.1 * id));
    doc.annotations.put(o);
  }
  AssistHarness h(doc);
  // Least certain first: frame 6 (score 0.2), then frame 2.
  test::run_action(h.actions, h.ws, "prelabel.next_uncertain");
  CHECK(h.ws.view().frame == 6);
  CHECK(h.ws.view().active == 3);
  test::run_action(h.actions, h.ws, "prelabel.accept");
  const core::Shape* s =
      h.ws.doc().annotations.find(3)->shape(6, "image_2", core::ShapeKind::Box2D);
  REQUIRE(s);
  CHECK(s->source == core::ShapeSource::Manual);
  CHECK(s->keyframe);
  test::run_action(h.actions, h.ws, "prelabel.next_uncertain");
  CHECK(h.ws.view().frame == 2);
  CHECK(h.ws.view().active == 1);
  test::run_action(h.actions, h.ws, "prelabel.reject");  // #1 had only this shape: deleted
  CHECK(h.ws.doc().annotations.find(1) == nullptr);
  CHECK(h.ws.view().active == 2);  // the next pending one is selected
  test::run_action(h.actions, h.ws, "prelabel.accept");
  CHECK(core::prelabels_at(h.ws.doc().annotations, 2).empty());
  h.ws.editor().undo();
  CHECK(core::prelabels_at(h.ws.doc().annotations, 2).size() == 1);
}

TEST_CASE("GrabCut turns the selected box into a polygon pre-label", "[gui][tools]") {
  test::TempDir dir;
  AssistHarness h(disc_document(dir.path(), 1));
  core::Object o;
  o.id = 1;
  o.class_name = "Car";
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(0, test::shape_of(core::Box2D{262, 142, 338, 218}));
  h.ws.editor().execute(core::make_add_object(o));
  h.select(1);
  test::run_action(h.actions, h.ws, "assist.grabcut");
  INFO(h.tools.settings().message);
  const core::Shape* p =
      h.ws.doc().annotations.find(1)->shape(0, "image_2", core::ShapeKind::Polygon);
  REQUIRE(p);
  CHECK(p->source == core::ShapeSource::Model);
  // The outline hugs the disc: every vertex within a few pixels of radius 30.
  for (const core::Vec2& v : p->as<core::Polygon>()->points)
    CHECK(glm::length(v - core::Vec2(300.5, 180.5)) == Approx(30).margin(4));
  test::run_action(h.actions, h.ws, "prelabel.accept");
  CHECK(h.ws.doc().annotations.find(1)->shape(0, "image_2", core::ShapeKind::Polygon)->source ==
        core::ShapeSource::Manual);
}

TEST_CASE("2D propagation runs on a worker and stores tracker proposals", "[gui][tools]") {
  test::TempDir dir;
  AssistHarness h(disc_document(dir.path(), 6));
  core::Object o;
  o.id = 1;
  o.class_name = "Car";
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(0, test::shape_of(core::Box2D{268, 148, 332, 212}));
  h.ws.editor().execute(core::make_add_object(o));
  h.select(1);
  h.tools.settings().propagate_frames = 4;
  test::run_action(h.actions, h.ws, "track.propagate");
  REQUIRE(h.tools.settings().job);
  h.tools.settings().job->wait();
  CHECK(h.tools.settings().job->progress() == 4);
  ImGui::Begin("Tool options");
  gui::draw_tool_options_panel(h.ws, h.tools);  // the panel polls and stores
  ImGui::End();
  INFO(h.tools.settings().message);
  CHECK_FALSE(h.tools.settings().job);
  const core::Object& t = *h.ws.doc().annotations.find(1);
  for (int f = 1; f <= 4; ++f) {
    const core::Shape* s = t.shape(f, "image_2", core::ShapeKind::Box2D);
    REQUIRE(s);
    CHECK(s->source == core::ShapeSource::Tracker);
    const core::Box2D& b = *s->as<core::Box2D>();
    CHECK((b.x1 + b.x2) / 2 == Approx(300 + 6 * f).margin(4));
  }
  CHECK(t.shape(5, "image_2", core::ShapeKind::Box2D) == nullptr);
}

TEST_CASE("keyframe, outside span, split, merge and change id through actions", "[gui][tools]") {
  core::Document doc = test::tools_document();
  core::Object o;
  o.id = 1;
  o.class_name = "Car";
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(0, test::shape_of(core::Box2D{0, 0, 10, 10}));
  o.track_or_create("image_2", core::ShapeKind::Box2D)
      .set(8, test::shape_of(core::Box2D{80, 0, 90, 10}));
  doc.annotations.put(o);
  AssistHarness h(doc);
  h.select(1);
  h.ws.set_frame(4);
  test::run_action(h.actions, h.ws, "shape.keyframe");
  const core::Shape* k =
      h.ws.doc().annotations.find(1)->shape(4, "image_2", core::ShapeKind::Box2D);
  REQUIRE(k);
  CHECK(k->keyframe);
  CHECK(*k->as<core::Box2D>() == core::Box2D{40, 0, 50, 10});
  test::run_action(h.actions, h.ws, "shape.keyframe");  // toggles back
  CHECK(h.ws.doc().annotations.find(1)->shape(4, "image_2", core::ShapeKind::Box2D) == nullptr);

  h.tools.settings().range_first = 2;
  h.tools.settings().range_last = 3;
  test::run_action(h.actions, h.ws, "track.outside");
  CHECK(h.ws.doc().annotations.find(1)->is_outside(2));
  test::run_action(h.actions, h.ws, "track.visible");
  CHECK_FALSE(h.ws.doc().annotations.find(1)->is_outside(2));

  test::run_action(h.actions, h.ws, "track.split");  // frames >= 4 become #2
  REQUIRE(h.ws.doc().annotations.find(2));
  CHECK(h.ws.doc().annotations.find(2)->first_frame() == 4);
  CHECK(h.ws.doc().annotations.find(1)->last_frame() == 3);
  CHECK(h.ws.view().active == 2);
  h.ws.view().selection = {1, 2};
  h.ws.view().active = 1;
  test::run_action(h.actions, h.ws, "track.merge");
  CHECK(h.ws.doc().annotations.find(2) == nullptr);
  CHECK(h.ws.doc().annotations.find(1)->last_frame() == 8);
  h.tools.settings().new_id = 42;
  test::run_action(h.actions, h.ws, "track.change_id");
  CHECK(h.ws.doc().annotations.find(42));
  CHECK(h.ws.view().active == 42);
  // Locked objects are not edited.
  h.ws.view().locked.insert(42);
  test::run_action(h.actions, h.ws, "track.split");
  CHECK(h.tools.settings().message_is_error);
  CHECK(h.ws.doc().annotations.objects.size() == 1);
}

TEST_CASE("Run model on a worker stores LiDAR pre-labels as one undo step; editing one logs it",
          "[gui][tools][models]") {
  test::TempDir dir;
  core::DemoOptions o;
  o.frames = 4;
  o.seed = 2;
  core::generate_demo(o, dir / "demo");
  core::Document doc = core::load_native(dir / "demo");
  doc.annotations = core::Annotations{};
  AssistHarness h(doc);
  gui::ToolSettings& s = h.tools.settings();
  CHECK(s.model == "builtin:lidar-objects");
  test::run_action(h.actions, h.ws, "model.run");
  REQUIRE(s.model_job);
  s.model_job->wait();
  CHECK(s.model_job->total() == 4);
  ImGui::Begin("Tool options");
  gui::draw_tool_options_panel(h.ws, h.tools);  // the panel polls and stores
  ImGui::End();
  INFO(s.message);
  CHECK_FALSE(s.model_job);
  const size_t objects = h.ws.doc().annotations.objects.size();
  REQUIRE(objects > 5);
  for (const core::Object& obj : h.ws.doc().annotations.objects)
    for (const core::Track& t : obj.tracks)
      for (const core::FrameShape& fs : t.shapes) {
        CHECK(fs.shape.source == core::ShapeSource::Model);
        CHECK(fs.shape.model == "builtin:lidar-objects@1");
      }
  // Next uncertain walks the queue and selects the frame's most uncertain.
  test::run_action(h.actions, h.ws, "prelabel.next_uncertain");
  const core::ReviewQueue q = core::build_review_queue(h.ws.doc(), core::QueueOrder::Uncertainty);
  const auto want = core::next_queue_frame(q, 0);  // the view was at frame 0
  REQUIRE(want);
  CHECK(h.ws.view().frame == *want);
  const core::QueueItem* top = nullptr;
  for (const core::QueueItem& it : q.items)
    if (it.frame == *want) {
      top = &it;
      break;
    }
  REQUIRE(top);
  CHECK(h.ws.view().active == top->object);
  // Moving the selected pre-label accepts it as a correction, logged with
  // the proposal.
  const core::ObjectId id = top->object;
  const core::Shape* stored = h.ws.doc().annotations.find(id)->shape(*want, top->sensor, top->kind);
  REQUIRE(stored);
  const core::Shape before = *stored;
  core::Cuboid moved = *before.as<core::Cuboid>();
  moved.center.x += 0.5;
  gui::tools::commit_edit(h.ws, id, top->sensor, moved, 0);
  const core::Shape* after = h.ws.doc().annotations.find(id)->shape(*want, top->sensor, top->kind);
  REQUIRE(after);
  CHECK(after->source == core::ShapeSource::Manual);
  CHECK(after->model == before.model);
  const auto& log = h.ws.doc().annotations.review.prelabel_decisions;
  REQUIRE(log.size() == 1);
  CHECK(log[0].proposed == before.geometry);
  CHECK(log[0].who == h.ws.annotator());
  // Undo: the edit, then the whole model run.
  REQUIRE(h.ws.editor().undo());
  CHECK(h.ws.doc().annotations.review.prelabel_decisions.empty());
  REQUIRE(h.ws.editor().undo());
  CHECK(h.ws.doc().annotations.objects.empty());
}
