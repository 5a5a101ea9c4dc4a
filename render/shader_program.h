#pragma once
// GLSL programs built from the shader files in shaders/, which are embedded
// into the binary at build time. A compile or link error throws ShaderError
// naming the shader file and line with the driver's log.

#include <glm/glm.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

#include "render/gl_objects.h"

namespace vantage::render {

class ShaderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Text of an embedded shader file by name ("points.vert"); empty if unknown.
std::string_view shader_source(std::string_view name);

class ShaderProgram {
 public:
  ShaderProgram() = default;
  // Builds from embedded files, e.g. ("points.vert", "points.frag").
  static ShaderProgram from_files(const std::string& vertex_file, const std::string& fragment_file);
  // With a geometry shader stage too ("lines.geom").
  static ShaderProgram from_files(const std::string& vertex_file, const std::string& geometry_file,
                                  const std::string& fragment_file);
  // A compute program from one embedded file ("points_splat.comp"; GL 4.3).
  static ShaderProgram compute_from_file(const std::string& file);
  // Builds from source text; the names are used in error messages.
  static ShaderProgram from_source(const std::string& vertex_name, std::string_view vertex_src,
                                   const std::string& fragment_name, std::string_view fragment_src,
                                   const std::string& geometry_name = {},
                                   std::string_view geometry_src = {});

  GLuint id() const { return program_.id(); }
  explicit operator bool() const { return bool(program_); }
  void use() const { glUseProgram(program_.id()); }
  GLint uniform(const char* name) const { return glGetUniformLocation(program_.id(), name); }
  void set(const char* name, int v) const { glUniform1i(uniform(name), v); }
  void set(const char* name, float v) const { glUniform1f(uniform(name), v); }
  void set(const char* name, const glm::vec2& v) const;
  void set(const char* name, const glm::vec3& v) const;
  void set(const char* name, const glm::vec4& v) const;
  void set(const char* name, const glm::mat4& m) const;

 private:
  ProgramHandle program_;
};

}  // namespace vantage::render
