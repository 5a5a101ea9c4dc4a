#pragma once
// Quality-assurance panels: the Issues list (validation findings; a click
// jumps to the frame and object), review mode (status per frame and object,
// comments, stepping through rejected or unreviewed frames) and statistics.
// The actions behind their buttons are plain functions so tests and hotkeys
// take the same paths as a click.

#include <string>

#include "core/model/review.h"
#include "core/qa/finding.h"

namespace vantage::gui {
class Workspace;
void draw_issues_panel(Workspace& ws);
void draw_review_panel(Workspace& ws);
void draw_statistics_panel(Workspace& ws);

// Runs structural validation and the project's rules (doc folder's
// qa_rules.json, else the defaults) on the workspace's document and stores
// the findings in ws.findings(). Reading LiDAR is skipped (interactive).
// Returns the number of findings; a malformed rules file gives one error
// finding naming the file and line.
size_t run_checks(Workspace& ws);
// Goes to the finding's frame and selects its object (when it has them).
void jump_to_finding(Workspace& ws, const core::Finding& f);

// Review actions on the current frame / active object, as the reviewer
// ws.annotator().
void review_frame(Workspace& ws, core::ReviewStatus status, const std::string& reason = {});
bool review_active_object(Workspace& ws, core::ReviewStatus status, const std::string& reason = {});
// Comment on the active object (or the frame when none is active).
void comment_here(Workspace& ws, const std::string& text);
// Steps to the next / previous rejected or unreviewed frame; false when none.
bool step_to_rejected(Workspace& ws, int direction);
bool step_to_unreviewed(Workspace& ws, int direction);
}  // namespace vantage::gui
