"""Pure publishing functions: warehouse writer, Frictionless packager, catalogue index and site."""
