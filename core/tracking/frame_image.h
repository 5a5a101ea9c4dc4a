#pragma once
// The image a camera recorded at a frame, for the image-based assistants
// (tracker, GrabCut). Headless code reads through core::read_image; the GUI
// can hand the assistants its FrameCache images instead (any
// FrameImageSource works).

#include <functional>
#include <string>

#include <opencv2/core.hpp>

#include "core/model/document.h"

namespace vantage::core {

// An image per frame; an empty Mat means "no image at this frame".
using FrameImageSource = std::function<cv::Mat(int frame)>;

// The camera's file at `frame` (Frame::files, relative to doc.folder unless
// absolute), as 8-bit BGR (core::to_display_bgr8). Empty when the frame has
// no file for the camera; throws FileError when the file cannot be read.
cv::Mat read_frame_image(const Document& doc, int frame, const std::string& camera);

// A FrameImageSource over read_frame_image (the document must outlive it).
FrameImageSource frame_images(const Document& doc, const std::string& camera);

}  // namespace vantage::core
