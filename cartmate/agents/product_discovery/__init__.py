"""The product discovery agent: search, details, categories and complementary items."""
