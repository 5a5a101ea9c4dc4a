#pragma once
// Label schema, read-only here: class hierarchy with colour swatches and
// guideline text, attributes, frame tags.

namespace vantage::gui {
class Workspace;
void draw_schema_panel(Workspace& ws);
}  // namespace vantage::gui
