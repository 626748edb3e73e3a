"""The benchmark's generator writes the three variants of the same text (no build: fast)."""

from __future__ import annotations

import hashlib
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


#: sha256 over the file names and bytes of ``generate(250, …)``, as the generator wrote them before
#: it took ``--pages`` and ``--headings``: the default shape must stay the one every earlier
#: benchmark result was measured on.
DEFAULT_DIGESTS = {
    "ours": "0dadb49c24afe93122c250c469d6cf27d2aa4316901e0b98feff16e6c2e677b8",
    "plain": "21fdf25d7665a9a79beaa8b90838b77a7ac047664a365f68d52a008e1bdd82f6",
    "needs": "a6cee2d72020815f47af761022b3bbd04437b6144704e6f60957751d22012d3f",
}


@pytest.mark.parametrize("variant", sorted(DEFAULT_DIGESTS))
def test_default_shape_unchanged(generate, tmp_path: Path, variant: str) -> None:
    root = generate.generate(250, tmp_path / variant, variant)
    digest = hashlib.sha256()
    for path in sorted(root.iterdir()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert digest.hexdigest() == DEFAULT_DIGESTS[variant]


def test_pages_and_headings(generate, tmp_path: Path) -> None:
    # 100 forecasts on 4 pages of 5 headings: 25 a page, so pages open between assumptions
    generate.main(["100", str(tmp_path), "--variant", "ours", "--pages", "4", "--headings", "5"])
    parts = sorted((tmp_path / "ours").glob("part*.md"))
    assert [p.name for p in parts] == [f"part00{i}.md" for i in range(1, 5)]
    for part in parts:
        text = part.read_text(encoding="utf-8")
        assert len(re.findall(r"^:::\{forecast\} ", text, re.M)) == 25
        headings = re.findall(r"^## (.*)$", text, re.M)
        assert len([h for h in headings if h not in ("Outcomes", "Notes")]) == 5
        assert generate.EDIT_MARKER in text


def test_pages_must_be_positive(generate, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        generate.main(["100", str(tmp_path), "--pages", "0"])
    assert "pages and headings must be at least 1, not 0" in capsys.readouterr().err


def test_a_long_register_is_split_by_page(generate, tmp_path: Path) -> None:
    # 300 forecasts on 6 pages, at most 100 rows a register page: 3 pages of 2 chapter pages each
    generate.main(["300", str(tmp_path), "--pages", "6", "--register-rows", "100"])
    ours = tmp_path / "ours"
    parts = sorted(p.stem for p in ours.glob("register-*.md"))
    assert parts == ["register-01", "register-02", "register-03"]
    index = (ours / "register.md").read_text(encoding="utf-8")
    assert "{assessment-graph}" in index and "{needtable}" not in index
    assert all(name in index for name in parts), "the register's contents name its pages"
    first = (ours / "register-01.md").read_text(encoding="utf-8")
    assert first.count(":filter: docname in ['part001', 'part002']\n") == 2  # forecasts, outcomes
    # the baselines have the same pages, with the prose only
    assert sorted(p.stem for p in (tmp_path / "plain").glob("register-*.md")) == parts
    assert "{needtable}" not in (tmp_path / "plain" / "register-01.md").read_text(encoding="utf-8")
    generate.main(["300", str(tmp_path / "one"), "--pages", "6", "--register-rows", "0"])
    assert not list((tmp_path / "one" / "ours").glob("register-*.md"))
