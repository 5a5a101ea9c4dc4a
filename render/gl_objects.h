#pragma once
// Move-only RAII owners for OpenGL objects. Each wraps one GL name and
// deletes it on destruction; copying is disabled so a name has one owner.

#include <glad/gl.h>

#include <utility>

namespace vantage::render {

template <void (*Delete)(GLuint)>
class GlHandle {
 public:
  GlHandle() = default;
  explicit GlHandle(GLuint id) : id_(id) {}
  ~GlHandle() { reset(); }
  GlHandle(const GlHandle&) = delete;
  GlHandle& operator=(const GlHandle&) = delete;
  GlHandle(GlHandle&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
  GlHandle& operator=(GlHandle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, 0);
    }
    return *this;
  }
  GLuint id() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_) Delete(id_);
    id_ = 0;
  }

 private:
  GLuint id_ = 0;
};

namespace detail {
void delete_buffer(GLuint id);
void delete_vertex_array(GLuint id);
void delete_texture(GLuint id);
void delete_framebuffer(GLuint id);
void delete_renderbuffer(GLuint id);
void delete_program(GLuint id);
void delete_shader(GLuint id);
}  // namespace detail

using Buffer = GlHandle<detail::delete_buffer>;
using VertexArray = GlHandle<detail::delete_vertex_array>;
using Texture = GlHandle<detail::delete_texture>;
using Framebuffer = GlHandle<detail::delete_framebuffer>;
using Renderbuffer = GlHandle<detail::delete_renderbuffer>;
using ProgramHandle = GlHandle<detail::delete_program>;
using ShaderHandle = GlHandle<detail::delete_shader>;

Buffer make_buffer();
VertexArray make_vertex_array();
Texture make_texture();
Framebuffer make_framebuffer();
Renderbuffer make_renderbuffer();

}  // namespace vantage::render
