#version 330 core
// Batched coloured 3D lines; each vertex carries its colour and width in pixels.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_color;
layout(location = 2) in float a_width;
uniform mat4 u_mvp;
out vec4 g_color;
out float g_width;
void main() {
  gl_Position = u_mvp * vec4(a_position, 1.0);
  g_color = a_color;
  g_width = a_width;
}
