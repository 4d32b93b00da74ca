"""numpy arrays built in a constructor (STFT kernels, windows, filter banks) by their shapes:
each numpy call against numpy itself, and an audio front end's bug behind them found."""

import pytest

from convlint.evaluator.numpy_arrays import call_numpy
from convlint.model import Tensor
from convlint.pipeline import Settings, lint_text
from convlint.values import Shape

np = pytest.importorskip("numpy")


def _array(*dims):
    return Tensor(Shape(dims), "an array")


CALLS = [
    ("numpy.zeros", lambda: [(3, 4)], {}),
    ("numpy.ones", lambda: [7], {}),
    ("numpy.full", lambda: [(2, 5), 0.5], {}),
    ("numpy.eye", lambda: [6], {}),
    ("numpy.eye", lambda: [6, 4], {}),
    ("numpy.identity", lambda: [3], {}),
    ("numpy.hanning", lambda: [400], {}),
    ("numpy.hamming", lambda: [64], {}),
    ("numpy.kaiser", lambda: [32, 8.6], {}),
    ("numpy.random.randn", lambda: [2, 3, 4], {}),
    ("numpy.random.normal", lambda: [0.0, 1.0, (5, 2)], {}),
    ("numpy.random.uniform", lambda: [], {"size": (4,)}),
    ("numpy.fft.rfft", lambda: [("a", (512, 512))], {}),
    ("numpy.fft.rfft", lambda: [("a", (8, 100))], {"n": 64}),
    ("numpy.fft.rfft", lambda: [("a", (10, 7)), None, 0], {}),
    ("numpy.fft.fft", lambda: [("a", (3, 16))], {}),
    ("numpy.fft.irfft", lambda: [("a", (4, 33))], {}),
    ("numpy.real", lambda: [("a", (257, 400))], {}),
    ("numpy.concatenate", lambda: [[("a", (257, 400)), ("a", (257, 400))], 0], {}),
    ("numpy.concatenate", lambda: [[("a", (400, 257)), ("a", (400, 3))]], {"axis": 1}),
    ("numpy.stack", lambda: [[("a", (2, 3)), ("a", (2, 3))]], {"axis": -1}),
    ("numpy.transpose", lambda: [("a", (2, 3, 4))], {}),
    ("numpy.transpose", lambda: [("a", (2, 3, 4)), (1, 0, 2)], {}),
    ("numpy.expand_dims", lambda: [("a", (5, 6)), 1], {}),
    ("numpy.reshape", lambda: [("a", (6, 4)), (3, -1)], {}),
    ("numpy.outer", lambda: [("a", (5,)), ("a", (3,))], {}),
    ("numpy.linalg.pinv", lambda: [("a", (6, 4))], {}),
    ("numpy.diff", lambda: [("a", (32,))], {}),
    ("numpy.diff", lambda: [("a", (5, 7)), 2], {"axis": 0}),
    ("numpy.diff", lambda: [("a", (3, 4))], {"n": 6}),
    ("numpy.zeros_like", lambda: [("a", (2, 9))], {}),
    ("numpy.convolve", lambda: [("a", (2,)), ("a", (2,))], {}),
    ("numpy.convolve", lambda: [("a", (7,)), ("a", (3,)), "same"], {}),
    ("numpy.convolve", lambda: [("a", (3,)), ("a", (7,))], {"mode": "valid"}),
    ("numpy.sum", lambda: [("a", (3,))], {}),
    ("numpy.sum", lambda: [("a", (3, 4)), 0], {}),
    ("numpy.mean", lambda: [("a", (3, 4))], {"axis": -1, "keepdims": True}),
    ("numpy.max", lambda: [("a", (2, 3, 4))], {"axis": 1}),
    ("numpy.arange", lambda: [50], {}),
    ("numpy.arange", lambda: [1, 51], {}),
    ("numpy.arange", lambda: [8, 8 * 51, 8], {}),  # a running count of channels per step
    ("numpy.arange", lambda: [10, 0, -3], {}),
    ("numpy.arange", lambda: [5, 1], {}),  # empty
    ("numpy.arange", lambda: [-4], {"stop": 7, "step": 2}),
    ("numpy.arange", lambda: [3], {"dtype": np.float32}),
]


def _real(value):
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "a":
        return np.ones(value[1])
    if isinstance(value, list) and value and isinstance(value[0], tuple) and value[0][0] == "a":
        return [_real(v) for v in value]
    return value


