"""Measure what eco-lint costs beside its peers, in one run.

Builds a corpus of synthetic repositories in a temporary folder: renders of
the template for every answer set the tests use, the hand-written older
generations of one extension, and renders with parts of an older
generation laid over them. Then runs each command several times as a child
process and reports the median CPU time (user + sys, children included)
and peak resident memory of the largest process, with the ratios the
project aims at. A plain ``eco-lint check`` replays the kept result of the
same unchanged check (a run before its row keeps it); the ``--no-cache``
rows are the full check, with the template's renders already cached, and
the "cold cache" row the full check with no cache at all::

    uv run --locked python bench/run.py [--runs 5] [--keep]

eco-lint is built from this checkout and installed, with its bytecode
compiled as pip does, in a virtual environment of its own, as the hook
installs it; sp-repo-review in another (eco-lint registers itself as a
repo-review plugin, so one environment would run both). Installing them
needs the package index.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.answer_sets import ANSWERS  # noqa: E402
from tests.generations import build as build_generation  # noqa: E402
from tests.generations import GENERATIONS  # noqa: E402

#: Commands installed beside the interpreter running the bench.
BIN = Path(sys.executable).parent

#: Parts of an older generation laid over a render, to make a repository
#: that is partly on the standard, as most real ones are.
AREAS: dict[str, tuple[str, ...]] = {
    "workflows": (".github/",),
    "pre-commit": (".pre-commit-config.yaml",),
    "tox": ("tox.ini", "requirements"),
    "docs": ("docs/", ".readthedocs.yaml"),
    "build": ("setup.cfg", "setup.py", "MANIFEST.in"),
}

#: How many repositories the corpus holds.
CORPUS_SIZE = 40


class Sample(t.NamedTuple):
    cpu: float
    rss_mb: float


#: Starts one command and reports its rusage. It runs as its own small
#: process (``-S -I``: no site, no environment), because Linux counts the
#: memory of the process a child is forked from into the child's peak: forked
#: from the bench, every command would seem to need the bench's memory.
SPAWNER = """\
import os, sys
pid = os.posix_spawnp(
    sys.argv[1], sys.argv[1:], os.environ,
    file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)],
)
_, status, usage = os.wait4(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def measure(args: t.Sequence[str | Path], cwd: Path, env: dict[str, str]) -> Sample:
    """Run a command to its end and return its CPU time (user + sys of it
    and every child it waited for) and its peak resident memory.
    """
    result = subprocess.run(
        [sys.executable, "-S", "-I", "-c", SPAWNER, *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    cpu, rss_kb, code = result.stdout.split()

    # Both tools exit non-zero when a check fails (repo-review with 3).
    if int(code) not in (0, 1, 3):
        raise SystemExit(
            f"{' '.join(map(str, args))} exited {code}\n{result.stderr[-2000:]}"
        )

    return Sample(float(cpu), int(rss_kb) / 1024)


def git(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def make_env(base: Path) -> dict[str, str]:
    """A hermetic environment: a git identity, no interpreter downloads,
    eco-lint's cache in the bench folder.
    """
    gitconfig = base / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Bench\n\temail = bench@example.com\n"
        "[init]\n\tdefaultBranch = main\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH"}
        and not key.startswith(("GIT_", "COPIER_", "ECO_LINT_"))
    }
    # Every CPython pyenv installed, so that uv finds the versions the
    # renders ask for without downloading one.
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    pythons = sorted(str(p) for p in pyenv.glob("versions/3.1[0-9]*/bin"))
    env.update(
        PATH=os.pathsep.join([*pythons, os.environ["PATH"]]),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        UV_PYTHON_DOWNLOADS="never",
        NO_COLOR="1",
        ECO_LINT_CACHE_DIR=str(base / "cache"),
    )
    return env


def template_repo(base: Path, env: dict[str, str]) -> tuple[Path, str]:
    """The template of this checkout, committed and tagged with its version."""
    from eco_lint.template import TEMPLATE_PARTS
    from eco_lint.template import template_version

    repo = base / "template"
    repo.mkdir()

    for part in TEMPLATE_PARTS:
        source = ROOT / part

        if source.is_dir():
            shutil.copytree(source, repo / part)
        else:
            shutil.copy2(source, repo / part)

    tag = template_version()
    git(["init", "-q"], repo, env)
    git(["add", "-A"], repo, env)
    git(["commit", "-q", "-m", "template"], repo, env)
    git(["tag", tag], repo, env)
    return repo, tag


def copy_args(
    copier: Path, template: Path, tag: str, answers: dict[str, object], dest: Path
) -> list[str]:
    """The ``copier copy`` command line for an answer set."""
    import json

    data = [
        f"--data={name}={value if isinstance(value, str) else json.dumps(value)}"
        for name, value in answers.items()
    ]
    return [
        str(copier),
        "copy",
        "--defaults",
        "--quiet",
        f"--vcs-ref={tag}",
        *data,
        str(template),
        str(dest),
    ]


def build_corpus(
    base: Path, template: Path, tag: str, env: dict[str, str], bin_: Path
) -> list[Path]:
    """Renders, older generations, and renders with older parts."""
    corpus = base / "corpus"
    renders: list[Path] = []

    for name, answers in ANSWERS.items():
        path = corpus / f"render-{name}"
        subprocess.run(
            copy_args(bin_ / "copier", template, tag, answers, path),
            env=env,
            check=True,
            capture_output=True,
        )
        # A project made from the template commits its lock file.
        subprocess.run([uv(), "lock", "--quiet"], cwd=path, env=env, check=True)
        renders.append(path)

    generations = [
        build_generation(name, corpus / f"generation-{name}") for name in GENERATIONS
    ]
    mixed: list[Path] = []
    combinations = itertools.cycle(
        itertools.product(renders, GENERATIONS, AREAS.items())
    )
    older = {name: GENERATIONS[name]() for name in GENERATIONS}

    while len(renders) + len(generations) + len(mixed) < CORPUS_SIZE:
        render, generation, (area, prefixes) = next(combinations)
        path = corpus / f"{render.name}-{generation}-{area}-{len(mixed)}"
        shutil.copytree(render, path)
        files = older[generation]

        if any(p.endswith("/") for p in prefixes):
            for prefix in prefixes:
                if prefix.endswith("/") and any(n.startswith(prefix) for n in files):
                    shutil.rmtree(path / prefix, ignore_errors=True)

        for name, text in files.items():
            if name.startswith(prefixes):
                target = path / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text)

        mixed.append(path)

    return renders + generations + mixed


def uv() -> str:
    return shutil.which("uv", path=f"{BIN}{os.pathsep}{os.environ['PATH']}") or "uv"


def venv(path: Path, env: dict[str, str], *requirements: str) -> Path:
    """A virtual environment with these packages, compiled to bytecode as
    pip installs them; return its folder of commands.
    """
    subprocess.run(
        [uv(), "venv", "--quiet", "--python", sys.executable, str(path)],
        env=env,
        check=True,
    )
    python = path / "bin" / "python"
    subprocess.run(
        [
            uv(),
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(python),
            *requirements,
        ],
        env=env,
        check=True,
    )
    return path / "bin"


def install_eco_lint(base: Path, env: dict[str, str]) -> Path:
    """Build a wheel of this checkout and install it (with Copier, for the
    copy row) in its own environment, as a hook or a user would.
    """
    dist = base / "dist"
    subprocess.run(
        [uv(), "build", "--quiet", "--wheel", "--out-dir", str(dist), str(ROOT)],
        env=env,
        check=True,
    )
    (wheel,) = dist.glob("*.whl")
    return venv(
        base / "eco-lint", env, f"eco-lint[update] @ {wheel.as_uri()}", "copier"
    )


class Row(t.NamedTuple):
    name: str
    cpu: float
    rss_mb: float


def median_of(
    runs: int,
    args: t.Sequence[str | Path],
    cwd: Path,
    env: dict[str, str],
    before: t.Callable[[], None] | None = None,
) -> tuple[float, float]:
    samples = []

    for _ in range(runs):
        if before is not None:
            before()

        samples.append(measure(args, cwd, env))

    return (
        statistics.median(s.cpu for s in samples),
        statistics.median(s.rss_mb for s in samples),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    parser.add_argument("--keep", action="store_true", help="keep the bench folder")
    options = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="eco-lint-bench-"))

    try:
        run(base, options.runs)
    finally:
        if options.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


