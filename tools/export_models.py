#!/usr/bin/python3
"""Exports real PyTorch models to ONNX, with PyTorch's own outputs as reference.

Run with Debian's interpreter, which has python3-torch, python3-torchvision and
python3-onnx:

    /usr/bin/python3 tools/export_models.py --out build/exports

For each model it writes, in the layout of ONNX's backend test data:

    DIR/<name>/model.onnx
    DIR/<name>/test_data_set_0/input_0.pb    (TensorProto named as the graph input)
    DIR/<name>/test_data_set_0/output_0.pb   (PyTorch eager output for that input)

Weights are random (weights=None, nothing is downloaded) and deterministic:
torch.manual_seed(0) before each model is built, and BatchNorm statistics are
set from the same seeded generator so that BN folding is not a no-op. Models
are exported in eval mode at opset 13 with batch 1. An op outside the set
edgebench's runtime implements fails the export loudly.
"""

import argparse
import os
import sys
import time
import warnings

try:
    import torch
    import torchvision
    import onnx
    import numpy as np
    from onnx import numpy_helper
    from torch import nn
except ImportError as error:
    sys.exit(
        f"export_models.py: {error}. It needs PyTorch, torchvision and onnx: run it with Debian's "
        "/usr/bin/python3 (apt-get install python3-torch python3-torchvision python3-onnx), "
        "not a virtualenv or pyenv python3."
    )

OPSET = 13
SEED = 0

# The ops edgebench's runtime implements (runtime/ops/op_list.inc); an export
# that needs anything else is a bug in the model choice, not in the runtime.
ALLOWED_OPS = set(
    """
    Add Sub Mul Div Pow Sqrt Exp Log Neg Abs Reciprocal Erf Tanh Sigmoid Relu LeakyRelu Elu PRelu Clip
    HardSigmoid HardSwish Softplus Max Min Sum Mean Where Equal Less Greater Not Cast Identity Dropout
    Constant ConstantOfShape Shape Size Range Gather Slice Concat Split Reshape Flatten Squeeze Unsqueeze
    Transpose Expand Tile Pad Conv ConvTranspose MaxPool AveragePool GlobalAveragePool GlobalMaxPool
    BatchNormalization LayerNormalization InstanceNormalization Gemm MatMul Softmax LogSoftmax ReduceMean
    ReduceSum ReduceMax ReduceMin ArgMax TopK Resize LSTM GRU
    """.split()
)


class KwsCnn1d(nn.Module):
    """Keyword spotting on MFCC with 1-D convolutions over time (TC-ResNet-like,
    without the residuals): 10 coefficients as channels, 49 frames, 12 classes."""

    def __init__(self, coefficients=10, classes=12):
        super().__init__()
        layers, channels = [], coefficients
        for width, stride in [(32, 1), (48, 2), (64, 2), (64, 1)]:
            layers += [nn.Conv1d(channels, width, 3, stride=stride, padding=1, bias=False),
                       nn.BatchNorm1d(width), nn.ReLU()]
            channels = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, classes)

    def forward(self, x):  # [batch, 10, 49]
        return self.classifier(self.features(x).mean(dim=2))


class LstmRegressor(nn.Module):
    """Time-series regression: one LSTM layer over 50 steps of 4 features, the
    last step's hidden state to one value (e.g. next-step load forecasting)."""

    def __init__(self, features=4, hidden=32):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):  # [batch, 50, 4]
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


class GruHar(nn.Module):
    """Activity recognition with a GRU over 128-sample windows of a 6-axis IMU
    (accelerometer + gyroscope), 6 classes."""

    def __init__(self, features=6, hidden=48, classes=6):
        super().__init__()
        self.gru = nn.GRU(features, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, x):  # [batch, 128, 6]
        _, h = self.gru(x)
        return self.head(h[-1])


