"""The registry site: two reports' needs.json imported as one record, each forecast linked home."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main
from sphinx.errors import ConfigError

pytestmark = pytest.mark.sphinx("html", testroot="registry")


def _build(src: Path, out: Path) -> None:
    assert build_main(["-q", "-W", "--keep-going", "-b", "html", str(src), str(out)]) == 0


def test_two_reports_become_one_record_with_links_home(
    own_copy: Path, rootdir: Path, tmp_path: Path
) -> None:
    site = own_copy
    # two reports whose ids collide (both hold F_ONE and O_ONE), built where they lie: a build
    # reads its sources and writes only to its output folder
    for name, root in (("alpha", "test-valid"), ("beta", "test-contested")):
        _build(rootdir / root, tmp_path / name)
        (site / name).mkdir()
        shutil.copy(tmp_path / name / "needs.json", site / name / "needs.json")
    _build(site, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text()
    text = " ".join(re.sub(r"<[^>]+>", " ", html.replace("<wbr>", "")).split())
    assert "ALPHA__F_ONE" in text and "BETA__F_ONE" in text and "BETA__F_TWO" in text
    assert 'href="https://example.org/alpha/index.html#F_ONE"' in html
    assert 'href="https://example.org/beta/index.html#F_TWO"' in html
    # the track record by report: alpha's F_ONE (0.7, yes); beta's two, as coded
    assert re.search(r"alpha 1 0 0\.090 ", text), text
    assert re.search(r"beta 2 0 0\.065 0\.065 – 0\.265", text), text


def test_a_report_without_a_url_stops_the_build(own_copy, make_app, app_params) -> None:
    site = own_copy
    toml = (site / "registry.toml").read_text().replace('url = "https://example.org/beta"\n', "")
    (site / "registry.toml").write_text(toml)
    with pytest.raises(ConfigError, match="report 'beta' has no url; give the address of its HTML"):
        make_app(*app_params.args, **app_params.kwargs)
