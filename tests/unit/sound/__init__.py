"""Tests of the sound subsystem: cue files, mode rules, the player and its child process."""
