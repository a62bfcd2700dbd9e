-- Replaced by the results database work (issue 3).
CREATE TABLE IF NOT EXISTS schema_placeholder (id INTEGER PRIMARY KEY);
