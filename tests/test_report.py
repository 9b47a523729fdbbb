"""``eco-lint report`` over a fleet of generated repositories: the outputs,
their schema, the patches, bad input, and the same report from the JSON of
separate checks.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import typing as t
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eco_lint.cli import main
from eco_lint.output import JSON_VERSION

from .conftest import run
from .mutate import append
from .mutate import delete
from .mutate import edit
from .mutate import move
from .mutate import write

pytestmark = pytest.mark.xdist_group("report")

#: Text from a repository that must reach the dashboard only escaped.
HOSTILE = "<script>alert('x')</script> & <b>bold</b>"


def _unpin(path: Path) -> None:
    name = ".github/workflows/tests.yaml"
    text = (path / name).read_text()
    (path / name).write_text(
        re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v7", text)
    )


def _no_final_newline(path: Path) -> None:
    write(path, ".gitignore", "/.venv/\n/dist/")


def _crlf(path: Path) -> None:
    text = (path / ".gitignore").read_text().replace("/.idea/\n", "")
    (path / ".gitignore").write_bytes(text.replace("\n", "\r\n").encode())


def _waived(path: Path) -> None:
    delete(path, ".editorconfig")
    append(
        path,
        "pyproject.toml",
        f'\n[tool.eco-lint]\nignore = {{LAY010 = "{HOSTILE}"}}\n',
    )


def _symlinked(path: Path) -> None:
    write(path, "docs/editorconfig.txt", "root = true\n")
    delete(path, ".editorconfig")
    (path / ".editorconfig").symlink_to("docs/editorconfig.txt")


def _many(path: Path) -> None:
    delete(path, "src/flask_greeting/py.typed")
    delete(path, ".editorconfig")
    delete(path, ".github/workflows/zizmor.yaml")
    move(path, "LICENSE.txt", "LICENSE")


def _bare(path: Path) -> None:
    for name in (".github", "docs", ".pre-commit-config.yaml", ".readthedocs.yaml"):
        delete(path, name)

    edit(path, "pyproject.toml", "[tool.tox]", "[tool.not-tox]")


#: Twenty-three repositories: (folder name, answer set, what is changed).
FLEET: list[tuple[str, str, t.Callable[[Path], None]]] = [
    ("standard", "flask-eco-mit", lambda p: None),
    ("plain", "plain-pallets-bsd", lambda p: None),
    (
        "no-py-typed",
        "flask-eco-mit",
        lambda p: delete(p, "src/flask_greeting/py.typed"),
    ),
    ("no-editorconfig", "flask-eco-mit", lambda p: delete(p, ".editorconfig")),
    ("no-gitignore", "plain-pallets-bsd", lambda p: delete(p, ".gitignore")),
    ("license-file", "flask-eco-mit", lambda p: move(p, "LICENSE.txt", "LICENSE")),
    ("no-rtd", "flask-eco-mit", lambda p: delete(p, ".readthedocs.yaml")),
    (
        "no-pre-commit",
        "plain-pallets-bsd",
        lambda p: delete(p, ".pre-commit-config.yaml"),
    ),
    (
        "no-zizmor",
        "flask-eco-mit",
        lambda p: delete(p, ".github/workflows/zizmor.yaml"),
    ),
    (
        "no-lock-workflow",
        "flask-eco-mit",
        lambda p: delete(p, ".github/workflows/lock.yaml"),
    ),
    ("no-uv-lock", "plain-pallets-bsd", lambda p: delete(p, "uv.lock")),
    (
        "requirements",
        "flask-eco-mit",
        lambda p: write(p, "requirements.txt", "flask\n"),
    ),
    (
        "dependabot",
        "flask-eco-mit",
        lambda p: write(p, ".github/dependabot.yml", "version: 2\n"),
    ),
    (
        "untyped-classifier",
        "flask-eco-mit",
        lambda p: edit(p, "pyproject.toml", '    "Typing :: Typed",\n', ""),
    ),
    ("unpinned", "plain-pallets-bsd", _unpin),
    ("no-final-newline", "flask-eco-mit", _no_final_newline),
    ("crlf-gitignore", "flask-eco-mit", _crlf),
    ('waived <b>&"x', "flask-eco-mit", _waived),
    ("symlinked", "flask-eco-mit", _symlinked),
    ("no-changes", "plain-pallets-bsd", lambda p: delete(p, "CHANGES.rst")),
    ("no-answers", "flask-eco-mit", lambda p: delete(p, ".copier-answers.yml")),
    ("many", "flask-eco-mit", _many),
    ("bare", "plain-pallets-bsd", _bare),
]


@dataclasses.dataclass
class Fleet:
    repos: list[Path]
    out: Path
    result: t.Any

    @property
    def report(self) -> dict[str, t.Any]:
        return json.loads((self.out / "report.json").read_text())  # type: ignore[no-any-return]

    def repo(self, name: str) -> Path:
        (found,) = [
            p
            for p in self.repos
            if re.sub(r"[^A-Za-z0-9._-]+", "-", p.name).strip(".-") == name
        ]
        return found


def _make_fleet(
    render: t.Callable[[str], Path], folder: Path, env: dict[str, str]
) -> list[Path]:
    repos = []

    for name, answers, change in FLEET:
        path = folder / name
        shutil.copytree(render(answers), path, symlinks=True)
        change(path)
        run(["git", "init", "-q"], path, env)
        run(["git", "add", "-A"], path, env)
        run(["git", "commit", "-q", "-m", "start"], path, env)
        repos.append(path)

    return repos


@pytest.fixture(scope="session")
def fleet(
    render: t.Callable[[str], Path],
    env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Fleet:
    """The report on every repository of the fleet, made once, in parallel."""
    folder = tmp_path_factory.mktemp("fleet")
    repos = _make_fleet(render, folder / "repos", env)
    out = folder / "out"
    result = CliRunner().invoke(
        main, ["report", *map(str, repos), "-o", str(out), "--jobs", "2"]
    )
    return Fleet(repos, out, result)


def _schema() -> dict[str, t.Any]:
    text = (
        resources.files("eco_lint.orgreport").joinpath("report.schema.json").read_text()
    )
    schema: dict[str, t.Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_report_outputs(fleet: Fleet):
    assert fleet.result.exit_code == 0, fleet.result.output
    # Not a terminal: no progress bar.
    assert "Checking" not in fleet.result.output
    assert f"{len(FLEET)} repositories reported" in fleet.result.output
    report = fleet.report
    jsonschema.validate(report, _schema(), cls=jsonschema.Draft202012Validator)
    names = [r["name"] for r in report["repositories"]]
    assert names == sorted(names) and len(names) == len(FLEET)
    by_name = {r["name"]: r for r in report["repositories"]}
    assert by_name["standard"]["score"] == 100
    assert by_name["standard"]["patches"]["safe"]["file"] is None
    assert by_name["no-py-typed"]["failing"] == ["LAY002"]
    assert by_name["no-py-typed"]["patches"]["safe"]["score"] == 100
    assert by_name["no-py-typed"]["patches"]["safe"]["files"] == [
        "src/flask_greeting/py.typed"
    ]
    assert by_name["waived-b-x"]["waivers"] == {"LAY010": HOSTILE}
    assert by_name["symlinked"]["patches"]["safe"]["refused"]
    ranked = [len(rule["repositories"]) for rule in report["rules"]]
    assert ranked == sorted(ranked, reverse=True)
    assert sum(report["scores"]["histogram"]) == len(FLEET)
    summary = (fleet.out / "summary.md").read_text()
    assert summary.startswith(f"# eco-lint report: {len(FLEET)} repositories\n")
    assert "| no-py-typed | " in summary
    assert "<script>" not in summary


def test_dashboard_is_self_contained_and_escaped(fleet: Fleet):
    page = (fleet.out / "index.html").read_text()
    assert "<script>alert" not in page and "<b>bold" not in page
    assert html_escaped(HOSTILE) in page
    assert html_escaped(str(fleet.repo("waived-b-x"))) in page
    # Nothing loaded from anywhere: no src or stylesheet link, and a policy
    # that allows only the page's own style and script.
    assert not re.search(r"<(script|img|iframe)[^>]* src=|<link ", page)
    assert "default-src &#x27;none&#x27;" in page
    assert page.count("<script>") == 1 and page.count("<svg ") == 2


def html_escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_patches_apply_and_reach_their_score(
    fleet: Fleet, tmp_path: Path, env: dict[str, str]
):
    from eco_lint.check import run_rules
    from eco_lint.repo import Repo
    from eco_lint.settings import load_settings

    files = sorted((fleet.out / "patches").glob("*.patch"))
    assert len(files) > len(FLEET)

    for repository in fleet.report["repositories"]:
        for kind, patch in (repository["patches"] or {}).items():
            if patch["file"] is None:
                continue

            copy = tmp_path / f"{repository['name']}-{kind}"
            shutil.copytree(fleet.repo(repository["name"]), copy, symlinks=True)
            patch_file = fleet.out / patch["file"]
            assert patch_file in files
            text = patch_file.read_text()
            assert text.startswith("# eco-lint: the ")
            assert f"{round(patch['score'])}/100 once applied" in text
            run(["git", "apply", "--check", patch_file], copy, env)
            run(["git", "apply", patch_file], copy, env)
            repo = Repo(copy)
            score = run_rules(repo, load_settings(repo)).score()
            assert score == patch["score"], (repository["name"], kind)


def test_bad_input_is_named_and_the_rest_reported(fleet: Fleet, tmp_path: Path):
    plain = tmp_path / "plain-folder"
    plain.mkdir()
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"version": "2.1.0", "runs": []}))
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps(
            {
                "version": 99,
                "tool": {"name": "eco-lint", "version": "9.0"},
                "reports": [],
            }
        )
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    good = tmp_path / "good.json"
    runner = CliRunner()
    checked = runner.invoke(
        main,
        [
            "check",
            "--output-format",
            "json",
            "--patches",
            str(fleet.repo("no-py-typed")),
        ],
    )
    good.write_text(checked.stdout)

    result = runner.invoke(
        main,
        [
            "report",
            str(fleet.repo("standard")),
            str(tmp_path / "missing"),
            str(plain),
            "-o",
            str(tmp_path / "a"),
        ],
    )
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing'}: not a directory" in result.stderr
    assert f"{plain}: not a repository" in result.stderr
    report = json.loads((tmp_path / "a" / "report.json").read_text())
    assert [r["name"] for r in report["repositories"]] == ["standard"]
    assert len(report["problems"]) == 2
    assert "not a repository" in (tmp_path / "a" / "index.html").read_text()

    result = runner.invoke(
        main,
        [
            "report",
            "--from-json",
            str(other),
            str(newer),
            str(broken),
            str(good),
            "-o",
            str(tmp_path / "b"),
        ],
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"{other}: not a report of eco-lint check" in lines
    assert (
        f"{newer}: JSON version 99 of eco-lint 9.0;"
        f" this eco-lint reads version {JSON_VERSION}" in lines
    )
    assert any(line.startswith(f"{broken}: not JSON: ") for line in lines)
    report = json.loads((tmp_path / "b" / "report.json").read_text())
    assert [r["name"] for r in report["repositories"]] == ["no-py-typed"]
    assert len(report["problems"]) == 3
    assert "Traceback" not in result.output


def test_separate_checks_give_the_same_report(fleet: Fleet, tmp_path: Path):
    """What a CI matrix does: one check per repository, one report after."""
    runner = CliRunner()
    names = ["many", "standard", "waived-b-x"]
    paths = [str(fleet.repo(name)) for name in names]
    schema = json.loads(
        resources.files("eco_lint").joinpath("report.schema.json").read_text()
    )
    files = []

    for name, path in zip(names, paths, strict=True):
        result = runner.invoke(
            main, ["check", "--output-format", "json", "--patches", path]
        )
        data = json.loads(result.stdout)
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        files.append(tmp_path / f"{name}.json")
        files[-1].write_text(result.stdout)

    one = runner.invoke(
        main, ["report", *reversed(paths), "-o", str(tmp_path / "one"), "-j", "2"]
    )
    assert one.exit_code == 0, one.output
    separate = runner.invoke(
        main,
        ["report", "--from-json", *map(str, files), "-o", str(tmp_path / "separate")],
    )
    assert separate.exit_code == 0, separate.output

    def without_time(folder: str) -> str:
        text = (tmp_path / folder / "report.json").read_text()
        return re.sub(r'"generated": "[^"]*"', '"generated": ""', text)

    assert without_time("one") == without_time("separate")
    assert sorted(os.listdir(tmp_path / "one" / "patches")) == sorted(
        os.listdir(tmp_path / "separate" / "patches")
    )


CHROMIUM = Path("/usr/bin/chromium")


def test_dashboard_in_a_browser(fleet: Fleet, tmp_path: Path):
    """Open the dashboard in headless Chromium: the matrix shows, sorting
    by a family reorders the rows, the rule filter hides the repositories
    that pass the rule, and a click on a repository shows its findings and
    diffs. The screenshot is kept under the test's folder, and copied to
    ``ECO_LINT_SCREENSHOT`` when it is set.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")

    sync_api = pytest.importorskip("playwright.sync_api")
    report = fleet.report

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        page.on(
            "request",
            lambda r: errors.append(r.url) if not r.url.startswith("file:") else None,
        )
        page.goto((fleet.out / "index.html").as_uri())

        def names() -> list[str]:
            return page.locator(
                "#matrix tbody tr:not([hidden]) td:first-child"
            ).all_inner_texts()

        assert names() == [r["name"] for r in report["repositories"]]
        assert page.locator("#matrix").is_visible()
        assert (
            page.locator("#shown").inner_text() == f"{len(FLEET)} of {len(FLEET)} shown"
        )

        # Sort by a family: lowest first, then highest first, names breaking ties.
        page.click("#matrix thead button:text-is('LAY')")
        ascending = sorted(
            report["repositories"],
            key=lambda r: (r["families"].get("LAY", -1), r["name"]),
        )
        assert names() == [r["name"] for r in ascending]
        assert names() != [r["name"] for r in report["repositories"]]
        page.click("#matrix thead button:text-is('LAY')")
        descending = sorted(
            report["repositories"],
            key=lambda r: (-r["families"].get("LAY", -1), r["name"]),
        )
        assert names() == [r["name"] for r in descending]

        # Filter by a rule that some repositories fail and others pass.
        rule = next(
            r for r in report["rules"] if 1 < len(r["repositories"]) < len(FLEET)
        )
        page.select_option("#rule-filter", rule["code"])
        assert sorted(names()) == sorted(rule["repositories"])
        page.select_option("#rule-filter", "")
        assert len(names()) == len(FLEET)

        # Filter by generation.
        generation = next(
            g
            for g in sorted({r["generation"] for r in report["repositories"]})
            if g != "G6"
        )
        page.select_option("#generation-filter", generation)
        assert names() == [
            r["name"] for r in descending if r["generation"] == generation
        ]
        page.select_option("#generation-filter", "")

        # Drill down into a repository with findings and a patch.
        page.click("#matrix a.repo-link:text-is('many')")
        index = [r["name"] for r in report["repositories"]].index("many")
        detail = page.locator(f"#repo-{index}")
        # The page follows the link on ``hashchange``, which fires after the
        # click returns: wait for it rather than read the page at once.
        expect = sync_api.expect
        expect(detail).to_be_visible()
        assert detail.locator(".findings").is_visible()
        assert "LAY002" in detail.locator(".findings").inner_text()
        assert detail.locator("pre.diff").first.is_visible()
        assert (
            "+++ b/src/flask_greeting/py.typed"
            in detail.locator("pre.diff").first.inner_text()
        )
        assert not page.locator(f".repo-detail:not(#repo-{index})").first.is_visible()

        # The rule's docs open from a finding, and the repository stays shown.
        detail.locator("a[href='#rule-LAY002']").click()
        expect(page.locator("#rule-LAY002 pre")).to_be_visible()
        assert detail.is_visible()

        page.set_viewport_size({"width": 1400, "height": 1500})
        page.evaluate("window.scrollTo(0, 0)")
        shot = tmp_path / "dashboard.png"
        page.screenshot(path=str(shot))
        detail.screenshot(path=str(tmp_path / "dashboard-detail.png"))
        browser.close()

    assert not errors
    assert shot.stat().st_size > 10_000

    if os.environ.get("ECO_LINT_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["ECO_LINT_SCREENSHOT"])


def test_readme_workflow_is_pinned_and_zizmor_clean(
    tmp_path: Path, env: dict[str, str]
):
    """The README's workflow: one check job per repository, one report."""
    import yaml

    from eco_lint.template import template_root

    from .conftest import BIN

    readme = (template_root() / "README.md").read_text()
    (text,) = re.findall(
        r"```yaml\n(# \.github/workflows/eco-lint-report\.yaml\n.*?)```", readme, re.S
    )
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    assert "--patches" in str(workflow["jobs"]["check"])
    assert "--from-json" in str(workflow["jobs"]["report"])
    pins = yaml.safe_load((template_root() / "includes" / "pins.yaml").read_text())
    uses = re.findall(r"uses: (\S+)@(\S+) # (\S+)", text)
    assert uses

    for action, sha, tag in uses:
        assert pins["actions"][action] == {"sha": sha, "tag": tag}

    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "eco-lint-report.yaml").write_text(text)
    result = run(
        [
            BIN / "zizmor",
            "--offline",
            "--no-progress",
            "--persona",
            "pedantic",
            ".github/",
        ],
        tmp_path,
        env,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "No findings to report" in result.stdout


def test_patches_need_json(fleet: Fleet):
    result = CliRunner().invoke(
        main, ["check", "--patches", str(fleet.repo("standard"))]
    )
    assert result.exit_code == 2
    assert "--patches goes with --output-format json." in result.output
    result = CliRunner().invoke(
        main,
        ["check", "--output-format", "json", "--patches"]
        + [str(fleet.repo(name)) for name in ("standard", "no-py-typed")],
    )
    reports = json.loads(result.stdout)["reports"]
    assert [r["patches"]["safe"]["files"] for r in reports] == [
        [],
        ["src/flask_greeting/py.typed"],
    ]


def test_progress_bar_on_a_terminal(fleet: Fleet, tmp_path: Path, env: dict[str, str]):
    import pty
    import select
    import subprocess

    from .conftest import BIN

    leader, follower = pty.openpty()
    result = subprocess.run(
        [BIN / "eco-lint", "report", fleet.repo("standard"), "-o", tmp_path],
        stderr=follower,
        stdout=subprocess.PIPE,
        env=env,
        check=False,
    )
    os.close(follower)
    ready, _, _ = select.select([leader], [], [], 5)
    shown = os.read(leader, 65536).decode() if ready else ""
    os.close(leader)
    assert result.returncode == 0
    assert "\rChecking [" in shown and "] 1/1" in shown
