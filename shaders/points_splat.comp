#version 430
// Point splatting in a compute shader (after Schütz, Kerbl and Wimmer 2021,
// "Rendering Point Clouds with Compute Shaders and Vertex Order
// Optimization"): each point is projected and written into a per-pixel
// 32-bit word with atomicMin, depth in the high bits, so the nearest point
// wins without any rasterisation. On a CPU renderer (Mesa's llvmpipe) this
// costs a fraction of GL_POINTS, whose every point is set up as two
// triangles. Word layout: depth (23 bits) | dim (1) | colour index (8).
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer Points { vec4 points[]; };
layout(std430, binding = 1) buffer Frame { uint frame[]; };
uniform mat4 u_mvp;
uniform mat4 u_model;
uniform uint u_first;
uniform uint u_count;
uniform ivec2 u_size;
uniform int u_mode;        // 0 height, 1 intensity, 2 distance
uniform vec2 u_height_range;
uniform float u_intensity_scale;
uniform float u_max_distance;
uniform uint u_dim;        // 1: an older accumulated sweep
uniform int u_radius;      // footprint: (2 r + 1)^2 pixels... or 2x2 for r = -1

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= u_count) return;
  vec4 p = points[u_first + i];
  vec4 clip = u_mvp * vec4(p.xyz, 1.0);
  if (clip.w <= 0.0) return;
  vec3 ndc = clip.xyz / clip.w;
  if (any(greaterThan(abs(ndc), vec3(1.0)))) return;
  ivec2 px = ivec2((ndc.xy * 0.5 + 0.5) * vec2(u_size));
  float t;
  if (u_mode == 1) {
    t = sqrt(clamp(p.w * u_intensity_scale, 0.0, 1.0));
  } else if (u_mode == 2) {
    t = 1.0 - clamp(length(p.xyz) / u_max_distance, 0.0, 1.0);
  } else {
    float z = (u_model * vec4(p.xyz, 1.0)).z;
    t = clamp((z - u_height_range.x) / max(1e-3, u_height_range.y - u_height_range.x), 0.0, 1.0);
  }
  uint depth = uint(clamp(ndc.z * 0.5 + 0.5, 0.0, 1.0) * 8388607.0);
  uint word = (depth << 9) | (u_dim << 8) | uint(t * 255.0 + 0.5);
  int lo = u_radius < 0 ? 0 : -u_radius;
  int hi = u_radius < 0 ? 1 : u_radius;
  for (int dy = lo; dy <= hi; ++dy)
    for (int dx = lo; dx <= hi; ++dx) {
      ivec2 q = px + ivec2(dx, dy);
      if (q.x < 0 || q.y < 0 || q.x >= u_size.x || q.y >= u_size.y) continue;
      atomicMin(frame[q.y * u_size.x + q.x], word);
    }
}
