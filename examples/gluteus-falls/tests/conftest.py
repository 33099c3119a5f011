"""Use gluteus's fixtures (gluteus_pm) in this package's tests."""

pytest_plugins = ["gluteus.testing"]
