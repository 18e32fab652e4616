/**
 * One input the user named, resolved: a file, standard input, or a URL.
 * Directories and globs resolve to one `file` ref per matching file.
 */
export type SourceRef =
  | { kind: 'stdin'; name: '-' }
  | { kind: 'url'; name: string; url: URL }
  | {
      kind: 'file';
      /** The name shown in output (`source` field): the path as the user wrote it, or joined under the directory/glob. */
      name: string;
      /** Absolute path. */
      path: string;
      /** Size in bytes, for the progress bar. */
      size: number;
      /** True for files found by expanding a directory or a glob: binaries among them are skipped with a note. */
      expanded: boolean;
    };
