"""Rule cases and examples run in torch on CPU: crashes match `torch-error`, the rest run.

Torch itself is the reference: an invalid case with `torch-error` must raise an error
containing it, and torch must blame a marked line (the constructor of the module that
raised, or the forward line of a functional call, view or operator). Silent findings are
checked by a small runtime reference over the conv and pool calls torch actually makes
(CL201 dropped-pixels, CL202 asymmetric-padding) and by the batch size of the output (CL102).
CPU, not meta: meta tensors word their errors differently.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

import pytest

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

ROOT = Path(__file__).resolve().parents[2]
# Rules about models (CL1xx crashes and silent corruption, CL2xx design); the CL0xx file
# problems and CL9xx analysis failures have no model to run.
RULE_FILES = sorted(p for p in (ROOT / "rules").glob("CL*.toml") if re.fullmatch(r"CL[12]\d\d", p.stem))
EXAMPLE_FILES = sorted((ROOT / "examples").glob("*.py"))

TOP_KEYS = {"code", "name", "severity", "summary", "why", "example", "use-instead"}
CASE_KEYS = {"name", "input-shape", "source"}  # optional: torch-error, model
SEVERITIES = {"error", "warning", "info"}
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MARKER = re.compile(r"\[(CL\d{3}(?:\s*,\s*CL\d{3})*)\]")  # [CL101] or [CL101, CL201]
SHAPE_COMMENT = re.compile(r"#\s*convlint:\s*input-shape=\(([\d,\s]+)\)\s*$")

# Silent rules the runtime reference below can see; CL102's silent form is a batch change.
REFERENCE_CODES = ("CL201", "CL202")
SILENT_VIEW = "CL102"

# What each buggy example raises in torch; None: it runs, and its bug is silent.
EXAMPLE_ERRORS = {
    "buggy_lenet.py": "mat1 and mat2 shapes cannot be multiplied (10x400 and 256x120)",
    "buggy_view.py": None,
    "buggy_channels.py": "to have 64 channels, but got 32 channels instead",
    "buggy_norm.py": "running_mean should contain 128 elements not 64",
    "buggy_collapse.py": "Output size is too small",
    "buggy_args.py": "padding='same' is not supported for strided convolutions",
    "buggy_skip.py": "Sizes of tensors must match except in dimension 1",
}


def markers(source: str) -> list[tuple[int, str]]:
    """(line, code) of every `# [CLnnn]` in a trailing comment, lines counted from 1."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        if "#" in line:
            for group in MARKER.findall(line[line.index("#") :]):
                found.extend((number, code.strip()) for code in group.split(","))
    return found


# ---------------------------------------------------------------------------------------
# Runtime reference: which line torch blames, and the silent design findings


def _per_dim(value: object, n: int) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * n


def design_findings(size, kernel, stride, padding, dilation, ceil_mode=False) -> set[str]:
    """CL201/CL202 for one spatial dim of a conv or pool window, as the rule files define them.

    CL201: windows tile (d(k-1)+1 >= s) but real positions at the end are in no window:
    r = (i + 2p - d(k-1) - 1) % s > p. ceil_mode adds the window that would cover them.
    CL202: at stride 1 a non-zero padding with 2p != d(k-1) grows or shrinks the map."""
    found = set()
    reach = dilation * (kernel - 1) + 1
    if stride == 1 and padding != 0 and 2 * padding != dilation * (kernel - 1):
        found.add("CL202")
    if reach >= stride and not ceil_mode and size + 2 * padding >= reach:
        if (size + 2 * padding - reach) % stride > padding:
            found.add("CL201")
    return found