def run(base: Path, runs: int) -> None:
    env = make_env(base)
    print("building the corpus ...", file=sys.stderr)
    bin_ = install_eco_lint(base, env)
    review = venv(base / "sp-repo-review", env, "sp-repo-review[cli]") / "repo-review"
    template, tag = template_repo(base, env)
    corpus = build_corpus(base, template, tag, env, bin_)
    eco_lint = bin_ / "eco-lint"
    one = corpus[0]
    work = base / "work"
    cache = base / "cache"
    old = base / "generation-G0"
    build_generation("G0", old)
    rows: dict[str, Row] = {}

    def add(
        key: str,
        name: str,
        args: t.Sequence[str | Path],
        before: t.Callable[[], None] | None = None,
    ) -> None:
        print(f"measuring {name} ...", file=sys.stderr)
        cpu, rss = median_of(runs, args, base, env, before)
        rows[key] = Row(name, cpu, rss)

    def fresh_copy() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(old, work)

    def fresh_dest() -> None:
        shutil.rmtree(work, ignore_errors=True)

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    paths = [str(p) for p in corpus]
    add("python", "python -c pass", [bin_ / "python", "-c", "pass"])
    add(
        "check_cold",
        "eco-lint check, 1 repo, cold cache",
        [eco_lint, "check", one],
        cold,
    )
    add(
        "check_full",
        "eco-lint check --no-cache, 1 repo",
        [eco_lint, "check", "--no-cache", one],
    )
    measure([eco_lint, "check", one], base, env)  # keep the result
    add("check", "eco-lint check, 1 repo", [eco_lint, "check", one])
    add("review", "sp-repo-review, 1 repo", [review, "--format", "json", one])
    add(
        "check_all_full",
        f"eco-lint check --no-cache, {len(paths)} repos",
        [eco_lint, "check", "--no-cache", *paths],
    )
    measure([eco_lint, "check", *paths], base, env)  # keep the result
    add("check_all", f"eco-lint check, {len(paths)} repos", [eco_lint, "check", *paths])
    add(
        "review_all",
        f"sp-repo-review, {len(paths)} repos",
        [review, "--format", "json", *paths],
    )
    add(
        "fix",
        "eco-lint check --fix, G0 repo",
        [eco_lint, "check", "--fix", work],
        fresh_copy,
    )
    add(
        "adopt",
        "eco-lint adopt --defaults, G0 repo",
        [
            eco_lint,
            "adopt",
            "--defaults",
            "--data",
            "python_min=3.10",
            "--src-path",
            template,
            work,
        ],
        fresh_copy,
    )
    add(
        "copy",
        "copier copy of the template",
        copy_args(bin_ / "copier", template, tag, ANSWERS["flask-eco-mit"], work),
        fresh_dest,
    )
    report(rows, runs, len(paths))


