#!/usr/bin/env bash
# Sign, package, notarize and staple the macOS build of Mødemappe.
#
#   MACOS_SIGN_IDENTITY="Developer ID Application: <Kommune> (TEAMID)" \
#   MACOS_INSTALLER_IDENTITY="Developer ID Installer: <Kommune> (TEAMID)" \
#   MACOS_NOTARY_PROFILE=moedemappe-notary \
#     packaging/macos/sign_and_notarize.sh [dist/Moedemappe.app]
#
# Steps (on a Mac with Xcode's command line tools, after `pyinstaller packaging/moedemappe.spec`,
# which builds dist/Moedemappe.app on macOS):
#   1. codesign every Mach-O inside the app, inside out (libraries and Python extensions, then the
#      executables, then the .app itself), each with --options runtime (hardened runtime),
#      --timestamp (Apple's secure timestamp) and the entitlements in entitlements.plist;
#   2. codesign --verify --deep --strict, and spctl's assessment;
#   3. pkgbuild a signed installer, dist/Moedemappe-<version>.pkg, installing into /Applications
#      (IT deploys it with MDM/Jamf/Intune, or `sudo installer -pkg … -target /`);
#   4. xcrun notarytool submit --wait (credentials from a keychain profile, created once with
#      `xcrun notarytool store-credentials moedemappe-notary --apple-id … --team-id … --password <app-specific>`);
#   5. xcrun stapler staple the .pkg and the .app (so Gatekeeper needs no network at first start).
# Stops with a clear message (exit 2) when a tool, an identity or the notary profile is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP="${1:-$ROOT/dist/Moedemappe.app}"
ENTITLEMENTS="$HERE/entitlements.plist"

die() { echo "sign_and_notarize.sh: $*" >&2; exit 2; }

[ "$(uname -s)" = "Darwin" ] || die "runs on macOS only (codesign, notarytool and stapler are Apple tools)"
for tool in codesign xcrun pkgbuild spctl; do
    command -v "$tool" >/dev/null || die "$tool not found: install Xcode's command line tools (xcode-select --install)"
done
xcrun --find notarytool >/dev/null 2>&1 || die "notarytool not found: Xcode 13 or later is needed"
xcrun --find stapler >/dev/null 2>&1 || die "stapler not found: install Xcode's command line tools"
[ -n "${MACOS_SIGN_IDENTITY:-}" ] || die "set MACOS_SIGN_IDENTITY to your \"Developer ID Application: … (TEAMID)\" identity"
[ -n "${MACOS_INSTALLER_IDENTITY:-}" ] || die "set MACOS_INSTALLER_IDENTITY to your \"Developer ID Installer: … (TEAMID)\" identity"
[ -n "${MACOS_NOTARY_PROFILE:-}" ] || die "set MACOS_NOTARY_PROFILE to a notarytool keychain profile (xcrun notarytool store-credentials)"
security find-identity -v -p codesigning | grep -qF "$MACOS_SIGN_IDENTITY" || \
    die "identity not in the keychain: $MACOS_SIGN_IDENTITY (security find-identity -v -p codesigning)"
[ -d "$APP" ] || die "$APP not found: build first (pyinstaller packaging/moedemappe.spec)"
[ -f "$ENTITLEMENTS" ] || die "$ENTITLEMENTS missing"

VERSION="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist" 2>/dev/null || echo 0.0.0)"
PKG="$ROOT/dist/Moedemappe-$VERSION.pkg"
SIGN=(codesign --force --options runtime --timestamp --entitlements "$ENTITLEMENTS" --sign "$MACOS_SIGN_IDENTITY")

echo "1/5 Signing the Mach-O files inside $APP (inside out)"
# Every Mach-O file one by one (never --deep: it would skip entitlements and hide failures), then
# the nested bundles (Qt's frameworks) after their contents (find -depth), then the .app itself.
while IFS= read -r -d '' file; do
    if file -b "$file" | grep -q "Mach-O"; then
        "${SIGN[@]}" "$file"
    fi
done < <(find "$APP/Contents" -type f -print0)
while IFS= read -r -d '' framework; do
    "${SIGN[@]}" "$framework"
done < <(find "$APP/Contents" -depth -type d -name '*.framework' -print0)
"${SIGN[@]}" "$APP"

echo "2/5 Verifying the signature"
codesign --verify --deep --strict --verbose=2 "$APP"
spctl --assess --type execute --verbose "$APP" || echo "(spctl rejects an app that is not notarized yet; stapling fixes that)"

echo "3/5 Building the signed installer $PKG"
pkgbuild --component "$APP" --install-location /Applications --identifier dk.moedemappe.app \
    --version "$VERSION" --sign "$MACOS_INSTALLER_IDENTITY" --timestamp "$PKG"

echo "4/5 Notarizing (this waits for Apple's answer, usually minutes)"
xcrun notarytool submit "$PKG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait --timeout 2h | tee "$ROOT/dist/notarization.log"
grep -q "status: Accepted" "$ROOT/dist/notarization.log" || \
    die "notarization was not accepted; see dist/notarization.log and: xcrun notarytool log <submission id> --keychain-profile $MACOS_NOTARY_PROFILE"

echo "5/5 Stapling the notarization ticket"
xcrun stapler staple "$PKG"
xcrun stapler staple "$APP"
xcrun stapler validate "$PKG"
spctl --assess --type install --verbose "$PKG"
echo "OK: $PKG is signed, notarized and stapled. Sign the release (SHA256SUMS): python packaging/sign_release.py"
