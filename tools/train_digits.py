#!/usr/bin/python3
"""Trains a small CNN on scikit-learn's handwritten digits and exports it to ONNX.

This is edgebench's real trained model on real data: the accuracy each
precision costs (issue 6) is measured on it. Run with Debian's interpreter,
which has python3-torch, python3-onnx and python3-sklearn:

    /usr/bin/python3 tools/train_digits.py --out suites/data/digits

It writes, in the dataset folder convention edgebench reads (a folder of .npy
tensors for the model's single input, split along dim 0 into samples, and an
optional labels.npy of int64 class labels that is not an input):

    OUT/digits_cnn.onnx            input "image" [batch,1,8,8], output "logits" [batch,10]
    OUT/test/inputs.npy            float32 [360,1,8,8], held out, never trained on
    OUT/test/labels.npy            int64 [360]
    OUT/calibration/inputs.npy     float32 [128,1,8,8], for INT8 calibration
    OUT/README.md                  provenance, including the FP32 test accuracy

Everything is seeded and runs on one thread, so two runs give the same .npy
bytes and the same accuracy.
"""

import argparse
import os
import re
import subprocess
import sys

try:
    import numpy as np
    import onnx
    import sklearn
    import torch
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from torch import nn
except ImportError as error:
    sys.exit(
        f"train_digits.py: {error}. It needs PyTorch, onnx and scikit-learn: run it with Debian's "
        "/usr/bin/python3 (apt-get install python3-torch python3-onnx python3-sklearn), "
        "not a virtualenv or pyenv python3."
    )

OPSET = 13
TEST_SAMPLES = 360
CALIBRATION_SAMPLES = 128
PIXEL_MAX = 16.0  # load_digits pixels count the on-pixels of a 4x4 block: 0..16
ACCURACY_BAR = 0.97
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class DigitsCnn(nn.Module):
    """Three 3x3 convolutions and a linear classifier over 8x8 images.

    No BatchNorm, so the exported graph is exactly what was trained; the
    Conv and Gemm layers are what INT8 quantizes per channel.
    """

    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),  # 8x8 -> 4x4
            nn.Conv2d(32, 32, 3, padding=1),
            nn.ReLU(),
        )
        self.classifier = nn.Linear(32 * 4 * 4, classes)

    def forward(self, image):  # [batch, 1, 8, 8]
        return self.classifier(torch.flatten(self.features(image), 1))


def runtime_ops():
    """The ops edgebench's runtime implements, from its one list (runtime/ops/*/*.inc)."""
    ops = set()
    ops_dir = os.path.join(REPO, "runtime", "ops")
    for category in sorted(os.listdir(ops_dir)):
        folder = os.path.join(ops_dir, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".inc"):
                with open(os.path.join(folder, name)) as f:
                    ops.update(re.findall(r"^EB_OP\((\w+)\)", f.read(), re.MULTILINE))
    return ops


def split(seed):
    """Stratified, disjoint train / calibration / test splits of the 1797 images.

    Calibration comes out of the training part (the data a deployer has), never
    out of the test set, and is not trained on either, so it is as
    representative as the test set without being the test set.
    """
    digits = load_digits()
    images = (digits.data / PIXEL_MAX).astype(np.float32).reshape(-1, 1, 8, 8)
    labels = digits.target.astype(np.int64)
    train_x, test_x, train_y, test_y = train_test_split(
        images, labels, test_size=TEST_SAMPLES, stratify=labels, random_state=seed
    )
    train_x, calib_x, train_y, _ = train_test_split(
        train_x, train_y, test_size=CALIBRATION_SAMPLES, stratify=train_y, random_state=seed
    )
    return (train_x, train_y), calib_x, (test_x, test_y)


def seed_everything(seed):
    """The same float results on every run: one thread, seeded everything."""
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    np.random.seed(seed)


