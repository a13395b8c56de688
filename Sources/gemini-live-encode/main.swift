print("gemini-live-encode")
