#!/usr/bin/env python3
"""Builds tiny ONNX detectors whose outputs are known exactly, for the
decoder tests (tests/core/test_models_onnx.cpp). They go through the same
OpenCV DNN loading path as a user's model.

Constant outputs: GlobalAveragePool(image) -> 1x1 Conv with zero weights and
the wanted values as bias -> Reshape. The image does not matter; the bias is
the output. The probe model instead weighs the pooled channel means, so its
output says what the network was fed (channel order, scale, letterbox pad).

Usage: make_test_onnx.py OUT_DIR   (writes *.onnx and expected.json)
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def const_model(path, input_shape, outputs, extra_meta=None):
    """outputs: list of (name, numpy array) the model returns for any input."""
    nodes = [helper.make_node("GlobalAveragePool", ["images"], ["pooled"])]
    inits = []
    graph_outputs = []
    for i, (name, value) in enumerate(outputs):
        flat = value.astype(np.float32).reshape(-1)
        k = flat.size
        w = np.zeros((k, input_shape[1], 1, 1), np.float32)
        inits.append(numpy_helper.from_array(w, f"w{i}"))
        inits.append(numpy_helper.from_array(flat, f"b{i}"))
        inits.append(numpy_helper.from_array(np.array(value.shape, np.int64), f"s{i}"))
        nodes.append(helper.make_node("Conv", ["pooled", f"w{i}", f"b{i}"], [f"c{i}"], kernel_shape=[1, 1]))
        nodes.append(helper.make_node("Reshape", [f"c{i}", f"s{i}"], [name]))
        graph_outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, list(value.shape)))
    graph = helper.make_graph(
        nodes, "const", [helper.make_tensor_value_info("images", TensorProto.FLOAT, input_shape)],
        graph_outputs, inits)
    save(graph, path, extra_meta)


def save(graph, path, extra_meta=None):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)],
                              producer_name="vantage-tests")
    model.ir_version = 6
    if extra_meta:
        for k, v in extra_meta.items():
            entry = model.metadata_props.add()
            entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    onnx.save(model, path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    expected = {}

    # YOLOv8 [1, 4+C, N], C = 3, N = 5, input 640x640. Candidates (cx, cy,
    # w, h in input pixels) and class scores:
    #   0: class 1 (0.9)  1: class 1 (0.8), overlaps 0 (IoU 0.68): suppressed
    #   2: class 2 (0.7), overlaps 0 but another class: kept
    #   3: class 0 (0.2): below 0.25
    #   4: class 0 (0.6) in the bottom padding area -> clipped to the image
    boxes = [(320, 320, 100, 50), (325, 322, 100, 50), (322, 320, 100, 50),
             (100, 300, 40, 40), (200, 410, 60, 40)]
    scores = [(0.1, 0.9, 0.05), (0.0, 0.8, 0.1), (0.1, 0.2, 0.7), (0.2, 0.0, 0.0), (0.6, 0.1, 0.0)]
    v8 = np.zeros((1, 7, 5), np.float32)
    for i, (b, s) in enumerate(zip(boxes, scores)):
        v8[0, 0:4, i] = b
        v8[0, 4:7, i] = s
    const_model(os.path.join(out, "yolov8.onnx"), [1, 3, 640, 640], [("output0", v8)],
                {"names": "{0: 'person', 1: 'car', 2: 'truck'}", "stride": "32"})
    expected["yolov8"] = {"boxes": boxes, "scores": scores, "input": [640, 640]}

    # The same values transposed [1, N, 4+C] (some exports).
    const_model(os.path.join(out, "yolov8_t.onnx"), [1, 3, 640, 640],
                [("output0", np.transpose(v8, (0, 2, 1)).copy())])

    # YOLOv5 [1, N, 5+C], C = 2, input 320x320.
    v5 = np.array([[[160, 160, 80, 40, 0.9, 0.2, 0.8],    # class 1, 0.72
                    [160, 160, 80, 40, 0.5, 0.9, 0.1],    # class 0, 0.45 (other class: kept)
                    [50, 50, 20, 20, 0.3, 0.5, 0.5]]],    # 0.15: below 0.25
                  np.float32)
    const_model(os.path.join(out, "yolov5.onnx"), [1, 3, 320, 320], [("output", v5)])

    # SSD DetectionOutput rows [1, 1, N, 7]: (image, class, score, x1, y1, x2, y2), normalised.
    ssd7 = np.array([[[[0, 1, 0.95, 0.1, 0.2, 0.3, 0.6],
                       [0, 2, 0.85, 0.5, 0.5, 0.9, 0.9],
                       [0, 0, 0.99, 0.0, 0.0, 1.0, 1.0],    # background: never a detection
                       [0, 1, 0.10, 0.4, 0.4, 0.5, 0.5]]]], np.float32)
    const_model(os.path.join(out, "ssd7.onnx"), [1, 3, 300, 300], [("detection_out", ssd7)])

    # SSD boxes [1, N, 4] + scores [1, N, 1 + C], C = 2.
    sboxes = np.array([[[0.1, 0.1, 0.5, 0.5], [0.12, 0.1, 0.52, 0.5], [0.6, 0.6, 0.8, 0.9]]], np.float32)
    sscores = np.array([[[0.1, 0.85, 0.05], [0.2, 0.7, 0.1], [0.3, 0.1, 0.6]]], np.float32)
    const_model(os.path.join(out, "ssd2.onnx"), [1, 3, 300, 300],
                [("boxes", sboxes), ("scores", sscores)])

    # YOLOv8-seg: det [1, 4+C+M, N] with C = 1, M = 1, N = 1; protos [1, 1, 16, 16]
    # (input 64x64, protos at 1/4): the prototype is +8 on a 6x4 block of proto
    # cells (x 4..9, y 6..9), -8 elsewhere; the box covers it all.
    seg = np.array([[[32], [30], [48], [40], [0.9], [1.0]]], np.float32)
    protos = np.full((1, 1, 16, 16), -8.0, np.float32)
    protos[0, 0, 6:10, 4:10] = 8.0
    const_model(os.path.join(out, "yolov8_seg.onnx"), [1, 3, 64, 64],
                [("output0", seg), ("output1", protos)])

    # Probe: one yolov8 candidate whose width is 10 x the mean of the red
    # input channel and height 10 x the mean of the blue (as fed: after
    # letterbox, channel swap and scaling). C = 1. A 64x64 input keeps the
    # float sums of the pooling exact enough.
    w = np.zeros((5, 3, 1, 1), np.float32)
    w[2, 0, 0, 0] = 10.0  # channel 0 of the input blob
    w[3, 2, 0, 0] = 10.0  # channel 2
    b = np.array([32, 32, 0, 0, 0.9], np.float32)
    nodes = [helper.make_node("GlobalAveragePool", ["images"], ["pooled"]),
             helper.make_node("Conv", ["pooled", "w", "b"], ["c"], kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["c", "s"], ["output0"])]
    graph = helper.make_graph(
        nodes, "probe", [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 5, 1])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b"),
         numpy_helper.from_array(np.array([1, 5, 1], np.int64), "s")])
    save(graph, os.path.join(out, "probe.onnx"))

    # A one-channel (grey) input: not an RGB detector.
    const_model(os.path.join(out, "grey_input.onnx"), [1, 1, 64, 64],
                [("output0", np.zeros((1, 6, 4), np.float32))])

    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
