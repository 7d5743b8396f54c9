"""The repository's workflow for editors: GitHub workflows (the same commands as .ci/run, least
privilege, actions pinned to commit SHAs), pre-commit, CODEOWNERS syntax and owners, Dependabot,
system packages and the contributing guide."""

from __future__ import annotations

import re

import yaml

from support import ROOT
from handbook.editors import doctor as system
from handbook.sources.history import NO_TRANSLATION_MARKER

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
    """Deployment follows a successful CI run of a push to main, and publishes that very commit."""
    deploy = _workflow("deploy.yml")
    assert deploy["on"] == {"workflow_run": {"workflows": [_workflow("ci.yml")["name"]], "types": ["completed"],
                                             "branches": ["main"]}}
    condition = deploy["jobs"]["build"]["if"]
    assert "workflow_run.conclusion == 'success'" in condition and "workflow_run.event == 'push'" in condition
    checkout = next(step for step in _steps(deploy) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
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


# GitHub's CODEOWNERS: `pattern owner…` per line; owners are @user, @org/team or an e-mail address;
# GitHub does not support `!` negation, `[ ]` ranges or `\#` escapes, and ignores such lines.
OWNER = re.compile(r"^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def _codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for number, line in enumerate((ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines(), 1):
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        assert owners, f"CODEOWNERS:{number}: {pattern} has no owner"
        assert not pattern.startswith("!") and "[" not in pattern and "\\" not in pattern, \
            f"CODEOWNERS:{number}: {pattern} uses syntax GitHub does not support"
        for owner in owners:
            assert OWNER.match(owner), f"CODEOWNERS:{number}: “{owner}” is not @user, @org/team or an e-mail"
        if pattern.startswith("/") and not any(ch in pattern for ch in "*?"):
            assert (ROOT / pattern.strip("/")).exists(), f"CODEOWNERS:{number}: {pattern} does not exist"
        rules.append((pattern, owners))
    return rules


def _owners_of(rules, path: str) -> list[str]:
    """The owners GitHub picks for `path`: the last matching line wins (the patterns used here:
    `*`, anchored folders `/a/b/` and anchored files `/a/b.txt`)."""
    found = []
    for pattern, owners in rules:
        if pattern == "*" or (pattern.endswith("/") and ("/" + path).startswith(pattern)) or "/" + path == pattern:
            found = owners
    return found


def test_codeowners_dependabot_template_and_pre_commit():
    rules = _codeowners()
    assert rules[0][0] == "*", "a default owner for every file comes first"
    bg, en = _owners_of(rules, "docs/bg/index.md"), _owners_of(rules, "docs/en/index.md")
    assert bg and en and set(bg) != set(en), "each language folder is reviewed by its own editors"
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "Български" in template and "English" in template and template.count("- [ ]") >= 6
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert [h["entry"] for h in hooks] == ["make check", "make -s status"]
    assert all(h["language"] == "system" and h["pass_filenames"] is False for h in hooks)


def test_spelling_packages_are_installed_by_make_test_and_named_in_the_readme():
    packages = {r.package for r in system.REQUIREMENTS}
    assert {"hunspell", "hunspell-bg", "hunspell-en-gb"} <= packages
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in sorted(packages):  # the README's table of what pip cannot install
        assert f"`{package}`" in readme, package


def test_contributing_guide_covers_both_languages_and_every_task():
    """Both halves of the guide name every command an editor runs and what the checks read."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    bulgarian, english = guide.split('<a id="in-english"></a>')
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    editors = [target for target in ("serve", "check", "status", "new-chapter", "new-worksheet", "linkcheck")
               if re.search(rf"^{target}:.*## ", makefile, re.M)]
    assert len(editors) == 6, "every editor's task is a make target"
    for part in (bulgarian, english):
        for name in [f"make {target}" for target in editors] + ["docs/data/wordlists/", NO_TRANSLATION_MARKER]:
            assert name in part, name
