"""What the app knows, as plain Python. Never imports textual or storage."""
