#!/usr/bin/env bash
# Build dist/moedemappe_<version>_amd64.deb from the one-folder app in dist/moedemappe/.
#
#   packaging/build_deb.sh            (run by `make package` after PyInstaller)
#
# Layout: the app in /opt/moedemappe, /usr/bin/moedemappe -> /opt/moedemappe/moedemappe,
# a desktop entry (Danish and English), the icon, and /usr/share/doc/moedemappe (copyright,
# third-party notices, example IT policy). No maintainer scripts: installing and removing
# touch nothing but these files; user data is never removed by the package (see
# packaging/README.md, "Uninstall").
#
# Reproducible: every file's mtime is clamped to SOURCE_DATE_EPOCH (default: the last commit's
# time), permissions are normalised, owner/group are root (--root-owner-group), and dpkg-deb
# writes the members in sorted order with SOURCE_DATE_EPOCH as their timestamp.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
APP="$DIST/moedemappe"
PY="${PY:-$ROOT/.venv/bin/python}"

die() { echo "build_deb.sh: $*" >&2; exit 2; }

command -v dpkg-deb >/dev/null || die "dpkg-deb not found (apt-get install dpkg)"
[ -x "$APP/moedemappe" ] || die "$APP/moedemappe not found — run PyInstaller first (make package)"

VERSION="$("$PY" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
ARCH="amd64"
[ "$(uname -m)" = "x86_64" ] || die "this script builds amd64 packages on x86_64 only (here: $(uname -m))"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"

STAGE="$ROOT/build/deb/moedemappe_${VERSION}_${ARCH}"
OUT="$DIST/moedemappe_${VERSION}_${ARCH}.deb"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/moedemappe"

cp -a "$APP" "$STAGE/opt/moedemappe"
ln -s /opt/moedemappe/moedemappe "$STAGE/usr/bin/moedemappe"
install -m 0644 "$ROOT/resources/icons/moedemappe.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/moedemappe.svg"

cat > "$STAGE/usr/share/applications/moedemappe.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.5
Name=Mødemappe
Name[da]=Mødemappe
Name[en]=Mødemappe (meeting papers)
GenericName=Meeting papers assistant
GenericName[da]=Mødepapirer med AI-assistent
GenericName[en]=Meeting papers assistant
Comment=Read, search and ask questions about your meeting papers — offline, on this computer
Comment[da]=Læs, søg og stil spørgsmål til dine mødepapirer — offline, på din egen computer
Comment[en]=Read, search and ask questions about your meeting papers — offline, on this computer
Keywords=meeting;agenda;minutes;council;PDF;
Keywords[da]=møde;dagsorden;referat;byråd;udvalg;bilag;PDF;
Exec=moedemappe
TryExec=moedemappe
Icon=moedemappe
Terminal=false
Categories=Office;Viewer;
StartupNotify=true
EOF

install -m 0644 "$ROOT/packaging/THIRD_PARTY_NOTICES.md" "$STAGE/usr/share/doc/moedemappe/THIRD_PARTY_NOTICES.md"
install -m 0644 "$ROOT/packaging/policy.example.toml" "$STAGE/usr/share/doc/moedemappe/policy.example.toml"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: moedemappe"
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  echo " Bundled third-party software and model weights keep their own licences:"
  echo " see /usr/share/doc/moedemappe/THIRD_PARTY_NOTICES.md."
  echo " On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0."
} > "$STAGE/usr/share/doc/moedemappe/copyright"

INSTALLED_KB="$(du -sk --apparent-size "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: moedemappe
Version: ${VERSION}
Architecture: ${ARCH}
Maintainer: Mødemappe maintainers <noreply@invalid>
Section: office
Priority: optional
Installed-Size: ${INSTALLED_KB}
Depends: libc6 (>= 2.36), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3,
 libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xkb1,
 tesseract-ocr, tesseract-ocr-dan
Description: Offline meeting-pack assistant for Danish municipal politicians
 Mødemappe imports meeting packs (agendas, minutes and attachments, PDF and
 DOCX), indexes them on the laptop in an encrypted store, and answers questions
 with citations using a local language model. Nothing leaves the device: no
 cloud, no telemetry, no network at run time.
 .
 Dansk: dine mødepapirer — læst, søgt og forklaret på din egen computer.
 .
 IT policy: /etc/moedemappe/policy.toml (example in /usr/share/doc/moedemappe).
EOF

# Normalise: no group/other write, directories and executables 0755, other files 0644;
# mtimes clamped to SOURCE_DATE_EPOCH (the .deb does not depend on when it was built).
chmod -R u+rwX,go+rX,go-w "$STAGE"
find "$STAGE" -exec touch -h -d "@${SOURCE_DATE_EPOCH}" {} +

mkdir -p "$DIST"
# gzip: readable by every dpkg (xz/zstd would save little: the model weights do not compress).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$OUT" >/dev/null
echo "$OUT ($(du -m "$OUT" | cut -f1) MB)"