def _mine(value):
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "a":
        return _array(*value[1])
    if isinstance(value, list) and value and isinstance(value[0], tuple) and value[0][0] == "a":
        return [_mine(v) for v in value]
    return value


@pytest.mark.parametrize("qualified, make, kwargs", CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CALLS)])
def test_each_numpy_call_gives_numpys_shape(qualified, make, kwargs):
    function = np
    for part in qualified.split(".")[1:]:
        function = getattr(function, part)
    real = function(*[_real(a) for a in make()], **kwargs)
    made = call_numpy(qualified, [_mine(a) for a in make()], kwargs)
    assert made is not None and made.shape.dims == real.shape


def test_calls_that_make_no_array_are_left_alone():
    assert call_numpy("numpy.sqrt", [2.0], {}) is None  # a number, for the code that handles numbers
    assert call_numpy("numpy.concatenate", [[_array(2, 3), _array(4, 4)]], {}) is None  # numpy refuses it
    assert call_numpy("numpy.fft.rfft", [Tensor(Shape(None), "x")], {}) is None
    assert call_numpy("numpy.arange", [0.0, 1.0, 0.1], {}) is None  # numpy's rounding of a float count
    assert call_numpy("numpy.arange", [0, 5, 0], {}) is None  # numpy refuses a zero step
    assert call_numpy("numpy.arange", [1, 5], {"start": 0}) is None  # Python refuses start given twice


def test_scipy_windows_have_their_length():
    assert call_numpy("scipy.signal.get_window", ["hamming", 400], {"fftbins": True}).shape.dims == (400,)
    assert call_numpy("scipy.signal.windows.hann", [256], {}).shape.dims == (256,)


STFT = '''
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def init_kernels(win_len, fft_len):
    window = np.hamming(win_len)
    fourier_basis = np.fft.rfft(np.eye(fft_len))[:win_len]
    kernel = np.concatenate([np.real(fourier_basis), np.imag(fourier_basis)], 1).T
    kernel = (kernel * window)[:, None, :]
    return torch.from_numpy(kernel.astype(np.float32))


class Front(nn.Module):
    def __init__(self, win_len=400, stride=100, fft_len=512):
        super().__init__()
        self.register_buffer("weight", init_kernels(win_len, fft_len))
        self.stride = stride
        self.proj = nn.Conv1d(fft_len, 64, 1)

    def forward(self, x):
        spec = F.conv1d(x, self.weight, stride=self.stride)
        return self.proj(spec)


if __name__ == "__main__":
    Front()(torch.zeros(1, 1, 16000))
'''


