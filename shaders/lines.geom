#version 330 core
// Core profile has no wide lines: each segment becomes a screen-space quad.
// Segments are clipped at the near plane first, so a line that passes behind
// the camera never wraps around the screen.
layout(lines) in;
layout(triangle_strip, max_vertices = 4) out;
in vec4 g_color[];
in float g_width[];
uniform vec2 u_viewport;  // pixels
out vec4 v_color;

void main() {
  vec4 p0 = gl_in[0].gl_Position, p1 = gl_in[1].gl_Position;
  float d0 = p0.z + p0.w, d1 = p1.z + p1.w;  // signed distance to the near plane
  if (d0 < 0.0 && d1 < 0.0) return;
  if (d0 < 0.0) p0 = mix(p0, p1, d0 / (d0 - d1));
  if (d1 < 0.0) p1 = mix(p1, p0, d1 / (d1 - d0));
  vec2 s0 = p0.xy / p0.w * u_viewport * 0.5;
  vec2 s1 = p1.xy / p1.w * u_viewport * 0.5;
  vec2 dir = s1 - s0;
  float len = length(dir);
  dir = len > 1e-5 ? dir / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  vec2 o0 = n * g_width[0] * 0.5 / (u_viewport * 0.5);
  vec2 o1 = n * g_width[1] * 0.5 / (u_viewport * 0.5);
  v_color = g_color[0];
  gl_Position = vec4(p0.xy + o0 * p0.w, p0.zw); EmitVertex();
  gl_Position = vec4(p0.xy - o0 * p0.w, p0.zw); EmitVertex();
  v_color = g_color[1];
  gl_Position = vec4(p1.xy + o1 * p1.w, p1.zw); EmitVertex();
  gl_Position = vec4(p1.xy - o1 * p1.w, p1.zw); EmitVertex();
  EndPrimitive();
}
