// Placeholder until the renderer lands.
#include "app/gui/render_command.h"

#include <fmt/format.h>

namespace vantage::gui {

int run_render_command(const RenderRequest&) {
  fmt::print(stderr, "vantage render: not available in this build\n");
  return 2;
}

}  // namespace vantage::gui
