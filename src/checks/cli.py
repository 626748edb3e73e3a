"""The ``report-checks`` command (also ``python -m checks``).

Exit status: 0 success (warnings alone included), 1 ``lint`` found errors, 2 bad input or usage
(one line on stderr, never a traceback), 130 interrupted, 141 output pipe closed.

Start-up is kept light: each subcommand imports only the modules it needs, when it runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tradecraft.dates import AS_OF_ENV, EPOCH_ENV, not_a_date
from tradecraft.dates import parse_date as strict_date

if TYPE_CHECKING:
    from tradecraft.ledger import Ledger
    from tradecraft.records import AssessmentSet
    from tradecraft.registry import Source

PROG = "report-checks"
DEFAULT_NEEDS = "docs/_build/html/needs.json"
DEFAULT_BIB = "refs.bib"
DEFAULT_DOCS = "docs"
DEFAULT_LEDGER = "forecast-ledger"
DEFAULT_REGISTRY = "registry.toml"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``report-checks lint: error: ...``."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date; anything else is an argparse error naming the value."""
    parsed = strict_date(text)
    if parsed is not None:
        return parsed
    raise argparse.ArgumentTypeError(not_a_date("date", text))


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number, 0 or more")
    return value


#: The options shared by the subcommands that take them.
COMMON_OPTIONS: dict[str, dict[str, Any]] = {
    "--needs": {
        "default": DEFAULT_NEEDS,
        "metavar": "PATH",
        "help": f"needs.json of the built report (default: {DEFAULT_NEEDS})",
    },
    # the commands that read many reports as one record (an institute's registry)
    "--reports": {
        "flags": ("--needs",),
        "action": "append",
        "dest": "needs",
        "default": None,
        "metavar": "[NAME=]PATH|URL",
        "help": f"a report's needs.json, a path or an http(s) URL; give it again for more "
        f"reports, read as one record with ids namespaced by report (default: {DEFAULT_NEEDS}, "
        f"or {DEFAULT_REGISTRY} if it exists)",
    },
    "--registry": {
        "default": None,
        "metavar": "PATH",
        "help": f"a registry file (TOML) listing the reports instead of --needs "
        f"(default: {DEFAULT_REGISTRY} when it exists and no --needs is given)",
    },
    "--bib": {
        "default": DEFAULT_BIB,
        "metavar": "PATH",
        "help": f"the bibliography (default: {DEFAULT_BIB})",
    },
    "--docs": {
        "default": DEFAULT_DOCS,
        "metavar": "DIR",
        "help": f"the report's sources (default: {DEFAULT_DOCS})",
    },
    "--as-of": {
        "type": parse_date,
        "default": None,
        "metavar": "YYYY-MM-DD",
        "help": f"the date to check against (default: ${AS_OF_ENV}, else ${EPOCH_ENV}, else "
        "today: the same order as the build)",
    },
    "--ledger": {
        "default": DEFAULT_LEDGER,
        "metavar": "PATH",
        "help": f"the forecast ledger: a directory of one file per forecast, or an old "
        f"single-file ledger, read only (default: {DEFAULT_LEDGER}/)",
    },
}


