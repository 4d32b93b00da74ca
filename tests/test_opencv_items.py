"""Zero configuration: a project's Dataset that reads frames with OpenCV, resizes them with
cv2.resize(image, (W, H)) (width first) and moves the channels first with numpy (np.transpose,
the array's transpose, np.moveaxis, np.rollaxis, np.expand_dims or a new axis for a gray one) or
ToTensor feeds the model batches of C x H x W. Where numpy refuses the axes, or the image is changed
in place, there is no input size. Checked against torch with a stand-in for cv2 that gives arrays
of the shapes OpenCV documents (imread: H x W x 3, or H x W read gray; resize: dsize = (W, H))."""

import types

import numpy as np
import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SOURCE = '''import cv2
import numpy as np
import torch
import torch.nn as nn
import torchvision.transforms as transforms
from torch.utils.data import DataLoader, Dataset


class Frames(Dataset):
    def __init__(self, paths):
        self.paths = paths

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        frame = cv2.imread(self.paths[i]READ)
        frame = cv2.resize(frame, (40, 24))
        return ITEM


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(CHANNELS, 8, 5, stride=2)
        self.fc = nn.Linear(8 * ROWS * 18, 1)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


loader = DataLoader(Frames(["a.jpg", "b.jpg"]), batch_size=2)
model = Net()
for images in loader:
    out = model(images)
'''
# name -> (how the frame is read, the item returned, its channels): every one C x 24 x 40, so the
# conv gives 8 x 10 x 18 (ROWS 10); the fc counted for 11 rows is wrong
FORMS = {
    "numpy-transpose": ("", "torch.tensor(np.transpose(frame, (2, 0, 1)), dtype=torch.float32)", 3),
    "array-transpose-scaled": ("", "torch.from_numpy((frame / 255.0).transpose(2, 0, 1)).float()", 3),
    "colours-flipped": ("", "torch.from_numpy(frame[:, :, ::-1].transpose((2, 0, 1)).copy()).float()", 3),
    "moveaxis": ("", "torch.from_numpy(np.moveaxis(frame.astype(np.float32), -1, 0))", 3),
    "rollaxis": ("", "torch.from_numpy(np.rollaxis(frame, 2)).float()", 3),
    "to-tensor": ("", "transforms.ToTensor()(frame)", 3),
    "gray-expand-dims": (", cv2.IMREAD_GRAYSCALE", "torch.from_numpy(np.expand_dims(frame, axis=0)).float()", 1),
    "gray-new-axis": (", 0", "torch.from_numpy(frame[np.newaxis, :, :]).float()", 1),
    "gray-none-index": (", 0", "torch.from_numpy(frame[None, ...] / 255.0).float()", 1),
    "gray-reshape": (", 0", "torch.from_numpy(frame.reshape(1, 24, 40)).float()", 1),
}


def _source(form: str, rows: int) -> str:
    read, item, channels = FORMS[form]
    return SOURCE.replace("READ", read).replace("ITEM", item).replace("CHANNELS", str(channels)) \
        .replace("ROWS", str(rows))


def _fake_cv2() -> types.ModuleType:
    """OpenCV's shapes: imread gives H x W x 3 (H x W read gray), resize's dsize is (width, height)."""
    cv2 = types.ModuleType("cv2")
    cv2.IMREAD_GRAYSCALE, cv2.IMREAD_COLOR = 0, 1
    cv2.imread = lambda path, flags=1: np.zeros((480, 640) if flags == 0 else (480, 640, 3), dtype=np.uint8)
    cv2.resize = lambda image, dsize, **kw: np.zeros((dsize[1], dsize[0], *image.shape[2:]), dtype=image.dtype)
    return cv2


def _fake_torchvision() -> dict:
    """Where torchvision is not installed: its ToTensor on an array (H x W x C, or H x W: 1 channel)."""
    torch = pytest.importorskip("torch")
    transforms = types.ModuleType("torchvision.transforms")

    class ToTensor:
        def __call__(self, array):
            array = array if array.ndim == 3 else array[:, :, None]
            return torch.from_numpy(np.ascontiguousarray(array.transpose(2, 0, 1))).float()

    transforms.ToTensor = ToTensor
    torchvision = types.ModuleType("torchvision")
    torchvision.transforms = transforms
    return {"torchvision": torchvision, "torchvision.transforms": transforms}


