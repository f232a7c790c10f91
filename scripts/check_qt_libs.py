"""Before `make run` on Linux: are the system libraries that Qt's window plugin (xcb) loads
present? Says exactly what to install, per family of distributions, instead of Qt's
"Could not load the Qt platform plugin xcb". Other systems, or another QT_QPA_PLATFORM
(offscreen, wayland), need nothing: exit 0.
"""

from __future__ import annotations

import ctypes
import os
import sys

# soname: (Debian/Ubuntu, Fedora/RHEL, Arch) package
LIBRARIES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": (
        "libxcb-render-util0",
        "xcb-util-renderutil",
        "xcb-util-renderutil",
    ),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
}
FAMILIES = (
    ("Debian, Ubuntu", "sudo apt-get install"),
    ("Fedora, RHEL", "sudo dnf install"),
    ("Arch", "sudo pacman -S"),
)


def missing() -> list[str]:
    absent = []
    for soname in LIBRARIES:
        try:
            ctypes.CDLL(soname)
        except OSError:
            absent.append(soname)
    return absent


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    if not sys.platform.startswith("linux") or not platform.startswith("xcb"):
        return 0
    absent = missing()
    if not absent:
        return 0
    print("JuryDesk's window needs system libraries that are missing:", ", ".join(absent))
    for column, (family, command) in enumerate(FAMILIES):
        packages = sorted({LIBRARIES[name][column] for name in absent})
        print(f"  {family}: {command} {' '.join(packages)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
