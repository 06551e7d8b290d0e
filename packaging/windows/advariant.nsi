; AdVariant Studio - Windows installer (NSIS 3, Unicode).
;
; Packs a staged install tree, the one `cmake --install build --prefix <STAGE>` writes on Windows
; (packaging/windows/deploy.cmake adds windeployqt's Qt runtime and the LibTorch, OpenCV and other DLLs):
;
;   makensis /DSTAGE=<stage> /DVERSION=0.1.0 [/DOUTFILE=AdVariantStudio-0.1.0-win64.exe]
;            [/DFLAVOUR=cpu|cuda] [/DCOMPRESSOR=lzma|zlib] packaging\windows\advariant.nsi
;
; The script refuses to build from an incomplete stage (the files listed in stage-manifest.txt), so a
; staging step that silently lost the Qt platform plugin or a LibTorch DLL fails here, not on a user's PC.
; tests/packaging/nsis_installer.cmake builds it with Debian's makensis on every CI run.

Target amd64-unicode  ; a 64-bit installer for a 64-bit program (Unicode, $PROGRAMFILES64, 64-bit registry)
ManifestDPIAware true
RequestExecutionLevel admin

!ifndef STAGE
  !error "STAGE is not defined: makensis /DSTAGE=<folder written by cmake --install> /DVERSION=x.y.z advariant.nsi"
!endif
!ifndef VERSION
  !error "VERSION is not defined: makensis /DSTAGE=<stage> /DVERSION=x.y.z advariant.nsi"
!endif
!ifndef FLAVOUR
  !define FLAVOUR "cpu"
!endif
!ifndef OUTFILE
  !define OUTFILE "AdVariantStudio-${VERSION}-win64-${FLAVOUR}.exe"
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR "lzma"
!endif

!define APP_NAME "AdVariant Studio"
!define APP_ID "AdVariantStudio"
!define PUBLISHER "AdVariant Studio developers"
!define APP_EXE "bin\advariant.exe"
!define CLI_EXE "bin\advariant-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define PROGID "AdVariant.Project"

; ---- The stage must be complete -------------------------------------------------------------------
!macro RequireStaged rel
  !if ! /FileExists "${STAGE}\${rel}"
    !error "staged tree '${STAGE}' lacks ${rel}: run 'cmake --install' with packaging/windows/deploy.cmake (windeployqt + runtime DLLs) first"
  !endif
!macroend
!include "${__FILEDIR__}\stage-manifest.nsh"
!if ${FLAVOUR} == "cuda"
  !insertmacro RequireStaged "bin\torch_cuda.dll"
  !insertmacro RequireStaged "bin\c10_cuda.dll"
!endif

SetCompressor /SOLID ${COMPRESSOR}
Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} Setup"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "Software\${APP_ID}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION} (${FLAVOUR})"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${__FILEDIR__}\advariant.ico"
!define MUI_UNICON "${__FILEDIR__}\advariant.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${__FILEDIR__}\..\..\LICENSE"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "French"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} needs 64-bit Windows 10 or later."
    Abort
  ${EndIf}
  SetRegView 64
  ; An earlier version: its uninstaller runs first (silently, keeping the folder), so no stale DLL of an
  ; older LibTorch or Qt is left next to the new ones.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "QuietUninstallString"
  ReadRegStr $1 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$1\Uninstall.exe"
    ExecWait '"$1\Uninstall.exe" /S _?=$1'
    Delete "$1\Uninstall.exe"
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "!${APP_NAME}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  WriteRegStr HKLM "Software\${APP_ID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Comments" "Build flavour: ${FLAVOUR}"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  SetShellVarContext all
  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  ; The CLI in a console whose PATH has it (the system PATH stays untouched).
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} command prompt.lnk" "$SYSDIR\cmd.exe" \
    '/k "set PATH=$INSTDIR\bin;%PATH% && advariant-cli --version"' "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Uninstall ${APP_NAME}.lnk" "$INSTDIR\Uninstall.exe"
SectionEnd

Section "Desktop shortcut" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "Open .advproj projects with ${APP_NAME}" SecAssoc
  WriteRegStr HKLM "Software\Classes\.advproj" "" "${PROGID}"
  WriteRegStr HKLM "Software\Classes\.advproj" "Content Type" "application/x-advariant-project"
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "AdVariant Studio project"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKLM "Software\${APP_ID}" "FileAssociation" "1"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

LangString DESC_App ${LANG_ENGLISH} "The studio, the command-line tool (advariant-cli) and the embedded model."
LangString DESC_App ${LANG_GERMAN} "Das Studio, das Kommandozeilenwerkzeug (advariant-cli) und das eingebettete Modell."
LangString DESC_App ${LANG_FRENCH} "Le studio, l'outil en ligne de commande (advariant-cli) et le modèle intégré."
LangString DESC_Desktop ${LANG_ENGLISH} "A shortcut on the desktop."
LangString DESC_Desktop ${LANG_GERMAN} "Eine Verknüpfung auf dem Desktop."
LangString DESC_Desktop ${LANG_FRENCH} "Un raccourci sur le bureau."
LangString DESC_Assoc ${LANG_ENGLISH} "Double-clicking a .advproj file opens it in the studio."
LangString DESC_Assoc ${LANG_GERMAN} "Ein Doppelklick auf eine .advproj-Datei öffnet sie im Studio."
LangString DESC_Assoc ${LANG_FRENCH} "Un double-clic sur un fichier .advproj l'ouvre dans le studio."
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} $(DESC_App)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_Desktop)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} $(DESC_Assoc)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"

  ReadRegStr $0 HKLM "Software\${APP_ID}" "FileAssociation"
  ${If} $0 == "1"
    DeleteRegKey HKLM "Software\Classes\${PROGID}"
    ReadRegStr $1 HKLM "Software\Classes\.advproj" ""
    ${If} $1 == "${PROGID}"
      DeleteRegKey HKLM "Software\Classes\.advproj"
    ${EndIf}
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ${EndIf}
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${APP_ID}"

  ; Only the folders the installer wrote: the user's projects, renders and settings (%APPDATA%,
  ; %LOCALAPPDATA%\advariant) are never touched, nor anything else a user put in the install folder.
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
