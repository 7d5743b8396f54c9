"""Compare two built sites: the same files, and the same HTML, JSON and XML after normalising what
legitimately changes between builds (content-addressed asset names, the build date).

    python -m devtools.sitediff SITE_BEFORE SITE_AFTER

For a refactoring, this is the test that behaviour did not change: it prints every file only one
site has and a short diff of every text file that differs, and exits 1 if anything does. Binary
downloads (PDF, DOCX, ZIP) are compared by presence only: their bytes carry dates and cache keys.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

TEXT = {".html", ".json", ".xml", ".js", ".css", ".txt", ".conf", ""}
_FINGERPRINT = re.compile(r"\.[0-9a-f]{8,16}(?=\.(?:min\.)?(?:css|js|svg|png|woff2|json)\b)")
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]{44}'")
_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def normalise_name(rel: str) -> str:
    return _FINGERPRINT.sub(".#", rel)


def normalise_text(text: str) -> str:
    return _DATE.sub("DATE", _HASH.sub("'sha256-…'", _FINGERPRINT.sub(".#", text)))


def files(site: Path) -> dict[str, Path]:
    return {normalise_name(p.relative_to(site).as_posix()): p for p in sorted(site.rglob("*")) if p.is_file()}


def compare(before: Path, after: Path, out=print, context: int = 1, limit: int = 40) -> int:
    old, new = files(before), files(after)
    differences = 0
    for rel in sorted(set(old) - set(new)):
        out(f"only in {before}: {rel}")
        differences += 1
    for rel in sorted(set(new) - set(old)):
        out(f"only in {after}: {rel}")
        differences += 1
    for rel in sorted(set(old) & set(new)):
        if Path(rel).suffix not in TEXT:
            continue
        a = normalise_text(old[rel].read_text(encoding="utf-8", errors="replace"))
        b = normalise_text(new[rel].read_text(encoding="utf-8", errors="replace"))
        if a == b:
            continue
        differences += 1
        out(f"differs: {rel}")
        split = (lambda t: re.split(r"(?<=>)", t)) if rel.endswith(".html") else str.splitlines
        diff = list(difflib.unified_diff(split(a), split(b), lineterm="", n=context))
        for line in diff[2:limit]:
            out("    " + line[:200])
    out(f"{differences} difference(s) between {len(old)} and {len(new)} files")
    return 1 if differences else 0


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__)
        return 2
    return compare(Path(args[0]), Path(args[1]))


if __name__ == "__main__":
    sys.exit(main())
