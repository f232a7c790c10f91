"""The desktop app, the only package that imports PySide6: the shell (app, main_window, menus
and small widgets) here, each room's views in a subpackage; imports every core room, never cli."""
