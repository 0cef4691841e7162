"""Pure functions: source verification, text normalisation, the document model, one extractor per table."""
