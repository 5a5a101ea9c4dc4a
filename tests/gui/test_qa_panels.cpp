// QA panels driven through ImGui: Run checks fills the workspace's findings
// (what the timeline marks), a finding jumps to its frame and object, review
// buttons mark the frame and object undoably, stepping finds rejected frames.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include "app/gui/panels/qa_panels.h"
#include "app/gui/views/headless_gl.h"
#include "app/gui/workspace.h"
#include "core/commands/annotation_commands.h"
#include "core/qa/review_queries.h"
#include "test_render_support.h"
#include "tests/core/qa_fixture.h"
#include "tests/gui/shell_imgui_harness.h"

using namespace vantage;

namespace {

core::Document qa_doc() {
  core::Document doc = test::make_qa_document(10);
  test::add_qa_car(doc, 1, 15.0, 2.5, 0, 9);
  test::add_qa_car(doc, 2, 25.0, -3.0, 0, 9);
  test::add_qa_car(doc, 3, 15.0, 2.5, 5, 5);  // duplicate of car 1 at frame 5
  return doc;
}

}  // namespace

TEST_CASE("Issues panel: Run checks fills findings; a finding jumps to frame and object",
          "[gui][qa]") {
  gui::Workspace ws(qa_doc(), "/nonexistent");
  test::ImGuiHarness ui;
  auto draw = [&] { gui::draw_issues_panel(ws); };
  ui.frame(draw);
  CHECK(ws.findings().empty());
  // "Run checks" is the first widget of the window (padding 8, 8).
  ui.click(ImVec2(30, 17), draw);
  REQUIRE(!ws.findings().empty());
  const core::Finding* dup = nullptr;
  for (const auto& f : ws.findings())
    if (f.rule == "duplicate") dup = &f;
  REQUIRE(dup);
  CHECK(dup->frame == 5);
  gui::jump_to_finding(ws, *dup);
  CHECK(ws.view().frame == 5);
  CHECK(ws.view().active == 3);
  CHECK(ws.view().selection == std::set<core::ObjectId>{3});
  for (int i = 0; i < 3; ++i)
    ui.frame(draw);  // the list draws with the selection

  // Fixing the duplicate and saving (dirty -> clean) re-runs the checks.
  ws.editor().execute(std::make_unique<core::ObjectsCommand>(
      "remove",
      std::vector<core::ObjectsCommand::Change>{{3, *ws.doc().annotations.find(3), std::nullopt}}));
  ui.frame(draw);
  ws.editor().mark_saved();
  ui.frame(draw);
  for (const auto& f : ws.findings())
    CHECK(f.rule != "duplicate");
}

TEST_CASE("Review panel actions mark, comment and step, undoably", "[gui][qa]") {
  gui::Workspace ws(qa_doc(), "/nonexistent");
  test::ImGuiHarness ui;
  auto draw = [&] { gui::draw_review_panel(ws); };
  ws.set_frame(2);
  ws.view().active = 1;
  ui.frame(draw);
  gui::review_frame(ws, core::ReviewStatus::Rejected, "boxes loose");
  CHECK(gui::review_active_object(ws, core::ReviewStatus::Accepted));
  gui::comment_here(ws, "check the mirror");
  ui.frame(draw);
  const auto& r = ws.doc().annotations.review;
  CHECK(r.frames.at(2).status == core::ReviewStatus::Rejected);
  CHECK(r.frames.at(2).reviewer == ws.annotator());
  CHECK(r.objects.at(1).status == core::ReviewStatus::Accepted);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.comments[0].object == 1);
  CHECK(core::rejection_list(ws.doc().annotations).size() == 2);  // the frame and the open comment

  ws.set_frame(7);
  REQUIRE(gui::step_to_rejected(ws, +1));
  CHECK(ws.view().frame == 2);
  REQUIRE(gui::step_to_unreviewed(ws, +1));
  CHECK(ws.view().frame == 3);
  ws.editor().undo();  // the comment
  ws.editor().undo();  // the object mark
  CHECK(ws.doc().annotations.review.objects.empty());
  // Clicking "Accept" on the frame's button row (below the status line).
  ws.set_frame(4);
  ui.frame(draw);
  ui.click(ImVec2(20, 8 + ImGui::GetTextLineHeightWithSpacing() + 6), draw);
  CHECK(core::frame_status(ws.doc().annotations, 4) == core::ReviewStatus::Accepted);
}

TEST_CASE("Statistics panel draws the document's figures", "[gui][qa]") {
  gui::Workspace ws(qa_doc(), "/nonexistent");
  test::ImGuiHarness ui;
  for (int i = 0; i < 3; ++i)
    ui.frame([&] { gui::draw_statistics_panel(ws); });
  SUCCEED("drawn without ImGui assertions");
}

TEST_CASE("QA panels render: error findings show in the error colour", "[gui][qa][render]") {
  test::gl_context();
  gui::Workspace ws(qa_doc(), "/nonexistent");
  gui::run_checks(ws);
  gui::review_frame(ws, core::ReviewStatus::Rejected, "boxes loose");
  gui::UiHarness ui(900, 700);
  auto draw = [&] {
    ImGui::BeginChild("issues", ImVec2(440, 330), true);
    gui::draw_issues_panel(ws);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("review", ImVec2(440, 330), true);
    gui::draw_review_panel(ws);
    ImGui::EndChild();
    ImGui::BeginChild("stats", ImVec2(880, 330), true);
    gui::draw_statistics_panel(ws);
    ImGui::EndChild();
  };
  for (int i = 0; i < 3; ++i)
    ui.frame(gui::UiInput{}, draw);
  const cv::Mat img = ui.read_bgr();
  if (const char* out = std::getenv("VANTAGE_QA_PANEL_PNG")) cv::imwrite(out, img);
  // The error colour (230, 69, 61) of the "(x)" icons and the count.
  int red = 0;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < 440; ++x) {
      const cv::Vec3b p = img.at<cv::Vec3b>(y, x);
      red += p[2] > 200 && p[1] < 110 && p[0] < 100;
    }
  CHECK(red > 20);
}
