"""Is the installed llama.cpp the portable build? And what does this CPU offer?

Owns the check that llama.cpp's shared libraries hold no AVX-512 or AMX code, and the reading of
the CPU's feature flags that the model self-check names when the model child crashes.

Why: ggml compiles with -march=native unless told otherwise, so a build carries the build machine's
instruction set. Its AMX path segfaults on the first decode (llama.cpp issue 20824) and AVX-512 code
dies with SIGILL on a laptop without it; a frozen app (`make package`) would carry either to every
laptop IT installs it on. packaging/build_llama.sh builds for the baseline (x86-64 with AVX2, FMA,
F16C; packaging/README.md); this check proves the result, statically: objdump disassembles the
libraries, nothing is loaded. Set-up runs it after installing the wheel, `make package` on the
bundled copy: ``python -m app.core.models.buildcheck [LIB_DIR]``.
"""

from __future__ import annotations

import importlib.util
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from app.core.messages import tr
from app.core.models.manifest import sha256_of

# In objdump's AT&T syntax (one instruction a line, after a tab): AVX-512 names zmm registers, opmask
# registers (k0-k7) and embedded broadcasts ({1toN}); AMX names tile registers (tmm0-7) and has its
# own instructions. Symbol lines ("<ggml_backend_amx_mul_mat>:") start with "<" and never match.
_PATTERNS = {
    "AMX": re.compile(r"^\t.*%tmm\d.*$|^\t(?:ldtilecfg|sttilecfg|tileloadd\w*|tilestored|tilerelease|tilezero|tdp\w+)\b.*$",
                      re.MULTILINE),
    "AVX-512": re.compile(r"^\t.*(?:%zmm\d|%k[0-7]\b|\{1to\d+\}).*$", re.MULTILINE),
}
_CHUNK = 1 << 20

# The CPU flags (Linux /proc/cpuinfo names) that decide whether a build runs here.
CPU_FLAGS = ("avx2", "fma", "f16c", "avx512f", "amx_tile", "amx_int8")


@dataclass(frozen=True)
class Finding:
    library: str
    feature: str  # "AVX-512" or "AMX"
    example: str  # one offending instruction, as objdump prints it


def llama_lib_dir() -> Path | None:
    """llama_cpp/lib of the installed llama-cpp-python, found without loading it."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "lib"


def is_x86_64() -> bool:
    return platform.machine().lower() in ("x86_64", "amd64")


def scan_library(path: Path, objdump: str = "objdump") -> list[Finding]:
    """The first AVX-512 and the first AMX instruction in one shared object (at most one of each).

    The disassembly (tens of MB for libllama) is searched a megabyte at a time, whole lines only."""
    found: dict[str, Finding] = {}
    command = [objdump, "-d", "--no-show-raw-insn", "--no-addresses", str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          errors="replace") as disassembly:  # fmt: skip
        assert disassembly.stdout is not None
        carry = ""
        while len(found) < len(_PATTERNS):
            chunk = disassembly.stdout.read(_CHUNK)
            text, _, carry = (carry + chunk).rpartition("\n") if chunk else (carry, "", "")
            for feature, pattern in _PATTERNS.items():
                match = None if feature in found else pattern.search(text)
                if match:
                    found[feature] = Finding(path.name, feature, match.group(0).strip())
            if not chunk:
                break
        disassembly.kill()
    return list(found.values())


def shared_objects(lib_dir: Path) -> list[Path]:
    """The shared objects in lib_dir, each once: a wheel stores libllama.so, .so.0 and .so.0.5.0 as
    three copies (it cannot hold symlinks)."""
    unique: dict[str, Path] = {}
    for path in sorted(lib_dir.iterdir(), key=lambda p: (len(p.name), p.name)):
        if path.is_file() and not path.is_symlink() and ".so" in path.name:
            unique.setdefault(sha256_of(path), path)
    return sorted(unique.values())


def check(lib_dir: Path | None = None) -> list[Finding]:
    """Findings over every shared object in lib_dir (default: the installed llama_cpp/lib).

    Raises RuntimeError when the check cannot run on x86-64 Linux (no library, no objdump)."""
    lib_dir = lib_dir if lib_dir is not None else llama_lib_dir()
    if lib_dir is None or not lib_dir.is_dir():
        raise RuntimeError(tr("llama_build_missing", path=lib_dir or "llama_cpp"))
    objdump = shutil.which("objdump")
    if objdump is None:
        raise RuntimeError(tr("llama_build_no_objdump"))
    libraries = shared_objects(lib_dir)
    if not libraries:
        raise RuntimeError(tr("llama_build_missing", path=lib_dir))
    return [finding for library in libraries for finding in scan_library(library, objdump)]


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> dict[str, bool] | None:
    """Which of CPU_FLAGS this CPU reports; None where there is no /proc/cpuinfo (macOS, Windows)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    flags: set[str] = set()
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "flags":
            flags.update(value.split())
            break
    return {flag: flag in flags for flag in CPU_FLAGS}


def describe_cpu(flags: dict[str, bool] | None, lang: str | None = None) -> str:
    """'avx2 ja, avx512f ja, amx_int8 nej, …' for a message; 'ukendt' where the flags are unknown."""
    if flags is None:
        return tr("cpu_flags_unknown", lang)
    yes, no = tr("word_yes", lang), tr("word_no", lang)
    return ", ".join(f"{flag} {yes if present else no}" for flag, present in flags.items())


def main(argv: list[str]) -> int:
    if sys.platform != "linux" or not is_x86_64():
        print(tr("llama_build_check_skipped", platform=f"{sys.platform} {platform.machine()}"))
        return 0
    lib_dir = Path(argv[0]) if argv else None
    try:
        findings = check(lib_dir)
    except RuntimeError as exc:
        print(f"moedemappe: {exc}", file=sys.stderr)
        return 1
    if findings:
        found = "; ".join(f"{f.feature}: {f.library} ({f.example})" for f in findings)
        print(f"moedemappe: {tr('llama_build_not_portable', found=found)}", file=sys.stderr)
        return 1
    print(tr("llama_build_portable", path=lib_dir or llama_lib_dir()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