@dataclass
class Trace:
    """Patches torch while a case runs: records module constructor lines and window geometry."""

    filename: str
    constructed: dict[int, int] = field(default_factory=dict)  # id(module) -> constructor line
    alive: list = field(default_factory=list)  # keeps ids in `constructed` unique
    findings: set[tuple[int, str]] = field(default_factory=set)
    padded: set[int] = field(default_factory=set)  # ids of F.pad outputs (nn.ZeroPad2d calls it too)
    # id(conv output) -> (line, growth per spatial dim): a stride-1 conv that grows its map, whose
    # growth a slice right after may cut off exactly (a causal conv: no CL202 then)
    growing: dict[int, tuple[int, tuple[int, ...]]] = field(default_factory=dict)
    _saved: list = field(default_factory=list)

    def line_of(self, frames) -> int | None:
        """The line torch blames, walking (frame, line) pairs from the innermost outwards.

        A torch module running there (not a class of the case) is blamed on its constructor
        line; otherwise the case's own line (a functional call, a view, an operator)."""
        for frame, line in frames:
            if frame.f_code.co_filename == self.filename:
                return line
            owner = frame.f_locals.get("self")
            if isinstance(owner, nn.Module) and type(owner).__module__ != "case":
                if id(owner) in self.constructed:
                    return self.constructed[id(owner)]
        return None

    def blame(self, tb: TracebackType | None) -> int | None:
        frames = []
        while tb is not None:
            frames.append((tb.tb_frame, tb.tb_lineno))
            tb = tb.tb_next
        return self.line_of(reversed(frames))

    def here(self, frame: FrameType | None) -> int | None:
        frames = []
        while frame is not None:
            frames.append((frame, frame.f_lineno))
            frame = frame.f_back
        return self.line_of(frames)

    def _patch(self, owner, name, replacement) -> None:
        self._saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)

    def __enter__(self) -> Trace:
        trace = self
        module_init = nn.Module.__init__

        def init(module, *args, **kwargs):
            module_init(module, *args, **kwargs)
            line = trace.here(sys._getframe(1))
            if line is not None and type(module).__module__ != "case":
                trace.constructed[id(module)] = line
                trace.alive.append(module)

        self._patch(nn.Module, "__init__", init)
        self._patch(F, "pad", self._pad(F.pad))
        self._patch(torch.Tensor, "__getitem__", self._getitem(torch.Tensor.__getitem__))
        for n in (1, 2, 3):
            self._patch(F, f"conv{n}d", self._conv(getattr(F, f"conv{n}d")))
            self._patch(F, f"max_pool{n}d", self._pool(getattr(F, f"max_pool{n}d"), n, True))
            self._patch(F, f"avg_pool{n}d", self._pool(getattr(F, f"avg_pool{n}d"), n, False))
        return self

    def __exit__(self, *exc) -> None:
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)

    def _pad(self, original):
        def pad(input, *args, **kwargs):
            output = original(input, *args, **kwargs)
            self.padded.add(id(output))
            self.alive.append(output)  # keep the id from being reused
            return output

        return pad

    def _getitem(self, original):
        def getitem(tensor, index):
            grown = self.growing.get(id(tensor))
            if grown is not None and isinstance(index, tuple) and len(index) == tensor.dim():
                line, growth = grown
                cuts = [_cut(item, size) for item, size in zip(index[-len(growth):], tensor.shape[-len(growth):])]
                if all(cut == g for cut, g in zip(cuts, growth)):
                    self.findings.discard((line, "CL202"))  # the growth is cut off right after
            return original(tensor, index)

        return getitem

    def _record(self, input, kernel, stride, padding, dilation, ceil_mode) -> None:
        n = len(kernel)
        values = (kernel, stride, padding, dilation)
        if input.dim() < n or not all(isinstance(v, int) and not isinstance(v, bool) for t in values for v in t):
            return  # torch refuses these itself (CL106)
        codes = set()
        for i, k, s, p, d in zip(input.shape[-n:], kernel, stride, padding, dilation):
            codes |= design_findings(i, k, s, p, d, ceil_mode)
        if id(input) in self.padded:
            codes.discard("CL202")  # fed by an explicit pad: the padding is split on purpose
        line = self.here(sys._getframe(2))
        self.findings |= {(line, code) for code in codes}
        return line

    def _conv(self, original):
        def conv(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
            n = weight.dim() - 2
            if padding != "same":  # 'same' pads to keep the size: nothing to find
                pads = (0,) * n if padding == "valid" else _per_dim(padding, n)
                kernel = tuple(weight.shape[2:])
                line = self._record(input, kernel, _per_dim(stride, n), pads, _per_dim(dilation, n), False)
                output = original(input, weight, bias, stride, padding, dilation, groups)
                growth = tuple(2 * p - d * (k - 1) for k, p, d in zip(kernel, pads, _per_dim(dilation, n)))
                if line is not None and all(s == 1 for s in _per_dim(stride, n)) and any(g > 0 for g in growth):
                    self.growing[id(output)] = (line, growth)
                    self.alive.append(output)  # keep the id from being reused
                return output
            return original(input, weight, bias, stride, padding, dilation, groups)

        return conv

    def _pool(self, original, n, is_max):
        names = (
            ("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices")
            if is_max
            else ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override")
        )

        def pool(input, *args, **kwargs):
            given = dict(zip(names, args)) | kwargs
            kernel = _per_dim(given["kernel_size"], n)
            stride = given.get("stride")
            stride = kernel if stride is None or stride == [] or stride == () else _per_dim(stride, n)
            padding = _per_dim(given.get("padding", 0), n)
            dilation = _per_dim(given.get("dilation", 1), n)
            self._record(input, kernel, stride, padding, dilation, bool(given.get("ceil_mode", False)))
            return original(input, *args, **kwargs)

        return pool


def _cut(item, size: int) -> int:
    """How many elements a slice of a dim of `size` leaves out (0 for anything but a plain slice)."""
    if not isinstance(item, slice) or item.step not in (None, 1):
        return 0
    start, stop, _ = item.indices(size)
    return size - max(stop - start, 0)


@dataclass
class Outcome:
    error: Exception | None
    blamed: int | None
    findings: set[tuple[int, str]]
    output: object = None


def run_model(source: str, filename: str, input_shape, model: str | None = None) -> Outcome:
    """Exec the source, build its model with no arguments and run it on zeros, on CPU."""
    namespace = {"__name__": "case"}
    with Trace(filename) as trace:
        exec(compile(source, filename, "exec"), namespace)
        classes = {
            name: value
            for name, value in namespace.items()
            if isinstance(value, type) and issubclass(value, nn.Module) and value.__module__ == "case"
        }
        assert classes, "no nn.Module subclass defined"
        cls = classes[model] if model is not None else list(classes.values())[-1]
        try:
            net = cls()
            net.eval()
            with torch.no_grad():
                output = net(torch.zeros(*input_shape))
        except Exception as error:  # noqa: BLE001 - any torch refusal is the outcome
            return Outcome(error, trace.blame(error.__traceback__), trace.findings)
    return Outcome(None, None, trace.findings, output)


def batch_of(output) -> int | None:
    return output.shape[0] if isinstance(output, torch.Tensor) and output.dim() > 0 else None


def torch_stops(source: str) -> set[int]:
    """Lines marked `# [torch]`: where torch stops when the finding is where the fix goes (the conv
    before a PixelShuffle that gets its channels)."""
    return {number for number, line in enumerate(source.splitlines(), start=1) if "# [torch]" in line}


def check_outcome(outcome: Outcome, marks: list[tuple[int, str]], torch_error, input_shape, own_code=None,
                  stops: set[int] = frozenset()):
    """Assertions shared by rule cases and examples."""
    marked_lines = {line for line, _ in marks} | set(stops)
    if torch_error is not None:
        assert outcome.error is not None, f"expected torch to raise {torch_error!r}, but it ran"
        raised = f"{type(outcome.error).__name__}: {outcome.error}"  # (a bare `assert` has no message)
        assert torch_error in raised, f"torch raised {raised}"
        assert outcome.blamed in marked_lines, f"torch blames line {outcome.blamed}, markers are on {marks}"
    elif outcome.error is not None:
        raise AssertionError(f"expected to run, torch raised {type(outcome.error).__name__}: {outcome.error}")
    # The silent findings torch's geometry shows are exactly the markers of those codes
    # (up to the crash, when there is one).
    for code in REFERENCE_CODES:
        seen = {line for line, c in outcome.findings if c == code}
        expected = {line for line, c in marks if c == code}
        if outcome.error is None or code != own_code:
            assert seen == expected, f"{code}: torch's windows give lines {sorted(seen)}, markers {sorted(expected)}"
        else:
            assert seen <= expected, f"{code}: unmarked lines {sorted(seen - expected)}"
    if outcome.error is None and isinstance(outcome.output, torch.Tensor):  # CL208 cases return None
        batch = batch_of(outcome.output)
        if any(c == SILENT_VIEW for _, c in marks):
            assert batch is not None and batch != input_shape[0], f"the batch size stays {batch}"
        else:
            assert batch == input_shape[0], f"output batch {batch} != input batch {input_shape[0]}"


# ---------------------------------------------------------------------------------------
# Rule files


def load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


RULES = {path.stem: load(path) for path in RULE_FILES}


def cases():
    for code, rule in RULES.items():
        for case in rule.get("invalid", []):
            yield pytest.param(code, "invalid", case, id=f"{code}-{case.get('name')}")
        for case in rule.get("valid", []):
            yield pytest.param(code, "valid", case, id=f"{code}-valid-{case.get('name')}")


def test_rule_files_exist():
    assert RULE_FILES, f"no rule files under {ROOT / 'rules'}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_file_structure(code):
    rule = RULES[code]
    assert TOP_KEYS <= rule.keys(), f"missing keys {sorted(TOP_KEYS - rule.keys())}"
    assert rule["code"] == code, "code differs from the file name"
    assert KEBAB.fullmatch(rule["name"]), "name is not kebab-case"
    assert rule["severity"] in SEVERITIES
    assert "\n" not in rule["summary"].strip(), "summary is one line"
    for key in ("example", "use-instead"):
        ast.parse(rule[key])
    invalid, valid = rule.get("invalid", []), rule.get("valid", [])
    assert invalid and valid, "a rule needs invalid and valid cases"
    names = [case.get("name") for case in invalid + valid]
    assert len(names) == len(set(names)), "case names repeat"
    for kind, case in [("invalid", c) for c in invalid] + [("valid", c) for c in valid]:
        assert CASE_KEYS <= case.keys(), f"{case.get('name')}: missing {sorted(CASE_KEYS - case.keys())}"
        assert "torch_error" not in case, f"{case['name']}: the key is spelled torch-error"
        assert KEBAB.fullmatch(case["name"]), f"{case['name']}: not kebab-case"
        shape = case["input-shape"]
        assert isinstance(shape, list) and shape and all(type(d) is int and d > 0 for d in shape)
        ast.parse(case["source"])
        marks = markers(case["source"])
        if kind == "invalid":
            assert marks, f"{case['name']}: no # [{code}] marker"
            assert {c for _, c in marks} == {code}, f"{case['name']}: markers of other rules {marks}"
            error = case.get("torch-error")
            assert error is None or (isinstance(error, str) and error.strip())
        else:
            assert not marks, f"{case['name']}: a valid case has markers {marks}"
            assert "torch-error" not in case, f"{case['name']}: a valid case has a torch-error"


@pytest.mark.parametrize(("code", "kind", "case"), list(cases()))
def test_case_in_torch(code, kind, case):
    source = case["source"]
    shape = case["input-shape"]
    filename = f"<{code}-{case['name']}>"
    outcome = run_model(source, filename, shape, case.get("model"))
    marks = markers(source) if kind == "invalid" else []
    check_outcome(outcome, marks, case.get("torch-error"), shape, own_code=code, stops=torch_stops(source))


# ---------------------------------------------------------------------------------------
# Examples


def example_model(source: str) -> tuple[str, tuple[int, ...]]:
    """The class under the `# convlint: input-shape=(...)` comment, and that shape."""
    lines = source.splitlines()
    for number, line in enumerate(lines[:-1]):
        found = SHAPE_COMMENT.match(line.strip())
        if found:
            header = re.match(r"class\s+(\w+)", lines[number + 1])
            assert header, "the input-shape comment must sit directly above a class line"
            shape = tuple(int(d) for d in found.group(1).split(",") if d.strip())
            return header.group(1), shape
    raise AssertionError("no `# convlint: input-shape=(...)` comment")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_in_torch(path):
    source = path.read_text()
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and "\n" not in docstring.strip(), "an example starts with a one-line docstring"
    marks = markers(source)
    crash_codes = {c for _, c in marks if c not in REFERENCE_CODES}
    if path.name.startswith("buggy_"):
        assert path.name in EXAMPLE_ERRORS, "say in EXAMPLE_ERRORS what this example raises"
        assert crash_codes, "a buggy example marks its finding"
    else:
        assert not marks, f"a correct example has markers {marks}"
    model, shape = example_model(source)
    outcome = run_model(source, str(path), shape, model)
    check_outcome(outcome, marks, EXAMPLE_ERRORS.get(path.name), shape)
