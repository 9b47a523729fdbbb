"""The cache of check results: a check whose inputs have not changed prints
what the full check printed, without loading the command line; any change
to what it read, to its options or to eco-lint runs the full check again.
"""

from __future__ import annotations

import os
import shutil
import sys
import typing as t
from pathlib import Path

import pytest

from eco_lint import results
from eco_lint.recorded import Inputs
from eco_lint.recorded import read_file
from eco_lint.template import TEMPLATE_PARTS
from eco_lint.template import template_root

from .conftest import run

#: Runs the command as the ``eco-lint`` script does, then says on stderr
#: whether the result was replayed (the command line was never imported).
SCRIPT = """\
import sys
from eco_lint.__main__ import main
try:
    main()
except SystemExit as e:
    code = e.code
heavy = ("click", "yaml", "tomlkit", "copier", "ruamel", "jinja2", "eco_lint.rules")
loaded = sorted(m for m in heavy if m in sys.modules)
print("REPLAYED" if not loaded else "CHECKED", loaded, file=sys.stderr)
sys.exit(code)
"""


class Outcome(t.NamedTuple):
    stdout: str
    code: int
    replayed: bool


@pytest.fixture
def cached_env(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {**env, "ECO_LINT_CACHE_DIR": str(tmp_path / "cache")}


def check(
    cwd: Path, env: dict[str, str], *args: str | Path, python: str = sys.executable
) -> Outcome:
    result = run([python, "-c", SCRIPT, "check", *args], cwd, env, check=False)
    last = result.stderr.splitlines()[-1]
    assert last.startswith(("REPLAYED", "CHECKED")), result.stderr
    assert result.returncode in (0, 1), result.stderr
    return Outcome(result.stdout, result.returncode, last.startswith("REPLAYED"))


def fresh(cwd: Path, env: dict[str, str], *args: str | Path) -> Outcome:
    """The full check, the cache left aside."""
    outcome = check(cwd, env, *args, "--no-cache")
    assert not outcome.replayed
    return outcome


def _failing(path: Path) -> Path:
    """A render with a few failures, so that reports have findings."""
    (path / "CHANGES.md").unlink()
    text = (path / "pyproject.toml").read_text()
    (path / "pyproject.toml").write_text(text.replace('"Typing :: Typed",\n', ""))
    return path


@pytest.mark.parametrize(
    "options",
    [
        *([f"--output-format={f}"] for f in results.OUTPUT_FORMATS),
        ["--statistics"],
        ["--statistics", "--output-format", "json"],
        ["-q", "--show-fixes"],
        ["--format", "text", "--select", "LAY,DOC", "--ignore=DOC001"],
        ["--fail-under", "10", "--exit-zero"],
    ],
    ids=lambda o: " ".join(o),
)
def test_replay_prints_what_the_full_check_printed(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str], options: list[str]
):
    repo = _failing(make_repo())
    first = check(repo.parent, cached_env, "repo", *options)
    assert not first.replayed and first.stdout
    again = check(repo.parent, cached_env, "repo", *options)
    assert again == first._replace(replayed=True)


def test_colour_and_many_paths_are_replayed_alike(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str], render
):
    repo = _failing(make_repo())
    other = render("quart-eco")
    coloured = {**cached_env, "FORCE_COLOR": "1"}
    first = check(repo, coloured, ".", other)
    assert "\x1b[" in first.stdout and not first.replayed
    assert check(repo, coloured, ".", other) == first._replace(replayed=True)
    # No colour is another result; so is another order of the paths.
    assert not check(repo, cached_env, ".", other).replayed
    assert not check(repo, coloured, other, ".").replayed


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _same_size_edit(repo: Path) -> None:
    # Same size, same second: only the content tells.
    stat = (repo / "pyproject.toml").stat()
    _edit(repo / "pyproject.toml", 'license = "MIT"', 'license = "BSD"')
    os.utime(repo / "pyproject.toml", ns=(stat.st_atime_ns, stat.st_mtime_ns))


