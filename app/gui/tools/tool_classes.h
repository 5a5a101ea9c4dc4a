#pragma once
// Factories of the individual tools (one file each).

#include <memory>

#include "app/gui/tools/tool.h"
#include "app/gui/tools/tool_settings.h"

namespace vantage::gui {

using SettingsPtr = std::shared_ptr<ToolSettings>;
ToolPtr make_select_tool(SettingsPtr settings);
ToolPtr make_box_tool(SettingsPtr settings);
ToolPtr make_polygon_tool(SettingsPtr settings);
ToolPtr make_polyline_tool(SettingsPtr settings);
ToolPtr make_keypoints_tool(SettingsPtr settings);
ToolPtr make_cuboid_tool(SettingsPtr settings);
ToolPtr make_ignore_region_tool(SettingsPtr settings);
ToolPtr make_mask_tool(SettingsPtr settings);

}  // namespace vantage::gui
