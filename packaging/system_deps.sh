#!/usr/bin/env bash
# The system libraries and tools Mødemappe, its set-up and its tests need: the first step of
# `make setup` (and so of `make run`, `make test` and .ci/run), before anything is built.
#
# Each requirement is probed for what is used (a command, a shared library by its soname, a file),
# not by package name, so it holds whatever installed it; the Debian/Ubuntu package named beside it
# is what provides it there. Where something is missing: as root with apt-get, one `apt-get update`
# and one `apt-get install`; otherwise it stops at once and prints the exact command to run.
# Everything present: a few milliseconds, nothing installed (idempotent).
#
# Environment: PYTHON (the interpreter the venv is made from), MOEDEMAPPE_SYSTEM_DEPS_INSTALL=0 (check
# only, never install), MOEDEMAPPE_SYSTEM_DEPS_EXTRA="package:kind:probe …" (more requirements; tests).
set -euo pipefail
PYTHON=${PYTHON:-python3}

# package:kind:probe   kind = cmd (a command), lib (a soname in the linker cache), file (a glob),
# py (Python code that must run), font (any TrueType/OpenType font).
REQUIREMENTS=(
    # llama.cpp is compiled at set-up (packaging/build_llama.sh); objdump checks the result
    # (app/core/models/buildcheck.py); the venv needs ensurepip.
    "gcc:cmd:cc" "g++:cmd:c++" "cmake:cmd:cmake" "binutils:cmd:objdump"
    "python3-venv:py:import ensurepip, venv"
    # PySide6 (Qt 6), also offscreen: what QtCore/QtGui/QtWidgets/QtPdf, the offscreen platform plugin,
    # QtMultimedia and its FFmpeg plugin link against outside the wheel (readelf -d, NEEDED), and a font.
    "libgl1:lib:libGL.so.1" "libegl1:lib:libEGL.so.1" "libfontconfig1:lib:libfontconfig.so.1"
    "libfreetype6:lib:libfreetype.so.6" "libx11-6:lib:libX11.so.6" "libxkbcommon0:lib:libxkbcommon.so.0"
    "libglib2.0-0:lib:libglib-2.0.so.0" "libdbus-1-3:lib:libdbus-1.so.3"
    "libxext6:lib:libXext.so.6" "libxrandr2:lib:libXrandr.so.2"
    "libpulse0:lib:libpulse.so.0"  # QtMultimedia (the recordings tab) does not load without it
    "fonts-dejavu-core:font:"
    # Tests: Danish speech for the transcription tests, the offline test at syscall level, and OCR
    # of scanned pages with its Danish language data.
    "espeak-ng:cmd:espeak-ng" "strace:cmd:strace"
    "tesseract-ocr:cmd:tesseract" "tesseract-ocr-dan:file:/usr/share/tesseract-ocr/*/tessdata/dan.traineddata"
)
# The window on an X11 display (Qt's xcb platform plugin): only where there is a display to open.
if [ -n "${DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
    REQUIREMENTS+=(
        "libxcb1:lib:libxcb.so.1" "libx11-xcb1:lib:libX11-xcb.so.1" "libxkbcommon-x11-0:lib:libxkbcommon-x11.so.0"
        "libxcb-cursor0:lib:libxcb-cursor.so.0" "libxcb-icccm4:lib:libxcb-icccm.so.4"
        "libxcb-keysyms1:lib:libxcb-keysyms.so.1" "libxcb-image0:lib:libxcb-image.so.0"
        "libxcb-render-util0:lib:libxcb-render-util.so.0" "libxcb-render0:lib:libxcb-render.so.0"
        "libxcb-randr0:lib:libxcb-randr.so.0" "libxcb-shape0:lib:libxcb-shape.so.0"
        "libxcb-shm0:lib:libxcb-shm.so.0" "libxcb-sync1:lib:libxcb-sync.so.1"
        "libxcb-xfixes0:lib:libxcb-xfixes.so.0" "libxcb-xkb1:lib:libxcb-xkb.so.1" "libxcb-util1:lib:libxcb-util.so.1"
    )
fi
read -r -a EXTRA <<< "${MOEDEMAPPE_SYSTEM_DEPS_EXTRA:-}"
REQUIREMENTS+=("${EXTRA[@]}")

if [ "$(uname -s)" != Linux ]; then
    # macOS / Windows: no system libraries to check (Qt brings its own); the build tools are the point.
    for tool in cc c++ cmake; do
        command -v "$tool" >/dev/null 2>&1 || {
            echo "Mangler $tool (C/C++-compiler og CMake til llama.cpp). macOS: xcode-select --install && brew install cmake" >&2
            exit 1
        }
    done
    exit 0
fi

LINKER_CACHE=$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)

present() {  # kind probe
    case $1 in
        cmd) command -v "$2" >/dev/null 2>&1 ;;
        lib) awk -v soname="$2" '$1 == soname {found = 1} END {exit !found}' <<< "$LINKER_CACHE" ;;
        file) compgen -G "$2" >/dev/null ;;
        py) "$PYTHON" -c "$2" >/dev/null 2>&1 ;;
        font) [ -n "$(find /usr/share/fonts /usr/local/share/fonts -name '*.[ot]tf' -print -quit 2>/dev/null)" ] ;;
        *) echo "system_deps.sh: unknown kind '$1'" >&2; return 1 ;;
    esac
}

find_missing() {
    missing=()
    for requirement in "${REQUIREMENTS[@]}"; do
        IFS=: read -r package kind probe <<< "$requirement"
        present "$kind" "$probe" || missing+=("$package")
    done
}
find_missing
[ ${#missing[@]} -eq 0 ] && exit 0

install_args="install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Mødemappe mangler systempakker (Debian/Ubuntu-navne): ${missing[*]}" >&2
    echo "Installér dem med systemets pakkehåndtering, og kør make igen." >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ] || [ "${MOEDEMAPPE_SYSTEM_DEPS_INSTALL:-1}" = 0 ]; then
    echo "Mødemappe mangler systempakker: ${missing[*]}" >&2
    echo "Installér dem, og kør make igen:" >&2
    echo "  sudo apt-get update && sudo apt-get $install_args" >&2
    exit 1
fi
echo "Installerer systempakker: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086  # one word per package
apt-get $install_args -qq >&2
LINKER_CACHE=$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)
find_missing
if [ ${#missing[@]} -ne 0 ]; then  # e.g. python3-venv for a Python that is not Debian's own
    echo "Stadig mangler efter installationen: ${missing[*]} (PYTHON=$PYTHON)" >&2
    exit 1
fi
