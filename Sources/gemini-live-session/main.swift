print("gemini-live-session: not built yet")
