@echo off
rem Silent uninstall of the Moedemappe one-folder app (see install.cmd). Removes the program and the
rem shortcut only: each user's meeting data (%LOCALAPPDATA%\Moedemappe) and the IT policy stay.
rem Data removal: packaging/README.md, "Uninstall and data removal".
setlocal
taskkill /IM moedemappe.exe /F >nul 2>&1
taskkill /IM moedemappe-window.exe /F >nul 2>&1
rmdir /S /Q "%ProgramFiles%\Moedemappe"
del /Q "%ProgramData%\Microsoft\Windows\Start Menu\Programs\M?demappe.lnk" >nul 2>&1
if exist "%ProgramFiles%\Moedemappe" exit /b 1
exit /b 0