def _run(source: str):
    """The script as written, cv2 the stand-in: the model's first batch through it."""
    import importlib.util
    import sys
    pytest.importorskip("torch")
    stand_ins = {"cv2": _fake_cv2()}
    if importlib.util.find_spec("torchvision") is None:
        stand_ins.update(_fake_torchvision())
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    try:
        exec(compile(source, "train.py", "exec"), {"__name__": "train"})
    finally:
        for name, module in saved.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module


def _errors(source: str) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "train.py", Settings()).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("form", FORMS)
def test_the_resized_frames_are_the_model_s_input(form):
    channels = FORMS[form][2]
    wrong = _source(form, 11)
    assert _errors(wrong) == [("CL101", line_of(wrong, "self.fc ="))]
    message = lint_text(wrong, "train.py", Settings()).diagnostics[0].message
    assert f"input 2x{channels}x24x40 from line" in message
    right = lint_text(_source(form, 10), "train.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in right.models if m.input_source is not None]
    assert tuple(model.input_shape.dims) == (2, channels, 24, 40)


@pytest.mark.parametrize("form", FORMS)
def test_torch_refuses_the_wrong_fc_on_those_frames_and_runs_the_right_one(form):
    with pytest.raises(RuntimeError, match="mat1 and mat2"):
        _run(_source(form, 11))
    _run(_source(form, 10))


# What the code does not state, or numpy refuses: no input size, so no error (a form, what is
# replaced in it, by what)
NOT_STATED = {
    "two-axes-of-three": ("numpy-transpose", "np.transpose(frame, (2, 0, 1))", "frame.transpose(0, 2)"),
    "axes-reversed": ("numpy-transpose", "np.transpose(frame, (2, 0, 1))", "frame.transpose()"),
    "resized-in-place": ("numpy-transpose", "        return torch",
                         "        frame.resize((24, 24, 3), refcheck=False)\n        return torch"),
    "size-read-from-the-data": ("numpy-transpose", "(40, 24)", "(len(self.paths), 24)"),
    "read-unchanged": ("numpy-transpose", "self.paths[i])", "self.paths[i], cv2.IMREAD_UNCHANGED)"),
    "gray-indexed-as-colour": ("gray-new-axis", "frame[np.newaxis, :, :]", "frame[np.newaxis, :, :, ::-1]"),
}


@pytest.mark.parametrize(("form", "old", "new"), NOT_STATED.values(), ids=NOT_STATED.keys())
def test_no_input_size_where_the_frames_are_not_stated(form, old, new):
    source = _source(form, 11)
    assert old in source
    result = lint_text(source.replace(old, new), "train.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)


@pytest.mark.parametrize(("form", "old", "new"), [NOT_STATED[n] for n in ("two-axes-of-three",
                                                                         "gray-indexed-as-colour")])
def test_numpy_refuses_those_axes(form, old, new):
    with pytest.raises((ValueError, IndexError)):
        _run(_source(form, 10).replace(old, new))


# The item expressions above on arrays of OpenCV's shapes: convlint's sizes are numpy's
AXES = ["np.transpose(frame, (2, 0, 1))", "np.transpose(frame)", "np.transpose(frame, axes=(1, 2, 0))",
        "np.moveaxis(frame, 2, 0)", "np.moveaxis(frame, 0, -1)", "np.rollaxis(frame, 2)",
        "np.rollaxis(frame, 0, 3)", "np.rollaxis(frame, 2, 1)", "np.swapaxes(frame, 0, 2)",
        "np.expand_dims(frame, 0)", "np.expand_dims(frame, -1)", "frame[..., ::-1, None]",
        "frame[None, ..., None]"]


@pytest.mark.parametrize("gray", [False, True], ids=["colour", "gray"])
@pytest.mark.parametrize("expression", AXES)
def test_the_axes_numpy_moves(expression, gray):
    frame = np.zeros((24, 40) if gray else (24, 40, 3))
    try:
        expected = tuple(eval(expression, {"np": np, "frame": frame}).shape)
    except (ValueError, IndexError):
        expected = None
    source = SOURCE.replace("READ", ", 0" if gray else "").replace("ITEM", f"torch.from_numpy({expression})")
    result = lint_text(source.replace("CHANNELS", "3").replace("ROWS", "10"), "train.py", Settings())
    given = [tuple(m.input_shape.dims[1:]) for m in result.models if m.input_source is not None]
    assert given == ([expected] if expected is not None else [])
