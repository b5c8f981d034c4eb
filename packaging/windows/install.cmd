@echo off
rem Silent machine-wide install of the Moedemappe one-folder app (Intune Win32 app, SCCM, GPO script).
rem Package this folder's parent with IntuneWinAppUtil: the source folder holds install.cmd,
rem uninstall.cmd and the signed app folder "moedemappe\" (and, optionally, policy.toml).
rem   Install command:   install.cmd        Uninstall command: uninstall.cmd
rem   Detection rule:    file %ProgramFiles%\Moedemappe\moedemappe.exe exists
rem Runs as SYSTEM. Exit code 0 = success; robocopy's 0-7 are successes too.
setlocal
set "TARGET=%ProgramFiles%\Moedemappe"
set "POLICYDIR=%ProgramData%\Moedemappe"

taskkill /IM moedemappe.exe /F >nul 2>&1
taskkill /IM moedemappe-window.exe /F >nul 2>&1
robocopy "%~dp0moedemappe" "%TARGET%" /MIR /NFL /NDL /NJH /NJS /NP /R:2 /W:2
if %ERRORLEVEL% GEQ 8 exit /b %ERRORLEVEL%

rem IT policy (optional): machine-wide, writable by administrators only.
if exist "%~dp0policy.toml" (
  if not exist "%POLICYDIR%" mkdir "%POLICYDIR%"
  copy /Y "%~dp0policy.toml" "%POLICYDIR%\policy.toml" >nul || exit /b 1
  icacls "%POLICYDIR%" /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)RX" >nul || exit /b 1
)

rem Start-menu shortcut for all users.
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$n = 'M' + [char]0xF8 + 'demappe';" ^
  "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('CommonPrograms') + '\' + $n + '.lnk');" ^
  "$s.TargetPath = '%TARGET%\moedemappe-window.exe'; $s.WorkingDirectory = '%TARGET%'; $s.Description = $n; $s.Save()" || exit /b 1
exit /b 0
