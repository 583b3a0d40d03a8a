"""Hyphenation dictionaries, parsed once and kept on disk.

WeasyPrint hyphenates with pyphen, which parses a language's dictionary the first time a process
meets the language: 0.3-0.4 s each, paid again by every render process of every build. Here each
parsed dictionary is kept in ``.cache/hyphenation/`` (keyed by the dictionary file and pyphen's
version) and put into pyphen's own dictionary cache before WeasyPrint asks for it: loading takes
0.03 s. Reading the kept file admits only pyphen's two classes, never arbitrary objects.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterable
from pathlib import Path

from ..atomic import write_atomic

#: The classes a kept dictionary is made of (besides plain containers, strings and numbers).
ALLOWED_CLASSES = {("pyphen", "HyphDict"), ("pyphen", "DataInt")}


class _DictionaryUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) not in ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a hyphenation dictionary")
        return super().find_class(module, name)


def _kept_path(dictionary: Path, cache_dir: Path, version: str) -> Path:
    status = dictionary.stat()
    key = hashlib.sha256(f"{dictionary}|{status.st_size}|{status.st_mtime_ns}|{version}".encode()).hexdigest()
    return cache_dir / "hyphenation" / f"{dictionary.stem}-{key[:16]}.pickle"


def _load(dictionary: Path, cache_dir: Path) -> object:
    """The parsed dictionary: kept on disk, or parsed now and kept."""
    import pyphen

    kept = _kept_path(dictionary, cache_dir, getattr(pyphen, "VERSION", ""))
    try:
        parsed = _DictionaryUnpickler(io.BytesIO(kept.read_bytes())).load()
        if isinstance(parsed, pyphen.HyphDict):
            return parsed
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass
    parsed = pyphen.HyphDict(dictionary)
    write_atomic(kept, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
    return parsed


def preload_dictionaries(languages: Iterable[str], cache_dir: Path) -> None:
    """Make the hyphenation dictionaries of ``languages`` (BCP 47 tags) ready in this process."""
    import pyphen

    for lang in languages:
        name = pyphen.language_fallback(lang)
        if name is None:
            continue
        dictionary = pyphen.LANGUAGES[name]
        if dictionary not in pyphen.hdcache:
            pyphen.hdcache[dictionary] = _load(Path(dictionary), cache_dir)
