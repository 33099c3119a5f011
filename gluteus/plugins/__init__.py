"""The built-in plugins. Each is registered like a third-party plugin (see
:data:`gluteus.engine.pluginmanager.DEFAULT_PLUGINS`) and uses only the public hooks."""
