// Options shared by every subcommand.
#include "app/cli/cli_commands.h"

namespace vantage::cli {

namespace {
bool g_allow_outside = false;
}  // namespace

bool allow_outside() {
  return g_allow_outside;
}

void set_allow_outside(bool allow) {
  g_allow_outside = allow;
}

}  // namespace vantage::cli
