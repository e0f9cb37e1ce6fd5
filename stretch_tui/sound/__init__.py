"""Session cues as sound (docs/product.md 6 and 7): which backend plays them and the audio player
process.

- `cues`: the `Cue` enum, one member per cue sound.
- `mode`: the pure rules that turn the `sound_mode` setting into a backend, with the reason.
- `player`: `CuePlayer`, the app's side: plays a cue through real audio, the terminal bell, or
  not at all, and falls back to the bell when audio fails.
- `child`: the separate audio player process, so that a crash in the audio library never takes
  the app down.

Nothing here imports Textual: the app passes its `bell` in.
"""