def train_seeded(args):
    """The model this script exports and its data splits, trained from scratch.

    tools/export_torch_int8_digits.py calls it to quantize the very same
    model; the seeding order is part of what makes the weights reproducible.
    """
    seed_everything(args.seed)
    splits = split(args.seed)
    (train_x, train_y), _, _ = splits
    model = DigitsCnn()
    train(model, train_x, train_y, args)
    return model, splits


def train(model, images, labels, args):
    generator = torch.Generator().manual_seed(args.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.from_numpy(images)
    y = torch.from_numpy(labels)
    model.train()
    for epoch in range(args.epochs):
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), args.batch_size):
            batch = order[start : start + args.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        if args.verbose:
            print(f"epoch {epoch + 1:3d}: loss {total / len(x):.4f}")


def accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        predicted = model(torch.from_numpy(images)).argmax(dim=1).numpy()
    return float((predicted == labels).mean())


def export(model, path):
    model.eval()
    torch.onnx.export(
        model,
        torch.zeros(1, 1, 8, 8),
        path,
        opset_version=OPSET,
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
        do_constant_folding=True,
    )
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    unsupported = sorted({node.op_type for node in proto.graph.node} - runtime_ops())
    if unsupported:
        sys.exit(f"train_digits.py: the export uses ops edgebench does not implement: {', '.join(unsupported)}")
    return [node.op_type for node in proto.graph.node]


def debian_versions(packages):
    """Debian's package versions, which say more than torch.__version__ ("1.13.0a0")."""
    try:
        output = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *packages],
            capture_output=True, text=True, check=False,
        ).stdout
    except OSError:
        return ""  # not a Debian system
    found = [line for line in output.splitlines() if line.strip()]
    return "\nDebian packages: " + ", ".join(found) + "." if found else ""


def save(array, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, array, allow_pickle=False)


README = """\
# digits: a small CNN trained on real handwritten digits

Fixtures for edgebench's accuracy measurements (issue 6): the FP16 and INT8
top-1 accuracy and output deltas against FP32 are measured on this model and
data (`suites/digits.json`). Everything here is written by
`tools/train_digits.py`; do not edit it by hand, rerun the script.

## Files

| file | content |
|---|---|
| `digits_cnn.onnx` | the trained CNN, opset {opset}, input `image` float32 [batch,1,8,8], output `logits` float32 [batch,10] (unnormalised scores; argmax is the digit) |
| `test/inputs.npy` | float32 [{test},1,8,8]: the held-out test images, never trained on |
| `test/labels.npy` | int64 [{test}]: their digits |
| `calibration/inputs.npy` | float32 [{calib},1,8,8]: representative images for INT8 calibration, from the training part, not trained on, not in the test set |

Each folder follows edgebench's dataset convention: .npy tensors for the
model's single input, split into samples along dim 0; `labels.npy` holds
class labels and is not an input.

## Data

scikit-learn's bundled copy (`sklearn.datasets.load_digits`) of the test set
of the UCI ML hand-written digits dataset, "Optical Recognition of
Handwritten Digits" (E. Alpaydin, C. Kaynak, Bogazici University, July 1998):
1797 images of 8x8 pixels, each pixel the count of on-pixels in a 4x4 block
of a 32x32 bitmap (0..16), 10 classes, written by 13 people.
<https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits>

- License: scikit-learn's description of the dataset names none; scikit-learn
  ships it inside its BSD-3-Clause package, and the UCI repository page above
  gives the dataset's own license (Creative Commons Attribution 4.0).
- Citation, as scikit-learn's description gives it: C. Kaynak (1995) Methods
  of Combining Multiple Classifiers and Their Applications to Handwritten
  Digit Recognition, MSc Thesis, Institute of Graduate Studies in Science and
  Engineering, Bogazici University; E. Alpaydin, C. Kaynak (1998) Cascading
  Classifiers, Kybernetika.

Preprocessing: pixels divided by 16 to [0, 1], reshaped to [1, 8, 8]; no
other normalisation (the model takes [0, 1] images).

Split, stratified by digit with `sklearn.model_selection.train_test_split`
(random_state={seed}): {test} test images held out first; from the remaining
{rest}, {calib} calibration images; the other {train} train the model. The
three sets are disjoint.

## Model and training

- Architecture: Conv(1->16, 3x3, pad 1) + ReLU, Conv(16->32, 3x3, pad 1) +
  ReLU, MaxPool 2x2, Conv(32->32, 3x3, pad 1) + ReLU, Flatten (512), Linear
  (512->10). No BatchNorm. {params} parameters. ONNX ops: {ops}.
- Training: Adam, learning rate {lr}, weight decay {weight_decay}, batch
  {batch_size}, {epochs} epochs, cross-entropy loss, PyTorch's default
  initialisation; `torch.manual_seed({seed})`, `numpy.random.seed({seed})`, a
  `torch.Generator` seeded with {seed} for the batch order,
  `torch.use_deterministic_algorithms(True)`, `torch.set_num_threads(1)`.
- Export: `torch.onnx.export`, eval mode, opset {opset}, constant folding on,
  dynamic batch axis "batch"; checked by `onnx.checker` and against the ops
  edgebench implements (runtime/ops/*/*.inc).

## Result

FP32 top-1 accuracy on the {test} test images, computed by PyTorch at export
time: **{accuracy:.2%}** ({correct}/{test}).

## Reproduce

```sh
{command}
```

Versions used: Python {python}, torch {torch}, scikit-learn {sklearn},
numpy {numpy}, onnx {onnx}.{debian}

With these versions two runs wrote byte-identical files, the .onnx included.
Other versions may train to slightly different weights (and accuracy); the
split depends on scikit-learn and numpy only.
"""


