// Review mode in core: marks, comments, stepping and the rejection list.
#include <catch2/catch.hpp>

#include "core/commands/editor.h"
#include "core/commands/review_commands.h"
#include "core/io/native_format.h"
#include "core/qa/review_queries.h"
#include "tests/core/qa_fixture.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

TEST_CASE("Review commands mark frames and objects, undo and redo", "[qa][review]") {
  Document doc = test::make_qa_document(10);
  test::add_qa_car(doc, 1, 15.0, 2.5, 3, 9);
  Editor ed(doc);
  ed.execute(make_frame_review_command(ed.document(), 2, ReviewStatus::Rejected, "rita",
                                       "car 1 box too loose", 1000));
  ed.execute(
      make_object_review_command(ed.document(), 1, ReviewStatus::Accepted, "rita", {}, 2000));
  const Review& r = ed.document().annotations.review;
  REQUIRE(r.frames.count(2));
  CHECK(r.frames.at(2).status == ReviewStatus::Rejected);
  CHECK(r.frames.at(2).reviewer == "rita");
  CHECK(r.frames.at(2).time_ms == 1000);
  CHECK(r.frames.at(2).reason == "car 1 box too loose");
  CHECK(object_status(ed.document().annotations, 1) == ReviewStatus::Accepted);
  CHECK(ed.undo_history().back() == "Mark object 1 accepted");
  REQUIRE(ed.undo());
  CHECK(object_status(ed.document().annotations, 1) == ReviewStatus::Todo);
  REQUIRE(ed.undo());
  CHECK(ed.document().annotations.review.empty());
  REQUIRE(ed.redo());
  CHECK(frame_status(ed.document().annotations, 2) == ReviewStatus::Rejected);
  // Back to Todo with no reviewer removes the entry.
  ed.execute(make_frame_review_command(ed.document(), 2, ReviewStatus::Todo, ""));
  CHECK(ed.document().annotations.review.frames.empty());
  CHECK(now_ms() > 1'600'000'000'000);  // a real epoch time
}

TEST_CASE("Comments pinned to objects and image locations, resolve and reopen", "[qa][review]") {
  Editor ed(test::make_qa_document(10));
  Comment c;
  c.frame = 4;
  c.object = 7;
  c.author = "rita";
  c.text = "missing mirror";
  ed.execute(make_add_comment_command(ed.document(), c));
  Comment at;
  at.frame = 5;
  at.sensor = test::kQaCamera;
  at.position = Vec2(320, 100);
  at.author = "rita";
  at.text = "unlabelled cyclist here";
  ed.execute(make_add_comment_command(ed.document(), at));
  const auto& cs = ed.document().annotations.review.comments;
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].id == 1);
  CHECK(cs[1].id == 2);
  CHECK(cs[1].position == Vec2(320, 100));
  ed.execute(make_resolve_comment_command(ed.document(), 1));
  CHECK(ed.document().annotations.review.comments[0].resolved);
  CHECK(rejection_list(ed.document().annotations).size() == 1);  // only the open one
  ed.undo();
  CHECK(!ed.document().annotations.review.comments[0].resolved);
  CHECK(rejection_list(ed.document().annotations).size() == 2);

  // Saved and loaded with the native format.
  test::TempDir dir;
  save_native(ed.document(), dir.path());
  CHECK(load_native(dir.path()).annotations.review == ed.document().annotations.review);
}

TEST_CASE("Stepping through rejected and unreviewed frames", "[qa][review]") {
  Document doc = test::make_qa_document(10);
  test::add_qa_car(doc, 1, 15.0, 2.5, 6, 9);
  Review& r = doc.annotations.review;
  for (int f = 0; f < 10; ++f)
    set_frame_mark(r, f, {ReviewStatus::Accepted, "rita", 1, ""});
  set_frame_mark(r, 2, {ReviewStatus::Rejected, "rita", 1, "blurry boxes"});
  set_frame_mark(r, 4, {ReviewStatus::Done, "ann", 1, ""});
  set_frame_mark(r, 8, {ReviewStatus::Todo, "", 0, ""});
  set_object_mark(r, 1, {ReviewStatus::Rejected, "rita", 5, "wrong heading"});
  const Annotations& a = doc.annotations;
  CHECK(next_rejected_frame(a, 0, 10) == 2);
  CHECK(next_rejected_frame(a, 2, 10) == 6);  // first frame of rejected object 1
  CHECK(next_rejected_frame(a, 6, 10) == 2);  // wraps
  CHECK(previous_rejected_frame(a, 2, 10) == 6);
  CHECK(next_unreviewed_frame(a, 0, 10) == 4);
  CHECK(next_unreviewed_frame(a, 4, 10) == 8);
  CHECK(next_unreviewed_frame(a, 8, 10) == 4);
  CHECK(previous_unreviewed_frame(a, 4, 10) == 8);
  doc.annotations.excluded_frames = {4};
  CHECK(next_unreviewed_frame(doc.annotations, 0, 10) == 8);
  doc.annotations.review.frames.clear();
  doc.annotations.review.objects.clear();
  CHECK(!next_rejected_frame(doc.annotations, 0, 10));

  // The annotator's list.
  set_frame_mark(doc.annotations.review, 2, {ReviewStatus::Rejected, "rita", 1, "blurry boxes"});
  set_object_mark(doc.annotations.review, 1, {ReviewStatus::Rejected, "rita", 5, "wrong heading"});
  const auto list = rejection_list(doc.annotations);
  REQUIRE(list.size() == 2);
  CHECK(list[0].kind == RejectionItem::Kind::Frame);
  CHECK(list[0].frame == 2);
  CHECK(list[0].reason == "blurry boxes");
  CHECK(list[1].kind == RejectionItem::Kind::Object);
  CHECK(list[1].frame == 6);
  CHECK(list[1].class_name == "Car");
  CHECK(list[1].reason == "wrong heading");
}

TEST_CASE("Excluded frames command is undoable", "[qa][review]") {
  Editor ed(test::make_qa_document(10));
  ed.execute(std::make_unique<ExcludedFramesCommand>(std::set<int>{1, 3}));
  CHECK(ed.document().annotations.excluded_frames == std::set<int>{1, 3});
  ed.undo();
  CHECK(ed.document().annotations.excluded_frames.empty());
}
