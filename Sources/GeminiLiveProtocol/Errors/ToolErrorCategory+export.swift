// The category every error of the tools carries (which exit status it means) is part of the protocol's vocabulary:
// a module that imports only GeminiLiveProtocol, such as the session's pure core, can name an outcome's category
// without reaching the rest of GeminiLiveSystem, whose write loops and file reads do I/O.
@_exported import enum GeminiLiveSystem.ToolErrorCategory
@_exported import protocol GeminiLiveSystem.CategorisedError
