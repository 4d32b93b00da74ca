"""The result cache: a reused result is only ever one that a fresh run would give."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from convlint.cli import main

BLOCK_OK = '''import torch.nn as nn


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
'''
BLOCK_BROKEN = BLOCK_OK.replace("nn.Conv2d(channels, channels", "nn.Conv2d(channels * 2, channels")  # CL103
NET = '''import torch.nn as nn

from block import Block


# convlint: input-shape=(1, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.block = Block(8)
        self.head = nn.Linear(8 * 32 * 32, 10)

    def forward(self, x):
        return self.head(self.block(self.stem(x)).flatten(1))
'''


def run(cache, *args):
    return CliRunner().invoke(main, ["--cache-dir", str(cache), "--format", "concise", *map(str, args)])


def entries(cache):
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.parent.parent.name.startswith("v"))


def test_a_second_run_reuses_results_and_reports_the_same(tmp_path):
    (tmp_path / "block.py").write_text(BLOCK_OK)
    (tmp_path / "net.py").write_text(NET.replace("8 * 32 * 32", "8 * 30 * 30"))
    cache = tmp_path / "cache"
    first = run(cache, tmp_path / "net.py")
    assert first.exit_code == 1 and "CL101" in first.output
    assert len(entries(cache)) == 1 and (cache / ".gitignore").read_text().endswith("*\n")
    stamp = entries(cache)[0].stat().st_mtime_ns
    again = run(cache, tmp_path / "net.py")
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert entries(cache)[0].stat().st_mtime_ns == stamp  # read, not rewritten


def test_an_edit_to_an_imported_block_invalidates_the_importer(tmp_path):
    (tmp_path / "block.py").write_text(BLOCK_OK)
    (tmp_path / "net.py").write_text(NET)
    cache = tmp_path / "cache"
    assert run(cache, tmp_path / "net.py").exit_code == 0
    (tmp_path / "block.py").write_text(BLOCK_BROKEN)
    result = run(cache, tmp_path / "net.py")
    assert result.exit_code == 1 and "CL103" in result.output


def test_a_module_that_appears_where_an_import_found_nothing_invalidates(tmp_path):
    (tmp_path / "net.py").write_text(NET)  # block.py missing: Block is unknown, nothing to report
    cache = tmp_path / "cache"
    assert run(cache, tmp_path / "net.py").exit_code == 0
    (tmp_path / "block.py").write_text(BLOCK_BROKEN)
    result = run(cache, tmp_path / "net.py")
    assert result.exit_code == 1 and "CL103" in result.output


@pytest.mark.parametrize("first", [BLOCK_OK, None])
def test_a_submodule_of_a_folder_with_no_init_is_part_of_the_key(tmp_path, first):
    """`from blocks import block` of a blocks/ with no __init__.py: blocks/block.py edited, or
    appearing where nothing was found, is seen on the next run."""
    (tmp_path / "blocks").mkdir()
    if first is not None:
        (tmp_path / "blocks" / "block.py").write_text(first)
    (tmp_path / "net.py").write_text(NET.replace("from block import Block", "from blocks import block")
                                     .replace("Block(8)", "block.Block(8)"))
    cache = tmp_path / "cache"
    assert run(cache, tmp_path / "net.py").exit_code == 0
    (tmp_path / "blocks" / "block.py").write_text(BLOCK_BROKEN)
    result = run(cache, tmp_path / "net.py")
    assert result.exit_code == 1 and "CL103" in result.output


def test_settings_and_the_report_format_are_part_of_the_key(tmp_path):
    (tmp_path / "block.py").write_text(BLOCK_OK)
    (tmp_path / "net.py").write_text(NET.replace("8 * 32 * 32", "8 * 30 * 30"))
    cache = tmp_path / "cache"
    assert run(cache, tmp_path / "net.py").exit_code == 1
    assert run(cache, tmp_path / "net.py", "--ignore", "CL101").exit_code == 0
    assert "CL101" in run(cache, tmp_path / "net.py", "--input-shape", "Net=2,3,32,32").output
    report = json.loads(CliRunner().invoke(main, ["--cache-dir", str(cache), "--format", "json",
                                                  str(tmp_path / "net.py")]).output)
    assert report["files"][0]["models"][0]["layers"]  # a cached text-report entry has no models


def test_no_cache_neither_reads_nor_writes(tmp_path):
    (tmp_path / "net.py").write_text(BLOCK_OK)
    cache = tmp_path / "cache"
    assert run(cache, tmp_path / "net.py", "--no-cache").exit_code == 0
    assert not cache.exists()


def test_a_corrupt_entry_is_a_miss(tmp_path):
    (tmp_path / "block.py").write_text(BLOCK_OK)
    (tmp_path / "net.py").write_text(NET.replace("8 * 32 * 32", "8 * 30 * 30"))
    cache = tmp_path / "cache"
    first = run(cache, tmp_path / "net.py")
    entries(cache)[0].write_bytes(b"not a pickle")
    assert run(cache, tmp_path / "net.py").output == first.output


def test_keys_do_not_depend_on_the_hash_seed(tmp_path):
    """Settings hold sets; a key built from their repr would miss on every new interpreter."""
    (tmp_path / "net.py").write_text(BLOCK_OK)
    cache = tmp_path / "cache"
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "convlint", "--cache-dir", str(cache), "--select", "CL1,CL2,CL101",
                        "--ignore", "CL201,CL202", str(tmp_path / "net.py")], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
    assert len(entries(cache)) == 1


def test_a_cached_run_loads_neither_libcst_nor_pydantic(tmp_path):
    (tmp_path / "block.py").write_text(BLOCK_OK)
    (tmp_path / "net.py").write_text(NET.replace("8 * 32 * 32", "8 * 30 * 30"))
    script = ("import sys\nfrom convlint.cli import main\n"
              "try:\n    main(['--cache-dir', sys.argv[2], sys.argv[1]])\nexcept SystemExit as done:\n"
              "    assert done.code == 1, done.code\n"
              "print(sorted(m for m in ('libcst', 'pydantic', 'torch') if m in sys.modules))\n")
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "net.py"), str(tmp_path / "cache")],
                           check=True, capture_output=True, text=True).stdout for _ in range(2)]
    assert runs[0].endswith("['libcst', 'pydantic']\n") and "CL101" in runs[0]
    assert runs[1].endswith("[]\n") and "CL101" in runs[1]
