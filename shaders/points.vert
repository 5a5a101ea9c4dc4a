#version 330 core
// LiDAR points: x y z intensity in the sweep's own frame, plus an optional
// per-point colour (class of the containing cuboid; alpha 0 = none).
layout(location = 0) in vec4 a_point;
layout(location = 1) in vec4 a_color;
uniform mat4 u_mvp;        // sweep frame -> clip
uniform mat4 u_model;      // sweep frame -> vehicle frame (heights)
uniform int u_mode;        // 0 height, 1 intensity, 2 distance, 3 class
uniform float u_point_size;
uniform vec2 u_height_range;   // vehicle z mapped to the colour ramp
uniform float u_intensity_scale;
uniform float u_max_distance;
uniform float u_dim;           // 0..1 darkening (older accumulated sweeps)
out vec4 v_color;

// Polynomial fit of the Turbo colour map (Google, Apache-2.0 description):
// readable on dark backgrounds and perceptually ordered.
vec3 turbo(float x) {
  x = clamp(x, 0.0, 1.0);
  const vec4 kr = vec4(0.13572138, 4.61539260, -42.66032258, 132.13108234);
  const vec4 kg = vec4(0.09140261, 2.19418839, 4.84296658, -14.18503333);
  const vec4 kb = vec4(0.10667330, 12.64194608, -60.58204836, 110.36276771);
  const vec2 kr2 = vec2(-152.94239396, 59.28637943);
  const vec2 kg2 = vec2(4.27729857, 2.82956604);
  const vec2 kb2 = vec2(-89.90310912, 27.34824973);
  vec4 v4 = vec4(1.0, x, x * x, x * x * x);
  vec2 v2 = v4.zw * v4.z;
  return vec3(dot(v4, kr) + dot(v2, kr2), dot(v4, kg) + dot(v2, kg2), dot(v4, kb) + dot(v2, kb2));
}

void main() {
  gl_Position = u_mvp * vec4(a_point.xyz, 1.0);
  gl_PointSize = u_point_size;
  vec3 c;
  float z = (u_model * vec4(a_point.xyz, 1.0)).z;
  float h = (z - u_height_range.x) / max(1e-3, u_height_range.y - u_height_range.x);
  if (u_mode == 1) {
    // Intensity is skewed towards low values: a square root spreads them.
    c = turbo(sqrt(clamp(a_point.w * u_intensity_scale, 0.0, 1.0)));
  } else if (u_mode == 2) {
    c = turbo(1.0 - clamp(length(a_point.xyz) / u_max_distance, 0.0, 1.0));
  } else if (u_mode == 3) {
    // Points outside every cuboid stay grey so the classified ones stand out.
    c = a_color.a > 0.5 ? a_color.rgb : vec3(0.35 + 0.25 * clamp(h, 0.0, 1.0));
  } else {
    c = turbo(h);
  }
  v_color = vec4(c * (1.0 - u_dim), 1.0);
}
