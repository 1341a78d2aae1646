"""Admin for municipalities, postcodes and regions."""