def test_a_conv_stft_kernel_made_with_numpy_is_followed_and_its_bug_found():
    """The kernel is 2 * (fft_len // 2 + 1) = 514 filters of win_len taps: proj reads 512."""
    result = lint_text(STFT, "stft.py", Settings())
    errors = [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [(21, "CL103")]
    assert "expects 512 input channels, but F.conv1d gives 514 (shape 1x514x157" in next(
        d.message for d in result.diagnostics if d.code == "CL103")
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(STFT.replace('if __name__ == "__main__":', "if False:"), "stft.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="to have 512 channels, but got 514 channels"):
        namespace["Front"]()(torch.zeros(1, 1, 16000))
    fixed = STFT.replace("nn.Conv1d(fft_len, 64, 1)", "nn.Conv1d(fft_len + 2, 64, 1)")
    assert not [d for d in lint_text(fixed, "stft.py", Settings()).diagnostics if d.severity == "error"]
    namespace = {}
    exec(compile(fixed.replace('if __name__ == "__main__":', "if False:"), "stft.py", "exec"), namespace)
    assert namespace["Front"]()(torch.zeros(1, 1, 16000)).shape == (1, 64, 157)


DOWNSAMPLE = """
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Down(nn.Module):
    def __init__(self, channels, factor=2):
        super().__init__()
        self.stride = factor
        kernel = np.convolve(np.ones(factor), np.ones(factor))
        kernel /= np.sum(kernel)
        self.register_buffer("kernel", torch.Tensor(kernel)[None, None, :].repeat((channels, 1, 1)))

    def forward(self, x):
        return F.conv1d(x, self.kernel, stride=self.stride, padding=1, groups=x.shape[1])


class Net(nn.Module):
    def __init__(self, down=16):
        super().__init__()
        self.conv = nn.Conv1d(3, 16, 5, padding=2)
        self.down = Down(down)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc(self.down(self.conv(x)).mean(2))
"""


def test_a_depthwise_filter_made_with_numpy_convolve_is_followed_and_its_bug_found():
    """ssl-wearables' anti-aliased downsampling: a binomial kernel from np.convolve, normalised by
    np.sum, repeated per channel for a depthwise conv1d: a filter for 8 channels on 16 is refused."""
    wrong = lint_text(DOWNSAMPLE.replace("Down(down)", "Down(8)"), "down.py", Settings())
    assert [d.code for d in wrong.diagnostics if d.severity == "error"]
    right = lint_text(DOWNSAMPLE, "down.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (net,) = [m for m in right.models if m.name == "Net"]
    assert str(net.output.shape) == "Nx4"
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(DOWNSAMPLE, "down.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="groups"):
        namespace["Net"](8)(torch.zeros(2, 3, 50))
    assert namespace["Net"]()(torch.zeros(2, 3, 50)).shape == (2, 4)


SMOOTHING = """
import math
import numpy as np
import scipy.stats as st
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parameter import Parameter


def gaussian(size, nsig):
    # a Gaussian kernel from the differences of a normal CDF over evenly spaced points
    step = (2 * nsig + 1.) / size
    x = np.linspace(-nsig - step / 2., nsig + step / 2., size + 1)
    row = np.diff(st.norm.cdf(x))
    raw = np.sqrt(np.outer(row, row))
    return raw / raw.sum()


class Smooth(nn.Module):
    def __init__(self):
        super().__init__()
        k = KERNEL
        self.kernel = Parameter(torch.from_numpy(INDEX))
        self.pad = PAD

    def forward(self, att):
        return att * F.conv2d(att, self.kernel, padding=self.pad)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.score = nn.Conv2d(8, 1, 1)
        self.smooth = Smooth()
        self.head = nn.Conv2d(1, 2, 1)

    def forward(self, x):
        return self.head(self.smooth(self.score(x)))
"""

KERNELS = ["np.outer(np.hanning(9), np.hanning(9)).astype(np.float32)", "np.ones((9, 9), dtype=np.float32)",
           "np.float32(gaussian(9, 4))",
           "np.exp(-np.arange(81).reshape(9, 9) / (2 * np.pi)).astype(np.float32)"]
INDEXES = ["k[np.newaxis, np.newaxis, ...]", "k[None, None, ...]", "k[np.newaxis, np.newaxis, :, :]"]


@pytest.fixture
def scipy_stats(monkeypatch):
    """scipy.stats for torch's run of the test models: the installed one, else a stand-in of norm.cdf."""
    try:
        import scipy.stats  # noqa: F401
    except ImportError:
        import math
        import types

        stats = types.ModuleType("scipy.stats")
        stats.norm = types.SimpleNamespace(cdf=lambda x: 0.5 * (1.0 + np.vectorize(math.erf)(np.asarray(x) / math.sqrt(2.0))))
        package = types.ModuleType("scipy")
        package.stats = stats
        monkeypatch.setitem(__import__("sys").modules, "scipy", package)
        monkeypatch.setitem(__import__("sys").modules, "scipy.stats", stats)


@pytest.mark.parametrize("index", INDEXES)
@pytest.mark.parametrize("kernel", KERNELS)
def test_a_smoothing_kernel_made_with_numpy_reaches_the_conv(kernel, index, scipy_stats):
    """A salient-object net's holistic attention: a fixed kernel built in numpy, given a batch and a
    channel axis by `[np.newaxis, np.newaxis, ...]` (np.newaxis is None), a Parameter of it applied
    with F.conv2d: its map has a shape, and an unpadded one refused beside its input."""
    from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

    source = SMOOTHING.replace("KERNEL", kernel).replace("INDEX", index)
    right = filled(source, {"PAD": "4"})
    assert_shapes_equal_torch(right, (2, 8, 16, 16), "smooth.py")
    result = lint_text(right, "smooth.py", Settings(input_shapes={"Net": (2, 8, 16, 16)}))
    (net,) = [m for m in result.models if m.name == "Net"]
    assert not net.unresolved and net.output.shape.dims == (2, 2, 16, 16)
    wrong = lint_text(filled(source, {"PAD": "0"}), "smooth.py", Settings(input_shapes={"Net": (2, 8, 16, 16)}))
    assert {(d.code, d.severity) for d in wrong.diagnostics} >= {("CL107", "error")}
    from tests.torch_cases import built, module_shapes

    with pytest.raises(RuntimeError, match="must match"):
        module_shapes(built(filled(source, {"PAD": "0"}), "smooth.py"), (2, 8, 16, 16))
