; Inno Setup script: a per-user installer for the frozen build (no administrator rights).
; Build on Windows after `make bundle` (or `pyinstaller packaging\jurydesk.spec`):
;   iscc packaging\windows\jurydesk.iss      -> dist\JuryDesk-setup-<version>.exe
; It installs dist\JuryDesk\ under the user's own programs folder, puts JuryDesk in the
; start menu, and registers .jurypack (juror packs) and .juryreturn (returns) so that a
; double-click opens them in JuryDesk. Plain .zip files are left alone.

#define AppName "JuryDesk"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Exe "JuryDesk.exe"

[Setup]
AppId={{6E0B7C64-2F8E-4D7B-9C1A-5A3F0D2B7E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=JuryDesk
; Per user: no UAC prompt; {autopf} becomes %LOCALAPPDATA%\Programs, HKA becomes HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=JuryDesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#Exe}
WizardStyle=modern

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\JuryDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#Exe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#Exe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Registry]
; Juror packs: a double-click opens the pack (JuryDesk asks for the juror's code).
Root: HKA; Subkey: "Software\Classes\.jurypack"; ValueType: string; ValueName: ""; ValueData: "JuryDesk.Pack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\JuryDesk.Pack"; ValueType: string; ValueName: ""; ValueData: "JuryDesk-jurypakket"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\JuryDesk.Pack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#Exe},0"
Root: HKA; Subkey: "Software\Classes\JuryDesk.Pack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#Exe}"" ""%1"""
; Returns: a double-click on the secretariat's laptop shows the import report first.
Root: HKA; Subkey: "Software\Classes\.juryreturn"; ValueType: string; ValueName: ""; ValueData: "JuryDesk.Return"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\JuryDesk.Return"; ValueType: string; ValueName: ""; ValueData: "JuryDesk-terugzending"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\JuryDesk.Return\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#Exe},0"
Root: HKA; Subkey: "Software\Classes\JuryDesk.Return\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#Exe}"" ""%1"""

[Run]
Filename: "{app}\{#Exe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
