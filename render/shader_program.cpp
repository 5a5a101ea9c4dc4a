#include "render/shader_program.h"

#include <fmt/format.h>

#include <glm/gtc/type_ptr.hpp>
#include <regex>

namespace vantage::render {

namespace shaders {
std::string_view embedded_file(std::string_view name);  // generated
}

std::string_view shader_source(std::string_view name) {
  return shaders::embedded_file(name);
}

namespace {

// Driver logs look like "0:12(5): error: ..." (Mesa) or "0(12) : error ..."
// (NVIDIA). Rewrite each to "FILE:12: ..." so the message points at the file.
std::string annotate_log(const std::string& file, const std::string& log) {
  static const std::regex mesa(R"(^\s*\d+:(\d+)\(\d+\):\s*)");
  static const std::regex nvidia(R"(^\s*\d+\((\d+)\)\s*:\s*)");
  std::string out;
  size_t start = 0;
  while (start < log.size()) {
    size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    std::string line = log.substr(start, end - start);
    std::smatch m;
    if (std::regex_search(line, m, mesa) || std::regex_search(line, m, nvidia)) {
      line = fmt::format("{}:{}: {}", file, m[1].str(), m.suffix().str());
    } else if (!line.empty()) {
      line = fmt::format("{}: {}", file, line);
    }
    if (!line.empty()) out += line + "\n";
    start = end + 1;
  }
  return out;
}

ShaderHandle compile(GLenum type, const std::string& name, std::string_view src) {
  if (src.empty())
    throw ShaderError(fmt::format("shader {}: no such embedded file or empty source", name));
  ShaderHandle sh(glCreateShader(type));
  const char* text = src.data();
  const GLint len = static_cast<GLint>(src.size());
  glShaderSource(sh.id(), 1, &text, &len);
  glCompileShader(sh.id());
  GLint ok = 0;
  glGetShaderiv(sh.id(), GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint log_len = 0;
    glGetShaderiv(sh.id(), GL_INFO_LOG_LENGTH, &log_len);
    std::string log(static_cast<size_t>(std::max(log_len, 1)), '\0');
    glGetShaderInfoLog(sh.id(), log_len, nullptr, log.data());
    throw ShaderError(
        fmt::format("shader {} failed to compile:\n{}", name, annotate_log(name, log.c_str())));
  }
  return sh;
}

}  // namespace

ShaderProgram ShaderProgram::from_files(const std::string& vertex_file,
                                        const std::string& fragment_file) {
  return from_source(vertex_file, shader_source(vertex_file), fragment_file,
                     shader_source(fragment_file));
}

ShaderProgram ShaderProgram::from_files(const std::string& vertex_file,
                                        const std::string& geometry_file,
                                        const std::string& fragment_file) {
  return from_source(vertex_file, shader_source(vertex_file), fragment_file,
                     shader_source(fragment_file), geometry_file, shader_source(geometry_file));
}

ShaderProgram ShaderProgram::from_source(const std::string& vertex_name,
                                         std::string_view vertex_src,
                                         const std::string& fragment_name,
                                         std::string_view fragment_src,
                                         const std::string& geometry_name,
                                         std::string_view geometry_src) {
  ShaderHandle vs = compile(GL_VERTEX_SHADER, vertex_name, vertex_src);
  ShaderHandle gs;
  if (!geometry_name.empty()) gs = compile(GL_GEOMETRY_SHADER, geometry_name, geometry_src);
  ShaderHandle fs = compile(GL_FRAGMENT_SHADER, fragment_name, fragment_src);
  ShaderProgram p;
  p.program_ = ProgramHandle(glCreateProgram());
  glAttachShader(p.program_.id(), vs.id());
  if (gs) glAttachShader(p.program_.id(), gs.id());
  glAttachShader(p.program_.id(), fs.id());
  glLinkProgram(p.program_.id());
  GLint ok = 0;
  glGetProgramiv(p.program_.id(), GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint log_len = 0;
    glGetProgramiv(p.program_.id(), GL_INFO_LOG_LENGTH, &log_len);
    std::string log(static_cast<size_t>(std::max(log_len, 1)), '\0');
    glGetProgramInfoLog(p.program_.id(), log_len, nullptr, log.data());
    throw ShaderError(fmt::format("program {} + {} failed to link:\n{}", vertex_name, fragment_name,
                                  log.c_str()));
  }
  glDetachShader(p.program_.id(), vs.id());
  if (gs) glDetachShader(p.program_.id(), gs.id());
  glDetachShader(p.program_.id(), fs.id());
  return p;
}

ShaderProgram ShaderProgram::compute_from_file(const std::string& file) {
  ShaderHandle cs = compile(GL_COMPUTE_SHADER, file, shader_source(file));
  ShaderProgram p;
  p.program_ = ProgramHandle(glCreateProgram());
  glAttachShader(p.program_.id(), cs.id());
  glLinkProgram(p.program_.id());
  GLint ok = 0;
  glGetProgramiv(p.program_.id(), GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint log_len = 0;
    glGetProgramiv(p.program_.id(), GL_INFO_LOG_LENGTH, &log_len);
    std::string log(static_cast<size_t>(std::max(log_len, 1)), '\0');
    glGetProgramInfoLog(p.program_.id(), log_len, nullptr, log.data());
    throw ShaderError(fmt::format("program {} failed to link:\n{}", file, log.c_str()));
  }
  glDetachShader(p.program_.id(), cs.id());
  return p;
}

void ShaderProgram::set(const char* name, const glm::vec2& v) const {
  glUniform2fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::vec3& v) const {
  glUniform3fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::vec4& v) const {
  glUniform4fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const char* name, const glm::mat4& m) const {
  glUniformMatrix4fv(uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace vantage::render
