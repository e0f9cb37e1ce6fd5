"""Where and how files live: paths, the one safe TOML primitive (`tomlfile`), and the
preferences, profile, history (with its derived cache), in-progress session and user catalog
built on it. Never imports textual."""
