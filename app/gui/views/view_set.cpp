// Placeholder until the real views land.
#include "app/gui/views/view_set.h"

#include <imgui.h>

namespace vantage::gui {

struct ViewSet::Impl {};
ViewSet::ViewSet() : impl_(std::make_unique<Impl>()) {}
ViewSet::~ViewSet() = default;
void ViewSet::draw_cameras(Workspace&, Tool*) { ImGui::TextUnformatted("camera views"); }
void ViewSet::draw_scene(Workspace&, Tool*) { ImGui::TextUnformatted("3D view"); }
void ViewSet::draw_cuboid_detail(Workspace&, Tool*) { ImGui::TextUnformatted("cuboid detail"); }

}  // namespace vantage::gui