def report(rows: dict[str, Row], runs: int, count: int) -> None:
    print(
        f"\n{os.cpu_count()} cores, {runs} runs each, median CPU (user+sys, children"
        " included) and median peak RSS of the largest process\n"
    )
    width = max(len(r.name) for r in rows.values())
    print(f"{'command':<{width}}  {'CPU s':>7}  {'RSS MB':>7}  {'× python':>8}")

    for row in rows.values():
        ratio = row.cpu / rows["python"].cpu
        print(f"{row.name:<{width}}  {row.cpu:7.3f}  {row.rss_mb:7.1f}  {ratio:8.1f}")

    def target(label: str, value: float, limit: float, unit: str = "") -> None:
        verdict = "met" if value <= limit else "NOT met"
        print(f"{label:<52} {value:7.3f}{unit} <= {limit:g}{unit}  {verdict}")

    r = {k: v.cpu for k, v in rows.items()}
    print("\ntargets")
    target("1 repo: eco-lint / sp-repo-review CPU", r["check"] / r["review"], 0.2)
    target(
        "1 repo, warm cache: eco-lint / python -c pass CPU", r["check"] / r["python"], 3
    )
    target(
        f"{count} repos: eco-lint / sp-repo-review CPU",
        r["check_all"] / r["review_all"],
        0.2,
    )
    target(f"{count} repos: eco-lint CPU", r["check_all"], 0.5, " s")
    target("--fix of a G0 repo CPU", r["fix"], 1.5, " s")
    target("adopt of a G0 repo CPU", r["adopt"], 3, " s")
    target("copier copy CPU", r["copy"], 1, " s")
    peak = max(rows["check"].rss_mb, rows["check_all"].rss_mb)
    target("peak RSS of a check", peak, 30, " MB")
    full = max(rows["check_full"].rss_mb, rows["check_all_full"].rss_mb)
    target("peak RSS of a check, --no-cache", full, 30, " MB")


if __name__ == "__main__":
    main()
