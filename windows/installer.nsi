; Lotsenbüro for Windows: the installer (makensis, NSIS 3). scripts/build-windows.sh calls it as
;   makensis -DVERSION=0.1.0 -DSOURCE_DIR=<folder with the .exe files> -DOUT_FILE=<setup .exe> installer.nsi
; Tauri's own NSIS bundler downloads plugins while building; this script uses only what NSIS ships.
;
; - Installs for all users (Program Files, needs administrator rights) or only for the current
;   user (%LOCALAPPDATA%\Programs, no administrator rights); chosen on a page or with /AllUsers,
;   /CurrentUser. /S installs silently.
; - Start menu: "Lotsenbüro" (the desktop app, with its icon) and "Lotsenbüro Kommandozeile"
;   (a command prompt in the program folder for lotsen.exe).
; - Checks for the WebView2 runtime the desktop app needs and explains what to do if it is
;   missing; nothing is downloaded.
; - The uninstaller removes the programs and shortcuts; the data in %APPDATA%\de.lotsenbuero.app
;   (database and backups) and the documents stay.

; A 64-bit installer (the programs are 64-bit only); it also runs under Wine without 32-bit support.
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION fehlt (-DVERSION=…)"
!endif
!ifndef SOURCE_DIR
  !error "SOURCE_DIR fehlt (-DSOURCE_DIR=…)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "Lotsenbuero-Setup-${VERSION}.exe"
!endif

!define PRODUCT "Lotsenbüro"
!define PUBLISHER "Lotsenbüro"
!define IDENTIFIER "de.lotsenbuero.app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
!define APP_KEY "Software\${IDENTIFIER}"
; The WebView2 runtime's client id (Evergreen), the same for every Windows.
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1031 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1031 "FileDescription" "${PRODUCT} – Installation"
VIAddVersionKey /LANG=1031 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "LegalCopyright" "MIT-Lizenz"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${PRODUCT}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${APP_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${APP_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

!define MUI_ICON "${SOURCE_DIR}\lotsenbuero.ico"
!define MUI_UNICON "${SOURCE_DIR}\lotsenbuero.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Willkommen bei ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Dieses Programm installiert ${PRODUCT}, die Verwaltung der ehrenamtlichen Integrationslotsen, und das Kommandozeilenprogramm lotsen.exe.$\r$\n$\r$\nDie Daten (Datenbank und Sicherungen) liegen nicht im Programmordner, sondern im Benutzerprofil unter %APPDATA%\${IDENTIFIER}; sie bleiben bei einer Aktualisierung oder Deinstallation erhalten."
!define MUI_FINISHPAGE_RUN "$INSTDIR\lotsenbuero.exe"
!define MUI_FINISHPAGE_RUN_TEXT "${PRODUCT} jetzt starten"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "German"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT} braucht ein 64-Bit-Windows (Windows 10 oder 11)." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

; Sets $0 to the installed WebView2 version, or "" if the runtime is missing.
!macro WEBVIEW2_VERSION
  StrCpy $0 ""
  SetRegView 32
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
!macroend

Section "Lotsenbüro" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${SOURCE_DIR}\lotsenbuero.exe"
  File "${SOURCE_DIR}\lotsen.exe"
  File "${SOURCE_DIR}\lotsenbuero.ico"
  ; The MinGW build of the app loads the WebView2 loader from beside it (the MSVC build links it in).
  !if /FileExists "${SOURCE_DIR}\WebView2Loader.dll"
    File "${SOURCE_DIR}\WebView2Loader.dll"
  !endif
  File "${SOURCE_DIR}\LIESMICH.txt"
  WriteUninstaller "$INSTDIR\Deinstallieren.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\lotsenbuero.exe" "" "$INSTDIR\lotsenbuero.ico" 0 \
    SW_SHOWNORMAL "" "Lotsen, Abrechnungen und Sicherungen verwalten"
  ; A shortcut starts in $OUTDIR, the program folder, so "lotsen.exe" is found there.
  CreateShortCut "$SMPROGRAMS\${PRODUCT} Kommandozeile.lnk" "$SYSDIR\cmd.exe" "/K lotsen.exe --help" \
    "$INSTDIR\lotsenbuero.ico" 0 SW_SHOWNORMAL "" "Eingabeaufforderung für lotsen.exe"

  ; The folder and mode for the next update or the uninstaller.
  WriteRegStr SHCTX "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${APP_KEY}" "InstallMode" "$MultiUser.InstallMode"
  ; "Apps & Features" / "Programme und Features".
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\lotsenbuero.ico"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Deinstallieren.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Deinstallieren.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  !insertmacro WEBVIEW2_VERSION
  ${If} $0 == ""
    DetailPrint "WebView2-Laufzeit nicht gefunden."
    MessageBox MB_ICONEXCLAMATION|MB_OK "Die Microsoft-Edge-WebView2-Laufzeit wurde auf diesem Rechner nicht gefunden.$\r$\n$\r$\nDie Desktop-App ${PRODUCT} zeigt ihre Oberfläche mit WebView2 an. Windows 10 und 11 bringen diese Laufzeit normalerweise mit; sie kann aber entfernt oder durch eine Richtlinie gesperrt sein.$\r$\n$\r$\nBitte lassen Sie von Ihrer IT die „Microsoft Edge WebView2 Runtime“ (Evergreen) installieren. Dieses Installationsprogramm lädt nichts aus dem Internet.$\r$\n$\r$\n${PRODUCT} wird trotzdem installiert; das Kommandozeilenprogramm lotsen.exe funktioniert auch ohne WebView2." /SD IDOK
  ${Else}
    DetailPrint "WebView2-Laufzeit gefunden: Version $0"
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\lotsenbuero.exe"
  Delete "$INSTDIR\lotsen.exe"
  Delete "$INSTDIR\lotsenbuero.ico"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\LIESMICH.txt"
  Delete "$INSTDIR\Deinstallieren.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT} Kommandozeile.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${APP_KEY}"
  DetailPrint "Die Daten in %APPDATA%\${IDENTIFIER} und die Dokumente bleiben erhalten."
SectionEnd
