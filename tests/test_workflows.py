"""The one reader of GitHub Actions workflows: jobs, steps, what they use
and run, and the lines findings point at.
"""

from __future__ import annotations

from pathlib import Path

from eco_lint.repo import Repo
from eco_lint.rules import _workflows as wf
from eco_lint.safe_yaml import load_yaml

PATH = ".github/workflows/publish.yaml"
TEXT = """\
name: Publish
env:
  build: not a job
jobs:
  'build':  # makes the distributions
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - run: |
          uv   build
          ls dist

  publish:
    needs: build
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@release/v1
  release:
    needs: [build, publish]
    steps:
      - run: gh release create
"""


def _repo(tmp_path: Path) -> Repo:
    target = tmp_path / PATH
    target.parent.mkdir(parents=True)
    target.write_text(TEXT)
    return Repo(tmp_path)


def test_job_line_is_a_key_of_jobs(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert wf.job_line(repo, PATH, "build") == 5
    assert wf.job_line(repo, PATH, "publish") == 15
    assert wf.job_line(repo, PATH, "release") == 21
    assert wf.job_line(repo, PATH, "runs-on") is None
    assert wf.job_line(repo, PATH, "missing") is None
    assert wf.job_line(repo, "missing.yaml", "build") is None


def test_in_job_keeps_to_the_job(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert wf.in_job(repo, PATH, "build", r"persist-credentials") == 10
    assert wf.in_block(repo, PATH, 5, r"needs:") is None
    # Not in the job: the job's line; no such job: anywhere in the file.
    assert wf.in_job(repo, PATH, "publish", r"gh release") == 15
    assert wf.in_job(repo, PATH, "missing", r"gh release") == 24
    assert wf.step_line(repo, PATH, "publish", "pypa/gh-action-pypi-publish") == 20
    assert wf.step_line(repo, PATH, "build", "actions/checkout", 1) == 8
    assert wf.line_after(repo, PATH, 15, r"needs:") == 16


def test_steps_and_what_they_use_and_run() -> None:
    data = load_yaml(TEXT)
    found = wf.jobs(data)
    assert list(found) == ["build", "publish", "release"]
    assert wf.needs_of(found["publish"]) == ["build"]
    assert wf.needs_of(found["release"]) == ["build", "publish"]
    assert wf.permissions_of(data, found["publish"]) == {"id-token": "write"}
    assert wf.permissions_of({"permissions": {}}, found["build"]) == {}
    assert [job for job, _ in wf.using(data, "pypa/gh-action-pypi-publish")] == [
        "publish"
    ]
    build = wf.steps(found["build"])
    assert wf.run_of(build[1]) == "uv build ls dist"
    assert wf.script_lines(build[1]["run"]) == ["uv build", "ls dist"]
    assert wf.action(build[0]) == "actions/checkout"
    assert wf.ref(build[0]) == "v4"
    assert wf.inputs(build[0]) == {"persist-credentials": False}
    assert [s.route for s in wf.workflow_steps(data)][-1] == (
        "jobs",
        "release",
        "steps",
        0,
    )


def test_shapes_that_are_not_workflows() -> None:
    assert wf.jobs(None) == {}
    assert wf.jobs({"jobs": ["a"]}) == {}
    assert wf.steps({"steps": "run"}) == []
    assert wf.needs_of({}) == []
    assert wf.as_dict([1]) == {}
    assert wf.script_lines(None) == []


def test_the_version_a_step_uses(tmp_path: Path) -> None:
    sha = "a" * 40
    target = tmp_path / PATH
    target.parent.mkdir(parents=True)
    target.write_text(f"jobs:\n  a:\n    steps:\n      - uses: o/a@{sha} # v1.2.3\n")
    repo = Repo(tmp_path)
    assert wf.uses_version(repo, PATH, {"uses": f"o/a@{sha}"}) == (1, 2, 3)
    assert wf.uses_version(repo, PATH, {"uses": "o/a@v4.1"}) == (4, 1)
    # A major version stands for its newest release.
    assert wf.uses_version(repo, PATH, {"uses": "o/a@release/v1"}) == (1, 1_000_000)
    assert wf.uses_version(repo, PATH, {"uses": "o/a@main"}) is None
    assert wf.uses_version(repo, PATH, {"uses": f"o/a@{'b' * 40}"}) is None
