"""An options namespace (`args = parser.parse_args()`) changed where its defaults are not what the
model is built with: a function of the module (`def main(): args.width = 8`), a helper given it
whole, `args.__dict__.update(cfg)` or `vars(args).update(cfg)` after parsing, a setattr by a name
not known, a loop not followed. Each correct script runs in torch and convlint stays quiet; where
the change is followed exactly, a bug it makes is still found, with the width torch sees."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import libcst as cst
import pytest

from convlint.evaluator.namespace_changes import changes_by_module_code, is_name, namespace_changes
from convlint.pipeline import Settings, lint_text

pytest.importorskip("torch")

HEAD = '''\
import argparse
import sys
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--width", type=int, default=16)


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.bn = nn.BatchNorm2d(width)

    def forward(self, x):
        return self.bn(self.conv(x))

'''

# each: the script after HEAD; run with no arguments, its model is built with 8 channels
CORRECT = {
    "main sets the option": '''
args = parser.parse_args()


def main():
    args.width = 8
    model = Net(args.width)
    model(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    main()
''',
    "main sets it by setattr": '''
args = parser.parse_args()


def main():
    setattr(args, "width", 8)
    Net(args.width)(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    main()
''',
    "main updates its __dict__": '''
args = parser.parse_args()


def main():
    args.__dict__.update({"width": 8})
    Net(args.width)(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    main()
''',
    "a helper given it whole sets it": '''
args = parser.parse_args()


def tweak(options):
    options.width = 8


def main():
    tweak(args)
    Net(args.width)(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    main()
''',
    "main binds the global again": '''
args = parser.parse_args()


def main():
    global args
    args = parser.parse_args(["--width", "8"])
    Net(args.width)(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    main()
''',
    "the __main__ block sets it": '''
args = parser.parse_args()


def main():
    Net(args.width)(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    args.width = 8
    main()
''',
    "its __dict__ updated after parsing": '''
args = parser.parse_args()
args.__dict__.update({"width": 8})

if __name__ == "__main__":
    Net(args.width)(torch.randn(1, 3, 32, 32))
''',
    "vars() updated after parsing": '''
args = parser.parse_args()
vars(args).update({"width": 8})

if __name__ == "__main__":
    Net(args.width)(torch.randn(1, 3, 32, 32))
''',
    "setattr by a name not known after parsing": '''
args = parser.parse_args()
for key in ["width"] + sys.argv[1:]:
    setattr(args, key, 8)

if __name__ == "__main__":
    Net(args.width)(torch.randn(1, 3, 32, 32))
''',
    "set in a loop not followed": '''
args = parser.parse_args()
for key in ["width"] + sys.argv[1:]:
    args.width = 8

if __name__ == "__main__":
    Net(args.width)(torch.randn(1, 3, 32, 32))
''',
    "a module's config dict updated in a way not followed": '''
import json
config = {"width": 16}
config.update(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"width": 8})


def build():
    return Net(**config)


if __name__ == "__main__":
    build()(torch.randn(1, 3, 32, 32))
''',
    "a factory's config dict updated in a way not followed": '''
import json


def build():
    config = {"width": 16}
    config.update(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"width": 8})
    return Net(**config)


if __name__ == "__main__":
    build()(torch.randn(1, 3, 32, 32))
''',
    "a trainer's __init__ writes its __dict__": '''
class Trainer:
    def __init__(self, opt):
        opt.__dict__["width"] = 8
        self.model = Net(opt.width)
        self.model(torch.randn(1, 3, 32, 32))


if __name__ == "__main__":
    Trainer(parser.parse_args())
''',
}


RUNNER = """
import json, runpy, sys, traceback
results = {}
for path in sys.argv[1:]:
    sys.argv = [path]
    try:
        runpy.run_path(path, run_name="__main__")
        results[path] = ""
    except BaseException as error:  # (SystemExit of a parser included)
        results[path] = f"{type(error).__name__}: {error}"
