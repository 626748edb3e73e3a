"""Write a synthetic report of N forecasts as a Sphinx project, in three variants of the same text.

- ``ours``: the report's own directives (forecast, judgement, assumption, outcome) on the
  ``assessments`` extension, with the register (a needtable of forecasts, the assessment graph,
  a needtable of outcomes) and the track-record page, as the real report renders them;
- ``plain``: the same text as plain Sphinx admonitions, each assessment's fields written out as
  a line of text (no sphinx-needs); the register and track-record pages keep only their prose;
- ``needs``: vanilla sphinx-needs, generic needs of the default types (``req`` for a forecast,
  ``spec`` a judgement, ``impl`` an assumption, ``test`` an outcome) with the same content, the
  options as extra fields, the links as ``:links:``, and the same two needtables in the register.

All three share the pages (about 100 forecasts each, a judgement every ten forecasts, an
assumption every twenty, an outcome for every other forecast at the end of its page), the prose
between them, the ``{footcite}`` citations with a ``footbibliography`` on each page that cites,
a small ``refs.bib``, the bibliography page and the theme. The text is drawn from a seeded random
generator, so a given N and seed always give the same files.

Usage: ``python benchmarks/generate.py N OUTDIR [--variant ours|plain|needs|all] [--seed S]
[--pages P --headings H]``. By default a page holds 100 forecasts under a heading every ten;
``--pages`` and ``--headings`` give another shape of the same kind of text (the held-out shape
of issue 19: many pages, many headings), and leave the default output as it was.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tradecraft.coding import HEDGES
from tradecraft.vocabulary import CONFIDENCE_LEVELS as CONFIDENCE
from tradecraft.vocabulary import DERIVED_ONLY, FIELDS, KINDS

VARIANTS = ("ours", "plain", "needs")
#: The "as of" date every variant is built at; half the forecasts resolve before it.
AS_OF = "2026-06-30"
PER_PAGE = 100
#: A heading (and a paragraph of prose) every this many forecasts.
HEADING_EVERY = 10
SEED = 2021
#: The register is split into pages of at most this many forecasts, each a needtable filtered to
#: the chapter pages it covers (``--register-rows``; 0: one table of every forecast).
REGISTER_ROWS = 1000
#: Each page's text, edited by the one-page-edit benchmark (a word appended to this paragraph).
EDIT_MARKER = "This part opens with a survey"

# PHIA terms and the explicit probabilities a forecast may give inside each range
TERMS: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("remote chance", (0.03, 0.05)),
    ("highly unlikely", (0.1, 0.15, 0.2)),
    ("unlikely", (0.25, 0.3, 0.35)),
    ("realistic possibility", (0.4, 0.45, 0.5)),
    ("likely", (0.55, 0.6, 0.7, 0.75)),
    ("highly likely", (0.8, 0.85, 0.9)),
    ("almost certain", (0.95, 0.98)),
)
#: Who makes the synthetic forecasts (one or two each): the registry groups scores by author.
AUTHORS = ("A. Novak", "B. Petrova", "C. Smith", "D. Kowalski", "E. Larsen")
#: Every field authors write on some kind: the vanilla sphinx-needs variant declares them all.
WRITTEN_FIELDS: tuple[str, ...] = tuple(n for n in FIELDS if n not in DERIVED_ONLY)

SUBJECTS = (
    "the alliance",
    "Moscow",
    "Minsk",
    "the Union State",
    "the Western Military District",
    "the border guard",
    "the air-defence network",
    "the defence ministry",
    "the reserve system",
    "the joint staff",
    "the railway troops",
    "the logistics brigade",
    "the training centre",
    "the regional grouping",
    "the parliament",
    "the finance ministry",
    "the neighbouring states",
    "the exercise command",
    "the procurement agency",
    "the security council",
)
VERBS = (
    "expands",
    "reviews",
    "postpones",
    "announces",
    "funds",
    "tests",
    "deploys",
    "suspends",
    "reorganises",
    "publishes",
    "doubles",
    "integrates",
    "withdraws",
    "modernises",
    "audits",
)
OBJECTS = (
    "its rotational presence",
    "a new command structure",
    "the annual exercise cycle",
    "a joint doctrine",
    "the air-policing mission",
    "the reserve call-up",
    "a training range",
    "the border infrastructure",
    "the procurement plan",
    "a long-range radar",
    "the rail links",
    "the mobilisation rules",
    "a regional headquarters",
    "the air base",
    "the supply depots",
)
WHENS = (
    "before the next summit",
    "within two years",
    "by the end of the decade",
    "this autumn",
    "after the elections",
    "during the next exercise",
    "before the treaty expires",
    "once the budget passes",
    "in the coming months",
    "ahead of the review",
)
FILLER = (
    "Observers had expected as much for some time.",
    "The evidence for this is mixed but growing.",
    "Officials on both sides have said little in public.",
    "Satellite imagery and procurement records point the same way.",
    "The budget figures leave room for more than one reading.",
    "Earlier announcements of this kind were delayed more than once.",
    "Allied capitals have followed the question closely.",
    "The trend is clearer in the statistics than in the speeches.",
    "Local reporting adds detail but little certainty.",
    "Nothing in the official record contradicts it.",
)


@dataclass
class Need:
    """One assessment, variant-neutral: its kind, id, title, fields, links and body."""

    kind: str
    id: str
    title: str
    fields: dict[str, str]
    links: dict[str, list[str]] = field(default_factory=dict)
    body: str = ""


@dataclass
class Page:
    """One page: its name, heading, and a list of blocks (prose strings or needs)."""

    name: str
    heading: str
    blocks: list[str | Need]
    outcomes: list[Need]
    cites: bool = False


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    verb, thing, when = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(WHENS)
    return f"{subject[0].upper()}{subject[1:]} {verb} {thing} {when}"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def bib_keys(count: int = 24) -> list[str]:
    """The citation keys of the synthetic ``refs.bib``."""
    return [f"source{i:02d}" for i in range(1, count + 1)]


def refs_bib(keys: list[str], rng: random.Random) -> str:
    """A small bibliography: online articles and institute reports."""
    entries = []
    for i, key in enumerate(keys):
        year = 2015 + i % 10
        author = f"{rng.choice(('Novak', 'Petrov', 'Smith', 'Kowalski', 'Larsen', 'Meyer'))}, A."
        if i % 3:
            entries.append(
                f"@online{{{key},\n  author = {{{author}}},\n"
                f"  title = {{{_sentence(rng)}}},\n  organization = {{Institute {i}}},\n"
                f"  publisher = {{Institute {i}}},\n  date = {{{year}-0{1 + i % 9}-1{i % 9}}},\n"
                f"  year = {{{year}}},\n  url = {{https://example.org/{key}}},\n}}\n"
            )
        else:
            entries.append(
                f"@report{{{key},\n  author = {{{author}}},\n"
                f"  title = {{{_sentence(rng)}}},\n  type = {{Report}},\n"
                f"  institution = {{Institute {i}}},\n  date = {{{year}}},\n"
                f"  year = {{{year}}},\n}}\n"
            )
    return "\n".join(entries)


def shape(n: int, pages: int | None = None, headings: int | None = None) -> tuple[int, int]:
    """Forecasts per page and per heading for ``n`` forecasts on ``pages`` pages of ``headings``.

    Either left out keeps the default (100 forecasts a page, a heading every ten).
    """
    if pages is not None and pages < 1 or headings is not None and headings < 1:
        raise ValueError(f"pages and headings must be at least 1, not {pages} and {headings}")
    per_page = -(-n // pages) if pages else PER_PAGE
    heading_every = max(1, per_page // headings) if headings else HEADING_EVERY
    return per_page, heading_every


def build_pages(
    n: int, seed: int = SEED, per_page: int = PER_PAGE, heading_every: int = HEADING_EVERY
) -> tuple[list[Page], list[str]]:
    """The variant-neutral content of a report of ``n`` forecasts, and its citation keys."""
    rng = random.Random(seed)
    keys = bib_keys()
    as_of = date.fromisoformat(AS_OF)
    pages: list[Page] = []
    width = max(5, len(str(n)))
    for first in range(0, n, per_page):
        number = first // per_page + 1
        last = min(first + per_page, n)
        blocks: list[str | Need] = []
        outcomes: list[Need] = []
        cites = False
        key = rng.choice(keys)
        blocks.append(
            f"{EDIT_MARKER} of where things stand and what the forecasts below rest on"
            f"{{footcite}}`{key}`. {rng.choice(FILLER)}"
        )
        cites = True
        assumption = judgement_targets = None
        for i in range(first, last):
            fid = f"F_{i + 1:0{width}d}"
            if i % heading_every == 0:
                blocks.append(f"## {_sentence(rng).rstrip('.')}")
                prose = f"{_sentence(rng)}. {rng.choice(FILLER)} {rng.choice(FILLER)}"
                if rng.random() < 0.5:
                    prose += f" {rng.choice(FILLER)[:-1]}{{footcite}}`{rng.choice(keys)}`."
                blocks.append(prose)
            if i % 20 == 0:
                aid = f"A_{i // 20 + 1:0{width}d}"
                assumption = aid
                blocks.append(
                    Need(
                        "assumption",
                        aid,
                        f"{_sentence(rng)} continues",
                        {"confidence": rng.choice(CONFIDENCE), "basis": rng.choice(keys)},
                        body=f"We assume that {_sentence(rng).lower()}. {rng.choice(FILLER)}",
                    )
                )
            if i % 10 == 0:
                jid = f"J_{i // 10 + 1:0{width}d}"
                judgement_targets = [f"F_{j + 1:0{width}d}" for j in (i, min(i + 5, last - 1))]
                fields = {
                    "confidence": rng.choice(CONFIDENCE),
                    "basis": ", ".join(rng.sample(keys, 2)),
                }
                if rng.random() < 0.5:
                    fields["likelihood"] = rng.choice(TERMS)[0]
                if i % 30 == 0:
                    fields["key"] = ""
                blocks.append(
                    Need(
                        "judgement",
                        jid,
                        _sentence(rng),
                        fields,
                        # a page of a size that is no multiple of 20 may open without one
                        ({"assumes": [assumption]} if assumption else {})
                        | {"supports": sorted(set(judgement_targets))},
                        body=f"{_sentence(rng)}. {rng.choice(FILLER)} {rng.choice(FILLER)}",
                    )
                )
            term, explicit = rng.choice(TERMS)
            made_on = _day(rng, date(2021, 1, 1), date(2024, 12, 31))
            resolved = i % 2 == 0
            if resolved:
                resolve_by = _day(rng, made_on + timedelta(days=60), as_of - timedelta(days=40))
            else:
                resolve_by = _day(rng, as_of + timedelta(days=60), date(2030, 12, 31))
            claim = _sentence(rng)
            fields = {}
            if i % 3 == 0:  # coded from a hedge of the quoted sentence: the table sets the term
                hedge = rng.choice(HEDGES)
                term, phrase = hedge.term, hedge.phrase
                fields["quote"] = f"{claim}, the source says: {phrase}."
                fields.update(hedge=phrase, window="source", coding="original")
            else:
                fields["coding"] = "editorial"
            fields["likelihood"] = term
            fields["authors"] = ", ".join(sorted(rng.sample(AUTHORS, 1 + i % 2)))
            if i % 4 == 1:
                fields["probability"] = str(rng.choice(dict(TERMS)[term]))
            fields.update(
                {
                    "confidence": rng.choice(CONFIDENCE),
                    "resolve_by": resolve_by.isoformat(),
                    "made_on": made_on.isoformat(),
                    "criteria": f"{_sentence(rng)} on the record by {resolve_by.isoformat()}.",
                    "basis": ", ".join(rng.sample(keys, 1 + i % 2)),
                }
            )
            links = {"assumes": [assumption]} if i % 4 == 0 and assumption else {}
            body = f"{claim}. {rng.choice(FILLER)}"
            if i % 7 == 0:
                body += f" {rng.choice(FILLER)[:-1]}{{footcite}}`{rng.choice(keys)}`."
            body += f" {rng.choice(FILLER)}"
            blocks.append(Need("forecast", fid, claim, fields, links, body))
            if resolved:
                verdict = "ambiguous" if i % 50 == 0 else rng.choice(("yes", "yes", "no"))
                # the criteria are met (or fail) inside the window, before the as-of date
                resolved_on = _day(rng, made_on + timedelta(days=1), resolve_by)
                outcomes.append(
                    Need(
                        "outcome",
                        f"O_{i + 1:0{width}d}",
                        f"{claim}: {verdict}",
                        {
                            "verdict": verdict,
                            "resolved_on": resolved_on.isoformat(),
                            "evidence": ", ".join(rng.sample(keys, 2)),
                        },
                        {"resolves": [fid]},
                        body=f"By {resolved_on.isoformat()} the record showed the following. "
                        f"{rng.choice(FILLER)} {rng.choice(FILLER)}",
                    )
                )
        pages.append(
            Page(f"part{number:03d}", f"Part {number}: {_sentence(rng)}", blocks, outcomes, cites)
        )
    return pages, keys


# --- rendering, per variant ------------------------------------------------------------------

_TYPES = {"forecast": "req", "judgement": "spec", "assumption": "impl", "outcome": "test"}
_TITLES = {
    "forecast": "Forecast",
    "judgement": "Judgement",
    "assumption": "Assumption",
    "outcome": "Outcome",
}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def render_need(need: Need, variant: str) -> str:
    """One assessment as MyST in the given variant."""
    if variant == "ours":
        lines = [f":::{{{need.kind}}} {need.title}", f":id: {need.id}"]
        # the vocabulary decides what each kind accepts (tradecraft.vocabulary.KINDS)
        unknown = set(need.fields).union(need.links) - {
            *KINDS[need.kind].fields,
            *KINDS[need.kind].links,
        }
        assert not unknown, f"{need.kind} does not accept {sorted(unknown)}"
        for name, value in need.fields.items():
            lines.append(f":{name}: {value}".rstrip())
        for name, targets in need.links.items():
            lines.append(f":{name}: {', '.join(targets)}")
        return "\n".join(lines + ["", need.body, ":::"])
    if variant == "needs":
        lines = [f":::{{{_TYPES[need.kind]}}} {need.title}", f":id: {need.id}"]
        for name, value in need.fields.items():
            lines.append(f":{name}: {value or 'yes'}")
        targets = [t for ts in need.links.values() for t in ts]
        if targets:
            lines.append(f":links: {', '.join(targets)}")
        return "\n".join(lines + ["", need.body, ":::"])
    # plain: an admonition with the fields written out after the statement
    facts = []
    for name, value in need.fields.items():
        facts.append(f"**{_label(name)}:** {value or 'yes'}")
    for name, targets in need.links.items():
        facts.append(f"**{_label(name)}:** {', '.join(targets)}")
    return "\n".join(
        [
            f":::{{admonition}} {_TITLES[need.kind]} {need.id}: {need.title}",
            f":class: assessment {need.kind}",
            "",
            need.body,
            "",
            " · ".join(facts),
            ":::",
        ]
    )


def render_page(page: Page, variant: str) -> str:
    """One page of assessments in the given variant."""
    parts = [f"# {page.heading}"]
    for block in page.blocks:
        parts.append(render_need(block, variant) if isinstance(block, Need) else block)
    if page.outcomes:
        parts.append("## Outcomes")
        parts.append("What happened to the forecasts of this part that have been resolved.")
        parts.extend(render_need(o, variant) for o in page.outcomes)
    if page.cites:
        parts.append("## Notes\n\n```{footbibliography}\n```")
    return "\n\n".join(parts) + "\n"


REGISTER_PROSE = (
    "Every forecast in the report, with its likelihood, the probability scored, its status and,"
    " once resolved, its verdict and Brier score."
)
GRAPH_PROSE = "Every assumption, judgement, forecast and outcome, and the links between them."
TRACK_PROSE = "How well the forecasts turned out, scored at build time."


def register_tables(variant: str, pages: list[str] | None = None) -> tuple[list[str], list[str]]:
    """The register's forecasts and its outcomes: the needtables where the variant has them;
    ``pages``: only their needs (a filter sphinx-needs applies, and by which the extension
    rewrites only the register pages that show a change)."""
    scope = "" if pages is None else f"\n:filter: docname in {pages!r}"
    if variant == "ours":
        forecasts = (
            ":types: forecast\n:columns: id, title, likelihood, probability, confidence, "
            "resolve_by, status, verdict, brier\n:sort: resolve_by"
        )
        outcomes = ":types: outcome\n:columns: id, resolves, verdict, resolved_on\n:style: table"
    elif variant == "needs":
        forecasts = (
            ":types: req\n:columns: id, title, likelihood, probability, confidence, resolve_by, "
            "status\n:sort: resolve_by"
        )
        outcomes = ":types: test\n:columns: id, links, verdict, resolved_on\n:style: table"
    else:
        return [REGISTER_PROSE], ["## Outcomes"]
    return (
        [REGISTER_PROSE, f"```{{needtable}}\n{forecasts}{scope}\n```"],
        ["## Outcomes", f"```{{needtable}}\n{outcomes}{scope}\n```"],
    )


def register_parts(pages: list[Page], rows: int) -> list[list[str]]:
    """The chapter pages each register page covers: consecutive pages of at most ``rows``
    forecasts together (one group of all when ``rows`` is 0 or they fit in one)."""
    groups: list[list[str]] = [[]]
    count = 0
    for page in pages:
        held = sum(1 for b in page.blocks if isinstance(b, Need) and b.kind == "forecast")
        if rows and groups[-1] and count + held > rows:
            groups.append([])
            count = 0
        groups[-1].append(page.name)
        count += held
    return groups


def register_name(number: int) -> str:
    return f"register-{number:02d}"


def render_register(variant: str, groups: list[list[str]] | None = None) -> str:
    """The register page: its tables (or, split, a contents of its pages) and the graph."""
    parts = ["(register)=\n# Forecast register"]
    if groups is None or len(groups) < 2:
        forecasts, outcomes = register_tables(variant)
        parts += forecasts
    else:
        parts.append(REGISTER_PROSE)
        parts.append(
            "The register is split by the pages the forecasts are on.\n\n```{toctree}\n"
            ":maxdepth: 1\n\n"
            + "\n".join(register_name(i + 1) for i in range(len(groups)))
            + "\n```"
        )
        outcomes = []
    parts += ["## How the assessments fit together", GRAPH_PROSE]
    if variant == "ours":
        parts.append("```{assessment-graph}\n```")
    parts += outcomes
    return "\n\n".join(parts) + "\n"


def render_register_part(variant: str, group: list[str]) -> str:
    """One page of a split register: the forecasts and outcomes of ``group``'s pages."""
    span = f"{group[0]} to {group[-1]}" if len(group) > 1 else group[0]
    forecasts, outcomes = register_tables(variant, group)
    return "\n\n".join([f"# Register: {span}", *forecasts, *outcomes]) + "\n"


