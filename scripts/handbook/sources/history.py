"""What git knows about the sources: when each file last changed, and in which commits.

One `git log` over docs/ answers every question the translation status and the "last updated"
line need. Nothing here fails: outside a git work tree, without git, or for a file that is not
committed yet the answers are simply "unknown", and callers show no date rather than a wrong one.

Shallow clones (CI checks out one commit by default) are handled honestly: the oldest commit of
a shallow history looks as if it had added every file, so a file whose latest change is that
boundary commit has no trustworthy date and gets none.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# A commit whose message contains this marker changed wording in one language only (a typo, a
# link) and needs no translation: the translation status does not count it.
NO_TRANSLATION_MARKER = "[no translation]"


@dataclass(frozen=True)
class Commit:
    sha: str
    timestamp: int
    message: str
    files: frozenset = field(default_factory=frozenset)
    uncommitted: bool = False  # the working tree's changes, as a pseudo-commit

    @property
    def date(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.timestamp, dt.timezone.utc).date()

    @property
    def short(self) -> str:
        return "uncommitted" if self.uncommitted else self.sha[:7]

    @property
    def needs_no_translation(self) -> bool:
        return NO_TRANSLATION_MARKER in self.message.lower()


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    if shutil.which("git") is None:
        return None
    try:
        return subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None


class History:
    """The commits that touched `pathspec` under `root`, newest first, plus uncommitted changes.

    Paths are relative to `root` (e.g. "docs/bg/index.md"), whether or not `root` is the top of
    the repository.
    """

    def __init__(self, root: Path, pathspec: str = "docs"):
        self.root = Path(root).resolve()
        self.available = False
        self.shallow = False
        self.boundary: set[str] = set()
        self.commits: list[Commit] = []
        self.uncommitted: set[str] = set()
        inside = _git(self.root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
        if inside is None or inside.returncode != 0:
            return
        answers = inside.stdout.splitlines()
        if not answers or answers[0].strip() != "true":
            return
        prefix = answers[1].strip() if len(answers) > 2 else ""
        self.shallow = answers[-1].strip() == "true"
        self.available = True
        if self.shallow:
            shallow_file = _git(self.root, "rev-parse", "--git-path", "shallow")
            if shallow_file is not None and shallow_file.returncode == 0:
                path = Path(shallow_file.stdout.strip())
                path = path if path.is_absolute() else self.root / path
                if path.exists():
                    self.boundary = set(path.read_text().split())
        log = _git(self.root, "log", "--no-renames", "--relative", "--name-only",
                   "--format=%x1e%H%x1f%ct%x1f%B%x1f", "--", pathspec)
        if log is not None and log.returncode == 0:
            self.commits = list(_parse_log(log.stdout))
        status = _git(self.root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
                      "--", pathspec)
        if status is not None and status.returncode == 0:
            for entry in status.stdout.split("\0"):
                if len(entry) > 3:
                    path = entry[3:]
                    if prefix and path.startswith(prefix):
                        path = path[len(prefix):]
                    self.uncommitted.add(path)

    def last_commit(self, path: str) -> Commit | None:
        for commit in self.commits:
            if path in commit.files:
                return commit
        return None

    def last_updated(self, path: str) -> dt.date | None:
        """The date of the file's last committed change, or None when that date is not known for
        sure: no git, file not committed or changed since, or history cut off by a shallow clone."""
        if not self.available or path in self.uncommitted:
            return None
        commit = self.last_commit(path)
        if commit is None or commit.sha in self.boundary:
            return None
        return commit.date

    def changes(self, paths: set[str]) -> list[Commit]:
        """Commits touching any of `paths`, oldest first, ending with the uncommitted changes."""
        found = [c for c in reversed(self.commits) if c.files & paths]
        pending = frozenset(p for p in paths if p in self.uncommitted)
        if pending:
            now = int(dt.datetime.now(dt.timezone.utc).timestamp())
            found.append(Commit("", now, "", pending, uncommitted=True))
        return found


def _parse_log(output: str):
    for record in output.split("\x1e"):
        if not record.strip():
            continue
        parts = record.split("\x1f")
        if len(parts) < 4:
            continue
        sha, timestamp, message, names = parts[0].strip(), parts[1].strip(), parts[2], parts[3]
        files = frozenset(line.strip() for line in names.splitlines() if line.strip())
        yield Commit(sha, int(timestamp), message, files)