print(json.dumps(results))
"""


def _torch_runs(sources: dict, tmp_path) -> dict:
    """Each script run in torch as `python script.py` runs it, all in one child: key -> '' or the error."""
    paths = {}
    for index, (key, source) in enumerate(sources.items()):
        paths[key] = tmp_path / f"script_{index}.py"
        paths[key].write_text(source)
    ran = subprocess.run([sys.executable, "-c", RUNNER, *map(str, paths.values())],
                         capture_output=True, text=True, timeout=300)
    results = json.loads(ran.stdout.strip().splitlines()[-1])
    return {key: results[str(path)] for key, path in paths.items()}


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "script.py", Settings()).diagnostics if d.severity == "error"]


@pytest.fixture(scope="module")
def torch_results(tmp_path_factory):
    sources = {case: HEAD + CORRECT[case] for case in CORRECT}
    sources.update({("bug", case): _with_bug(case, line) for case, line in BUGS})
    sources["reads"] = _only_reading()
    return _torch_runs(sources, tmp_path_factory.mktemp("scripts"))


@pytest.mark.parametrize("case", sorted(CORRECT))
def test_a_correct_script_whose_options_change_is_quiet(case, torch_results):
    assert torch_results[case] == ""
    assert _errors(HEAD + CORRECT[case]) == []


BUGS = [("main sets the option", "    args.width = 8"), ("main sets it by setattr", '    setattr(args, "width", 8)'),
        ("a module's config dict updated in a way not followed",
         'config.update(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"width": 8})')]


def _with_bug(case: str, line: str) -> str:
    """The change set to 4 channels where the conv gives 8 (a dict updated by a literal, followed)."""
    changed = 'config.update({"width": 4})' if line.startswith("config.update") else line.replace("8", "4")
    return (HEAD + CORRECT[case]).replace(line, changed)


@pytest.mark.parametrize("case, line", BUGS)
def test_a_change_followed_exactly_still_finds_the_bug_it_makes(case, line, torch_results):
    assert "running_mean should contain 8 elements not 4" in torch_results[("bug", case)]
    found = _errors(_with_bug(case, line))
    assert [d.code for d in found] == ["CL104"]
    assert "BatchNorm2d(4)" in found[0].message


def _only_reading() -> str:
    return (HEAD + CORRECT["main sets the option"]).replace("    args.width = 8\n", "    print(vars(args), args.__dict__)\n")


def test_reading_the_options_keeps_them_known(torch_results):
    assert "running_mean should contain 8 elements not 16" in torch_results["reads"]
    assert [d.code for d in _errors(_only_reading())] == ["CL104"]


def _changes(code: str):
    module = cst.parse_module(textwrap.dedent(code))
    return namespace_changes(list(_nodes(module)), is_name("args"))


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)


@pytest.mark.parametrize("code, options", [
    ("args.width = 8", {"width"}),
    ("args.cfg.width = 8", {"cfg"}),
    ("args.sizes[0] = 8", {"sizes"}),
    ("args.scale.append(4)", {"scale"}),
    ("setattr(args, 'width', 8)", {"width"}),
    ("a, args.width = 1, 2", {"width"}),
    ("print(args.width, vars(args), args.__dict__)", set()),
    ("n = args.name.lower()", set()),
])
def test_options_set_by_name(code, options):
    found = _changes(code)
    assert set(found.options) == options and found.unseen is None and not found.when_run


@pytest.mark.parametrize("code", [
    "args.__dict__.update(cfg)",
    "vars(args).update(cfg)",
    "args.__dict__['width'] = 8",
    "options = vars(args)",
    "args.__setattr__('width', 8)",
    "args.__dict__ = cfg",
])
def test_changes_no_option_name_can_be_read_from(code):
    assert _changes(code).unseen is not None


@pytest.mark.parametrize("code", ["vars(args)['width'] = 8", "setattr(args, key, 8)"])
def test_changes_known_only_as_the_code_runs(code):
    found = _changes(code)
    assert found.when_run and found.unseen is None


def test_the_module_functions_changes_to_its_global():
    module = cst.parse_module(textwrap.dedent('''
        args = parse()

        def local():
            args = 3
            args.width = 1

        def main():
            args.depth = 2
            setup(args)

        def setup(options):
            options.lr = 0.1

        class Trainer:
            def __init__(self, opt):
                self.opt = opt

            def fit(self):
                self.opt.epochs = 3

        if __name__ == "__main__":
            Trainer(args)
    '''))
    binding = module.body[0].body[0].value
    found = changes_by_module_code(module, "args", binding)
    assert set(found.options) == {"depth", "lr", "epochs"} and found.unseen is None