def render_track_record(variant: str) -> str:
    """The track-record page: scores and calibration in ours, the prose elsewhere."""
    parts = ["(track-record)=\n# Track record", TRACK_PROSE]
    if variant == "ours":
        parts.append("```{track-record}\n```")
    return "\n\n".join(parts) + "\n"


def render_index(pages: list[Page], n: int) -> str:
    """The root page and its table of contents."""
    toc = "\n".join(p.name for p in pages)
    return (
        f"# A synthetic report of {n:,} forecasts\n\n"
        "Generated by `benchmarks/generate.py` to measure how the build scales.\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n:caption: Parts\n\n{toc}\n```\n\n"
        "```{toctree}\n:maxdepth: 1\n:caption: Register\n\nregister\ntrack-record\n"
        "bibliography\n```\n"
    )


BIBLIOGRAPHY = "(bibliography)=\n# Bibliography\n\n```{bibliography}\n:all:\n```\n"

_COMMON_CONF = '''\
project = "Synthetic report ({n} forecasts, {variant})"
author = "benchmarks/generate.py"
copyright = "2026"
release = version = "0.0"

source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
numfig = True

bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "report"
bibtex_reference_style = "author_year"
bibtex_foot_reference_style = "foot"

html_theme = "{theme}"
html_last_updated_fmt = None

latex_engine = "pdflatex"
latex_documents = [("index", "report.tex", "Synthetic report", "benchmarks", "manual", False)]
latex_toplevel_sectioning = "chapter"
latex_show_urls = "no"
latex_elements = {{
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"\\usepackage{{tgtermes}}\\usepackage{{tgheros}}\\usepackage{{tgcursor}}",
    "preamble": r"""
\\usepackage{{framed}}
\\DeclareUnicodeCharacter{{2264}}{{\\ensuremath{{\\leq}}}}
\\DeclareUnicodeCharacter{{2265}}{{\\ensuremath{{\\geq}}}}
\\setlength{{\\headheight}}{{14pt}}
\\newenvironment{{sphinxclassassessment}}{{\\par\\medskip\\begin{{savenotes}}\\begin{{leftbar}}\\small}}{{\\end{{leftbar}}\\end{{savenotes}}}}
\\setcounter{{tocdepth}}{{1}}
""",
}}
'''

