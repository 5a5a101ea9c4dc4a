#include "core/formats/palette_png.h"

#include <png.h>

#include <cstring>

#include "core/util/error.h"

namespace vantage::core {

namespace {

// libpng reports errors by longjmp: the functions that call setjmp below
// hold only plain locals (pointers and integers), and everything with a
// destructor lives in their callers.

struct ReadState {
  const unsigned char* data;
  size_t size;
  size_t pos;
};

void read_fn(png_structp png, png_bytep out, png_size_t n) {
  auto* s = static_cast<ReadState*>(png_get_io_ptr(png));
  if (s->pos + n > s->size) png_error(png, "truncated PNG");
  std::memcpy(out, s->data + s->pos, n);
  s->pos += n;
}

void write_fn(png_structp png, png_bytep in, png_size_t n) {
  auto* s = static_cast<std::string*>(png_get_io_ptr(png));
  s->append(reinterpret_cast<const char*>(in), n);
}

void flush_fn(png_structp) {}

void error_fn(png_structp png, png_const_charp msg) {
  auto* text = static_cast<std::string*>(png_get_error_ptr(png));
  if (text) *text = msg;
  png_longjmp(png, 1);
}

void warning_fn(png_structp, png_const_charp) {}

bool write_png(std::string* out, std::string* err, const png_color* pal, int npal,
               const cv::Mat* indices) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, err, error_fn, warning_fn);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, write_fn, flush_fn);
  png_set_IHDR(png, info, static_cast<png_uint_32>(indices->cols),
               static_cast<png_uint_32>(indices->rows), 8, PNG_COLOR_TYPE_PALETTE,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_PLTE(png, info, pal, npal);
  png_set_compression_level(png, 6);
  png_write_info(png, info);
  for (int y = 0; y < indices->rows; ++y)
    png_write_row(png, const_cast<png_bytep>(indices->ptr<uint8_t>(y)));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

// 0 ok, 1 libpng error (message in err), 2 wrong kind of PNG.
int read_png(ReadState* state, std::string* err, cv::Mat* out, std::vector<png_bytep>* rows,
             std::vector<PaletteColor>* palette) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, err, error_fn, warning_fn);
  if (!png) return 1;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return 1;
  }
  png_set_read_fn(png, state, read_fn);
  png_read_info(png, info);
  const png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
  const int depth = png_get_bit_depth(png, info);
  const int type = png_get_color_type(png, info);
  if ((type != PNG_COLOR_TYPE_PALETTE && type != PNG_COLOR_TYPE_GRAY) || depth > 8) {
    png_destroy_read_struct(&png, &info, nullptr);
    return 2;
  }
  if (depth < 8) png_set_packing(png);
  if (palette) {
    palette->clear();
    png_colorp pal = nullptr;
    int n = 0;
    if (type == PNG_COLOR_TYPE_PALETTE && png_get_PLTE(png, info, &pal, &n))
      for (int i = 0; i < n; ++i)
        palette->push_back({pal[i].red, pal[i].green, pal[i].blue});
  }
  png_read_update_info(png, info);
  out->create(static_cast<int>(h), static_cast<int>(w), CV_8U);
  rows->resize(h);
  for (png_uint_32 y = 0; y < h; ++y)
    (*rows)[y] = out->ptr<uint8_t>(static_cast<int>(y));
  png_read_image(png, rows->data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return 0;
}

}  // namespace

PaletteColor voc_color(int index) {
  // VOClabelcolormap.m: for j = 0..7, bits 0, 1, 2 of the (shifted) index go
  // to bit 7 - j of r, g, b.
  int r = 0, g = 0, b = 0, c = index;
  for (int j = 0; j < 8; ++j) {
    r |= ((c >> 0) & 1) << (7 - j);
    g |= ((c >> 1) & 1) << (7 - j);
    b |= ((c >> 2) & 1) << (7 - j);
    c >>= 3;
  }
  return {static_cast<uint8_t>(r), static_cast<uint8_t>(g), static_cast<uint8_t>(b)};
}

std::vector<PaletteColor> voc_palette() {
  std::vector<PaletteColor> p(256);
  for (int i = 0; i < 256; ++i)
    p[static_cast<size_t>(i)] = voc_color(i);
  return p;
}

std::string encode_palette_png(const cv::Mat& indices, const std::vector<PaletteColor>& palette) {
  if (indices.type() != CV_8U) throw Error("palette PNGs need an 8-bit index image");
  if (palette.empty() || palette.size() > 256) throw Error("a PNG palette has 1..256 colours");
  std::vector<png_color> pal(palette.size());
  for (size_t i = 0; i < palette.size(); ++i)
    pal[i] = {palette[i][0], palette[i][1], palette[i][2]};
  std::string out, err;
  if (!write_png(&out, &err, pal.data(), static_cast<int>(pal.size()), &indices))
    throw Error("libpng: " + err);
  return out;
}

cv::Mat decode_palette_png(std::string_view bytes, const std::string& source,
                           std::vector<PaletteColor>* palette) {
  if (bytes.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(bytes.data()), 0, 8))
    throw FileError(source, "byte 0", "not a PNG file");
  ReadState state{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0};
  std::string err;
  cv::Mat out;
  std::vector<png_bytep> rows;
  switch (read_png(&state, &err, &out, &rows, palette)) {
    case 1:
      throw FileError(source, "", "unreadable PNG: " + err);
    case 2:
      throw FileError(source, "IHDR",
                      "expected an 8-bit palette or grey PNG of class indices (VOC segmentation)");
    default:
      return out;
  }
}

}  // namespace vantage::core
