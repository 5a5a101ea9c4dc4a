#include <catch2/catch.hpp>

#include "app/gui/panels/object_filter.h"
#include "app/gui/workspace.h"
#include "tests/support/fixtures.h"

using namespace vantage;

namespace {

std::vector<core::ObjectId> ids(gui::Workspace& ws) {
  std::vector<core::ObjectId> out;
  for (const gui::ObjectRow& r : gui::filtered_objects(ws))
    out.push_back(r.id);
  return out;
}

// Five objects on 20 frames, keyframes every 10th: #0 default, #1 renamed class, #2 interpolated
// at frame 10 (its keyframes there removed), #3 a model pre-label, #4
// rejected in review and with an attribute.
core::Document make_doc(std::vector<core::ObjectId>& order) {
  test::SyntheticOptions o;
  o.frames = 20;
  o.objects = 5;
  core::Document doc = test::make_synthetic_document(o);
  auto& objs = doc.annotations.objects;
  REQUIRE(objs.size() == 5);
  for (auto& obj : objs) {
    order.push_back(obj.id);
    obj.class_name = "Car";
  }
  objs[1].class_name = "Pedestrian";
  for (auto& t : objs[2].tracks)
    t.erase(10);
  for (auto& t : objs[3].tracks)
    for (auto& fs : t.shapes) {
      fs.shape.source = core::ShapeSource::Model;
      fs.shape.keyframe = false;
    }
  doc.annotations.review.objects[objs[4].id].status = core::ReviewStatus::Rejected;
  objs[4].attributes["parked"] = true;
  return doc;
}

}  // namespace

TEST_CASE("objects panel filter: class, state, attribute and search", "[gui][shell][objects]") {
  std::vector<core::ObjectId> id;
  gui::Workspace ws(make_doc(id), "/nonexistent");
  ws.set_frame(10);
  gui::ObjectFilter& f = ws.view().filter;
  CHECK(ids(ws) == id);

  f.class_name = "Pedestrian";
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[1]});
  f.class_name.clear();

  f.state = gui::ObjectFilter::State::Interpolated;
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[2]});
  f.state = gui::ObjectFilter::State::Keyframe;
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[0], id[1], id[4]});
  f.state = gui::ObjectFilter::State::Prelabel;
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[3]});
  f.state = gui::ObjectFilter::State::Rejected;
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[4]});
  f.state = gui::ObjectFilter::State::Any;

  f.attribute = "parked";
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[4]});
  f.attribute_value = "false";
  CHECK(ids(ws).empty());
  f.attribute.clear();
  f.attribute_value.clear();

  f.search = "pedes";
  CHECK(ids(ws) == std::vector<core::ObjectId>{id[1]});
  f.search = std::to_string(id[3]);
  const auto hits = ids(ws);
  CHECK(std::find(hits.begin(), hits.end(), id[3]) != hits.end());

  // Kinds shown per object.
  f.search.clear();
  const auto rows = gui::filtered_objects(ws);
  CHECK(gui::kinds_text(rows[0].kinds).find("cuboid") != std::string::npos);
}
