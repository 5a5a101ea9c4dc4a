#pragma once
// Quality-assurance panels: the Issues list (validation findings; a click
// jumps to the frame and object), review mode (status per frame and object,
// comments, stepping through rejected or unreviewed frames) and statistics.

namespace vantage::gui {
class Workspace;
void draw_issues_panel(Workspace& ws);
void draw_review_panel(Workspace& ws);
void draw_statistics_panel(Workspace& ws);
}  // namespace vantage::gui
