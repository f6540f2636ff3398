"""Small helpers shared by our plugins and tasks.py. Not a Pelican plugin.

Nothing here imports a plugin; plugins import from here, never from each other.
"""
