"""The YAML edit operations, on small documents: each keeps what it does
not touch byte for byte.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from eco_lint.edits.yaml import mapping
from eco_lint.edits.yaml import quoted
from eco_lint.edits.yaml import restyled
from eco_lint.edits.yaml import sequence
from eco_lint.edits.yaml import yaml_dump
from eco_lint.edits.yaml import yaml_load
from eco_lint.edits.yaml import YamlRemove
from eco_lint.edits.yaml import YamlSet
from eco_lint.repo import Repo


def changed(source: str, change: t.Callable[[t.Any], None]) -> str:
    """The document after a change made on its round-tripped data."""
    yaml, data = yaml_load(source)
    change(data)
    return yaml_dump(yaml, data)


def test_flow_mapping_of_quoted_values() -> None:
    def add(data: t.Any) -> None:
        row = mapping(flow=True)
        row["python"] = quoted("3.14")
        data["include"].append(row)

    source = "include:\n  - {python: '3.13'}\n"
    assert changed(source, add) == (
        "include:\n  - {python: '3.13'}\n  - {python: '3.14'}\n"
    )


def test_block_mapping_and_sequence() -> None:
    def add(data: t.Any) -> None:
        data["sphinx"] = mapping()
        data["sphinx"]["fail_on_warning"] = True
        data["formats"] = sequence()
        data["formats"].append("pdf")

    assert changed("version: 2\n", add) == (
        "version: 2\nsphinx:\n  fail_on_warning: true\nformats:\n- pdf\n"
    )


def test_restyled_keeps_literal_and_folded_blocks() -> None:
    def drop(data: t.Any) -> None:
        for key in data:
            data[key] = restyled(data[key], data[key].replace(" b", ""))

    source = "a: |\n  a b\n  c\nb: >\n  a b\n  c\nc: a b c\n"
    assert changed(source, drop) == "a: |\n  a\n  c\nb: >\n  a c\nc: a c\n"


def test_set_fills_an_empty_mapping_and_keeps_equal_values(tmp_path: Path) -> None:
    source = "sphinx:\nformats: [ pdf ]\n"
    edit = YamlSet("rtd.yaml", ("sphinx", "fail_on_warning"), True)
    assert edit.apply(source, Repo(tmp_path)) == (
        "sphinx:\n  fail_on_warning: true\nformats: [pdf]\n"
    )
    same = YamlSet("rtd.yaml", ("formats",), ["pdf"])
    assert same.apply(source, Repo(tmp_path)) == source


def test_remove_a_list_item_or_nothing(tmp_path: Path) -> None:
    source = "formats:\n- pdf\n- epub\n"
    assert YamlRemove("rtd.yaml", ("formats", 0)).apply(source, Repo(tmp_path)) == (
        "formats:\n- epub\n"
    )
    missing = YamlRemove("rtd.yaml", ("build", "jobs", "post_build"))
    assert missing.apply(source, Repo(tmp_path)) == source