class Cnn1dAutoencoder(nn.Module):
    """A tiny 1-D convolutional autoencoder for vibration anomaly detection:
    128 samples -> 16 channels x 32 -> 128 samples."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv1d(1, 8, 5, stride=2, padding=2), nn.ReLU(),
                                     nn.Conv1d(8, 16, 5, stride=2, padding=2), nn.ReLU())
        self.decoder = nn.Sequential(nn.ConvTranspose1d(16, 8, 4, stride=2, padding=1), nn.ReLU(),
                                     nn.ConvTranspose1d(8, 1, 4, stride=2, padding=1))

    def forward(self, x):  # [batch, 1, 128]
        return self.decoder(self.encoder(x))


# name, constructor, input shape (batch 1)
MODELS = [
    ("mobilenet_v2", lambda: torchvision.models.mobilenet_v2(weights=None), (1, 3, 224, 224)),
    ("resnet18", lambda: torchvision.models.resnet18(weights=None), (1, 3, 224, 224)),
    ("squeezenet1_1", lambda: torchvision.models.squeezenet1_1(weights=None), (1, 3, 224, 224)),
    ("kws_cnn1d", KwsCnn1d, (1, 10, 49)),
    ("lstm_regressor", LstmRegressor, (1, 50, 4)),
    ("gru_har", GruHar, (1, 128, 6)),
    ("cnn1d_autoencoder", Cnn1dAutoencoder, (1, 1, 128)),
]


def randomize_batchnorm(model, generator):
    """Trained-looking BN statistics; fresh ones (mean 0, var 1, gamma 1, beta 0) fold to nothing."""
    for module in model.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            n = module.num_features
            module.weight.data = 0.8 + 0.4 * torch.rand(n, generator=generator)
            module.bias.data = 0.1 * torch.randn(n, generator=generator)
            module.running_mean = 0.1 * torch.randn(n, generator=generator)
            module.running_var = 0.5 + torch.rand(n, generator=generator)


def write_tensor(array, name, path):
    tensor = numpy_helper.from_array(np.ascontiguousarray(array), name)
    with open(path, "wb") as f:
        f.write(tensor.SerializeToString())


def export(name, build, input_shape, out_dir):
    torch.manual_seed(SEED)
    model = build().eval()
    generator = torch.Generator().manual_seed(SEED)
    randomize_batchnorm(model, generator)
    x = torch.randn(*input_shape, generator=generator)
    with torch.no_grad():
        expected = model(x)

    model_dir = os.path.join(out_dir, name)
    data_dir = os.path.join(model_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(model_dir, "model.onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns about batch_first RNNs and constant folding
        torch.onnx.export(model, x, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                          do_constant_folding=True, training=torch.onnx.TrainingMode.EVAL)

    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    ops = sorted({node.op_type for node in proto.graph.node})
    unsupported = [op for op in ops if op not in ALLOWED_OPS]
    if unsupported:
        sys.exit(f"export_models.py: {name} exported ops edgebench does not implement: {', '.join(unsupported)}")
    write_tensor(x.numpy(), proto.graph.input[0].name, os.path.join(data_dir, "input_0.pb"))
    write_tensor(expected.numpy(), proto.graph.output[0].name, os.path.join(data_dir, "output_0.pb"))
    params = sum(p.numel() for p in model.parameters())
    return params, len(proto.graph.node), ops, tuple(expected.shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--model", action="append", help="only this model (repeatable)")
    args = parser.parse_args()

    names = [m[0] for m in MODELS]
    for name in args.model or []:
        if name not in names:
            sys.exit(f"export_models.py: no model named '{name}' (models: {', '.join(names)})")
    torch.set_num_threads(1)  # the same float results on every run
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, onnx {onnx.__version__}, "
          f"opset {OPSET}, seed {SEED}")
    for name, build, input_shape in MODELS:
        if args.model and name not in args.model:
            continue
        start = time.monotonic()
        params, nodes, ops, output_shape = export(name, build, input_shape, args.out)
        print(f"{name:18s} {params:>10,} params {nodes:4d} nodes  {list(input_shape)} -> {list(output_shape)}  "
              f"{time.monotonic() - start:5.1f} s  ops: {' '.join(ops)}")


if __name__ == "__main__":
    main()
