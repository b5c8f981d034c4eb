<#
.SYNOPSIS
  Authenticode-sign the Windows build of Mødemappe (one-folder app, and an MSI if IT wraps it in one).

.DESCRIPTION
  Signs, with an RFC 3161 timestamp, every .exe, .dll and .pyd in the app folder that is not signed
  yet (PyInstaller's bootloader, Qt, Python, llama.cpp, onnxruntime ...), then any .msi given, and
  verifies each signature afterwards. SHA-256 everywhere: /fd sha256 (file digest), /td sha256
  (timestamp digest), /tr <RFC 3161 URL>.

  The certificate is one of:
    -Thumbprint   a code-signing certificate in the Windows certificate store (an HSM/token or an
                  EV certificate shows up here; recommended);
    -PfxPath      a .pfx file, its password from the environment variable MOEDEMAPPE_PFX_PASSWORD
                  (never on the command line, where it would land in the shell history).

  Run on the Windows build machine after PyInstaller (packaging\README.md, "Windows"). The script
  stops with a clear message when signtool (Windows SDK) or the certificate is missing.

  On a Linux build host use osslsigncode instead: packaging/windows/sign_osslsigncode.sh.

.EXAMPLE
  .\packaging\windows\sign.ps1 -AppDir dist\moedemappe -Thumbprint 0123456789ABCDEF0123456789ABCDEF01234567

.EXAMPLE
  $env:MOEDEMAPPE_PFX_PASSWORD = '...'; .\packaging\windows\sign.ps1 -PfxPath C:\keys\kommune.pfx -Msi dist\Moedemappe.msi
#>
[CmdletBinding()]
param(
    [string]$AppDir = "dist\moedemappe",
    [string[]]$Msi = @(),
    [string]$Thumbprint,
    [string]$PfxPath,
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [string]$Description = "Mødemappe",
    [string]$DescriptionUrl = "https://github.com/"
)

$ErrorActionPreference = "Stop"

function Fail([string]$Message) {
    Write-Error "sign.ps1: $Message"
    exit 2
}

# --- signtool -------------------------------------------------------------------------------
$signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
if (-not $signtool) {
    $kits = Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin"
    if (Test-Path $kits) {
        $signtool = Get-ChildItem -Path $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
            Where-Object { $_.FullName -match "\\x64\\" } | Sort-Object FullName -Descending |
            Select-Object -First 1 -ExpandProperty FullName
    }
}
if (-not $signtool) {
    Fail "signtool.exe not found. Install the Windows SDK (Signing Tools for Desktop Apps) or put signtool on PATH."
}

# --- certificate ----------------------------------------------------------------------------
$certArgs = @()
if ($Thumbprint) {
    $cert = Get-ChildItem -Path Cert:\CurrentUser\My, Cert:\LocalMachine\My -ErrorAction SilentlyContinue |
        Where-Object { $_.Thumbprint -eq $Thumbprint.Replace(" ", "").ToUpper() } | Select-Object -First 1
    if (-not $cert) { Fail "no certificate with thumbprint $Thumbprint in CurrentUser\My or LocalMachine\My." }
    if (-not $cert.HasPrivateKey) { Fail "the certificate $Thumbprint has no private key on this machine." }
    $certArgs = @("/sha1", $cert.Thumbprint)
} elseif ($PfxPath) {
    if (-not (Test-Path $PfxPath)) { Fail "PFX file not found: $PfxPath" }
    if (-not $env:MOEDEMAPPE_PFX_PASSWORD) { Fail "set MOEDEMAPPE_PFX_PASSWORD to the password of $PfxPath." }
    $certArgs = @("/f", $PfxPath, "/p", $env:MOEDEMAPPE_PFX_PASSWORD)
} else {
    Fail "no certificate: pass -Thumbprint (certificate store, recommended) or -PfxPath with MOEDEMAPPE_PFX_PASSWORD."
}

# --- what to sign ---------------------------------------------------------------------------
if (-not (Test-Path (Join-Path $AppDir "moedemappe.exe"))) {
    Fail "$AppDir\moedemappe.exe not found: build first (pyinstaller packaging\moedemappe.spec)."
}
$files = Get-ChildItem -Path $AppDir -Recurse -File -Include *.exe, *.dll, *.pyd |
    Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -eq "NotSigned" } |
    Sort-Object FullName | Select-Object -ExpandProperty FullName
foreach ($m in $Msi) {
    if (-not (Test-Path $m)) { Fail "MSI not found: $m" }
    $files += (Resolve-Path $m).Path  # last: an MSI holds the already signed files
}
Write-Host "Signing $($files.Count) file(s) with $signtool"

# signtool takes many files per call; batches keep the command line short.
$batch = 50
for ($i = 0; $i -lt $files.Count; $i += $batch) {
    $chunk = $files[$i..([Math]::Min($i + $batch, $files.Count) - 1)]
    & $signtool sign @certArgs /fd sha256 /tr $TimestampUrl /td sha256 /d $Description /du $DescriptionUrl /q @chunk
    if ($LASTEXITCODE -ne 0) { Fail "signtool sign failed (exit $LASTEXITCODE) — see above. Timestamp server reachable?" }
}

# --- verify ---------------------------------------------------------------------------------
foreach ($file in $files) {
    & $signtool verify /pa /q $file
    if ($LASTEXITCODE -ne 0) { Fail "signature does not verify: $file" }
}
$main = Get-AuthenticodeSignature (Join-Path $AppDir "moedemappe.exe")
Write-Host "OK: $($files.Count) file(s) signed and verified. moedemappe.exe: $($main.Status), signer $($main.SignerCertificate.Subject), timestamp $($main.TimeStamperCertificate.Subject)"
exit 0
