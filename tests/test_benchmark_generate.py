"""The benchmark's generator writes the three variants of the same text (no build: fast)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.mark.parametrize("variant", ["ours", "plain", "needs"])
def test_generates_each_variant(generate, tmp_path: Path, variant: str) -> None:
    root = generate.generate(5, tmp_path / variant, variant)
    for name in (
        "conf.py",
        "refs.bib",
        "index.md",
        "part001.md",
        "register.md",
        "track-record.md",
        "bibliography.md",
    ):
        assert (root / name).is_file(), name
    page = (root / "part001.md").read_text(encoding="utf-8")
    assert generate.EDIT_MARKER in page
    if variant == "ours":
        assert len(re.findall(r"^:::\{forecast\} ", page, re.M)) == 5
        assert "{assessment-graph}" in (root / "register.md").read_text(encoding="utf-8")
        assert "{track-record}" in (root / "track-record.md").read_text(encoding="utf-8")
    elif variant == "needs":
        assert len(re.findall(r"^:::\{req\} ", page, re.M)) == 5
    else:
        assert len(re.findall(r"^:::\{admonition\} Forecast ", page, re.M)) == 5
    if "{footcite}" in page:
        assert "{footbibliography}" in page


def test_variants_share_the_text(generate, tmp_path: Path) -> None:
    def statements(variant: str) -> list[str]:
        text = (generate.generate(5, tmp_path / variant, variant) / "part001.md").read_text(
            encoding="utf-8"
        )
        return [line for line in text.splitlines() if line and line[0] not in ":#`*("]

    assert statements("ours") == statements("plain") == statements("needs")


def test_deterministic(generate, tmp_path: Path) -> None:
    a = generate.generate(5, tmp_path / "a", "ours")
    b = generate.generate(5, tmp_path / "b", "ours")
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name