_CONF_TAIL = {
    "ours": """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_needs", "assessments"]
assessments_yardstick = "phia"
assessments_as_of = "{as_of}"
""",
    "plain": """
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
""",
    "needs": """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_needs"]
needs_fields = {{
    name: {{"schema": {{"type": "string"}}, "nullable": True}}
    for name in {written_fields!r}
}}
needs_build_json = True
needs_reproducible_json = True
""",
}


#: Baselines get the process-level speed-ups the assessments extension installs, because any
#: Sphinx build can have them: cached pybtex plugin look-ups and the garbage collector tuned for a
#: build. So the ratios measure sphinx-needs and the extension, not what they share.
_SPEEDUPS = """

def setup(app):
    # the process-level speed-ups of the assessments extension (see benchmarks/README.md)
    from assessments import speedups

    if hasattr(speedups, "install"):
        speedups.install(app)
    else:  # an older release of the extension (run.py --python ...)
        speedups.cache_pybtex_plugins()
        app.connect("builder-inited", speedups.tune_gc)
        app.connect("build-finished", speedups.restore_gc, priority=900)
"""


def render_conf(variant: str, n: int, theme: str, speedups: bool = True) -> str:
    """The variant's ``conf.py``."""
    text = _COMMON_CONF.format(n=n, variant=variant, theme=theme)
    text += _CONF_TAIL[variant].format(as_of=AS_OF, written_fields=WRITTEN_FIELDS)
    if speedups and variant != "ours":
        text += _SPEEDUPS
    return text


