print("gemini-live-emulator: not built yet")
