#pragma once
// Moved to core/io/fast_json.h (the native reader uses it too); kept so
// existing includes build.
#include "core/io/fast_json.h"
