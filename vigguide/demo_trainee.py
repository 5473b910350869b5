"""A demo trainee home (filled in below)."""
