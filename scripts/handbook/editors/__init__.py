"""The editors' command line (`python -m handbook`): check, status, new-chapter, new-worksheet,
linkcheck, doctor."""
