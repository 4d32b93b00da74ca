"""A file of blocks only (tests/corpus/block_library/parts.py) is checked as the project's
models build it: a wrong width in a block that needs its caller's numbers is reported at the
block's line when the block file alone is linted, and said to come from model.py."""

import shutil
import sys
from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file

LIBRARY = Path(__file__).parent / "corpus" / "block_library"


def _errors(name: str, **options):
    result = lint_file(LIBRARY / name, str(LIBRARY / name), Settings(**options))
    return result, [d for d in result.diagnostics if d.severity == "error"]


def test_a_block_file_alone_reports_what_its_importer_meets_at_its_own_line():
    result, found = _errors("parts.py")
    assert [(d.span.line, d.code) for d in found] == [(23, "CL103")]
    (finding,) = found
    assert finding.path == str(LIBRARY / "parts.py") and finding.span.file == ""
    assert "expects 16 input channels, but torch.cat gives 32" in finding.message
    assert "model.py builds TinyUNet" in finding.message
    assert any(str(LIBRARY / "model.py") in name for name in result.imported)  # the cache rests on it


def test_the_importer_itself_reports_it_once_and_a_named_model_or_a_text_mention_reads_no_importer():
    _, found = _errors("model.py")
    assert [(d.path.endswith("parts.py"), d.span.line, d.code) for d in found] == [(True, 23, "CL103")]
    assert _errors("parts.py", model="Up")[1] == []
    result, _ = _errors("parts.py")
    assert not any("unrelated.py" in name and name.endswith(".py") and "*" not in name for name in result.imported)


def test_torch_refuses_the_model_that_builds_the_block():
    torch = pytest.importorskip("torch")
    sys.path.insert(0, str(LIBRARY.parent))
    try:
        from block_library.model import TinyUNet
    finally:
        sys.path.remove(str(LIBRARY.parent))
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32 channels"):
        TinyUNet()(torch.zeros(1, 3, 32, 32))


def test_a_block_file_imported_by_its_dotted_path_in_a_copy_without_packages(tmp_path):
    # (copied out of this repository: inside it, the project walk from its root would meet the
    # test suite's files first and stop at its file limit before tests/corpus)
    shutil.copytree(LIBRARY.parent / "block_library_flat", tmp_path / "copy")
    flat = tmp_path / "copy" / "pkg" / "models"
    result = lint_file(flat / "blocks.py", str(flat / "blocks.py"), Settings())
    found = [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert found == [(11, "CL101")]
    assert "as " in result.diagnostics[0].message and "net.py builds Net" in result.diagnostics[0].message


SKIPS = Path(__file__).parent / "corpus" / "skip_library"


def test_a_block_the_file_runs_only_without_its_skip_features_is_checked_as_its_importer_runs_it():
    """decoder.py's Decoder needs no constructor argument, but its skip features come only from
    the encoder of net.py: alone it cannot size the concatenation; net.py's run of it can."""
    result = lint_file(SKIPS / "decoder.py", str(SKIPS / "decoder.py"), Settings())
    found = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.span.line, d.code) for d in found] == [(20, "CL103")]
    assert "expects 48 input channels, but torch.cat gives 32" in found[0].message
    assert "net.py builds Net" in found[0].message


def test_torch_refuses_the_decoder_as_the_importer_builds_it():
    torch = pytest.importorskip("torch")
    sys.path.insert(0, str(SKIPS.parent))
    try:
        from skip_library.net import Net
    finally:
        sys.path.remove(str(SKIPS.parent))
    with pytest.raises(RuntimeError, match="expected input.* to have 48 channels, but got 32 channels"):
        Net()(torch.zeros(1, 3, 32, 32))
