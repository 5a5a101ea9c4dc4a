#version 330 core
// Batched coloured 3D lines as screen-space quads, expanded here rather than
// in a geometry shader (much slower on software GL): one instance per
// segment, a 4-vertex triangle strip, both endpoints as per-instance
// attributes. Widths are in pixels (core profile has no wide lines).
// Segments are clipped at the near plane first, so a line that passes behind
// the camera never wraps around the screen.
layout(location = 0) in vec3 a_p0;
layout(location = 1) in vec4 a_c0;
layout(location = 2) in float a_w0;
layout(location = 3) in vec3 a_p1;
layout(location = 4) in vec4 a_c1;
layout(location = 5) in float a_w1;
uniform mat4 u_mvp;
uniform vec2 u_viewport;  // pixels
out vec4 v_color;

void main() {
  vec4 p0 = u_mvp * vec4(a_p0, 1.0), p1 = u_mvp * vec4(a_p1, 1.0);
  float d0 = p0.z + p0.w, d1 = p1.z + p1.w;  // signed distance to the near plane
  if (d0 < 0.0 && d1 < 0.0) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);  // outside the clip volume: culled
    v_color = vec4(0.0);
    return;
  }
  if (d0 < 0.0) p0 = mix(p0, p1, d0 / (d0 - d1));
  if (d1 < 0.0) p1 = mix(p1, p0, d1 / (d1 - d0));
  vec2 s0 = p0.xy / p0.w * u_viewport * 0.5;
  vec2 s1 = p1.xy / p1.w * u_viewport * 0.5;
  vec2 dir = s1 - s0;
  float len = length(dir);
  dir = len > 1e-5 ? dir / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  // Strip order: p0+, p0-, p1+, p1- (same as the former geometry shader).
  bool second = gl_VertexID >= 2;
  float side = (gl_VertexID & 1) == 0 ? 1.0 : -1.0;
  vec4 p = second ? p1 : p0;
  float w = second ? a_w1 : a_w0;
  vec2 o = side * n * w * 0.5 / (u_viewport * 0.5);
  gl_Position = vec4(p.xy + o * p.w, p.zw);
  v_color = second ? a_c1 : a_c0;
}
