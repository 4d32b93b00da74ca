"""The real pre-commit runs the hook from this repository: it fails on a shape bug, passes once
the bug is fixed (`pre-commit try-repo` installs the hook as users get it)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUGGY = '''import torch.nn as nn


# convlint: input-shape=(10, 1, 32, 32)
class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.AvgPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(256, 120)

    def forward(self, x):
        x = self.pool(self.conv1(x))
        x = self.pool(self.conv2(x))
        return self.fc1(x.flatten(1))
'''


def pre_commit() -> str:
    found = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(found).exists():
        pytest.skip("pre-commit is not installed")
    return found


@pytest.mark.slow
def test_hook_fails_on_the_bug_and_passes_when_fixed(tmp_path):
    executable = pre_commit()
    repo = tmp_path / "project"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    (repo / "model.py").write_text(BUGGY)
    git("add", "model.py")
    git("commit", "-q", "-m", "model")

    def hook():
        return subprocess.run([executable, "try-repo", str(ROOT), "convlint", "--files", "model.py"], cwd=repo,
                              env=env, capture_output=True, text=True, timeout=600)

    failing = hook()
    assert failing.returncode != 0, failing.stdout + failing.stderr
    assert "CL101" in failing.stdout and "fc1 = Linear(256, 120)" in failing.stdout
    (repo / "model.py").write_text(BUGGY.replace("nn.Linear(256, 120)", "nn.Linear(400, 120)"))
    git("add", "model.py")
    passing = hook()
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
