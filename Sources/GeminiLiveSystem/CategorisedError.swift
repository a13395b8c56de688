/// An error that a tool can report as it stands: one line of text and the category that picks the exit status.
///
/// Every error that reaches a front end conforms, so the front ends print and exit through one call
/// (`Diagnostics.exit(reporting:)`) instead of mapping each library's error kinds by hand.
public protocol CategorisedError: Error, CustomStringConvertible, Sendable {
    /// Which exit status the failure calls for.
    var category: ToolErrorCategory { get }
}
