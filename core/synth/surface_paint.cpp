// [SECTION] index
//   Palettes     colours picked by a box's style seed
//   Vehicles     cars, vans, trucks, buses: glass, wheels, lights, plates
//   People       pedestrian and cyclist cut-out silhouettes
//   Scenery      facades with window grids, poles, trees
#include "core/synth/surface_paint.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/synth/demo_random.h"

namespace vantage::core {

namespace {

// ---- [SECTION] Palettes ----

Rgb scale(Rgb c, double f) {
  return {static_cast<float>(c.r * f), static_cast<float>(c.g * f), static_cast<float>(c.b * f)};
}
Rgb mix(Rgb a, Rgb b, double t) {
  return {static_cast<float>(a.r + (b.r - a.r) * t), static_cast<float>(a.g + (b.g - a.g) * t),
          static_cast<float>(a.b + (b.b - a.b) * t)};
}

template <size_t N>
const Rgb& pick(const Rgb (&palette)[N], uint32_t style, uint64_t salt) {
  return palette[hash64(style, salt) % N];
}

const Rgb kCarColours[] = {{226, 226, 222}, {224, 224, 220}, {172, 174, 178}, {168, 170, 172},
                           {30, 30, 32},    {34, 34, 38},    {72, 74, 78},    {160, 30, 32},
                           {32, 62, 138},   {26, 36, 72},    {44, 82, 58},    {188, 174, 146},
                           {206, 122, 36},  {120, 24, 36}};
const Rgb kVanColours[] = {{232, 232, 228}, {230, 230, 226}, {176, 178, 180},
                           {32, 44, 88},    {170, 34, 34},   {60, 62, 66}};
const Rgb kTruckCabColours[] = {
    {200, 34, 30}, {36, 70, 150}, {230, 230, 226}, {40, 110, 60}, {236, 190, 40}};
const Rgb kCargoColours[] = {{232, 232, 228}, {200, 200, 196}, {222, 222, 216}, {60, 90, 140}};
const Rgb kBusColours[] = {
    {222, 178, 32}, {184, 32, 34}, {40, 92, 170}, {232, 232, 226}, {52, 130, 80}};
const Rgb kFacadeColours[] = {{204, 188, 160}, {182, 180, 174}, {150, 82, 62},  {222, 216, 204},
                              {214, 198, 150}, {160, 170, 182}, {186, 112, 82}, {120, 116, 110},
                              {196, 160, 130}, {170, 150, 128}};
const Rgb kShirtColours[] = {{190, 40, 40},   {40, 70, 150},   {230, 230, 225}, {30, 30, 34},
                             {60, 120, 70},   {210, 170, 40},  {120, 60, 130},  {200, 110, 40},
                             {100, 104, 110}, {140, 160, 190}, {170, 30, 80}};
const Rgb kTrouserColours[] = {
    {48, 62, 96}, {30, 30, 34}, {96, 96, 102}, {168, 148, 112}, {40, 50, 70}};
const Rgb kSkinColours[] = {{232, 192, 160}, {206, 156, 120}, {156, 104, 72}, {98, 66, 46}};
const Rgb kHairColours[] = {
    {30, 24, 20}, {80, 56, 36}, {190, 160, 100}, {150, 150, 150}, {60, 40, 30}};
const Rgb kBikeColours[] = {
    {180, 30, 30}, {30, 30, 34}, {40, 90, 170}, {220, 220, 215}, {40, 140, 80}};
const Rgb kCanopyColours[] = {{62, 102, 46}, {76, 112, 52}, {52, 88, 42}, {88, 116, 56}};

const Rgb kTyre{24, 24, 26};
const Rgb kHub{150, 150, 156};
const Rgb kTrim{38, 38, 40};
const Rgb kPlate{226, 226, 218};
const Rgb kHeadlight{236, 236, 222};
const Rgb kTailLight{186, 26, 26};

// Hash key of a (possibly negative) coordinate: through int64, since
// converting a negative double straight to uint64 is undefined.
uint64_t key(double v) {
  return static_cast<uint64_t>(static_cast<int64_t>(std::floor(v)));
}

Rgb glass(double t) {
  return mix({28, 34, 44}, {96, 110, 130}, std::clamp(t, 0.0, 1.0) * 0.8);
}

SurfaceSample solid(Rgb c, float refl) {
  return {c, refl, true};
}
SurfaceSample see_through() {
  return {{0, 0, 0}, 0.0f, false};
}

double seg_dist(double px, double py, double ax, double ay, double bx, double by) {
  const double vx = bx - ax, vy = by - ay;
  const double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(px - ax - t * vx, py - ay - t * vy);
}

bool in(double v, double a, double b) {
  return v >= a && v <= b;
}

// ---- [SECTION] Vehicles ----

// A wheel on a side face: tyre, hub and a dark arch above it.
bool wheel(double x, double z, double xc, double r, Rgb body, SurfaceSample& out) {
  const double d = std::hypot(x - xc, z - r);
  if (d < r * 0.55) return out = solid(kHub, 0.3f), true;
  if (d < r) return out = solid(kTyre, 0.05f), true;
  if (d < r + 0.05 && z > r) return out = solid(scale(body, 0.35), 0.1f), true;
  return false;
}

SurfaceSample paint_car(const SceneBox& b, int face, const Vec3& p, bool van) {
  const double l = b.size.x, w = b.size.y, h = b.size.z;
  const Rgb body = body_colour(b);
  const float refl = 0.25f + 0.3f * (body.r + body.g + body.b) / 765.0f;
  const double x = p.x, y = p.y, z = p.z;
  SurfaceSample out;
  switch (face) {
    case kFaceLeft:
    case kFaceRight: {
      const double r = van ? 0.34 : 0.31;
      const double axle = l / 2 - (van ? 0.17 : 0.2) * l;
      if (wheel(x, z, axle, r, body, out) || wheel(x, z, -axle, r, body, out)) return out;
      if (z < 0.17) return solid(kTrim, 0.1f);
      const double w0 = van ? 0.58 * h : 0.6 * h, w1 = van ? 0.88 * h : 0.9 * h;
      if (in(z, w0, w1)) {
        const double rise = (z - w0) / (w1 - w0);
        double x0, x1;
        if (van) {
          x0 = hash64(b.style, 5) % 2 ? -0.42 * l : 0.2 * l;  // panel vans: cab window only
          x1 = 0.4 * l - rise * 0.35;
        } else {
          x0 = -0.34 * l + rise * 0.45;
          x1 = 0.18 * l - rise * 0.7;
        }
        if (in(x, x0, x1)) {
          if (in(x, -0.1 * l, -0.07 * l) || (van && std::fmod(x + 10.0 * l, 0.95) < 0.08))
            return solid(scale(body, 0.3), 0.1f);
          return solid(glass(rise), 0.05f);
        }
      }
      if (z > 0.2 * h && z < w0 &&
          (std::abs(x - 0.12 * l) < 0.012 || std::abs(x + 0.1 * l) < 0.012))
        return solid(scale(body, 0.55), refl);
      return solid(body, refl);
    }
    case kFaceFront: {
      const double ay = std::abs(y);
      if (in(z, 0.62 * h, 0.92 * h) && ay < 0.42 * w)
        return solid(glass((z - 0.62 * h) / (0.3 * h)), 0.05f);
      if (in(z, 0.42 * h, 0.52 * h) && in(ay, 0.28 * w, 0.46 * w)) return solid(kHeadlight, 0.9f);
      if (in(z, 0.26 * h, 0.4 * h) && ay < 0.22 * w) return solid(kTrim, 0.1f);
      if (in(z, 0.15 * h, 0.24 * h) && ay < 0.12 * w) return solid(kPlate, 0.95f);
      if (z < 0.12 * h) return solid(kTrim, 0.1f);
      return solid(body, refl);
    }
    case kFaceRear: {
      const double ay = std::abs(y);
      if (in(z, 0.64 * h, 0.9 * h) && ay < 0.4 * w && !(van && ay < 0.015 * w))
        return solid(glass((z - 0.64 * h) / (0.26 * h)), 0.05f);
      if (in(z, 0.48 * h, 0.6 * h) && in(ay, 0.3 * w, 0.47 * w)) return solid(kTailLight, 0.8f);
      if (in(z, 0.28 * h, 0.38 * h) && ay < 0.12 * w) return solid(kPlate, 0.95f);
      if (z < 0.15 * h) return solid(kTrim, 0.1f);
      return solid(body, refl);
    }
    case kFaceTop:
      return solid(scale(body, 0.95), refl);
    default:
      return solid(kTrim, 0.1f);
  }
}

SurfaceSample paint_truck(const SceneBox& b, int face, const Vec3& p) {
  const double l = b.size.x, w = b.size.y, h = b.size.z;
  const Rgb cab = pick(kTruckCabColours, b.style, 21);
  const Rgb cargo = body_colour(b);
  const Rgb stripe = pick(kTruckCabColours, b.style, 22);
  const double x = p.x, y = p.y, z = p.z, ay = std::abs(y);
  const double cab_len = 2.3, cab_top = 0.78 * h, chassis = 0.3 * h;
  const bool in_cab = x > l / 2 - cab_len;
  SurfaceSample out;
  switch (face) {
    case kFaceLeft:
    case kFaceRight: {
      for (double xc : {l / 2 - 1.3, -l / 2 + 1.6, -l / 2 + 2.9})
        if (wheel(x, z, xc, 0.5, kTrim, out)) return out;
      if (in_cab && z < cab_top) {
        if (in(z, 0.5 * h, 0.72 * h) && in(x, l / 2 - cab_len + 0.3, l / 2 - 0.3))
          return solid(glass((z - 0.5 * h) / (0.22 * h)), 0.05f);
        if (z < 0.12 * h) return solid(kTrim, 0.1f);
        return solid(cab, 0.45f);
      }
      if (!in_cab && x > l / 2 - cab_len - 0.15 && z < cab_top) return solid(kTrim, 0.1f);
      if (z < chassis) return solid(kTrim, 0.1f);
      if (in(z, 0.55 * h, 0.63 * h)) return solid(stripe, 0.5f);
      return solid(cargo, 0.55f);
    }
    case kFaceFront: {
      if (z >= cab_top) return solid(scale(cargo, 0.9), 0.5f);
      if (in(z, 0.45 * h, 0.72 * h) && ay < 0.44 * w)
        return solid(glass((z - 0.45 * h) / (0.27 * h)), 0.05f);
      if (in(z, 0.14 * h, 0.2 * h) && in(ay, 0.3 * w, 0.45 * w)) return solid(kHeadlight, 0.9f);
      if (in(z, 0.2 * h, 0.38 * h) && ay < 0.3 * w) return solid(kTrim, 0.1f);
      if (in(z, 0.06 * h, 0.12 * h) && ay < 0.1 * w) return solid(kPlate, 0.95f);
      return solid(cab, 0.45f);
    }
    case kFaceRear: {
      if (z < chassis) {
        if (in(z, 0.18 * h, 0.25 * h) && ay > 0.35 * w) return solid(kTailLight, 0.8f);
        if (in(z, 0.1 * h, 0.17 * h) && ay < 0.1 * w) return solid(kPlate, 0.95f);
        return solid(kTrim, 0.1f);
      }
      if (ay < 0.01 * w || ay > 0.47 * w) return solid(scale(cargo, 0.6), 0.4f);
      return solid(cargo, 0.55f);
    }
    case kFaceTop:
      return solid(scale(in_cab ? cab : cargo, 0.92), 0.5f);
    default:
      return solid(kTrim, 0.1f);
  }
}

SurfaceSample paint_bus(const SceneBox& b, int face, const Vec3& p) {
  const double l = b.size.x, w = b.size.y, h = b.size.z;
  const Rgb body = body_colour(b);
  const double x = p.x, y = p.y, z = p.z, ay = std::abs(y);
  SurfaceSample out;
  switch (face) {
    case kFaceLeft:
    case kFaceRight: {
      for (double xc : {l / 2 - 2.6, -l / 2 + 3.2})
        if (wheel(x, z, xc, 0.5, body, out)) return out;
      if (face == kFaceRight && in(x, l / 2 - 2.0, l / 2 - 0.9) && in(z, 0.12 * h, 0.88 * h))
        return solid(glass((z - 0.12 * h) / (0.76 * h)), 0.05f);
      if (in(z, 0.55 * h, 0.88 * h) && in(x, -l / 2 + 0.4, l / 2 - 0.4)) {
        if (std::fmod(x + 100.0, 1.25) < 0.12) return solid(kTrim, 0.1f);
        return solid(glass((z - 0.55 * h) / (0.33 * h)), 0.05f);
      }
      if (z < 0.12 * h) return solid(kTrim, 0.1f);
      if (in(z, 0.44 * h, 0.49 * h)) return solid(pick(kBusColours, b.style, 31), 0.4f);
      return solid(body, 0.45f);
    }
    case kFaceFront: {
      if (in(z, 0.88 * h, 0.96 * h) && ay < 0.38 * w) {
        const bool lit = hash64(key((y + 10) * 12), key(z * 14), b.style) % 3 == 0;
        return solid(lit ? Rgb{255, 160, 30} : Rgb{20, 20, 20}, 0.2f);
      }
      if (in(z, 0.3 * h, 0.86 * h) && ay < 0.46 * w)
        return solid(glass((z - 0.3 * h) / (0.56 * h)), 0.05f);
      if (in(z, 0.12 * h, 0.2 * h) && in(ay, 0.3 * w, 0.45 * w)) return solid(kHeadlight, 0.9f);
      if (z < 0.1 * h) return solid(kTrim, 0.1f);
      return solid(body, 0.45f);
    }
    case kFaceRear: {
      if (in(z, 0.6 * h, 0.85 * h) && ay < 0.42 * w)
        return solid(glass((z - 0.6 * h) / (0.25 * h)), 0.05f);
      if (in(z, 0.15 * h, 0.3 * h) && ay > 0.36 * w) return solid(kTailLight, 0.8f);
      if (in(z, 0.2 * h, 0.45 * h) && ay < 0.3 * w) return solid(scale(body, 0.5), 0.3f);
      if (z < 0.1 * h) return solid(kTrim, 0.1f);
      return solid(body, 0.45f);
    }
    case kFaceTop:
      return solid(scale(body, 0.9), 0.45f);
    default:
      return solid(kTrim, 0.1f);
  }
}

// ---- [SECTION] People ----

struct PersonLook {
  Rgb shirt, trousers, skin, hair;
};

PersonLook person_look(uint32_t style) {
  return {pick(kShirtColours, style, 41), pick(kTrouserColours, style, 42),
          pick(kSkinColours, style, 43), pick(kHairColours, style, 44)};
}

SurfaceSample paint_pedestrian(const SceneBox& b, int face, const Vec3& p) {
  const double h = b.size.z, w = b.size.y;
  const PersonLook c = person_look(b.style);
  const double x = p.x, y = p.y, z = p.z, ay = std::abs(y);
  const float refl = 0.22f;
  const Rgb sleeve = scale(c.shirt, 0.85);
  const Rgb shoes{34, 30, 28};
  const double zl = 0.48 * h, zs = 0.82 * h, zh = 0.86 * h;
  const double head_c = 0.93 * h, head_r = 0.072 * h;
  switch (face) {
    case kFaceFront:
    case kFaceRear: {
      const bool rear = face == kFaceRear;
      if (z > zh) {
        const double e = (y / 0.1) * (y / 0.1) + ((z - head_c) / head_r) * ((z - head_c) / head_r);
        if (e > 1) return see_through();
        return solid(rear || z > head_c + 0.4 * head_r ? c.hair : c.skin, refl);
      }
      if (z > zs) return ay < 0.055 ? solid(c.skin, refl) : see_through();
      if (z > zl) {
        if (ay < 0.34 * w || (z > zs - 0.04 * h && ay < 0.42 * w)) return solid(c.shirt, refl);
        if (ay < 0.47 * w) return solid(z < zl + 0.05 * h ? c.skin : sleeve, refl);
        return see_through();
      }
      if (z > 0.44 * h && ay < 0.34 * w) return solid(c.trousers, refl);
      if (in(ay, 0.04 * w, 0.31 * w)) return solid(z < 0.04 * h ? shoes : c.trousers, refl);
      if (in(ay, 0.35 * w, 0.46 * w) && z > 0.42 * h) return solid(c.skin, refl);  // hands
      return see_through();
    }
    case kFaceLeft:
    case kFaceRight: {
      const double stride = (b.style & kStandingStyleBit) ? 0.03 : 0.13;
      if (z > zh) {
        const double e = ((x - 0.02) / 0.1) * ((x - 0.02) / 0.1) +
                         ((z - head_c) / head_r) * ((z - head_c) / head_r);
        if (e > 1) return see_through();
        return solid(x < 0.0 || z > head_c + 0.4 * head_r ? c.hair : c.skin, refl);
      }
      if (z > zs) return std::abs(x) < 0.05 ? solid(c.skin, refl) : see_through();
      if (seg_dist(x, z, 0.0, zs - 0.02 * h, 0.05, zl + 0.01 * h) < 0.045)
        return solid(sleeve, refl);
      if (z > zl) {
        if (std::abs(x) < 0.12) return solid(c.shirt, refl);
        if ((b.style & 0x10u) && in(x, -0.22, -0.12) && in(z, 0.56 * h, 0.78 * h))
          return solid(Rgb{50, 52, 60}, 0.2f);  // backpack
        return see_through();
      }
      for (double foot : {stride, -stride})
        if (seg_dist(x, z, 0.0, zl, foot, 0.03 * h) < 0.07)
          return solid(z < 0.04 * h ? shoes : c.trousers, refl);
      return see_through();
    }
    case kFaceTop: {
      if (std::hypot(x - 0.02, y) < 0.1) return solid(c.hair, refl);
      if (std::abs(x) < 0.12 && ay < 0.4 * w) return solid(c.shirt, refl);
      return see_through();
    }
    default:
      return see_through();
  }
}

SurfaceSample paint_cyclist(const SceneBox& b, int face, const Vec3& p) {
  const double k = b.size.z / 1.72;  // proportions of a 1.72 m high rider
  const PersonLook c = person_look(b.style);
  const Rgb frame = pick(kBikeColours, b.style, 51);
  const Rgb helmet = pick(kShirtColours, b.style, 52);
  const double x = p.x, y = p.y, z = p.z / k, ay = std::abs(y);
  const float refl = 0.25f;
  switch (face) {
    case kFaceLeft:
    case kFaceRight: {
      for (double xc : {0.52, -0.52}) {
        const double d = std::hypot(x - xc, z - 0.34);
        if (in(d, 0.27, 0.34)) return solid(kTyre, 0.05f);
        if (d < 0.04) return solid(kHub, 0.3f);
      }
      if (std::hypot(x - 0.27, z - 1.53) < 0.12) return solid(z > 1.56 ? helmet : c.skin, refl);
      if (seg_dist(x, z, 0.15, 1.33, 0.36, 1.02) < 0.045) return solid(scale(c.shirt, 0.85), refl);
      if (seg_dist(x, z, -0.08, 0.98, 0.2, 1.38) < 0.14) return solid(c.shirt, refl);
      if (seg_dist(x, z, -0.1, 0.95, 0.05, 0.65) < 0.07 ||
          seg_dist(x, z, 0.05, 0.65, -0.02, 0.4) < 0.06)
        return solid(c.trousers, refl);
      static constexpr double kTubes[][4] = {{-0.52, 0.34, -0.05, 0.4}, {-0.05, 0.4, -0.12, 0.92},
                                             {-0.12, 0.88, 0.38, 0.86}, {-0.05, 0.4, 0.38, 0.84},
                                             {0.38, 0.86, 0.52, 0.34},  {-0.52, 0.34, -0.12, 0.88},
                                             {0.38, 0.86, 0.36, 1.03}};
      for (const auto& t : kTubes)
        if (seg_dist(x, z, t[0], t[1], t[2], t[3]) < 0.028) return solid(frame, 0.4f);
      return see_through();
    }
    case kFaceFront:
    case kFaceRear: {
      if (in(z, 1.41, 1.66) && ay < 0.11)
        return solid(z > 1.56 || face == kFaceRear ? helmet : c.skin, refl);
      if (in(z, 0.95, 1.4) && ay < 0.2) return solid(c.shirt, refl);
      if (in(z, 1.02, 1.35) && in(ay, 0.2, 0.27)) return solid(scale(c.shirt, 0.85), refl);
      if (in(z, 0.98, 1.04) && ay < 0.28) return solid(kTrim, 0.2f);
      if (in(z, 0.38, 0.96) && in(ay, 0.06, 0.16)) return solid(c.trousers, refl);
      if (z < 0.68 && ay < 0.025) return solid(kTyre, 0.05f);
      return see_through();
    }
    case kFaceTop: {
      if (std::hypot(x - 0.27, y) < 0.12) return solid(helmet, refl);
      if (std::abs(x - 0.05) < 0.2 && ay < 0.2) return solid(c.shirt, refl);
      if (std::abs(x - 0.37) < 0.03 && ay < 0.28) return solid(kTrim, 0.2f);
      return see_through();
    }
    default:
      return see_through();
  }
}

// ---- [SECTION] Scenery ----

SurfaceSample paint_building(const SceneBox& b, int face, const Vec3& p) {
  const Rgb facade = body_colour(b);
  if (face == kFaceTop) {
    const double n = hash_unit(key(p.x), key(p.y), b.style);
    return solid(scale(Rgb{96, 94, 92}, 0.9 + 0.2 * n), 0.25f);
  }
  if (face == kFaceBottom) return solid(kTrim, 0.2f);
  // Along-face coordinate from the face's left end.
  const bool long_face = face == kFaceLeft || face == kFaceRight;
  const double span = long_face ? b.size.x : b.size.y;
  const double a = (long_face ? p.x : p.y) + span / 2;
  const double z = p.z, h = b.size.z;
  const double period = 2.6 + 0.8 * hash_unit(b.style, 61);
  const double win_w = period * (0.42 + 0.15 * hash_unit(b.style, 62));
  const double floor_h = 3.2;
  if (z > h - 0.5) return solid(scale(facade, 0.78), 0.3f);  // cornice
  const int columns = std::max(1, static_cast<int>((span - 1.0) / period));
  const double margin = (span - columns * period) / 2;
  const double ca = a - margin;
  const int col = static_cast<int>(std::floor(ca / period));
  const double in_bay = ca - col * period;
  const bool in_column = ca >= 0 && col < columns && std::abs(in_bay - period / 2) < win_w / 2;
  const int storey = static_cast<int>(z / floor_h);
  const double zf = z - storey * floor_h;
  if (storey == 0) {
    // Ground floor: shop windows under a fascia, or plain wall with doors.
    const bool shops = hash64(b.style, 63, static_cast<uint64_t>(face)) % 3 != 0;
    if (shops) {
      if (in(zf, 2.55, 3.0))
        return solid(pick(kShirtColours, b.style, 64 + static_cast<uint64_t>(face)), 0.4f);
      if (in(zf, 0.45, 2.45) && ca >= 0 && col < columns &&
          std::abs(in_bay - period / 2) < period * 0.44)
        return solid(glass(0.2 + 0.4 * (zf - 0.45) / 2.0), 0.08f);
      return solid(scale(facade, 0.82), 0.3f);
    }
  }
  if (in_column && in(zf, 0.95, 2.35)) {
    const double edge = std::min({std::abs(in_bay - period / 2 + win_w / 2),
                                  std::abs(in_bay - period / 2 - win_w / 2), zf - 0.95, 2.35 - zf});
    if (edge < 0.07) return solid(Rgb{218, 216, 210}, 0.4f);  // frame
    const double v = hash_unit(b.style, static_cast<uint64_t>(storey),
                               static_cast<uint64_t>(col) * 8 + static_cast<uint64_t>(face));
    if (v < 0.18 && zf > 1.7) return solid(Rgb{196, 184, 160}, 0.2f);  // drawn blind
    return solid(scale(glass(0.3 + 0.5 * (zf - 0.95) / 1.4), 0.8 + 0.4 * v), 0.08f);
  }
  if (in(zf, 0.0, 0.18) && storey > 0) return solid(scale(facade, 0.88), 0.3f);  // floor band
  return solid(facade, 0.3f);
}

SurfaceSample paint_canopy(const SceneBox& b, const Vec3& p) {
  const Rgb base = pick(kCanopyColours, b.style, 71);
  const double n = hash_unit(key(p.x * 5), key(p.y * 5), key(p.z * 5) ^ b.style);
  return solid(scale(base, 0.7 + 0.5 * n), 0.15f);
}

}  // namespace

int cutout_face(const SceneBox& box, const Vec3& viewer) {
  const Vec3 l = box.to_local(viewer);
  // Direction to the viewer scaled by the face sizes: the face it sees most of.
  const double fx = l.x * box.size.y, fy = l.y * box.size.x;
  if (std::abs(fx) >= std::abs(fy)) return fx >= 0 ? kFaceFront : kFaceRear;
  return fy >= 0 ? kFaceLeft : kFaceRight;
}

Rgb body_colour(const SceneBox& b) {
  switch (b.surface) {
    case Surface::Car:
      return pick(kCarColours, b.style, 11);
    case Surface::Van:
      return pick(kVanColours, b.style, 12);
    case Surface::Truck:
      return pick(kCargoColours, b.style, 13);
    case Surface::Bus:
      return pick(kBusColours, b.style, 14);
    case Surface::Building:
      return pick(kFacadeColours, b.style, 15);
    case Surface::Pedestrian:
    case Surface::Cyclist:
      return person_look(b.style).shirt;
    case Surface::Pole:
      return {126, 128, 132};
    case Surface::LampArm:
      return {112, 114, 118};
    case Surface::TreeTrunk:
      return {86, 62, 44};
    case Surface::TreeCanopy:
      return pick(kCanopyColours, b.style, 71);
  }
  return {128, 128, 128};
}

SurfaceSample paint_surface(const SceneBox& b, int face, const Vec3& p) {
  switch (b.surface) {
    case Surface::Car:
      return paint_car(b, face, p, false);
    case Surface::Van:
      return paint_car(b, face, p, true);
    case Surface::Truck:
      return paint_truck(b, face, p);
    case Surface::Bus:
      return paint_bus(b, face, p);
    case Surface::Pedestrian:
      return paint_pedestrian(b, face, p);
    case Surface::Cyclist:
      return paint_cyclist(b, face, p);
    case Surface::Building:
      return paint_building(b, face, p);
    case Surface::TreeCanopy:
      return paint_canopy(b, p);
    case Surface::LampArm:
      if (face == kFaceBottom && (b.style & 1u)) return solid({244, 242, 226}, 0.7f);
      return solid(body_colour(b), 0.45f);
    case Surface::Pole:
    case Surface::TreeTrunk:
      return solid(body_colour(b), b.surface == Surface::Pole ? 0.45f : 0.2f);
  }
  return solid({128, 128, 128}, 0.3f);
}

}  // namespace vantage::core
