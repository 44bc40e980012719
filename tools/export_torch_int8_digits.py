#!/usr/bin/python3
"""Quantizes the digits CNN with PyTorch's own post-training quantization and exports its QDQ ONNX.

edgebench's fusion of QDQ models (runtime/quant/qdq_fusion.h) must take the
form other producers write, not only its own quantizer's. This script makes
one from PyTorch: it retrains the exact model tools/train_digits.py exports
(same code, same seeds, same weights), quantizes it with torch.ao.quantization
in FX graph mode (static post-training quantization with the x86 qconfig:
per-channel symmetric int8 weights, per-tensor uint8 activations, int32
biases), calibrates on the same 128 calibration images, and exports the
quantized GraphModule with torch.onnx.export (opset 13). The graph is kept as
PyTorch writes it; nothing is cleaned up afterwards.

    /usr/bin/python3 tools/export_torch_int8_digits.py

It writes OUT (suites/data/digits/digits_cnn_torch_int8.onnx) and a section
of suites/data/digits/README.md with the provenance, the op histogram and
PyTorch's own top-1 accuracy on the 360 held-out test images. Run it after
tools/train_digits.py, which rewrites that README.
"""

import argparse
import collections
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_digits  # noqa: E402  (exits with a hint when torch, onnx or sklearn are missing)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnx.numpy_helper  # noqa: E402
import sklearn  # noqa: E402
import torch  # noqa: E402
from torch.ao.quantization import get_default_qconfig_mapping  # noqa: E402
from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx  # noqa: E402

DIGITS = os.path.join(train_digits.REPO, "suites", "data", "digits")
QCONFIG = "x86"
# The qconfig's kernels: x86 (fbgemm) first; Debian's torch is built without
# FBGEMM, and oneDNN is its x86 quantized engine. The engine runs the
# calibrated model for the accuracy figure; the export does not depend on it.
ENGINES = ("x86", "fbgemm", "onednn")
SECTION = "## digits_cnn_torch_int8.onnx: the same CNN quantized by PyTorch"


def quantized_engine():
    supported = torch.backends.quantized.supported_engines
    for engine in ENGINES:
        if engine in supported:
            return engine
    sys.exit(f"export_torch_int8_digits.py: no x86 quantized engine in this torch (it has {', '.join(supported)})")


def quantize(model, calibration):
    """FX-mode static PTQ: observers inserted, one pass over the calibration images, converted."""
    model.eval()
    example = (torch.zeros(1, 1, 8, 8),)
    prepared = prepare_fx(model, get_default_qconfig_mapping(QCONFIG), example)
    with torch.no_grad():
        prepared(torch.from_numpy(calibration))
    return convert_fx(prepared)


def export(model, path):
    torch.onnx.export(
        model,
        torch.zeros(1, 1, 8, 8),
        path,
        opset_version=train_digits.OPSET,
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
    )
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    histogram = collections.Counter(node.op_type for node in proto.graph.node)
    unsupported = sorted(set(histogram) - train_digits.runtime_ops())
    if unsupported:
        sys.exit(f"export_torch_int8_digits.py: the export uses ops edgebench does not implement: {', '.join(unsupported)}")
    return proto, histogram


def describe_quantization(proto):
    """What the QDQ graph contains, read from the exported file itself."""
    constants = {}
    for init in proto.graph.initializer:
        constants[init.name] = onnx.numpy_helper.to_array(init)
    for node in proto.graph.node:
        if node.op_type == "Constant":
            constants[node.output[0]] = onnx.numpy_helper.to_array(node.attribute[0].t)
    lines = []
    for node in proto.graph.node:
        if node.op_type != "DequantizeLinear" or node.input[0] not in constants:
            continue
        data = constants[node.input[0]]
        scale = constants.get(node.input[1])
        axis = next((a.i for a in node.attribute if a.name == "axis"), None)
        per = f"per channel (axis {axis}, {scale.size} scales)" if scale is not None and scale.size > 1 else "per tensor"
        lines.append(f"  - `{node.name}`: constant {data.dtype} {list(data.shape)}, {per}")
    return lines


def debian_versions():
    try:
        output = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "python3-torch", "python3-onnx"],
            capture_output=True, text=True, check=False,
        ).stdout
    except OSError:
        return ""
    found = [line for line in output.splitlines() if line.strip()]
    return " Debian packages: " + ", ".join(found) + "." if found else ""


