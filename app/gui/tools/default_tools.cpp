// The tool set of the workstation, Select first.
#include "app/gui/tools/tool_box.h"
#include "app/gui/tools/tool_classes.h"

namespace vantage::gui {

std::vector<ToolPtr> make_default_tools(std::shared_ptr<ToolSettings> settings) {
  std::vector<ToolPtr> tools;
  tools.push_back(make_select_tool(settings));
  tools.push_back(make_box_tool(settings));
  tools.push_back(make_polygon_tool(settings));
  tools.push_back(make_polyline_tool(settings));
  tools.push_back(make_keypoints_tool(settings));
  tools.push_back(make_cuboid_tool(settings));
  tools.push_back(make_ignore_region_tool(settings));
  tools.push_back(make_mask_tool(settings));
  return tools;
}

std::vector<ToolPtr> make_default_tools() {
  return make_default_tools(std::make_shared<ToolSettings>());
}

}  // namespace vantage::gui
