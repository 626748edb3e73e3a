"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, safe for forks.

``check-jsonschema`` and ``zizmor`` come with the ``test`` extra (tox installs them); run without
them, the tests that need them are skipped and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
#: What `report-checks new` gives a new report: the same checks hold for its workflows.
TEMPLATE_GITHUB = ROOT / "src" / "checks" / "templates" / "report" / ".github"
GITHUBS = (GITHUB, TEMPLATE_GITHUB)
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml")) + sorted(
    (TEMPLATE_GITHUB / "workflows").glob("*.yml")
)
PUBLISHING = {"publish.yml"}
#: Workflows that may write to issues, from one job each (the reminders).
ISSUE_WRITERS = {"reminders.yml": "issue"}
ZIZMOR_CONFIG = ROOT / "zizmor.yml"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _tool(name: str) -> str:
    """The path of a command-line tool: beside this Python first (tox's env), then on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        pytest.skip(
            f"{name} is not installed (pip install -e '.[test]', or run the tests with tox)"
        )
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


def _load(path: Path) -> dict:
    yaml = pytest.importorskip("yaml")  # PyYAML: a dependency of pybtex, hence of the project
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict):
    for job_id, job in workflow.get("jobs", {}).items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.mark.parametrize("github", GITHUBS, ids=("this-report", "new-report"))
def test_there_are_workflows(github: Path):
    names = {p.name for p in (github / "workflows").glob("*.yml")}
    assert {"review.yml", "publish.yml", "reminders.yml"} <= names, names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_workflow_matches_github_schema(path: Path):
    result = _run(
        _tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("github", GITHUBS, ids=("this-report", "new-report"))
def test_dependabot_matches_schema(github: Path):
    path = github / "dependabot.yml"
    result = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("github", GITHUBS, ids=("this-report", "new-report"))
def test_zizmor_finds_nothing(github: Path):
    """The security audit, offline, at the strictest persona, with the repository's policy."""
    result = _run(
        _tool("zizmor"),
        "--offline",
        "--persona",
        "auditor",
        "--no-progress",
        "--config",
        str(ZIZMOR_CONFIG),
        str(github),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_never_pull_request_target(path: Path):
    # parsed, and in the text too (outside comments), e.g. in a reusable workflow's caller
    code = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert not [line for line in code if "pull_request_target" in line]
    assert "pull_request_target" not in _load(path)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_top_level_permissions_are_read_only(path: Path):
    permissions = _load(path).get("permissions")
    assert permissions is not None, "set top-level permissions (GitHub's default may be write-all)"
    assert isinstance(permissions, dict), f"top-level permissions {permissions!r}: name each scope"
    writes = {scope: level for scope, level in permissions.items() if level != "read"}
    assert not writes, f"write permissions at the top level: {writes}; give them to one job"
    assert set(permissions) <= {"contents"}, permissions


def test_only_the_publishing_workflow_may_write():
    for path in WORKFLOWS:
        if path.name in PUBLISHING:
            continue
        for job_id, job in _load(path).get("jobs", {}).items():
            perms = job.get("permissions") or {}
            if isinstance(perms, str):  # write-all / read-all
                perms = {"*": perms.removesuffix("-all")}
            writes = {scope: level for scope, level in perms.items() if level == "write"}
            if ISSUE_WRITERS.get(path.name) == job_id:
                assert perms == {"issues": "write"}, f"{path.name}: job {job_id} asks {perms}"
                continue
            assert not writes, f"{path.name}: job {job_id} asks for {writes}"


@pytest.mark.parametrize("github", GITHUBS, ids=("this-report", "new-report"))
def test_reminders_list_what_is_due_weekly_in_one_issue(github: Path):
    reminders = _load(github / "workflows" / "reminders.yml")
    assert "schedule" in reminders["on"] and "workflow_dispatch" in reminders["on"]
    (cron,) = [entry["cron"] for entry in reminders["on"]["schedule"]]
    assert cron.split()[2:4] == ["*", "*"] and cron.split()[4].isdigit(), "once a week"
    due, issue = reminders["jobs"]["due"], reminders["jobs"]["issue"]
    assert "permissions" not in due, "the job that runs the project keeps the read-only token"
    scripts = "\n".join(step.get("run", "") for _, step in _steps({"jobs": {"due": due}}))
    assert "report-checks due --format markdown" in scripts
    (update,) = issue["steps"]
    assert "uses" not in update, "the writing job runs no third-party action"
    assert set(update["env"]) == {"GH_TOKEN", "GH_REPO", "BODY"}
    assert "gh issue edit" in update["run"] and "gh issue create" in update["run"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_actions_are_pinned_to_commits_with_their_version(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line.strip() for line in lines if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses, f"{path.name} uses no action?"
    for line in uses:
        ref, _, comment = line.partition("#")
        ref = ref.split("uses:", 1)[1].strip()
        assert SHA_PIN.match(ref), f"{path.name}: {ref} is not pinned to a 40-hex commit"
        assert re.search(r"v\d+(\.\d+)*", comment), f"{path.name}: {ref} has no version comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_expressions_inside_run(path: Path):
    """Event data reaches the shell through env:, never spliced into a script (injection)."""
    for job_id, step in _steps(_load(path)):
        script = step.get("run", "")
        assert "${{" not in script, f"{path.name}: job {job_id}, step {step.get('name')!r}"


@pytest.mark.parametrize("github", GITHUBS, ids=("this-report", "new-report"))
def test_publishing_workflow_restores_no_cache(github: Path):
    for name in PUBLISHING:
        workflow = _load(github / "workflows" / name)
        for job_id, step in _steps(workflow):
            assert "actions/cache" not in step.get("uses", ""), f"{name}: job {job_id} caches"
            assert not (step.get("with") or {}).get("cache"), f"{name}: job {job_id} caches"


def test_checkouts_keep_no_credentials():
    for path in WORKFLOWS:
        for job_id, step in _steps(_load(path)):
            if "actions/checkout" in step.get("uses", ""):
                assert (step.get("with") or {}).get("persist-credentials") is False, (
                    f"{path.name}: job {job_id} leaves the token in .git/config"
                )


@pytest.mark.parametrize(
    ("github", "commands"),
    [
        (GITHUB, ("tox -e html", "tox -e pdf", "tox -e lint", "report-checks lint")),
        # a new report has no code to lint: its lint is report-checks lint
        (TEMPLATE_GITHUB, ("tox -e html", "tox -e pdf", "report-checks lint")),
    ],
    ids=("this-report", "new-report"),
)
def test_review_runs_every_check_and_the_diff(github: Path, commands: tuple[str, ...]):
    review = _load(github / "workflows" / "review.yml")
    assert set(review["on"]) == {"pull_request", "push"}
    assert review["concurrency"]["cancel-in-progress"] is True
    scripts = "\n".join(step.get("run", "") for _, step in _steps(review))
    for command in commands:
        assert command in scripts, command
    assert re.search(r"^\s*tox\s*$", scripts, re.M), "the default tox run (the tests)"
    diff = review["jobs"]["forecast-diff"]
    checkout = diff["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the diff needs both revisions"
    (step,) = [s for s in diff["steps"] if "report-checks diff" in s.get("run", "")]
    assert "GITHUB_STEP_SUMMARY" in step["run"]
    assert set(step["env"]) == {"BASE_SHA", "HEAD_SHA"}


def test_pages_job_alone_holds_pages_permissions():
    publish = _load(GITHUB / "workflows" / "publish.yml")
    for job_id, job in publish["jobs"].items():
        perms = job.get("permissions") or {}
        if job_id == "pages":
            assert perms == {"pages": "write", "id-token": "write"}
            assert job["environment"]["name"] == "github-pages"
        elif job_id == "release-pdf":
            assert perms == {"contents": "write"}
        else:
            assert not perms, f"{job_id}: {perms}"


def test_review_summary_lists_outcomes_waiting_for_a_second_reading():
    review = _load(GITHUB / "workflows" / "review.yml")
    (step,) = [s for _, s in _steps(review) if "report-checks due --readings" in s.get("run", "")]
    assert "--format markdown" in step["run"] and "GITHUB_STEP_SUMMARY" in step["run"]