def training_arguments():
    """The training options, shared with tools/export_torch_int8_digits.py (argparse parents)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--verbose", action="store_true", help="print the loss of every epoch")
    return parser


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], parents=[training_arguments()])
    parser.add_argument("--out", default=os.path.join(REPO, "suites", "data", "digits"), help="output folder")
    args = parser.parse_args()

    model, ((train_x, train_y), calib_x, (test_x, test_y)) = train_seeded(args)
    test_accuracy = accuracy(model, test_x, test_y)

    os.makedirs(args.out, exist_ok=True)
    ops = export(model, os.path.join(args.out, "digits_cnn.onnx"))
    save(test_x, os.path.join(args.out, "test", "inputs.npy"))
    save(test_y, os.path.join(args.out, "test", "labels.npy"))
    save(calib_x, os.path.join(args.out, "calibration", "inputs.npy"))

    command = "/usr/bin/python3 tools/train_digits.py" + "".join(
        f" --{name.replace('_', '-')} {getattr(args, name)}"
        for name in ("seed", "epochs", "batch_size", "lr", "weight_decay")
    )
    with open(os.path.join(args.out, "README.md"), "w") as f:
        f.write(
            README.format(
                opset=OPSET,
                test=len(test_y),
                calib=len(calib_x),
                train=len(train_y),
                rest=len(train_y) + len(calib_x),
                seed=args.seed,
                params=sum(p.numel() for p in model.parameters()),
                ops=", ".join(dict.fromkeys(ops)),
                lr=args.lr,
                weight_decay=args.weight_decay,
                batch_size=args.batch_size,
                epochs=args.epochs,
                accuracy=test_accuracy,
                correct=round(test_accuracy * len(test_y)),
                command=command,
                python=sys.version.split()[0],
                torch=torch.__version__,
                sklearn=sklearn.__version__,
                numpy=np.__version__,
                onnx=onnx.__version__,
                debian=debian_versions(["python3-torch", "python3-sklearn", "python3-numpy", "python3-onnx"]),
            )
        )
    print(f"FP32 test accuracy (PyTorch): {test_accuracy:.4f} ({round(test_accuracy * len(test_y))}/{len(test_y)})")
    if test_accuracy < ACCURACY_BAR:
        sys.exit(f"train_digits.py: test accuracy {test_accuracy:.4f} is below the {ACCURACY_BAR:.2f} bar")


if __name__ == "__main__":
    main()
