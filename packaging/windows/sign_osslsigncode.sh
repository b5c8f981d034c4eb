#!/usr/bin/env bash
# Authenticode-sign the Windows build of Mødemappe on a Linux build host, with osslsigncode
# (the alternative to packaging/windows/sign.ps1, which uses signtool on Windows).
#
#   MOEDEMAPPE_PFX=/secure/kommune.pfx MOEDEMAPPE_PFX_PASSWORD=... \
#     packaging/windows/sign_osslsigncode.sh dist/moedemappe-windows [dist/Moedemappe.msi ...]
#
# or with a PKCS#11 token / HSM (the private key never leaves it):
#   MOEDEMAPPE_PKCS11_MODULE=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so \
#   MOEDEMAPPE_PKCS11_KEY='pkcs11:object=codesign' MOEDEMAPPE_CERT=/secure/codesign-chain.pem \
#     packaging/windows/sign_osslsigncode.sh dist/moedemappe-windows
#
# Signs every .exe/.dll/.pyd in the app folder (the Windows one-folder build, copied here from
# the Windows builder: PyInstaller does not cross-compile) and any .msi given, with SHA-256 and an
# RFC 3161 timestamp (MOEDEMAPPE_TIMESTAMP_URL, default DigiCert's), then verifies each file.
# Files that already carry a signature are left as they are. MOEDEMAPPE_CA_FILE: CA bundle for
# the verification (default: the system's). MOEDEMAPPE_TIMESTAMP_URL=none signs without a
# timestamp (tests only: such a signature expires with the certificate). Exit 2 with a message
# when osslsigncode or the certificate is missing.
set -euo pipefail

die() { echo "sign_osslsigncode.sh: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: $0 APP_DIR [MSI ...]"
APP_DIR="$1"; shift
TS_URL="${MOEDEMAPPE_TIMESTAMP_URL:-http://timestamp.digicert.com}"
command -v osslsigncode >/dev/null || die "osslsigncode not found (apt-get install osslsigncode)"
[ -f "$APP_DIR/moedemappe.exe" ] || die "$APP_DIR/moedemappe.exe not found: copy the Windows build here first"

if [ -n "${MOEDEMAPPE_PKCS11_MODULE:-}" ]; then
    [ -n "${MOEDEMAPPE_PKCS11_KEY:-}" ] && [ -f "${MOEDEMAPPE_CERT:-}" ] || \
        die "PKCS#11 signing needs MOEDEMAPPE_PKCS11_KEY and MOEDEMAPPE_CERT (certificate chain, PEM)"
    KEY_ARGS=(-pkcs11module "$MOEDEMAPPE_PKCS11_MODULE" -key "$MOEDEMAPPE_PKCS11_KEY" -certs "$MOEDEMAPPE_CERT")
elif [ -n "${MOEDEMAPPE_PFX:-}" ]; then
    [ -f "$MOEDEMAPPE_PFX" ] || die "MOEDEMAPPE_PFX: $MOEDEMAPPE_PFX not found"
    [ -n "${MOEDEMAPPE_PFX_PASSWORD:-}" ] || die "set MOEDEMAPPE_PFX_PASSWORD to the password of $MOEDEMAPPE_PFX"
    PASSFILE="$(mktemp)"; trap 'rm -f "$PASSFILE"' EXIT
    printf '%s' "$MOEDEMAPPE_PFX_PASSWORD" > "$PASSFILE"  # not on the command line (ps would show it)
    KEY_ARGS=(-pkcs12 "$MOEDEMAPPE_PFX" -readpass "$PASSFILE")
else
    die "no certificate: set MOEDEMAPPE_PFX (+ MOEDEMAPPE_PFX_PASSWORD) or MOEDEMAPPE_PKCS11_MODULE (+ _KEY, MOEDEMAPPE_CERT)"
fi

TS_ARGS=(-ts "$TS_URL")
[ "$TS_URL" = "none" ] && TS_ARGS=()
VERIFY_ARGS=()
[ -n "${MOEDEMAPPE_CA_FILE:-}" ] && VERIFY_ARGS=(-CAfile "$MOEDEMAPPE_CA_FILE")

mapfile -t FILES < <(find "$APP_DIR" -type f \( -iname '*.exe' -o -iname '*.dll' -o -iname '*.pyd' \) | LC_ALL=C sort)
FILES+=("$@")
signed=0
for file in "${FILES[@]}"; do
    [ -f "$file" ] || die "not found: $file"
    if osslsigncode verify "${VERIFY_ARGS[@]}" -in "$file" >/dev/null 2>&1; then
        continue  # already signed (e.g. by its vendor)
    fi
    osslsigncode sign "${KEY_ARGS[@]}" -h sha256 "${TS_ARGS[@]}" -n "Mødemappe" \
        -in "$file" -out "$file.signed" >/dev/null || die "osslsigncode sign failed for $file (timestamp server reachable?)"
    mv "$file.signed" "$file"
    osslsigncode verify "${VERIFY_ARGS[@]}" -in "$file" >/dev/null || die "signature does not verify: $file"
    signed=$((signed + 1))
done
echo "OK: signed and verified $signed file(s) in $APP_DIR${*:+ and $*}"