CHANGES: dict[str, t.Callable[[Path], object]] = {
    "changed file": _same_size_edit,
    "new file where one was missing": lambda r: (r / "setup.cfg").write_text(
        "[metadata]\nname = other\n"
    ),
    "removed file": lambda r: (r / "README.md").unlink(),
    "new workflow": lambda r: (r / ".github/workflows/new.yaml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
    ),
    "file made a folder": lambda r: (
        (r / "LICENSE.txt").unlink(),
        (r / "LICENSE.txt").mkdir(),
    ),
    "changed settings": lambda r: _edit(
        r / "pyproject.toml",
        "[tool.ruff]",
        '[tool.eco-lint]\nignore = ["DOC"]\n\n[tool.ruff]',
    ),
    "new baseline": lambda r: run(
        [Path(sys.executable).parent / "eco-lint", "check", "--add-baseline"],
        r,
        {**os.environ, "NO_COLOR": "1"},
    ),
    "symlinked file": lambda r: (
        (r / "README.md").rename(r / "README.txt"),
        (r / "README.md").symlink_to(r / "README.txt"),
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_a_check_read_checks_again(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str], change: str
):
    repo = _failing(make_repo())
    first = check(repo, cached_env)
    assert check(repo, cached_env).replayed
    CHANGES[change](repo)
    after = check(repo, cached_env)
    assert not after.replayed
    assert after == fresh(repo, cached_env)
    assert (after.stdout, after.code) != (first.stdout, first.code)
    assert check(repo, cached_env) == after._replace(replayed=True)


def test_options_and_folders_are_part_of_the_key(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    repo = _failing(make_repo())
    check(repo, cached_env)
    assert not check(repo, cached_env, "--select", "LAY").replayed
    assert not check(repo, cached_env, "--output-format", "json").replayed
    assert not check(repo.parent, cached_env, "repo").replayed
    assert check(repo, cached_env).replayed
    # --no-cache neither reads nor writes.
    assert not check(repo, cached_env, "--no-cache").replayed


def test_other_commands_are_never_replayed(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    repo = _failing(make_repo())
    check(repo, cached_env)

    for argv in (
        ["check", "--diff"],
        ["check", "--fix"],
        ["check", "--unsafe-fixes"],
        ["check", "--output-format", "json", "--patches"],
        ["check", "--add-baseline"],
        ["check", "-o", "report.txt"],
        ["check", "--", "."],
        ["check", "--output-format", "nope"],
        ["rules"],
    ):
        assert results.parse(argv, {}, False) is None, argv

    assert results.parse(["check"], {"ECO_LINT_OUTPUT_FILE": "x"}, False) is None
    assert results.parse(["check", "-q", "--select=PY"], {}, False) is not None


def _entry(cache: Path) -> Path:
    (entry,) = (cache / "results").glob("*.bin")
    return entry


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"not an entry at all", id="garbage"),
        pytest.param(lambda b: b[:-1] + bytes([b[-1] ^ 1]), id="flipped"),
        pytest.param(
            lambda b: (
                results._MAGIC
                + results._digest(p := b"\xff" + b[len(results._MAGIC) + 21 :])
                + p
            ),
            id="unreadable-payload",
        ),
    ],
)
def test_corrupt_entry_is_ignored_and_rebuilt(
    make_repo: t.Callable[..., Path],
    cached_env: dict[str, str],
    spoil: t.Callable[[bytes], bytes],
):
    repo = _failing(make_repo())
    first = check(repo, cached_env)
    entry = _entry(Path(cached_env["ECO_LINT_CACHE_DIR"]))
    good = entry.read_bytes()
    entry.write_bytes(spoil(good))
    assert check(repo, cached_env) == first
    assert check(repo, cached_env).replayed


def test_entry_of_another_format_or_key_is_not_replayed(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    """An entry whose hash is sound but which another version wrote, or
    for another key, holding a result no check would print, is a miss.
    """
    import marshal

    repo = _failing(make_repo())
    first = check(repo, cached_env)
    entry = _entry(Path(cached_env["ECO_LINT_CACHE_DIR"]))
    data = entry.read_bytes()
    value = marshal.loads(data[len(results._MAGIC) + 20 :])

    for spoiled in (
        (results.FORMAT + 1, *value[1:3], "stale\n", 0),
        (value[0], value[1] + " ", value[2], "stale\n", 0),
        (*value[:3], "stale\n", "0"),
    ):
        payload = marshal.dumps(spoiled)
        entry.write_bytes(results._MAGIC + results._digest(payload) + payload)
        assert check(repo, cached_env) == first

    # The same entry with its own key is replayed: the spoiling above is
    # what made it a miss.
    payload = marshal.dumps((*value[:3], "stale\n", 0))
    entry.write_bytes(results._MAGIC + results._digest(payload) + payload)
    assert check(repo, cached_env) == Outcome("stale\n", 0, True)


def test_a_check_that_saw_a_change_midway_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ECO_LINT_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "pyproject.toml"
    file.write_text("[project]\n")
    inputs = Inputs()
    inputs.read(str(file), 100, read_file(str(file), 100))
    file.write_text("[project]\nname = 'x'\n")
    results.store("key", inputs, "text", 0)
    assert not (tmp_path / "cache").exists()
    inputs = Inputs()
    inputs.read(str(file), 100, read_file(str(file), 100))
    results.store("key", inputs, "text", 0)
    assert results.load("key") == ([list(i) for i in inputs.items()], "text", 0)


def test_a_change_to_eco_lint_checks_again(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str], tmp_path: Path
):
    """An entry never outlives a change to eco-lint's code or template,
    even within one version: here a copy of the package whose rule title
    is edited after a run.
    """
    import eco_lint

    copy = tmp_path / "eco-lint"
    shutil.copytree(
        Path(eco_lint.__file__).parent,
        copy / "linter" / "eco_lint",
        ignore=shutil.ignore_patterns("__pycache__"),
    )

    for part in TEMPLATE_PARTS:
        source = template_root() / part

        if source.is_dir():
            shutil.copytree(source, copy / part)
        else:
            shutil.copy2(source, copy / part)

    env = {**cached_env, "PYTHONPATH": str(copy / "linter")}
    repo = _failing(make_repo())
    first = check(repo, env)
    assert check(repo, env).replayed
    registry = copy / "linter" / "eco_lint" / "registry.py"
    registry.write_text(registry.read_text() + "\n# edited\n")
    after = check(repo, env)
    assert not after.replayed and after == first
    assert check(repo, env).replayed
    (copy / "template" / "README.md.jinja").write_text("# edited\n")
    assert not check(repo, env).replayed
    # The newer result took the place of the stale one.
    _entry(Path(cached_env["ECO_LINT_CACHE_DIR"]))


