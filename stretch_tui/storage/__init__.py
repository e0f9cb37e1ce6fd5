"""Where and how files live. Never imports textual."""