def _options(sub: argparse.ArgumentParser, *names: str) -> None:
    for name in names:
        spec = dict(COMMON_OPTIONS[name])
        flags = spec.pop("flags", (name,))
        sub.add_argument(*flags, **spec)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog=PROG,
        description="Executable checks of the report: lint, due, score, export, diff, ledger; "
        "and new, which starts a report.",
        epilog="Bad input (a missing, truncated or foreign needs.json, an unparsable refs.bib, "
        "an unknown revision) exits 2 with one line on stderr.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    lint = commands.add_parser("lint", help="every check at once; exit 1 on any error")
    _options(lint, "--reports", "--registry", "--bib", "--docs", "--as-of", "--ledger")
    lint.add_argument(
        "--grace",
        type=_non_negative,
        default=30,
        metavar="DAYS",
        help="days after resolve-by before a missing outcome is an error (default: 30)",
    )
    lint.set_defaults(run=_lint)

    due = commands.add_parser("due", help="open forecasts due or overdue, soonest first")
    _options(due, "--reports", "--registry", "--docs", "--as-of")
    due.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="markdown: a table for an issue or a pull request (the reminder workflow's)",
    )
    due.add_argument(
        "--within",
        type=_non_negative,
        default=30,
        metavar="DAYS",
        help="also list those due within this many days (default: 30)",
    )
    due.add_argument(
        "--ical",
        metavar="FILE",
        help="write an iCalendar of every open forecast's resolve-by date ('-': stdout)",
    )
    due.add_argument(
        "--readings",
        action="store_true",
        help="list the outcomes still waiting for a second reading instead",
    )
    due.set_defaults(run=_due)

    score = commands.add_parser(
        "score",
        help="Brier and log scores (as published and time-weighted), calibration, range",
    )
    _options(score, "--reports", "--registry", "--ledger")
    score.add_argument(
        "--by",
        choices=("report", "author", "tag", "year"),
        default=None,
        help="also score each group: by report, author, tag or the year of resolved_on",
    )
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument(
        "--bins",
        type=_non_negative,
        default=None,
        metavar="N",
        help="N equal-width calibration bins (default, or 0: one bin per distinct probability)",
    )
    score.add_argument("--seed", type=int, default=2021, help="bootstrap seed (default: 2021)")
    score.set_defaults(run=_score)

    export = commands.add_parser("export", help="the forecast register as CSV or JSON")
    _options(export, "--reports", "--registry", "--docs", "--as-of", "--ledger")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--output", metavar="FILE", help="write there instead of stdout")
    export.set_defaults(run=_export)

    diff = commands.add_parser("diff", help="forecast changes between two builds, as Markdown")
    diff.add_argument("old", metavar="OLD", help="a needs.json path or a git revision")
    diff.add_argument("new", metavar="NEW", help="a needs.json path or a git revision")
    _options(diff, "--docs", "--ledger")
    diff.set_defaults(run=_diff)

    new = commands.add_parser(
        "new",
        help="start a new report in DIR: a complete project that builds and tests at once",
        description="Write a new report into DIR (missing or empty): pyproject.toml depending on "
        "the toolkit, tox.ini, docs/ (conf.py, a worked example of each kind of assessment, the "
        "method, register, track record and bibliography pages), refs.bib, an empty forecast "
        "ledger, tests/, the review, publish and reminder workflows, a pull request template, "
        "a README and a .gitignore. Nothing is asked; a folder that holds files is refused "
        "(exit 2) and nothing is written.",
    )
    new.add_argument("dir", metavar="DIR", help="the folder to create (or an empty one)")
    new.add_argument("--title", required=True, help="the report's title")
    new.add_argument(
        "--author",
        required=True,
        action="append",
        dest="authors",
        metavar="NAME",
        help="an author; give it once per author, in the order of the title page",
    )
    new.add_argument(
        "--yardstick",
        choices=("phia", "icd203", "ipcc"),
        default="phia",
        help="the probability yardstick of every likelihood (default: phia)",
    )
    new.add_argument(
        "--published",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the report's forecasts are made (default: today)",
    )
    new.set_defaults(run=_new)

    ledger = commands.add_parser("ledger", help="the record of published forecasts")
    actions = ledger.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help="start an empty ledger (a missing one reads as empty too)"
    )
    freeze = actions.add_parser("freeze", help="record every forecast not yet in the ledger")
    freeze.add_argument(
        "--published",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the forecasts were published (default: their made_on, where they all "
        "share one)",
    )
    revise = actions.add_parser(
        "revise", help="record a correction or an update (or the withdrawal) of one forecast"
    )
    revise.add_argument("id", metavar="ID", help="the forecast's id, e.g. F_NO_PERMANENT_BASE")
    revise.add_argument(
        "--kind",
        required=True,
        choices=("correction", "update"),
        help="correction: the published coding was wrong (the corrected value stands as "
        "published); update: a new estimate made on --on, with new information (the earlier "
        "one stays on the record for the days it was in force)",
    )
    revise.add_argument("--reason", required=True, help="why the judgement changed")
    revise.add_argument(
        "--on",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date of the new estimate or correction (default: the as-of date)",
    )
    show = actions.add_parser("show", help="list the ledger and the state of each entry")
    migrate = actions.add_parser(
        "migrate",
        help="move a single-file ledger (forecast-ledger.json) to one file per forecast, "
        "history intact",
    )
    migrate.add_argument(
        "--from",
        dest="source",
        default=None,
        metavar="PATH",
        help="the single-file ledger (default: the --ledger path with .json)",
    )
    for sub in (freeze, revise, show):
        _options(sub, "--needs", "--docs", "--as-of", "--ledger")
    _options(init, "--ledger")
    _options(migrate, "--ledger")
    init.set_defaults(run=_init)
    freeze.set_defaults(run=_freeze)
    revise.set_defaults(run=_revise)
    show.set_defaults(run=_show)
    migrate.set_defaults(run=_migrate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``report-checks``; return the exit status."""
    from tradecraft.errors import InputError
    from tradecraft.process import freeze_at_exit

    freeze_at_exit()  # and no final collections when the process exits (tradecraft.process)
    parser = build_parser()
    # A short run allocates a large parsed needs.json and exits: the cycle collector would only
    # walk that object graph again and again (a third of the run time on a big report).
    collecting = gc.isenabled()
    gc.disable()
    try:
        args = parser.parse_args(argv)
        return int(args.run(args))
    except InputError as problem:
        sys.stderr.write(f"{PROG}: error: {problem}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, without a second error at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    finally:
        if collecting:
            gc.enable()


def _as_of(args: argparse.Namespace) -> date:
    from tradecraft.dates import resolve_as_of

    return resolve_as_of(args.as_of, "--as-of").date


def _sources(args: argparse.Namespace) -> list[Source]:
    """The reports a command reads: --registry, else --needs (each), else the defaults."""
    from tradecraft.registry import Source, load_registry_file, parse_source

    registry = getattr(args, "registry", None)
    needs = args.needs
    if registry is None and needs is None and Path(DEFAULT_REGISTRY).is_file():
        registry = DEFAULT_REGISTRY
    if registry is not None:
        if needs:
            from tradecraft.errors import InputError

            raise InputError("give the reports either with --registry or with --needs, not both")
        return load_registry_file(registry)
    if needs is None or isinstance(needs, str):
        return [Source("", needs or DEFAULT_NEEDS)]
    return [parse_source(spec) for spec in needs]


def _register(args: argparse.Namespace) -> AssessmentSet:
    from tradecraft.registry import load_reports

    sources = _sources(args)
    fetch = None
    if any(source.needs.startswith(("http://", "https://")) for source in sources):
        from checks.fetch import fetch_json  # only a registry of URLs pays for HTTP

        fetch = fetch_json
    return load_reports(sources, getattr(args, "docs", DEFAULT_DOCS), fetch)


def _write(text: str, output: str | None = None) -> None:
    from tradecraft.errors import InputError

    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as problem:
        raise InputError(f"{output}: cannot write it ({problem.strerror})") from None


def _lint(args: argparse.Namespace) -> int:
    from checks.lint import lint

    register = _register(args)
    one = not register.origin  # one report: its bibliography, sources and ledger too
    report = lint(
        register,
        Path(args.bib) if one else None,
        Path(args.docs) if one else None,
        _as_of(args),
        args.grace,
        Path(args.ledger) if one else None,
    )
    lines = [str(p) for p in report.errors] + [str(p) for p in report.warnings]
    _write("".join(line + "\n" for line in lines) + report.summary() + "\n")
    return report.exit_code


def _due(args: argparse.Namespace) -> int:
    from checks.due import due, format_due, open_forecasts, to_ical

    register, as_of = _register(args), _as_of(args)
    if args.readings:
        from checks.due import format_waiting, waiting_for_reading

        _write(format_waiting(waiting_for_reading(register), args.format))
        return 0
    items = due(register, as_of, args.within)
    if args.ical == "-":
        _write(to_ical(open_forecasts(register), as_of))
        return 0
    _write(format_due(items, as_of, args.within, args.format, register.origin))
    if args.ical:
        forecasts = open_forecasts(register)
        _write(to_ical(forecasts, as_of), args.ical)
        sys.stderr.write(f"wrote {len(forecasts)} resolve-by dates to {args.ical}\n")
    return 0


def _ledger(args: argparse.Namespace) -> Ledger | None:
    """The forecast ledger (each report's, for a registry), or ``None`` when there is none:
    every forecast is then scored as it stands."""
    from tradecraft.registry import load_ledgers

    sources = _sources(args)
    if len(sources) > 1:
        return load_ledgers(sources)
    from tradecraft.ledger import load_ledger

    book = load_ledger(args.ledger)
    return book if book.exists else None


def _score(args: argparse.Namespace) -> int:
    from checks.score_text import format_groups, format_report
    from tradecraft.track_record import score_groups, score_record

    register, ledger = _register(args), _ledger(args)
    report = score_record(register, ledger, bins=args.bins or None, seed=args.seed)
    groups = (
        score_groups(register, args.by, ledger, bins=args.bins or None, seed=args.seed)
        if args.by
        else {}
    )
    if args.format == "json":
        import json

        data = report.to_dict()
        if args.by:
            data["by"] = args.by
            data["groups"] = {name: group.to_dict() for name, group in groups.items()}
        # compact: json's C encoder writes no indented text, and a record is long
        _write(json.dumps(data, separators=(",", ":")) + "\n")
    else:
        _write(format_report(report) + (format_groups(args.by, groups) if args.by else ""))
    return 0


def _export(args: argparse.Namespace) -> int:
    from checks.export import rows, to_csv, to_json

    table = rows(_register(args), _as_of(args), _ledger(args))
    _write(to_csv(table) if args.format == "csv" else to_json(table), args.output)
    return 0


def _diff(args: argparse.Namespace) -> int:
    from checks.diff import compare, ledger_at, load_side, to_markdown

    old = load_side(args.old, args.docs)
    new = load_side(args.new, args.docs)
    old_ledger = None if Path(args.old).is_file() else ledger_at(args.old, args.ledger)
    _write(to_markdown(compare(old, new, old_ledger, ledger_at(args.new, args.ledger))))
    return 0


def _new(args: argparse.Namespace) -> int:
    from checks.new import NewReport, create, next_steps

    spec = NewReport(args.title, tuple(args.authors), args.yardstick, args.published)
    target = Path(args.dir)
    create(target, spec)
    _write(next_steps(target, spec))
    return 0


def _init(args: argparse.Namespace) -> int:
    from tradecraft import ledger

    book = ledger.load_ledger(args.ledger)
    if book.exists:
        _write(f"{book.path} already holds a ledger of {len(book.forecasts)} forecast(s)\n")
        return 0
    book.save()  # what ledger.init does for the missing ledger just read
    _write(
        f"started an empty ledger in {book.path}/; commit it, and once the report is "
        "published record its forecasts: report-checks ledger freeze\n"
    )
    return 0


def _freeze(args: argparse.Namespace) -> int:
    from tradecraft import ledger

    register = _register(args)
    book = ledger.load_ledger(args.ledger)
    added = ledger.freeze(book, register, args.published)
    if added or not book.exists:
        book.save()
    if added:
        ids = ", ".join(added)
        on = book.forecasts[added[0]]["published"]
        _write(f"froze {len(added)} forecast(s) as published on {on} in {book.path}: {ids}\n")
    else:
        _write(f"nothing to freeze: every forecast is already in {book.path}\n")
    changed = [p for p in ledger.check(book, register) if p.severity == "error"]
    for problem in changed:
        sys.stderr.write(f"note: {problem}\n")
    return 0


def _revise(args: argparse.Namespace) -> int:
    from tradecraft import ledger

    book = ledger.load_ledger(args.ledger)
    as_of = _as_of(args)
    on = args.on or as_of
    revision = ledger.revise(book, _register(args), args.id, args.reason, on, args.kind, as_of)
    book.save()
    what = "withdrawal" if revision["new_fingerprint"] is None else revision["kind"]
    where = book.source_of(args.id)
    _write(f"recorded the {what} of {args.id} on {revision['date']} in {where}\n")
    return 0


def _show(args: argparse.Namespace) -> int:
    from tradecraft import ledger
    from tradecraft.errors import InputError

    book = ledger.load_ledger(args.ledger)
    if not book.exists:
        _write(
            f"{book.path}: no ledger yet; start one: report-checks ledger init, or record the "
            "published forecasts: report-checks ledger freeze\n"
        )
        return 0
    try:
        register = _register(args)
    except InputError as problem:
        sys.stderr.write(f"note: states unknown: {problem}\n")
        register = None  # the ledger alone can still be shown
    if book.single_file:
        sys.stderr.write(
            f"note: {book.path} is a single-file ledger; move it to one file per forecast: "
            "report-checks ledger migrate\n"
        )
    rows = ledger.status(book, register)
    width = max((len(r[0]) for r in rows), default=2)
    lines = [f"{book.path}: {len(rows)} published forecast(s), frozen on {book.frozen_on}"]
    lines += [f"{fid:<{width}}  published {published}  {state}" for fid, published, state in rows]
    if book.revisions:
        lines.append("revisions:")
        lines += [
            f"  {r.get('date')}  {r.get('kind') or 'correction':<10}  {r.get('id')}: "
            f"{r.get('reason')}"
            for r in book.revisions
        ]
    _write("\n".join(lines) + "\n")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from tradecraft import ledger
    from tradecraft.errors import InputError

    named = Path(args.ledger)  # the directory to make, or the file it replaces
    target = named if named.suffix != ledger.FILE_SUFFIX else ledger.other_layout(named)
    source = Path(args.source) if args.source else ledger.other_layout(target)
    if target.is_dir() and any(target.glob(f"*{ledger.FILE_SUFFIX}")):
        raise InputError(f"{target}: already holds a ledger of one file per forecast")
    if not source.is_file():
        raise InputError(f"{source}: no single-file ledger to migrate (give it: --from PATH)")
    old = ledger.load_ledger(source, missing_ok=False)  # a file: format 1 or 2, or an error
    new = ledger.migrate(old, target)
    new.save()
    source.unlink()
    _write(
        f"moved {len(new.forecasts)} forecast(s) and {len(new.revisions)} revision(s) from "
        f"{source} to {target}/, one file per forecast, and removed {source}; point "
        f"assessments_ledger in conf.py at {target.name} and commit both: "
        f"git add -A {source} {target}\n"
    )
    return 0
