#!/usr/bin/env python3
"""A YOLOv8n-sized detector with random weights, for timing the ONNX path
(bench_models.cpp): 640x640 input, a strided Conv+SiLU backbone and three
detection heads at strides 8/16/32 concatenated to [1, 84, 8400] like an
Ultralytics export (80 classes). About 7.1 GFLOPs (YOLOv8n: 8.7) and
3.0 M parameters (YOLOv8n: 3.2 M).

Usage: make_yolo_sized_onnx.py OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
nodes, inits = [], []
flops = 0
params = 0
n = 0


def conv(x, cin, cout, k, s, hw, act=True):
    global n, flops, params
    n += 1
    w = (rng.standard_normal((cout, cin, k, k)) * (1.0 / np.sqrt(cin * k * k))).astype(np.float32)
    b = np.zeros(cout, np.float32)
    inits.extend([numpy_helper.from_array(w, f"w{n}"), numpy_helper.from_array(b, f"b{n}")])
    y = f"c{n}"
    nodes.append(helper.make_node("Conv", [x, f"w{n}", f"b{n}"], [y], kernel_shape=[k, k],
                                  strides=[s, s], pads=[k // 2] * 4))
    out_hw = hw // s
    flops += 2 * cout * cin * k * k * out_hw * out_hw
    params += w.size + b.size
    if act:  # SiLU = x * sigmoid(x)
        nodes.append(helper.make_node("Sigmoid", [y], [y + "s"]))
        nodes.append(helper.make_node("Mul", [y, y + "s"], [y + "a"]))
        y = y + "a"
    return y, out_hw


def main():
    x, hw = "images", 640
    x, hw = conv(x, 3, 16, 3, 2, hw)
    x, hw = conv(x, 16, 32, 3, 2, hw)
    for _ in range(2):
        x, hw = conv(x, 32, 32, 3, 1, hw)
    stages = []
    cin = 32
    for cout in (64, 128, 256):
        x, hw = conv(x, cin, cout, 3, 2, hw)
        for _ in range(3):
            x, hw = conv(x, cout, cout, 3, 1, hw)
        stages.append((x, cout, hw))
        cin = cout
    heads = []
    for i, (f, c, h) in enumerate(stages):
        y, _ = conv(f, c, 64, 3, 1, h)
        y, _ = conv(y, 64, 84, 1, 1, h, act=False)
        inits.append(numpy_helper.from_array(np.array([1, 84, h * h], np.int64), f"shape{i}"))
        nodes.append(helper.make_node("Reshape", [y, f"shape{i}"], [f"head{i}"]))
        heads.append(f"head{i}")
    nodes.append(helper.make_node("Concat", heads, ["cat"], axis=2))
    nodes.append(helper.make_node("Sigmoid", ["cat"], ["output0"]))
    graph = helper.make_graph(
        nodes, "yolo_sized", [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 640, 640])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 84, 8400])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 6
    onnx.checker.check_model(model)
    onnx.save(model, sys.argv[1])
    print(f"{sys.argv[1]}: {flops / 1e9:.2f} GFLOPs, {params / 1e6:.2f} M parameters")


if __name__ == "__main__":
    main()
