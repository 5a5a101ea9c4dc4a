// Placeholder until the QA panels land.
#include "app/gui/panels/qa_panels.h"

#include <imgui.h>

namespace vantage::gui {
void draw_issues_panel(Workspace&) { ImGui::TextDisabled("No checks yet"); }
void draw_review_panel(Workspace&) { ImGui::TextDisabled("Review mode not available"); }
void draw_statistics_panel(Workspace&) { ImGui::TextDisabled("No statistics yet"); }
}  // namespace vantage::gui
