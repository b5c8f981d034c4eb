"""The llama.cpp build check (app/core/models/buildcheck.py) on small shared objects compiled here with
known instructions, so it is seen to find AVX-512 and AMX code and to pass AVX2 code; and the CPU flags
that the self-check's message names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models import buildcheck

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not buildcheck.is_x86_64() or not shutil.which("objdump") or not shutil.which("cc"),
    reason="x86-64 Linux with cc and objdump (packaging/system_deps.sh installs them)",
)

AVX2 = "vfmadd231ps %ymm1, %ymm2, %ymm0\n\tvpaddd %ymm1, %ymm2, %ymm3"
AVX512 = "vpaddd %zmm1, %zmm2, %zmm3"
AVX512_MASKED = "vpaddd %ymm1, %ymm2, %ymm3{%k1}"  # AVX-512VL: no zmm, but an opmask register
AMX = "tilerelease"


def shared_object(folder: Path, name: str, assembly: str) -> Path:
    """A real shared object whose one function holds these instructions (gas assembles any of them)."""
    source = folder / f"{name}.c"
    source.write_text(f'void kernel(void) {{ __asm__ volatile("{assembly.encode("unicode_escape").decode()}"); }}\n')
    library = folder / f"lib{name}.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O0", "-o", str(library), str(source)], check=True)
    return library


def test_avx2_code_passes(tmp_path):
    assert buildcheck.scan_library(shared_object(tmp_path, "avx2", AVX2)) == []


@pytest.mark.parametrize("assembly", [AVX512, AVX512_MASKED])
def test_avx512_code_is_found(tmp_path, assembly):
    [finding] = buildcheck.scan_library(shared_object(tmp_path, "avx512", assembly))
    assert finding.feature == "AVX-512" and finding.library == "libavx512.so" and "vpaddd" in finding.example


def test_amx_and_avx512_in_one_library_are_both_found(tmp_path):
    library = shared_object(tmp_path, "ggml-cpu", f"{AVX512}\n\t{AMX}")
    assert sorted(f.feature for f in buildcheck.scan_library(library)) == ["AMX", "AVX-512"]


def test_check_reports_the_library_with_amx_and_not_its_copies(tmp_path):
    shared_object(tmp_path, "ggml-base", AVX2)
    amx = shared_object(tmp_path, "ggml-cpu", AMX)
    shutil.copyfile(amx, tmp_path / "libggml-cpu.so.0")  # a wheel holds copies, not symlinks
    (tmp_path / "ggml-cpu.c").unlink()
    [finding] = buildcheck.check(tmp_path)
    assert (finding.feature, finding.library, finding.example) == ("AMX", "libggml-cpu.so", "tilerelease")


def test_the_set_up_step_fails_with_the_fix_named(tmp_path, capsys):
    shared_object(tmp_path, "ggml-cpu", AVX512)
    assert buildcheck.main([str(tmp_path)]) == 1
    message = capsys.readouterr().err
    assert "AVX-512: libggml-cpu.so (vpaddd" in message
    assert "packaging/build_llama.sh" in message and "make clean && make setup" in message


def test_a_folder_without_libraries_is_an_error_not_a_pass(tmp_path, capsys):
    assert buildcheck.main([str(tmp_path)]) == 1
    assert "findes ikke" in capsys.readouterr().err


def test_cpu_flags_are_read_from_cpuinfo(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse4_2 avx avx2 fma f16c avx512f amx_tile amx_int8\n"
                       "processor\t: 1\nflags\t\t: fpu\n")  # fmt: skip
    flags = buildcheck.cpu_flags(cpuinfo)
    assert flags == {"avx2": True, "fma": True, "f16c": True, "avx512f": True, "amx_tile": True, "amx_int8": True}
    assert buildcheck.describe_cpu({"avx2": True, "amx_int8": False}, "da") == "avx2 ja, amx_int8 nej"
    assert buildcheck.describe_cpu(buildcheck.cpu_flags(tmp_path / "none"), "en") == "unknown"
