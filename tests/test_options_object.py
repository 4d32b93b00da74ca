"""A model whose constructor takes the project's options object (tests/corpus/options_object/):
bound to the namespace option.py parses, or to the Config() the project's code builds it with,
and checked against torch built the same way."""

import importlib
import shutil
import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

torch = pytest.importorskip("torch")

CORPUS = Path(__file__).parent / "corpus" / "options_object"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project, the working folder (paths are shown from there)."""

    def copy(name: str) -> Path:
        shutil.copytree(CORPUS / name, tmp_path / name)
        monkeypatch.chdir(tmp_path / name)
        return tmp_path / name
    return copy


def lint(root: Path, file: str, **shapes):
    return lint_file(root / file, file, Settings(input_shapes=shapes))


def model(result, name: str):
    return next(m for m in result.models if m.name == name)


def errors(result) -> list[tuple[str, int, str]]:
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def static_shapes(analysis) -> dict[str, tuple]:
    shapes = {}
    for call in sorted(analysis.calls, key=lambda c: c.start):
        dims = call.output.shape.dims
        if call.node.path:
            shapes.setdefault(call.node.path, tuple(dims) if dims is not None else None)
    return shapes


def torch_shapes(net, *inputs) -> dict[str, tuple]:
    shapes: dict[str, tuple] = {}

    def hook(name):
        def record(module, inputs, output) -> None:
            if torch.is_tensor(output):
                shapes.setdefault(name, tuple(output.shape))
        return record

    for name, module in net.named_modules():
        if name:
            module.register_forward_hook(hook(name))
    net(*inputs)
    return shapes


@pytest.fixture
def importing(monkeypatch, tmp_path):
    """Import the project's modules as its scripts do (run with no arguments), then forget them."""
    before = set(sys.modules)
    monkeypatch.setattr(sys, "argv", ["main.py"])

    def load(root: Path, dotted: str):
        monkeypatch.syspath_prepend(str(root))
        return importlib.import_module(dotted)

    yield load
    for name in set(sys.modules) - before:  # the project's modules only (never convlint's or torch's)
        if str(getattr(sys.modules[name], "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]


def test_a_model_of_options_namespace_takes_the_parsed_defaults_after_post_processing(project, importing):
    root = project("sr")
    result = lint(root, "model/srnet.py", SRNet=(1, 3, 12, 12), make_model=(1, 3, 12, 12))
    assert errors(result) == []
    args = importing(root, "option").args
    srnet = importing(root, "model.srnet")
    expected = torch_shapes(srnet.SRNet(args), torch.randn(1, 3, 12, 12))
    for name in ("SRNet", "make_model"):
        analysis = model(result, name)
        assert static_shapes(analysis) == expected
        assert analysis.unresolved == []
        assert analysis.assumed[0] == ("args is the namespace option.py parses on line 15: the only options "
                                       "object of the project with every attribute the model reads")
        # `args.scale = list(map(...))` and the 'True' strings made bools, as importing option.py does
        assert "scale = [2]: set on line 18 of option.py, as when run with no arguments" in analysis.assumed
        assert "shift_mean = True: set on line 25 of option.py, as when run with no arguments" in analysis.assumed


def test_a_wrong_channel_count_in_a_block_is_found_at_its_line_with_no_options(project):
    root = project("sr")
    path = root / "model/srnet.py"
    path.write_text(path.read_text().replace("nn.ReLU(True),\n                                  nn.Conv2d(n_feats,",
                                             "nn.ReLU(True),\n                                  nn.Conv2d(n_feats * 2,"))
    found = errors(lint(root, "model/srnet.py"))
    assert ("SRNet", 22, "CL103") in found


def test_options_changed_by_code_not_followed_are_unknown_never_an_error(project):
    root = project("sr")
    option = root / "option.py"
    option.write_text(option.read_text().replace("template.set_template(args)", "from presets import apply\napply(args)"))
    path = root / "model/srnet.py"
    path.write_text(path.read_text().replace("nn.Conv2d(n_feats, args.n_colors", "nn.Conv2d(16, args.n_colors"))
    result = lint(root, "model/srnet.py", SRNet=(1, 3, 12, 12))
    assert errors(result) == []  # n_feats may not be 16 any more
    shapes = static_shapes(model(result, "SRNet"))
    assert shapes["head"][1] is not None and not isinstance(shapes["head"][1], int)


def test_an_attribute_the_namespace_lacks_leaves_the_model_unbound(project):
    root = project("sr")
    path = root / "model/srnet.py"
    path.write_text(path.read_text().replace("range(args.n_resblocks)", "range(args.n_blocks)"))
    result = lint(root, "model/srnet.py", SRNet=(1, 3, 12, 12))
    analysis = model(result, "SRNet")
    assert errors(result) == [] and analysis.assumed == []
    assert any("required constructor arguments not given" in u.why for u in analysis.unresolved)


@pytest.mark.parametrize(("dataset", "shape"), [("Epilepsy", (2, 1, 178)), ("HAR", (2, 9, 128))])
def test_the_config_the_project_builds_the_model_with_is_the_one_analysed(project, importing, dataset, shape):
    root = project("configs")
    main = root / "main.py"
    main.write_text(main.read_text().replace("default='Epilepsy'", f"default='{dataset}'"))
    result = lint(root, "models/model.py", base_Model=shape)
    assert errors(result) == []
    analysis = model(result, "base_Model")
    config = importing(root, f"config_files.{dataset}_Configs").Config()
    net = importing(root, "models.model").base_Model(config)
    assert static_shapes(analysis) == torch_shapes(net, torch.randn(*shape)), (analysis.assumed, analysis.unresolved)
    assert analysis.assumed[0] == ("configs is configs of main.py, which builds base_Model(configs): "
                                   f"a Config() of config_files/{dataset}_Configs.py")


def test_several_configs_that_fit_and_no_code_naming_one_leave_it_unknown(project):
    root = project("configs")
    (root / "main.py").write_text("print('no config named here')\n")  # the project's own script, naming none
    result = lint(root, "models/model.py", base_Model=(2, 9, 128))
    analysis = model(result, "base_Model")
    assert errors(result) == [] and analysis.assumed == []
    assert any("several options objects have every attribute it reads" in u.why for u in analysis.unresolved)
    (root / "config_files/HAR_Configs.py").unlink()  # one left: it is the project's options
    analysis = model(lint(root, "models/model.py", base_Model=(2, 1, 178)), "base_Model")
    assert analysis.assumed[0].startswith("configs is a Config() of config_files/Epilepsy_Configs.py: the only")
    assert static_shapes(analysis)["logits"] == (2, 2)


def test_options_declared_in_an_argument_group_are_the_parsers(project, importing):
    """`group = parser.add_argument_group(...)` then `group.add_argument(...)` (DeepDeblur's
    option.py): the options are the parser's, and the model built from them is checked."""
    root = project("sr")
    option = root / "option.py"
    text = option.read_text()
    assert "parser.add_argument('--n_feats'" in text
    option.write_text(text.replace("parser.add_argument('--n_feats'",
                                   "group = parser.add_argument_group('Model specifications')\n"
                                   "group.add_argument('--n_feats'"))
    path = root / "model/srnet.py"
    path.write_text(path.read_text().replace("nn.ReLU(True),\n                                  nn.Conv2d(n_feats,",
                                             "nn.ReLU(True),\n                                  nn.Conv2d(n_feats * 2,"))
    assert ("SRNet", 22, "CL103") in errors(lint(root, "model/srnet.py"))
    args = importing(root, "option").args
    with pytest.raises(RuntimeError, match="channels"):
        importing(root, "model.srnet").SRNet(args)(torch.randn(1, 3, 12, 12))


def test_a_namespace_given_to_a_function_that_only_reads_it_keeps_its_options(project):
    """`torch.save(args, path)` after parsing (DeepDeblur's option.py) changes no option."""
    root = project("sr")
    option = root / "option.py"
    option.write_text(option.read_text() + "\nimport torch\ntorch.save(args, 'args.pt')\n")
    path = root / "model/srnet.py"
    path.write_text(path.read_text().replace("nn.ReLU(True),\n                                  nn.Conv2d(n_feats,",
                                             "nn.ReLU(True),\n                                  nn.Conv2d(n_feats * 2,"))
    assert ("SRNet", 22, "CL103") in errors(lint(root, "model/srnet.py"))


def test_options_of_another_project_laid_beside_it_are_not_borrowed(tmp_path, monkeypatch):
    from convlint.source.project_hints import clear_cache

    """Projects side by side with no root marked (checked-out files, no .git): a model's `args` is
    not bound to the parser of the folder next to it, only to one of its own project."""
    side = tmp_path / "checkouts"
    shutil.copytree(CORPUS / "sr", side / "a")
    (side / "b").mkdir()
    shutil.move(side / "a" / "option.py", side / "b" / "option.py")
    (side / "a" / "main.py").unlink()
    monkeypatch.chdir(side)
    analysis = model(lint(side, "a/model/srnet.py"), "SRNet")
    assert not any("option.py" in note for note in analysis.assumed), analysis.assumed
    shutil.move(side / "b" / "option.py", side / "a" / "option.py")  # its own: bound
    clear_cache()  # a new run sees the folders as they are now
    analysis = model(lint(side, "a/model/srnet.py"), "SRNet")
    assert any("a/option.py" in note for note in analysis.assumed), analysis.assumed
