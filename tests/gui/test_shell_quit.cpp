#include <catch2/catch.hpp>

#include "app/gui/app_modals.h"

using namespace vantage;
using Choice = gui::QuitPrompt::Choice;

TEST_CASE("quitting with unsaved changes asks Save / Discard / Cancel", "[gui][shell][quit]") {
  gui::QuitPrompt q;
  CHECK(q.request(false));  // nothing unsaved: close at once
  CHECK_FALSE(q.asking());

  CHECK_FALSE(q.request(true));
  CHECK(q.asking());
  int saves = 0;
  CHECK_FALSE(q.choose(Choice::Cancel, [&] { return ++saves > 0; }));
  CHECK_FALSE(q.asking());
  CHECK(saves == 0);

  CHECK_FALSE(q.request(true));
  // A failed save keeps the prompt open with a message and does not close.
  CHECK_FALSE(q.choose(Choice::Save, [&] {
    ++saves;
    return false;
  }));
  CHECK(saves == 1);
  CHECK(q.asking());
  CHECK_FALSE(q.error().empty());
  CHECK(q.choose(Choice::Save, [&] { return ++saves > 0; }));
  CHECK(saves == 2);
  CHECK_FALSE(q.asking());

  CHECK_FALSE(q.request(true));
  CHECK(q.choose(Choice::Discard, [&] { return ++saves > 0; }));
  CHECK(saves == 2);  // discard never saves
}
