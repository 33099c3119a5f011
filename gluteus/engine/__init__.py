"""The core of gluteus: model, hooks, plugin manager, screening, safety, planner, rendering.

Internal: the supported surface is what :mod:`gluteus` re-exports.
"""
