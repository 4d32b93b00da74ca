"""-j / --jobs: worker processes give the same report, in the same order, as one process."""

import json

import pytest
from click.testing import CliRunner

from convlint.cli import PARALLEL_FROM, main, worker_count

PATHS = ["examples", "tests/models"]


def run(*args):
    return CliRunner().invoke(main, [*PATHS, *args])


@pytest.mark.parametrize("output_format", ["concise", "json", "sarif"])
def test_workers_report_exactly_what_one_process_reports(output_format):
    serial = run("-j", "1", "--format", output_format)
    parallel = run("-j", "2", "--format", output_format)
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.output == serial.output
    if output_format == "json":
        report = json.loads(parallel.output)
        assert report["diagnostics"] and all(f["models"] is not None for f in report["files"])
        assert any(layer["line"] for f in report["files"] for m in f["models"] for layer in m["layers"])


def test_jobs_takes_a_positive_number_or_auto():
    result = run("-j", "0")
    assert result.exit_code == 2 and "--jobs" in result.output
    assert run("--jobs", "auto", "--format", "concise").exit_code == 1


def test_auto_uses_workers_only_for_many_files(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert worker_count(None, PARALLEL_FROM - 1) == 1
    assert worker_count("auto", PARALLEL_FROM) == 4
    assert worker_count("8", 3) == 3
