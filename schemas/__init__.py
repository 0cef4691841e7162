"""One declaration per published table (see schemas.registry and schemas.spec)."""
