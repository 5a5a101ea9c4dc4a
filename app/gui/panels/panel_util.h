#pragma once
// Small helpers every panel shares.

#include <imgui.h>
#include "app/gui/selection.h"

#include <string>

#include "core/model/object.h"
#include "core/model/schema.h"

namespace vantage::gui {

class Workspace;

// Tooltip for the last item when hovered.
void tooltip(const char* text);
// The class's schema colour (grey for unknown classes).
ImU32 class_imcolor(const core::Schema& schema, const std::string& class_name, int alpha = 255);
ImVec4 class_color_vec(const core::Schema& schema, const std::string& class_name);

}  // namespace vantage::gui
