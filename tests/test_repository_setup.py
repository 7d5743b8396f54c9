"""The repository's workflow for editors: GitHub workflows (the same commands as .ci/run, least
privilege, actions pinned to commit SHAs), pre-commit, CODEOWNERS, Dependabot, make targets,
system packages and the contributing guide."""

from __future__ import annotations

import re
import subprocess

import yaml

from editor_sites import ROOT
from handbook.editors import doctor as system

SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def _workflow(name: str) -> dict:
    text = (ROOT / ".github/workflows" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_ci_runs_the_same_commands_as_ci_run_with_least_privilege():
    ci = _workflow("ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push"}
    assert ci["permissions"] == {}
    for job in ci["jobs"].values():
        assert set(job["permissions"].values()) == {"read"}, job["permissions"]
    runs = [step.get("run", "") for step in _steps(ci)]
    assert "bash .ci/run" in runs
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    summary = next(run for run in runs if "GITHUB_STEP_SUMMARY" in run)
    assert "status" in summary and "--markdown" in summary
    upload = next(step for step in _steps(ci) if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    checkout = next(step for step in _steps(ci) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "full history for the translation status and dates"


def test_deployment_runs_on_pushes_to_main_only_and_sets_the_site_url():
    deploy = _workflow("deploy.yml")
    assert deploy["on"] == {"push": {"branches": ["main"]}}
    assert deploy["permissions"] == {}
    uses = [step.get("uses", "") for step in _steps(deploy)]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build = deploy["jobs"]["build"]
    step = next(s for s in build["steps"] if "SITE_URL" in s.get("env", {}))
    assert "steps.pages.outputs.base_url" in step["env"]["SITE_URL"] and "build" in step["run"]
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_to_a_full_commit_sha():
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        for step in _steps(_workflow(path.name)):
            if "uses" in step:
                assert SHA_PIN.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a commit SHA"


def test_codeowners_dependabot_template_and_pre_commit():
    owners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/docs/bg/\s+@\S+", owners, re.M) and re.search(r"^/docs/en/\s+@\S+", owners, re.M)
    assert "PLACEHOLDERS" in owners
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "Български" in template and "English" in template and template.count("- [ ]") >= 6
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert [h["entry"] for h in hooks] == ["make check", "make -s status"]
    assert all(h["language"] == "system" and h["pass_filenames"] is False for h in hooks)


def test_make_lists_the_editors_targets():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("status", "check", "new-chapter", "new-worksheet", "linkcheck"):
        assert re.search(rf"^  make {target}\s+\S", out, re.M), target


def test_spelling_packages_are_installed_by_make_test_and_named_in_the_readme():
    packages = {r.package for r in system.REQUIREMENTS}
    assert {"hunspell", "hunspell-bg", "hunspell-en-gb"} <= packages
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in ("hunspell", "hunspell-bg", "hunspell-en-gb"):
        assert f"`{package}`" in readme


def test_contributing_guide_covers_both_languages_and_every_task():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    bulgarian, english = guide.split('<a id="in-english"></a>')
    for part, words in ((bulgarian, ("Поправка на грешка направо в браузъра", "make new-chapter", "make new-worksheet",
                                     "make serve", "Проверките", "Правила за писане")),
                        (english, ("Fix a typo in the browser", "make new-chapter", "make new-worksheet",
                                   "make serve", "The checks", "Writing content"))):
        for word in words:
            assert word in part, word
    # Every check the command line runs is explained in both parts.
    for part in (bulgarian, english):
        for check in ("make status", "make linkcheck", "docs/data/wordlists/", "[no translation]"):
            assert check in part, check
