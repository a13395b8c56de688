#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ToolErrorCategory {
    /// The category of a failed open(2) or read(2) of an input, from its errno.
    ///
    /// What the user named is unusable (missing, not permitted, a directory, a bad path): `noInput`. Only a
    /// failure of the system itself (an I/O error, no descriptors or memory left) is `io`. Linux opens a
    /// directory for reading and fails the first read with EISDIR, so that errno counts as the path's fault too.
    public static func input(errno code: Int32) -> ToolErrorCategory {
        switch code {
        case EIO, EMFILE, ENFILE, ENOMEM, ENOBUFS: .io
        default: .noInput
        }
    }

    /// The category of a failed open(2) or mkdir(2) of an output: it cannot be created.
    public static func output(errno code: Int32) -> ToolErrorCategory {
        switch code {
        case EIO, EMFILE, ENFILE, ENOMEM, ENOBUFS: .io
        default: .cannotCreate
        }
    }

    /// The category of a failed write(2): a closed pipe ends the run quietly, anything else is `io`.
    public static func write(errno code: Int32) -> ToolErrorCategory {
        code == EPIPE ? .outputClosed : .io
    }
}
