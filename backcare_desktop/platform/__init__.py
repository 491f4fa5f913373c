"""The desktop around BackCare: idle time, notifications, fullscreen, autostart, menus, icon."""
