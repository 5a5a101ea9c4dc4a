#pragma once
// What the flat ground (z = 0) looks like at each world position: a raster
// of 0.1 m cells holding colour and LiDAR reflectivity, painted material by
// material (sidewalk, asphalt, lanes, markings...) with anti-aliased polygon
// edges so markings stay smooth close to the camera. Cells live in square
// tiles allocated only where something was painted (a long curved street
// covers a small part of its bounding box). Camera and LiDAR both read it, so
// the markings a camera sees are where the LiDAR finds bright returns.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/model/math.h"

namespace vantage::core {

enum class GroundMaterial : uint8_t {
  Verge = 0,  // unpaved ground between sidewalk and buildings (the default)
  Sidewalk,
  Curb,
  Asphalt,
  ParkingStrip,
  BikeLane,
  Marking,
  Crosswalk,
};

struct Rgb {
  float r = 0, g = 0, b = 0;  // 0..255
};

class GroundMap {
 public:
  static constexpr double kCell = 0.1;  // metres
  static constexpr int kTileCells = 128;

  GroundMap() = default;
  // Covers [min, max] (world x, y); outside it everything is Verge.
  GroundMap(const Vec2& min, const Vec2& max);

  // Paints a simple polygon (world coordinates, convex or not) with a
  // material, over what is already there. Adjacent pieces of one material
  // should be one polygon: anti-aliased edges between two pieces would show.
  void fill(const std::vector<Vec2>& polygon, GroundMaterial material);

  // Colour, bilinearly interpolated between cells.
  Rgb colour(double x, double y) const;
  // LiDAR reflectivity (0..1) of the cell at (x, y).
  float reflectivity(double x, double y) const;
  // The material of the cell at (x, y): the last one painted over at least
  // half of the cell (the ground truth of segmentation).
  GroundMaterial material(double x, double y) const;

  static Rgb material_colour(GroundMaterial m);
  static float material_reflectivity(GroundMaterial m);

 private:
  struct Cell {
    uint8_t r, g, b;
    uint8_t reflectivity;  // 0..255
    int8_t variation;      // world-anchored texture, -127..127
    uint8_t material = 0;  // GroundMaterial
  };
  const Cell& cell(int64_t cx, int64_t cy) const;
  Cell* tile_for(int64_t tx, int64_t ty);

  Vec2 origin_{0.0};
  int64_t tiles_x_ = 0, tiles_y_ = 0;
  std::vector<std::unique_ptr<Cell[]>> tiles_;  // row-major tile grid, null = untouched Verge
};

}  // namespace vantage::core