def test_replay_leaves_the_heavy_modules_out(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    repo = _failing(make_repo())
    code = (
        "import sys\n"
        "from eco_lint.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('click', 'yaml', 'tomlkit', 'copier', 'ruamel', 'jinja2',"
        " 'packaging', 'eco_lint.rules', 'eco_lint.cli', 'eco_lint.repo')\n"
        "print('imported:', sorted(m for m in heavy if m in sys.modules))\n"
    )
    cold = run([sys.executable, "-c", code, "check"], repo, cached_env, check=False)
    assert "'click'" in cold.stdout
    warm = run([sys.executable, "-c", code, "check"], repo, cached_env, check=False)
    assert "imported: []" in warm.stdout


def test_the_project_a_path_is_in_is_part_of_the_result(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    """A path below a project is checked as the project, found upwards; a
    marker appearing on the way changes which project that is.
    """
    repo = _failing(make_repo())
    below = repo / "src"
    first = check(below, cached_env)
    assert first == fresh(below, cached_env)
    assert "CHANGES.md" in first.stdout
    assert check(below, cached_env).replayed
    (below / ".git").mkdir()
    after = check(below, cached_env)
    assert not after.replayed and after.stdout != first.stdout
    assert check(below, cached_env).replayed


def test_a_project_without_markers_above_is_replayed(
    make_repo: t.Callable[..., Path], cached_env: dict[str, str]
):
    repo = make_repo()
    (repo / "pyproject.toml").unlink()
    (repo / "setup.py").write_text("from setuptools import setup\nsetup(name='x')\n")
    first = check(repo, cached_env)
    assert check(repo, cached_env) == first._replace(replayed=True)


#: Checks a repository with an audit hook that sees every file opened and
#: every folder listed inside it, and prints those the check's recorded
#: inputs leave out.
AUDIT = """\
import os, sys
from eco_lint.check import run_rules
from eco_lint.repo import Repo
from eco_lint.settings import load_settings
root = os.path.realpath(sys.argv[1])
opened, listed = set(), set()
def inside(path):
    return isinstance(path, str) and (path == root or path.startswith(root + os.sep))
def hook(event, args):
    if event == "open" and inside(args[0]):
        opened.add(os.path.normpath(args[0]))
    elif event in ("os.listdir", "os.scandir") and inside(args[0]):
        listed.add(os.path.normpath(args[0]))
sys.addaudithook(hook)
repo = Repo(root)
run_rules(repo, load_settings(repo))
found = repo.inputs.found
read = {path for kind, path, _ in found if kind == "r"}
walked = [path for kind, path, _ in found if kind == "w"]
print(sorted(opened - read))
def under(path):
    # A folder the walk lists: below a walked root, through no folder the
    # walk leaves out.
    from eco_lint.repo import SKIP_DIRS
    for w in walked:
        if path == w:
            return True
        if path.startswith(w + os.sep):
            parts = os.path.relpath(path, w).split(os.sep)
            return not any(p in SKIP_DIRS or p.endswith(".egg-info") for p in parts)
    return False
print(sorted(p for p in listed if not under(p)))
print(len(read), len(walked))
"""


@pytest.mark.parametrize("kind", ["render", "G0", "G3"])
def test_every_file_a_check_opens_or_lists_is_recorded(
    kind: str, make_repo: t.Callable[..., Path], env: dict[str, str], tmp_path: Path
):
    """What a result is kept by is what the check read: no rule reaches
    the repository's files but through what records them.
    """
    from .generations import build

    repo = make_repo() if kind == "render" else build(kind, tmp_path / kind)
    result = run([sys.executable, "-c", AUDIT, repo], tmp_path, env)
    unopened, unlisted, counts = result.stdout.splitlines()
    assert (unopened, unlisted) == ("[]", "[]")
    assert counts.split()[0] != "0" and counts.split()[1] == "1"
