"""The CI files: they parse, run what the README promises, and publish only main; the weekly
external link check runs on its own and never deploys.

GitHub Actions (.github/workflows/), Forgejo/Codeberg Actions (.forgejo/workflows/, GitHub's
syntax) and GitLab CI (.gitlab-ci.yml). No pipeline runs here: the files are checked against
the Makefile, .ci/run and the README section "Automatisch veröffentlichen (CI)". The small
parsers are tested on strings too, so a typo'd target or a bypassable branch condition is
known to fail the checks.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from sitetools.deploy.config import VARIABLES

ROOT = Path(__file__).resolve().parent.parent
GITHUB_DIR = ROOT / ".github" / "workflows"
FORGEJO_DIR = ROOT / ".forgejo" / "workflows"
GITLAB_FILE = ROOT / ".gitlab-ci.yml"
CI_RUN = ROOT / ".ci" / "run"
README_HEADING = "## Automatisch veröffentlichen (CI)"
WEBSITE = "website.yml"  # tests, preview and deploy
LINKS = "links.yml"  # the weekly `make links`, a workflow of its own
LINKS_PIPELINE = '$CI_PIPELINE_SOURCE == "schedule" && $LINKS_CHECK == "1"'

# What `make deploy` reads from the environment, except the *_FILE ones (a file on the
# volunteer's machine): CI passes every one of them, so an admin's setting is never ignored.
DEPLOY_VARIABLES = [name for name in VARIABLES if not name.endswith("_FILE")]
SECRET_VARIABLES = {"DEPLOY_SSH_KEY"}  # never a plain (readable) variable
MAIN_ONLY = "github.ref == 'refs/heads/main'"
GITLAB_DEFAULT_BRANCH = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
# Top-level GitLab keys that are not jobs.
GITLAB_KEYWORDS = {
    "default",
    "workflow",
    "stages",
    "variables",
    "include",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
}


def actions_files():
    return sorted(
        path
        for folder in (GITHUB_DIR, FORGEJO_DIR)
        if folder.is_dir()
        for path in folder.iterdir()
        if path.suffix in (".yml", ".yaml")
    )


def website_files():
    """The Actions workflows that test and publish (not the weekly link check)."""
    return [path for path in actions_files() if path.name == WEBSITE]


def links_files():
    return [path for path in actions_files() if path.name == LINKS]


def ci_files():
    return [*actions_files(), GITLAB_FILE]


def publishing_ci_files():
    return [*website_files(), GITLAB_FILE]


def load(path):
    with open(path, encoding="utf-8") as handle:  # a YAML error then names file and line
        return yaml.safe_load(handle)


def ids(paths):
    return [str(path.relative_to(ROOT)) for path in paths]


# --- Reading the files -------------------------------------------------------------------


def triggers(workflow):
    """The `on:` mapping of an Actions workflow (YAML 1.1 reads the key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def actions_commands(job):
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def gitlab_jobs(config):
    return {
        name: job
        for name, job in config.items()
        if name not in GITLAB_KEYWORDS and not name.startswith(".") and isinstance(job, dict)
    }


def gitlab_commands(job):
    commands = []
    for key in ("before_script", "script", "after_script"):
        value = job.get(key, [])
        commands.extend([value] if isinstance(value, str) else value)
    return commands


def all_jobs():
    """(file, job id, job, shell commands) for every job of every CI file."""
    for path in actions_files():
        for name, job in load(path)["jobs"].items():
            yield path, name, job, actions_commands(job)
    for name, job in gitlab_jobs(load(GITLAB_FILE)).items():
        yield GITLAB_FILE, name, job, gitlab_commands(job)


def condition(text):
    """A GitHub `if:` without `${{ }}`, whitespace normalised."""
    text = str(text or "").strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    return " ".join(text.replace('"', "'").split())


def only_on(expression, required):
    """True if `expression` holds only when `required` holds: it is a conjunction with it."""
    expression = " ".join(str(expression or "").split())
    return required in expression and "||" not in expression and "!" + required not in expression


# --- make targets ------------------------------------------------------------------------

RULE = re.compile(r"^([^\s:=#][^:=]*?)\s*::?(?!=)", re.MULTILINE)
COMMENT = re.compile(r"(?:^|\s)#.*$")
MAKE_OPTIONS_WITH_VALUE = {"-C", "-f", "-I", "-o", "-W", "--directory", "--file"}


def makefile_targets(text):
    """Explicit targets of a Makefile: rule names without variables or a leading dot."""
    return {
        name
        for match in RULE.finditer(text)
        for name in match.group(1).split()
        if "$" not in name and not name.startswith(".")
    }


def make_targets(script):
    """The targets of every `make` call in a shell snippet (`make` alone: the default goal)."""
    found = []
    for line in re.sub(r"\\\n", " ", script).splitlines():  # join continued lines first
        for command in re.split(r"&&|\|\||[;|()]", COMMENT.sub("", line)):
            words = command.split()
            while words and (
                words[0] in ("then", "do", "else", "exec", "time", "{")
                or re.fullmatch(r"[A-Za-z_]\w*=\S*", words[0])
            ):
                words.pop(0)
            if not words or words[0] != "make":
                continue
            targets, skip = [], False
            for word in words[1:]:
                if skip:
                    skip = False
                elif word in MAKE_OPTIONS_WITH_VALUE:
                    skip = True
                elif not word.startswith("-") and not re.search(r"[=<>]", word):
                    targets.append(word)
            found.extend(targets or ["<default goal>"])
    return found


def unknown_targets(scripts, known):
    return sorted(
        {
            target
            for script in scripts
            for target in make_targets(script)
            if target not in known and target != "<default goal>"
        }
    )


MAKEFILE_TARGETS = makefile_targets((ROOT / "Makefile").read_text(encoding="utf-8"))


def used_targets():
    scripts = [command for _, _, _, commands in all_jobs() for command in commands]
    scripts.append(CI_RUN.read_text(encoding="utf-8"))
    return sorted({target for script in scripts for target in make_targets(script)})


def job_targets(commands):
    return [target for command in commands for target in make_targets(command)]


def runs_ci_script(commands):
    return any(
        line.strip() == "bash .ci/run" for command in commands for line in command.splitlines()
    )


def deploy_jobs():
    return [
        (path, name, job, commands)
        for path, name, job, commands in all_jobs()
        if "deploy" in job_targets(commands)
    ]


# --- The parsers themselves --------------------------------------------------------------


def test_make_target_parser_reads_calls_and_ignores_comments_and_variables():
    script = (
        "cd site && make deploy DRY_RUN=1  # make sure\n"
        "CI=true make -C . test; make\n"
        "if true; then make publish-build; fi\n"
        "apt-get install -y \\\n  make rsync >/dev/null\n"
        "make build 2>&1 >/dev/null\n"
        "echo 'nothing to make here'"
    )
    assert make_targets(script) == ["deploy", "test", "<default goal>", "publish-build", "build"]


def test_a_typo_in_a_target_is_caught():
    assert unknown_targets(["make biuld", "make deploy"], {"build", "deploy"}) == ["biuld"]


def test_makefile_parser_finds_rules_but_not_variables_or_recipes():
    text = (
        "PY ?= python3\nV := .venv\n.PHONY: build\n$(V)/ok: lock\n\ttouch $@\n"
        'build: $(V)/ok\n\t@echo "make it: now"\n# old: rule\npublish-build deploy: build\n'
    )
    assert makefile_targets(text) == {"build", "publish-build", "deploy"}


def test_the_main_only_check_rejects_a_bypassable_condition():
    assert only_on(MAIN_ONLY, MAIN_ONLY)
    assert only_on(f"{MAIN_ONLY} && github.event_name != 'pull_request'", MAIN_ONLY)
    assert not only_on(f"{MAIN_ONLY} || github.event_name == 'workflow_dispatch'", MAIN_ONLY)
    assert not only_on("github.event_name == 'push'", MAIN_ONLY)


# --- Every file -------------------------------------------------------------------------


def test_there_are_workflows_for_github_forgejo_and_gitlab():
    assert list(GITHUB_DIR.glob("*.yml")), "no GitHub workflow in .github/workflows/"
    assert list(FORGEJO_DIR.glob("*.yml")), "no Forgejo workflow in .forgejo/workflows/"
    assert GITLAB_FILE.is_file()


@pytest.mark.parametrize("path", ci_files(), ids=ids(ci_files()))
def test_file_is_valid_yaml_with_jobs(path):
    config = load(path)
    assert isinstance(config, dict)
    jobs = config["jobs"] if path != GITLAB_FILE else gitlab_jobs(config)
    assert jobs, f"{path.name} defines no jobs"


def test_every_make_target_used_in_ci_exists_in_the_makefile():
    assert MAKEFILE_TARGETS >= {"build", "test", "publish-build", "deploy"}
    assert unknown_targets([f"make {target}" for target in used_targets()], MAKEFILE_TARGETS) == []


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
@pytest.mark.parametrize("target", used_targets())
def test_make_accepts_every_target_used_in_ci(target):
    """make itself agrees (`-n`: prints the commands, runs none)."""
    goal = [] if target == "<default goal>" else [target]
    result = subprocess.run(["make", "-n", "-C", str(ROOT), *goal], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", [*ci_files(), CI_RUN], ids=ids([*ci_files(), CI_RUN]))
def test_host_key_checking_is_never_switched_off(path):
    """The web host's key comes from DEPLOY_KNOWN_HOSTS, checked once by an admin."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(
        r"StrictHostKeyChecking\W*(no|off|false|accept-new)\b", text, re.IGNORECASE
    )
    assert not re.search(r"UserKnownHostsFile\W*/dev/null", text, re.IGNORECASE)
    # Scanning in CI would trust whoever answers; the README has the manual, checked way.
    assert "ssh-keyscan" not in text


def test_every_ci_file_runs_the_tests_with_ci_run_and_nothing_else():
    """.ci/run (apt packages, then `make test`) is the one way CI runs the tests."""
    assert make_targets(CI_RUN.read_text(encoding="utf-8")) == ["test"]
    for path in publishing_ci_files():
        jobs = [(name, commands) for p, name, _, commands in all_jobs() if p == path]
        assert any(runs_ci_script(commands) for _, commands in jobs), path.name
    for path in ci_files():
        jobs = [(name, commands) for p, name, _, commands in all_jobs() if p == path]
        for name, commands in jobs:
            assert "test" not in job_targets(commands), f"{path.name}/{name}: use bash .ci/run"
            assert not any("pytest" in command for command in commands), f"{path.name}/{name}"


def test_deploy_runs_only_after_a_production_build_in_the_same_job():
    """`make deploy` refuses output/ that is not from `make publish-build` (manifest)."""
    assert len(deploy_jobs()) == len(publishing_ci_files())
    for path, name, _, commands in deploy_jobs():
        targets = job_targets(commands)
        assert "publish-build" in targets, f"{path.name}/{name}"
        assert targets.index("publish-build") < targets.index("deploy"), f"{path.name}/{name}"
        assert "build" not in targets, f"{path.name}/{name}: a preview build would be published"


def test_only_deploy_jobs_see_deploy_settings_and_secrets():
    """Jobs of pull/merge requests run code from anyone; they get no secrets."""
    deploying = {(path, name) for path, name, _, _ in deploy_jobs()}
    for path, name, job, _ in all_jobs():
        if (path, name) in deploying:
            continue
        text = yaml.safe_dump(job)
        assert "secrets." not in text and "DEPLOY_" not in text, f"{path.name}/{name}"


def test_the_production_image_cache_is_used_by_preview_and_deploy():
    for path, name, job, commands in all_jobs():
        if not {"build", "publish-build"} & set(job_targets(commands)):
            continue
        if path == GITLAB_FILE:
            paths = job.get("cache", {}).get("paths", [])
            assert "cache/images/" in paths, f"{path.name}/{name}"
        else:
            caches = {
                step["uses"].split("@")[0].rsplit("actions/", 1)[-1]: step["with"]["path"]
                for step in job["steps"]
                if "actions/cache" in step.get("uses", "")
            }
            # Pull requests only read it: code from a pull request must not be able to
            # plant image variants that main would then publish.
            kind = "cache/restore" if "build" in job_targets(commands) else "cache"
            assert caches == {kind: "cache/images"}, f"{path.name}/{name}: {caches}"


# --- GitHub and Forgejo Actions ---------------------------------------------------------


@pytest.mark.parametrize("path", website_files(), ids=ids(website_files()))
def test_actions_triggers(path):
    on = triggers(load(path))
    assert "pull_request" in on
    assert "pull_request_target" not in on, "would give pull requests from forks the secrets"
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1 and len(crons[0].split()) == 5
    assert crons[0].split()[2:] == ["*", "*", "*"], "the site must be rebuilt every day"


@pytest.mark.parametrize("path", actions_files(), ids=ids(actions_files()))
def test_actions_permissions_are_read_only(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        assert "write" not in str(job.get("permissions", "")), name


@pytest.mark.parametrize("path", actions_files(), ids=ids(actions_files()))
def test_actions_are_pinned_to_a_major_version(path):
    for job in load(path)["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(
                    r"(https://[\w.-]+/)?[\w.-]+/[\w.-]+(/[\w.-]+)?@v\d+", step["uses"]
                ), step["uses"]


@pytest.mark.parametrize("path", actions_files(), ids=ids(actions_files()))
def test_actions_jobs_run_in_debian(path):
    for name, job in load(path)["jobs"].items():
        image = job["container"] if isinstance(job["container"], str) else job["container"]["image"]
        assert image.endswith("-bookworm"), f"{name}: {image}"


@pytest.mark.parametrize("path", website_files(), ids=ids(website_files()))
def test_actions_deploy_only_main_after_the_tests_one_at_a_time(path):
    jobs = load(path)["jobs"]
    test_jobs = {name for name, job in jobs.items() if runs_ci_script(actions_commands(job))}
    deploys = [name for name, job in jobs.items() if "deploy" in job_targets(actions_commands(job))]
    assert deploys
    for name in deploys:
        job = jobs[name]
        assert only_on(condition(job.get("if")), MAIN_ONLY), f"{name}: if: {job.get('if')!r}"
        needs = job.get("needs", [])
        assert test_jobs & set([needs] if isinstance(needs, str) else needs), name
        assert job["concurrency"]["group"]
        assert job["concurrency"]["cancel-in-progress"] is False
        if GITHUB_DIR in path.parents:
            assert job["environment"], "GitHub: deploy from an environment (e.g. production)"


@pytest.mark.parametrize("path", actions_files(), ids=ids(actions_files()))
def test_actions_deploy_step_gets_every_setting_from_secrets_or_variables(path):
    for _, name, job, _ in (entry for entry in deploy_jobs() if entry[0] == path):
        env = {}
        for step in job["steps"]:
            if "make deploy" in step.get("run", ""):
                env = step.get("env", {})
        for variable in DEPLOY_VARIABLES:
            source = "secrets" if variable in SECRET_VARIABLES else "(secrets|vars)"
            assert re.fullmatch(rf"\$\{{\{{ {source}\.{variable} \}}\}}", env.get(variable, "")), (
                f"{name}: {variable}: {env.get(variable)!r}"
            )


@pytest.mark.parametrize("path", website_files(), ids=ids(website_files()))
def test_actions_pull_requests_get_a_preview_artifact(path):
    jobs = load(path)["jobs"]
    previews = [job for job in jobs.values() if "build" in job_targets(actions_commands(job))]
    assert len(previews) == 1
    preview = previews[0]
    assert condition(preview["if"]) == "github.event_name == 'pull_request'"
    uploads = [
        step["with"] for step in preview["steps"] if "upload-artifact@" in step.get("uses", "")
    ]
    assert uploads and "output/" in uploads[0]["path"] and "reports/a11y/" in uploads[0]["path"]
    assert 1 <= int(uploads[0]["retention-days"]) <= 14


def test_there_are_website_and_link_check_workflows_for_github_and_forgejo():
    assert {p.relative_to(ROOT).as_posix() for p in [*website_files(), *links_files()]} == {
        f"{folder}/{name}"
        for folder in (".github/workflows", ".forgejo/workflows")
        for name in (WEBSITE, LINKS)
    }


def test_forgejo_runs_the_same_jobs_and_commands_as_github():
    for github in GITHUB_DIR.glob("*.yml"):
        forgejo = FORGEJO_DIR / github.name
        assert forgejo.is_file(), f"{forgejo.relative_to(ROOT)} is missing"
        a, b = load(github), load(forgejo)
        assert triggers(a) == triggers(b)
        assert a["jobs"].keys() == b["jobs"].keys()
        for name in a["jobs"]:
            ja, jb = a["jobs"][name], b["jobs"][name]
            assert condition(ja.get("if")) == condition(jb.get("if")), name
            assert ja.get("needs") == jb.get("needs"), name
            commands_a, commands_b = actions_commands(ja), actions_commands(jb)
            assert job_targets(commands_a) == job_targets(commands_b), name
            assert runs_ci_script(commands_a) == runs_ci_script(commands_b), name


@pytest.mark.parametrize("path", links_files(), ids=ids(links_files()))
def test_actions_check_links_weekly_or_by_hand_only_and_upload_the_report(path):
    """Other people's servers are asked only when scheduled or asked: never for a push or a
    pull request, never before a deploy (a workflow of its own, so it cannot hold one up)."""
    workflow = load(path)
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1
    _minute, _hour, day, month, weekday = crons[0].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    jobs = workflow["jobs"]
    assert [job_targets(actions_commands(job)) for job in jobs.values()] == [["links"]]
    (job,) = jobs.values()
    assert "if" not in job and "needs" not in job
    uploads = [step for step in job["steps"] if "upload-artifact@" in step.get("uses", "")]
    assert len(uploads) == 1
    # Uploaded also when the check found a broken link (and so failed).
    assert condition(uploads[0]["if"]) == "!cancelled()"
    assert uploads[0]["with"]["path"].strip() == "reports/links/"
    assert 1 <= int(uploads[0]["with"]["retention-days"]) <= 30


def test_only_the_link_check_runs_make_links():
    for path, name, _job, commands in all_jobs():
        if "links" in job_targets(commands):
            assert path.name in (LINKS, GITLAB_FILE.name) and name == "links", path.name
            assert job_targets(commands) == ["links"]


# --- GitLab ------------------------------------------------------------------------------


def test_gitlab_pipelines_run_for_merge_requests_and_the_default_branch():
    rules = [rule.get("if", "") for rule in load(GITLAB_FILE)["workflow"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in rules
    assert GITLAB_DEFAULT_BRANCH in rules  # pushes, pipeline schedules and manual runs


def test_gitlab_deploys_only_the_default_branch_after_the_tests_one_at_a_time():
    config = load(GITLAB_FILE)
    jobs = gitlab_jobs(config)
    stages = config["stages"]
    test_stages = {
        job.get("stage", "test") for job in jobs.values() if runs_ci_script(gitlab_commands(job))
    }
    deploys = [name for name, job in jobs.items() if "deploy" in job_targets(gitlab_commands(job))]
    assert deploys
    for name in deploys:
        job = jobs[name]
        rules = [rule for rule in job["rules"] if rule.get("when") != "never"]
        assert rules and all(only_on(rule.get("if"), GITLAB_DEFAULT_BRANCH) for rule in rules), name
        assert all(stages.index(job["stage"]) > stages.index(stage) for stage in test_stages)
        assert job["resource_group"]
        assert job["interruptible"] is False
        assert "needs" not in job  # `needs: []` would start it before the tests


def test_gitlab_merge_requests_get_a_preview_artifact():
    jobs = gitlab_jobs(load(GITLAB_FILE))
    previews = [job for job in jobs.values() if "build" in job_targets(gitlab_commands(job))]
    assert len(previews) == 1
    preview = previews[0]
    assert [rule["if"] for rule in preview["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"'
    ]
    assert {"output/", "reports/a11y/"} <= set(preview["artifacts"]["paths"])
    assert preview["artifacts"]["expire_in"]
    assert re.fullmatch(r"[\w\- ]+", preview["artifacts"]["expose_as"])


def test_gitlab_checks_links_only_in_the_weekly_schedule_and_nothing_else_then():
    text = GITLAB_FILE.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert "LINKS_CHECK = 1" in header and "Pipeline schedules" in header
    jobs = gitlab_jobs(load(GITLAB_FILE))
    links = jobs["links"]
    assert [rule["if"] for rule in links["rules"]] == [LINKS_PIPELINE]
    assert links["artifacts"]["when"] == "always"
    assert links["artifacts"]["paths"] == ["reports/links/"]
    assert links["artifacts"]["expire_in"]
    # In that pipeline neither the tests nor the deploy run: the first rule rules them out.
    for name, job in jobs.items():
        commands = gitlab_commands(job)
        if runs_ci_script(commands) or "deploy" in job_targets(commands):
            assert job["rules"][0] == {"if": '$LINKS_CHECK == "1"', "when": "never"}, name


def test_gitlab_image_is_debian():
    config = load(GITLAB_FILE)
    assert config["default"]["image"].endswith("-bookworm")
    assert not any("image" in job for job in gitlab_jobs(config).values())


# --- README ------------------------------------------------------------------------------


def readme_section():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_HEADING in text, f"README.md has no section {README_HEADING!r}"
    section = text.split(README_HEADING, 1)[1]
    return re.split(r"^## ", section, maxsplit=1, flags=re.MULTILINE)[0]


def variables_used_in_ci():
    names = set()
    for path in actions_files():
        names |= set(re.findall(r"\b(?:secrets|vars)\.(\w+)", path.read_text(encoding="utf-8")))
    names |= set(
        re.findall(r"\$\{?((?:DEPLOY|SITEURL)\w*)", GITLAB_FILE.read_text(encoding="utf-8"))
    )
    return sorted(names)


def test_the_variable_scanner_finds_secrets_vars_and_gitlab_variables():
    assert {"DEPLOY_SSH_KEY", "DEPLOY_HOST", "SITEURL", "DEPLOY_SSH_KEY_BASE64"} <= set(
        variables_used_in_ci()
    )


@pytest.mark.parametrize("name", sorted({*variables_used_in_ci(), *DEPLOY_VARIABLES, "SITEURL"}))
def test_every_ci_variable_is_documented_in_the_readme(name):
    assert re.search(rf"`{name}`", readme_section()), f"README: document `{name}`"


def test_readme_explains_how_to_get_the_host_key_safely():
    section = readme_section()
    assert "ssh-keyscan -p" in section
    assert "ssh-keygen -lf" in section
    assert "StrictHostKeyChecking" in section


def test_ci_sets_only_variables_that_deploy_reads():
    """A misspelt or renamed variable in a workflow fails here, not at 3 a.m."""
    used = {name for name in variables_used_in_ci() if name.startswith("DEPLOY_")}
    # GitLab stores the key base64-encoded (it cannot mask line breaks) and decodes it.
    assert used - set(VARIABLES) == {"DEPLOY_SSH_KEY_BASE64"}


def test_readme_tells_volunteers_how_to_hand_in_a_text_who_publishes_and_when():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Einen fertigen Text abgeben", 1)[1].split("\n## ", 1)[0]
    for needed in (
        "IT-Gruppe",  # without any program: send it
        "Pull Request",  # in the browser, on the repository host
        "Merge Request",
        "**Wer veröffentlicht:**",
        "**Wie lange es dauert:**",
    ):
        assert needed in section, needed