def generate(
    n: int,
    root: Path,
    variant: str,
    seed: int = SEED,
    per_page: int = PER_PAGE,
    theme: str = "sphinx_book_theme",
    speedups: bool = True,
    heading_every: int = HEADING_EVERY,
    register_rows: int = REGISTER_ROWS,
) -> Path:
    """Write the ``variant`` project of ``n`` forecasts into ``root`` (emptied first); the
    register is split into pages of at most ``register_rows`` forecasts (0: one page)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; one of {', '.join(VARIANTS)}")
    pages, keys = build_pages(n, seed, per_page, heading_every)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(render_conf(variant, n, theme, speedups), encoding="utf-8")
    (root / "refs.bib").write_text(refs_bib(keys, random.Random(seed + 1)), encoding="utf-8")
    (root / "index.md").write_text(render_index(pages, n), encoding="utf-8")
    for page in pages:
        (root / f"{page.name}.md").write_text(render_page(page, variant), encoding="utf-8")
    groups = register_parts(pages, register_rows)
    (root / "register.md").write_text(render_register(variant, groups), encoding="utf-8")
    if len(groups) > 1:
        for number, group in enumerate(groups, 1):
            text = render_register_part(variant, group)
            (root / f"{register_name(number)}.md").write_text(text, encoding="utf-8")
    (root / "track-record.md").write_text(render_track_record(variant), encoding="utf-8")
    (root / "bibliography.md").write_text(BIBLIOGRAPHY, encoding="utf-8")
    return root


def first_page(root: Path) -> Path:
    """The page the one-page-edit benchmark edits."""
    return root / "part001.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of forecasts")
    parser.add_argument("outdir", type=Path, help="writes OUTDIR/<variant>/")
    parser.add_argument("--variant", choices=(*VARIANTS, "all"), default="all")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-page", type=int, default=PER_PAGE)
    parser.add_argument(
        "--pages", type=int, default=None, help="spread the forecasts over P pages (not --per-page)"
    )
    parser.add_argument(
        "--headings", type=int, default=None, help="H headings a page (default: one every ten)"
    )
    parser.add_argument(
        "--register-rows",
        type=int,
        default=REGISTER_ROWS,
        help=f"split the register into pages of at most R forecasts (default {REGISTER_ROWS}; "
        "0: one table of every forecast)",
    )
    parser.add_argument("--theme", default="sphinx_book_theme")
    parser.add_argument(
        "--stock-baselines",
        action="store_true",
        help="leave the baselines without the extension's process-level speed-ups",
    )
    args = parser.parse_args(argv)
    if args.pages is not None and args.per_page != PER_PAGE:
        parser.error("give --pages or --per-page, not both")
    try:
        per_page, heading_every = shape(args.n, args.pages, args.headings)
    except ValueError as error:
        parser.error(str(error))
    if args.pages is None:
        per_page = args.per_page
        if args.headings:
            heading_every = max(1, per_page // args.headings)
    for variant in VARIANTS if args.variant == "all" else (args.variant,):
        path = generate(
            args.n,
            args.outdir / variant,
            variant,
            args.seed,
            per_page,
            args.theme,
            not args.stock_baselines,
            heading_every,
            args.register_rows,
        )
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