def readme_section(args, engine, histogram, proto, fp32_accuracy, int8_accuracy, tests, calibration):
    ops = ", ".join(f"{op} {count}" for op, count in sorted(histogram.items(), key=lambda kv: (-kv[1], kv[0])))
    command = "/usr/bin/python3 tools/export_torch_int8_digits.py" + "".join(
        f" --{name.replace('_', '-')} {getattr(args, name)}"
        for name in ("seed", "epochs", "batch_size", "lr", "weight_decay")
    )
    quantized = "\n".join(describe_quantization(proto))
    return f"""{SECTION}

A QDQ model from another producer than edgebench's quantizer, for the QDQ
interop of issue 6 (tests/runtime/quant/torch_qdq_interop_test.cpp). Written
by `tools/export_torch_int8_digits.py`, which appends this section; do not
edit either by hand. Rerun it after `tools/train_digits.py`, which rewrites
this README.

- Model: the FP32 CNN above, retrained by the same code with the same seeds
  (`train_digits.train_seeded`), so the float weights are those of
  `digits_cnn.onnx`.
- Quantization: PyTorch FX graph mode static post-training quantization
  (`torch.ao.quantization.quantize_fx.prepare_fx` / `convert_fx`) with
  `get_default_qconfig_mapping("{QCONFIG}")`: HistogramObserver activations,
  per-tensor affine quint8 with reduce_range (0..127, as x86 kernels without
  VNNI need), PerChannelMinMaxObserver weights, per-channel symmetric qint8.
  prepare_fx fuses each Conv+ReLU pair (its native backend config).
  Calibration: one pass over the {calibration} images of `calibration/inputs.npy`.
  Quantized engine for PyTorch's own run: `{engine}` (Debian's torch has no
  FBGEMM; oneDNN is its x86 engine).
- Export: `torch.onnx.export` of the converted GraphModule, opset
  {train_digits.OPSET}, dynamic batch axis, default settings otherwise;
  checked by `onnx.checker` and against the ops edgebench implements.
- Op histogram: {ops}.
- What PyTorch writes, and edgebench's fusion has to read: weights, scales and
  zero points as `Constant` nodes (not initializers); every QuantizeLinear
  followed by a `Cast` to uint8 (its own type) before the next
  DequantizeLinear; bias zero points computed by `ConstantOfShape` + `Cast`;
  `Identity` nodes on the input's scale and zero point; Conv -> Relu ->
  QuantizeLinear; Gemm with transB=1; biases as DequantizeLinear of int32
  with scale input_scale * weight_scale per channel. Constant weights:
{quantized}

PyTorch's top-1 accuracy on the {tests} test images: FP32 **{fp32_accuracy:.2%}**
({round(fp32_accuracy * tests)}/{tests}), quantized model run by PyTorch
(`{engine}` engine) **{int8_accuracy:.2%}** ({round(int8_accuracy * tests)}/{tests}).

```sh
{command}
```

Versions used: Python {sys.version.split()[0]}, torch {torch.__version__},
scikit-learn {sklearn.__version__}, numpy {np.__version__}, onnx {onnx.__version__}.{debian_versions()}
Two runs wrote byte-identical .onnx files.
"""


def write_readme_section(path, section):
    """Replaces this script's section of the README (it is the last one), or appends it."""
    with open(path) as f:
        text = f.read()
    cut = text.find(SECTION)
    text = (text[:cut] if cut >= 0 else text.rstrip("\n") + "\n\n") + section
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], parents=[train_digits.training_arguments()])
    parser.add_argument("--out", default=os.path.join(DIGITS, "digits_cnn_torch_int8.onnx"), help="the .onnx to write")
    parser.add_argument("--readme", default=os.path.join(DIGITS, "README.md"),
                        help="README whose section to rewrite; empty for none")
    args = parser.parse_args()

    model, (_, calib_x, (test_x, test_y)) = train_digits.train_seeded(args)
    fp32_accuracy = train_digits.accuracy(model, test_x, test_y)
    engine = quantized_engine()
    torch.backends.quantized.engine = engine
    quantized = quantize(model, calib_x)
    int8_accuracy = train_digits.accuracy(quantized, test_x, test_y)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    proto, histogram = export(quantized, args.out)
    if args.readme:
        write_readme_section(args.readme, readme_section(args, engine, histogram, proto, fp32_accuracy,
                                                         int8_accuracy, len(test_y), len(calib_x)))
    tests = len(test_y)
    print(f"FP32 test accuracy (PyTorch): {fp32_accuracy:.4f} ({round(fp32_accuracy * tests)}/{tests})")
    print(f"INT8 test accuracy (PyTorch, {engine} engine): {int8_accuracy:.4f} ({round(int8_accuracy * tests)}/{tests})")
    print("ops: " + ", ".join(f"{op} {count}" for op, count in sorted(histogram.items())))


if __name__ == "__main__":
    main()
