"""Files to download: the PDF engine and its PDF/UA repairs, worksheet PDF and DOCX, print
editions, translated statements, and the one content-addressed cache."""
