#version 430
// Turns the splatted words into colours and depth (points_splat.comp); an
// empty pixel keeps whatever is under it.
layout(std430, binding = 1) readonly buffer Frame { uint frame[]; };
uniform ivec2 u_size;
uniform float u_dim;
out vec4 o_color;

// Turbo, as in points.vert.
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
  ivec2 px = ivec2(gl_FragCoord.xy);
  uint w = frame[px.y * u_size.x + px.x];
  if (w == 0xffffffffu) discard;
  float t = float(w & 255u) / 255.0;
  float dim = ((w >> 8) & 1u) == 1u ? max(u_dim, 0.35) : u_dim;
  o_color = vec4(turbo(t) * (1.0 - dim), 1.0);
  gl_FragDepth = float(w >> 9) / 8388607.0;
}
