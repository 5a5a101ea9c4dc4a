#include "render/gl_objects.h"

namespace vantage::render {

namespace detail {
void delete_buffer(GLuint id) {
  glDeleteBuffers(1, &id);
}
void delete_vertex_array(GLuint id) {
  glDeleteVertexArrays(1, &id);
}
void delete_texture(GLuint id) {
  glDeleteTextures(1, &id);
}
void delete_framebuffer(GLuint id) {
  glDeleteFramebuffers(1, &id);
}
void delete_renderbuffer(GLuint id) {
  glDeleteRenderbuffers(1, &id);
}
void delete_program(GLuint id) {
  glDeleteProgram(id);
}
void delete_shader(GLuint id) {
  glDeleteShader(id);
}
}  // namespace detail

Buffer make_buffer() {
  GLuint id = 0;
  glGenBuffers(1, &id);
  return Buffer(id);
}

VertexArray make_vertex_array() {
  GLuint id = 0;
  glGenVertexArrays(1, &id);
  return VertexArray(id);
}

Texture make_texture() {
  GLuint id = 0;
  glGenTextures(1, &id);
  return Texture(id);
}

Framebuffer make_framebuffer() {
  GLuint id = 0;
  glGenFramebuffers(1, &id);
  return Framebuffer(id);
}

Renderbuffer make_renderbuffer() {
  GLuint id = 0;
  glGenRenderbuffers(1, &id);
  return Renderbuffer(id);
}

}  // namespace vantage::render
